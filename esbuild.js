// Builds the three kinds of bundle named in ARCHITECTURE.md: the extension,
// one browser bundle per webview, and the reference tracker.
// Flags: --production (minify, no source maps), --watch, --only=<extension|webviews|tracker>.
const esbuild = require('esbuild');
const fs = require('node:fs');
const path = require('node:path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const only = process.argv.find((a) => a.startsWith('--only='))?.slice('--only='.length);

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

const bundles = {
  extension: {
    ...common,
    entryPoints: ['src/extension.ts'],
    outfile: 'dist/extension.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
  },
  webviews: {
    ...common,
    entryPoints: Object.fromEntries(webviewNames.map((n) => [n, `src/webview/${n}/main.ts`])),
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
  },
  tracker: {
    ...common,
    entryPoints: ['src/reference-tracker/main.ts'],
    outfile: 'dist/reference-tracker.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  },
};

async function main() {
  const selected = Object.entries(bundles).filter(([name]) => !only || only.split(',').includes(name));
  const contexts = await Promise.all(selected.map(([, options]) => esbuild.context(options)));
  if (watch) {
    await Promise.all(contexts.map((c) => c.watch()));
    return;
  }
  await Promise.all(contexts.map((c) => c.rebuild()));
  await Promise.all(contexts.map((c) => c.dispose()));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
