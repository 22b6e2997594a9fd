// Builds the kinds of bundle named in ARCHITECTURE.md: the extension and the
// bundles it loads on demand (scripts/build/lazyBundles.js), one browser
// bundle per webview, and the reference tracker.
// Flags: --production (minify, no source maps), --watch, --only=<extension|webviews|tracker>,
// --outdir=<dir> (default dist; the benchmark builds elsewhere to leave dist alone),
// --analyze (prints what is in the extension bundle, the bundles it loads and each webview bundle, biggest first).
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');
const { extensionSidePlugin, lazyBundleOptions } = require('./scripts/build/lazyBundles');
const { webviewStandInsPlugin } = require('./scripts/build/webviewStandIns');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const outdir = process.argv.find((a) => a.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);
const analyze = process.argv.includes('--analyze');

/** Prints errors in the format of VS Code's `$esbuild-watch` problem matcher. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      console.log('[watch] build finished');
    });
  },
};

/**
 * axios (in the lazily loaded dist/trackers/http.js): its Node adapter imports modules for features the extension turns off:
 * multipart bodies (form-data, and through it mime-db, 140 KB), redirect
 * following (follow-redirects: trackers/http.ts sets maxRedirects 0 and follows
 * by hand, keeping credentials on their origin) and environment proxies
 * (proxy: false, VS Code's own proxy support applies). Each is replaced by a
 * stand-in that throws if ever used, so a config change fails loudly.
 */
const unusedByOurAxiosConfig = {
  'form-data': "module.exports = class FormData { constructor() { throw new Error('multipart bodies are not bundled (esbuild.js)'); } };",
  'follow-redirects':
    "const refuse = () => { throw new Error('axios redirect following is not bundled: use maxRedirects: 0 (esbuild.js)'); };\n" +
    'module.exports = { http: { request: refuse }, https: { request: refuse } };',
  'proxy-from-env': "exports.getProxyForUrl = () => { throw new Error('environment proxies are not bundled: use proxy: false (esbuild.js)'); };",
  'https-proxy-agent': "module.exports = class HttpsProxyAgent { constructor() { throw new Error('proxy agents are not bundled (esbuild.js)'); } };",
};

const unusedModulesPlugin = {
  name: 'unused-modules',
  setup(build) {
    const filter = new RegExp(`^(${Object.keys(unusedByOurAxiosConfig).join('|')})$`);
    build.onResolve({ filter }, (args) => ({ path: args.path, namespace: 'unused-module' }));
    build.onLoad({ filter: /.*/, namespace: 'unused-module' }, (args) => ({ contents: unusedByOurAxiosConfig[args.path], loader: 'js' }));
  },
};

const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  plugins: [problemMatcherPlugin],
};

const webviewNames = fs
  .readdirSync(path.join(__dirname, 'src/webview'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(__dirname, 'src/webview', d.name, 'main.ts')))
  .map((d) => d.name);

const extension = {
  ...common,
  entryPoints: ['src/extension.ts'],
  outfile: `${outdir}/extension.js`,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode'],
  metafile: true,
  plugins: [...common.plugins, extensionSidePlugin()],
};

/** Set once the extension's context exists: a lazy bundle that imports other names from the extension rebuilds it (watch mode). */
let rebuildExtension = () => undefined;
const lazy = lazyBundleOptions(common, outdir, (name) => (name === 'trackers/http' ? [unusedModulesPlugin] : []), () => rebuildExtension());

const bundles = {
  extension,
  webviews: {
    ...common,
    entryPoints: Object.fromEntries(webviewNames.map((n) => [n, `src/webview/${n}/main.ts`])),
    outdir: `${outdir}/webview`,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    metafile: true,
    // markdown-it without linkify-it and the `entities` table: scripts/build/webviewStandIns.js says why.
    plugins: [...common.plugins, webviewStandInsPlugin()],
  },
  tracker: {
    ...common,
    entryPoints: ['src/reference-tracker/main.ts'],
    outfile: `${outdir}/reference-tracker.js`,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
};

/** In-host integration tests: transpiled file by file (not bundled), loaded by Mocha inside VS Code. */
const integrationTests = {
  entryPoints: fs.readdirSync(path.join(__dirname, 'test/integration')).filter((f) => f.endsWith('.ts')).map((f) => `test/integration/${f}`),
  outdir: 'out/test/integration',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
};

async function main() {
  const targets = { ...bundles, integration: integrationTests };
  // The extension's own bundles by default; test code only when asked for.
  const selected = Object.entries(targets).filter(([name]) => (only ? only.split(',').includes(name) : name in bundles));
  const contexts = await Promise.all(selected.map(([, options]) => esbuild.context(options)));
  // The lazy bundles go with the extension, and first: the extension hands them the names they import.
  const withExtension = selected.some(([name]) => name === 'extension');
  const lazyContexts = withExtension ? await Promise.all(lazy.map((options) => esbuild.context(options))) : [];
  const lazyResults = await Promise.all(lazyContexts.map((c) => c.rebuild()));
  if (watch) {
    const extensionContext = contexts[selected.findIndex(([name]) => name === 'extension')];
    rebuildExtension = () => void extensionContext?.rebuild().catch(() => undefined);
    await Promise.all([...lazyContexts, ...contexts].map((c) => c.watch()));
    return;
  }
  const results = await Promise.all(contexts.map((c) => c.rebuild()));
  if (analyze) {
    for (const { metafile } of [...results, ...lazyResults].filter((r) => r.metafile)) {
      console.log(await esbuild.analyzeMetafile(metafile));
    }
  }
  await Promise.all([...lazyContexts, ...contexts].map((c) => c.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
