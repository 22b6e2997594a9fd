// Bundles the extension loads on demand, next to dist/extension.js (the
// tracker adapters, axios, the connect steps, zod's compiler), and the esbuild
// plugins that wire them into it. Activation loads none of them
// (test/unit/bundleBudget.test.ts).
//
// A lazy bundle carries its own copy of what only it uses (axios, in the HTTP
// bundle). What it shares with the extension bundle (zod, core/, the
// TrackerError class) is not copied: the extension bundle hands its own
// modules over when it loads the lazy one, so there is one zod (one global
// configuration, one locale) and one TrackerError class (`instanceof` holds
// across the seam). Only the bindings the lazy bundle imports are handed over,
// found by reading its import statements, so tree-shaking of the extension
// bundle is kept (handing over zod's whole namespace would keep all of zod,
// its 40 locales included).
//
// The extension bundle reaches a lazy bundle in one of two ways:
// - `import('…/trackers/github/githubTracker')` in our source becomes
//   `require('./trackers/github.js')`, run when that promise is; a static import
//   of such a module is a build error, since it would load at activation. The
//   source is unchanged in meaning: run by tsx (tests, benchmarks) it is an
//   ordinary dynamic import;
// - `standIn` bundles replace modules imported statically where a call must
//   stay synchronous (zod's compiler, which zod imports itself; the pattern
//   check inside a settings schema): the extension bundle gets forwarders
//   that load the lazy bundle on their first call.
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const ts = require('typescript');

const root = path.resolve(__dirname, '..', '..');
const rel = (file) => path.relative(root, file).split(path.sep).join('/');
const abs = (key) => path.join(root, key);

const zodCore = (file) => `node_modules/zod/v4/core/${file}`;
/** Tracker bundles own everything under src/trackers/ but the TrackerClient contract, and their npm packages (axios); zod comes from the extension. */
const trackerOwns = (key) => (key.startsWith('src/trackers/') && key !== 'src/trackers/tracker.ts') || (key.startsWith('node_modules/') && !key.startsWith('node_modules/zod/'));
/** zod bundles own the given files of zod; the rest of zod (its global configuration, its registry) is the extension's. */
const zodOwns = (files) => (key) => !key.startsWith('node_modules/zod/') || files.includes(key);

/** The impact bundle owns its service, the view's rows, the Copy command's markdown, core's impact computation and the platform's blame of changes; the rest is the extension's. */
const impactOwns = (key) =>
  ['src/features/customerImpact/impactService.ts', 'src/features/customerImpact/impactMarkdown.ts', 'src/features/customerImpact/impactCommands.ts', 'src/features/customerImpact/impactRows.ts'].includes(key) ||
  /^src\/core\/impact\/(impact|impactTotals|diff|blame|fileHistory)\.ts$/.test(key) ||
  ['src/platform/changeBlame.ts', 'src/platform/baseVersions.ts', 'src/platform/pathHistory.ts', 'src/platform/latestRuns.ts', 'src/platform/boundedMap.ts'].includes(key);

/** The feedback item quick pick: only commands (lazy) open it, so each of their bundles has its copy. */
const itemPicker = ['src/platform/itemPicker.ts', 'src/platform/itemPickerSession.ts'];

/** The schemas of the item panel's messages and of the composer both webviews share: only their hosts' code (lazy) reads them. */
const webviewProtocols = ['src/shared/itemPanelProtocol.ts', 'src/shared/composerProtocol.ts'];

/**
 * name: the file under dist/ (`trackers/github` → dist/trackers/github.js);
 * entries: the modules it exports; owns(key): whether a module reached from them is bundled here
 * (otherwise the extension bundle hands it over; a module that is another lazy bundle's entry comes from that bundle).
 */
const lazyBundles = [
  { name: 'trackers/http', entries: ['src/trackers/http.ts'], owns: trackerOwns },
  { name: 'trackers/rest', entries: ['src/trackers/rest/restTracker.ts'], owns: trackerOwns },
  { name: 'trackers/github', entries: ['src/trackers/github/githubTracker.ts'], owns: trackerOwns },
  { name: 'trackers/canny', entries: ['src/trackers/canny/cannyTracker.ts'], owns: trackerOwns },
  { name: 'trackers/fider', entries: ['src/trackers/fider/fiderTracker.ts'], owns: trackerOwns },
  { name: 'trackers/linear', entries: ['src/trackers/linear/linearTracker.ts'], owns: trackerOwns },
  // The Linear connection's sign-in and client: with its first request, or the connect steps.
  { name: 'linearClient', entries: ['src/features/connection/linearClient.ts'], owns: (key) => key === 'src/features/connection/linearClient.ts' },
  // The guided steps of "Connect a Tracker…", and "Manage Connections…" (Reconnect reuses the steps): run when one of them first is.
  {
    name: 'connect',
    entries: ['src/features/connection/trackerSteps.ts', 'src/features/connection/manageConnections.ts', 'src/features/connection/githubSignIn.ts'],
    owns: (key) =>
      [
        'src/features/connection/trackerSteps.ts',
        'src/features/connection/manageConnections.ts',
        'src/features/connection/githubSignIn.ts',
        'src/features/connection/connectionWords.ts',
        'src/trackers/github/remote.ts',
        'src/core/connections/connectionNames.ts',
      ].includes(key),
  },
  // The item panels, their controller and texts, and the protocol schemas they check the pages' messages with: when the first panel opens or is restored.
  {
    name: 'itemPanel',
    entries: ['src/features/itemPanel/itemPanels.ts'],
    owns: (key) => ['src/features/itemPanel/itemPanels.ts', 'src/features/itemPanel/itemPanelController.ts', 'src/features/itemPanel/panelTexts.ts', ...webviewProtocols].includes(key),
  },
  // The Conversation view's controller and its protocol: when the view is first shown or an item first followed.
  {
    name: 'conversation',
    entries: ['src/features/conversation/conversationController.ts'],
    owns: (key) => ['src/features/conversation/conversationController.ts', 'src/shared/conversationProtocol.ts', ...webviewProtocols].includes(key),
  },
  // Changing the connection registry, and carrying the connection of before it over: on the first change, or a first start that has one to carry.
  {
    name: 'connectionStore',
    entries: ['src/platform/connectionStore.ts', 'src/platform/connectionMigration.ts'],
    owns: (key) =>
      ['src/platform/connectionStore.ts', 'src/platform/connectionMigration.ts'].includes(key) || /^src\/core\/connections\/(migration|registry|connectionNames)\.ts$/.test(key),
  },
  // Close the loop's offers and Review: when something shipped is first offered or reviewed.
  {
    name: 'announcements',
    entries: ['src/features/closeLoop/announcements.ts'],
    owns: (key) => ['src/features/closeLoop/announcements.ts', 'src/core/closeLoop/template.ts'].includes(key),
  },
  // Close the loop's reading of tags and merges (its detection): with its first look, after the history scan.
  { name: 'closeLoopDetection', entries: ['src/core/closeLoop/detection.ts'], owns: (key) => key === 'src/core/closeLoop/detection.ts' },
  // "Draft Release Notes…": run when the command first is.
  { name: 'releaseNotes', entries: ['src/features/closeLoop/releaseNotesDraft.ts'], owns: (key) => ['src/features/closeLoop/releaseNotesDraft.ts', 'src/features/closeLoop/releaseNotesText.ts', 'src/core/closeLoop/releaseNotes.ts'].includes(key) },
  // What Start Work, Link Item to Commit Message, Link Past Commit and opening a commit's changes do: run when one of them first is.
  // And what only a commit, a hover or an open panel runs: posting the links of the user's commit, a reference's hover, an item's linked commits.
  {
    name: 'workCommands',
    entries: ['src/features/commitLinks/onDemand.ts'],
    owns: (key) =>
      [
        'src/features/commitLinks/onDemand.ts',
        'src/features/commitLinks/workActions.ts',
        'src/features/commitLinks/ownCommitLinks.ts',
        'src/features/commitLinks/referenceHover.ts',
        'src/features/commitLinks/linkedCommits.ts',
        'src/core/linkTarget.ts',
        'src/core/branchName.ts',
        ...itemPicker,
      ].includes(key),
  },
  // What Change Status…, Show Pending Writes and Discard a Pending Write do: run when one of them first is.
  { name: 'outboxCommands', entries: ['src/features/conversation/outboxCommands.ts'], owns: (key) => key === 'src/features/conversation/outboxCommands.ts' },
  // What Mark Trade-off… and the commands on a trade-off (edit, resolve, reopen, delete, reply, open) do: run when one of them first is.
  {
    name: 'tradeoffCommands',
    entries: ['src/features/tradeoffs/tradeoffActions.ts', 'src/features/tradeoffs/markTradeOff.ts'],
    owns: (key) =>
      ['src/features/tradeoffs/tradeoffActions.ts', 'src/features/tradeoffs/markTradeOff.ts', 'src/features/tradeoffs/newTradeOff.ts', 'src/core/tradeoffs/tradeoffWrite.ts', ...itemPicker].includes(key),
  },
  // Customer impact's engine (the diff, blame of changed lines, the computation): loaded just after activation.
  { name: 'impact', entries: ['src/features/customerImpact/impactService.ts', 'src/features/customerImpact/impactRows.ts', 'src/features/customerImpact/impactMarkdown.ts', 'src/features/customerImpact/impactCommands.ts'], owns: impactOwns },
  // The benchmark's probes (extension.ts loads them only with FEEDBACK_LOOP_TEST_PROBES=1).
  { name: 'testProbes', entries: ['src/platform/testProbes.ts'], owns: (key) => ['src/platform/testProbes.ts', 'src/platform/probeFile.ts'].includes(key) },
  // safe-regex2 and its parser: run on the first reference pattern of the user's settings (ours are not checked again).
  { name: 'patternSafety', entries: ['src/platform/patternSafety.ts'], owns: (key) => key === 'src/platform/patternSafety.ts' || /^node_modules\/(safe-regex2|ret)\//.test(key), standIn: true },
  // z.compile (core/snapshot.ts): run on the first snapshot read.
  { name: 'zod/compile', entries: [zodCore('compile.js')], owns: zodOwns([zodCore('compile.js'), zodCore('memoizer.js')]), standIn: true },
];

const bundleOfEntry = new Map(lazyBundles.flatMap((b) => b.entries.map((e) => [e, b])));
const entryNames = [...new Set([...bundleOfEntry.keys()].map((e) => path.basename(e).replace(/\.[jt]s$/, '')))];
const entrySpecifier = new RegExp(`(^|/)(${entryNames.map((n) => n.replace(/[.-]/g, '\\$&')).join('|')})(\\.[jt]s)?$`);

/**
 * What each lazy bundle imports from the extension bundle, filled by its build:
 * bundle name → module key → the names it imports, or 'whole' for another lazy bundle's entry.
 */
const handedOver = new Map();

/** Resolves as esbuild would without this plugin (the flag stops the plugin from seeing its own call). */
const resolveAgain = (build, args) =>
  build.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, with: args.with, pluginData: { lazyResolving: true } });

const passThrough = (resolved) =>
  resolved.errors.length > 0
    ? { errors: resolved.errors, warnings: resolved.warnings }
    : { path: resolved.path, namespace: resolved.namespace, external: resolved.external, sideEffects: resolved.sideEffects, pluginData: resolved.pluginData, suffix: resolved.suffix };

// ---- the lazy bundles' side ----------------------------------------------

/** The lazy bundle's entry: `load(modules)` takes the extension's modules and returns its entries' exports. */
function entryContents(bundle) {
  const exportsOf = bundle.entries.map((e) => `${JSON.stringify(e)}: require(${JSON.stringify(abs(e))})`).join(',\n    ');
  return `const host = require('lazy-host');\nexports.load = (modules) => {\n  host.provide(modules);\n  return {\n    ${exportsOf},\n  };\n};\n`;
}

// A name the extension did not hand over throws, naming it, instead of leaving `undefined` to fail later.
const hostContents = `let modules;
exports.provide = (m) => { modules = m; };
exports.get = (key) => {
  if (!modules || !(key in modules)) throw new Error('Lazy bundle loaded without ' + key + ' (esbuild.js)');
  const missing = new Proxy({}, { get: (_, name) => { if (typeof name === 'symbol' || name === '__esModule' || name === 'default' || name === 'then') return undefined; throw new Error(key + ' does not hand ' + name + ' to this bundle: rebuild (esbuild.js)'); } });
  return Object.assign(Object.create(missing), modules[key]);
};
`;

/** The plugin of one lazy bundle's build. */
function lazyBundlePlugin(bundle, onNames) {
  return {
    name: `lazy-bundle:${bundle.name}`,
    setup(build) {
      build.onResolve({ filter: /^lazy-entry$/ }, () => ({ path: bundle.name, namespace: 'lazy-entry' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-entry' }, () => ({ contents: entryContents(bundle), loader: 'js', resolveDir: root }));
      build.onResolve({ filter: /^lazy-host$/ }, () => ({ path: 'lazy-host', namespace: 'lazy-host' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-host' }, () => ({ contents: hostContents, loader: 'js' }));
      build.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.lazyResolving || args.namespace !== 'file') {
          return undefined;
        }
        const resolved = await resolveAgain(build, args);
        if (resolved.errors.length > 0 || resolved.external || resolved.namespace !== 'file') {
          return passThrough(resolved);
        }
        const key = rel(resolved.path);
        const otherBundle = bundleOfEntry.get(key);
        const fromHost = otherBundle ? otherBundle !== bundle : !bundle.owns(key);
        if (!fromHost) {
          return passThrough(resolved);
        }
        if (args.kind !== 'import-statement') {
          return { errors: [{ text: `${rel(args.importer)} reaches ${key} by ${args.kind}: only import statements can be handed over by the extension bundle (esbuild.js)` }] };
        }
        return { path: key, namespace: 'from-extension' };
      });
      build.onLoad({ filter: /.*/, namespace: 'from-extension' }, (args) => ({ contents: `module.exports = require('lazy-host').get(${JSON.stringify(args.path)});`, loader: 'js' }));
      build.onEnd((result) => {
        if (result.errors.length === 0 && result.metafile) {
          onNames(importedFromExtension(bundle, result.metafile));
        }
      });
    },
  };
}

/** For each module the bundle takes from the extension, the names its files import (read with TypeScript's parser). */
function importedFromExtension(bundle, metafile) {
  const names = new Map();
  for (const [file, input] of Object.entries(metafile.inputs)) {
    const handed = input.imports.filter((i) => i.path.startsWith('from-extension:'));
    if (handed.length === 0) {
      continue;
    }
    const keyOf = new Map(handed.map((i) => [i.original, i.path.slice('from-extension:'.length)]));
    for (const [key, used] of importsOf(file, keyOf)) {
      if (bundleOfEntry.has(key) && bundleOfEntry.get(key) !== bundle) {
        names.set(key, 'whole');
        continue;
      }
      const all = names.get(key) ?? new Set();
      used.forEach((n) => all.add(n));
      names.set(key, all);
    }
  }
  return names;
}

/** specifier → key, for the file's import statements; returns key → names imported (namespace imports: the members used). */
function importsOf(file, keyOf) {
  const text = fs.readFileSync(abs(file), 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, file.endsWith('.ts') ? ts.ScriptKind.TS : ts.ScriptKind.JS);
  const used = new Map();
  const namespaces = new Map();
  const add = (key, name) => used.set(key, (used.get(key) ?? new Set()).add(name));
  for (const statement of source.statements) {
    const specifier = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier) ? statement.moduleSpecifier.text : undefined;
    const key = specifier === undefined ? undefined : keyOf.get(specifier);
    if (key === undefined) {
      continue;
    }
    if (ts.isExportDeclaration(statement)) {
      throw new Error(`${file} re-exports ${specifier}: a lazy bundle can only import what the extension bundle hands over (esbuild.js)`);
    }
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) {
      continue;
    }
    if (clause.name) {
      add(key, 'default');
    }
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) {
      namespaces.set(bindings.name.text, key);
      used.set(key, used.get(key) ?? new Set());
    } else if (bindings) {
      bindings.elements.filter((e) => !e.isTypeOnly).forEach((e) => add(key, (e.propertyName ?? e.name).text));
    }
  }
  if (namespaces.size > 0) {
    const visit = (node) => {
      if (ts.isIdentifier(node) && namespaces.has(node.text)) {
        const parent = node.parent;
        if (ts.isPropertyAccessExpression(parent) && parent.expression === node) {
          add(namespaces.get(node.text), parent.name.text);
        } else if (!ts.isQualifiedName(parent) && !ts.isNamespaceImport(parent) && !ts.isTypeQueryNode(parent)) {
          throw new Error(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} uses the namespace ${node.text} as a value: import the names it needs (esbuild.js)`);
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return used;
}

// ---- the extension bundle's side -----------------------------------------
//
// esbuild defers the evaluation of a module that is require()d or import()ed,
// and of every module it imports: a loader that imported zod would make all of
// zod deferred (bigger, slower). So the loaders live in one module injected at
// the start of the bundle (`inject`), where importing zod defers nothing; they
// register themselves in a registry (CommonJS, no imports), which is all that
// import() seams and stand-ins reach.

const registryContents = `const loaders = new Map();
exports.register = (name, load) => { loaders.set(name, load); };
exports.load = (name) => loaders.get(name)();
`;

/** The injected module: for each lazy bundle, a loader that requires it once, handing over what it imports from the extension. */
function loadersContents() {
  const lines = ["import { load, register } from 'lazy-registry';"];
  lazyBundles.forEach((bundle, b) => {
    const modules = [];
    [...(handedOver.get(bundle.name) ?? new Map())].forEach(([key, used], i) => {
      if (used === 'whole') {
        modules.push(`${JSON.stringify(key)}: load(${JSON.stringify(bundleOfEntry.get(key).name)})[${JSON.stringify(key)}]`);
        return;
      }
      const list = [...used].sort();
      lines.push(`import { ${list.map((n, j) => `${n} as m${b}_${i}_${j}`).join(', ')} } from ${JSON.stringify(abs(key))};`);
      modules.push(`${JSON.stringify(key)}: { ${list.map((n, j) => `${JSON.stringify(n)}: m${b}_${i}_${j}`).join(', ')} }`);
    });
    lines.push(`let loaded${b};`);
    lines.push(`register(${JSON.stringify(bundle.name)}, () => (loaded${b} ??= require(${JSON.stringify(`lazy-file:${bundle.name}.js`)}).load({ ${modules.join(', ')} })));`);
  });
  return lines.join('\n');
}

/**
 * A module's exports by name. JavaScript is loaded; our TypeScript (plain
 * Node cannot load it) is read with TypeScript's parser, and may export
 * functions only, so that the stand-in knows what each export is.
 */
async function exportsOf(key) {
  if (!key.endsWith('.ts')) {
    return import(pathToFileURL(abs(key)).href);
  }
  const source = ts.createSourceFile(key, fs.readFileSync(abs(key), 'utf8'), ts.ScriptTarget.Latest);
  const exported = source.statements.filter((s) => ts.isExportDeclaration(s) || ts.isExportAssignment(s) || ts.getModifiers?.(s)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword));
  const functions = exported.filter((s) => ts.isFunctionDeclaration(s) && s.name);
  if (functions.length !== exported.length) {
    throw new Error(`${key} exports something other than functions, which a stand-in of TypeScript cannot forward (esbuild.js)`);
  }
  return Object.fromEntries(functions.map((f) => [f.name.text, () => undefined]));
}

/** Forwarders for every export of a module imported statically; the first use loads the lazy bundle. */
async function standInContents(bundle, key) {
  const real = await exportsOf(key);
  const lines = [
    "import { load } from 'lazy-registry';",
    `const real = (name) => load(${JSON.stringify(bundle.name)})[${JSON.stringify(key)}][name];`,
    // Functions and classes alike: calls, `new` and property reads go to the real export.
    'const forward = (name) => new Proxy(function () {}, { apply: (_, self, args) => Reflect.apply(real(name), self, args), construct: (_, args) => Reflect.construct(real(name), args), get: (_, p) => real(name)[p] });',
    'const forwardObject = (name) => new Proxy({}, { get: (_, p) => real(name)[p], has: (_, p) => p in real(name), ownKeys: () => Reflect.ownKeys(real(name)), getOwnPropertyDescriptor: (_, p) => Reflect.getOwnPropertyDescriptor(real(name), p) });',
  ];
  const exported = [];
  Object.entries(real).forEach(([name, value], i) => {
    if (typeof value === 'function') {
      lines.push(`const s${i} = forward(${JSON.stringify(name)});`);
    } else if (typeof value === 'symbol' && Symbol.keyFor(value) !== undefined) {
      lines.push(`const s${i} = Symbol.for(${JSON.stringify(Symbol.keyFor(value))});`);
    } else if (value !== null && typeof value === 'object') {
      lines.push(`const s${i} = forwardObject(${JSON.stringify(name)});`);
    } else if (value === undefined || ['string', 'number', 'boolean'].includes(typeof value)) {
      lines.push(`const s${i} = ${value === undefined ? 'undefined' : JSON.stringify(value)};`);
    } else {
      throw new Error(`${key} exports ${name} (${typeof value}), which a stand-in cannot forward (esbuild.js)`);
    }
    exported.push(`s${i} as ${name}`);
  });
  lines.push(`export { ${exported.join(', ')} };`);
  return lines.join('\n');
}

/** The extension bundle's plugin: lazy entries become loads through the registry, or stand-ins. */
function extensionSidePlugin() {
  return {
    name: 'lazy-bundles',
    setup(build) {
      build.initialOptions.inject = [...(build.initialOptions.inject ?? []), 'lazy-loaders'];
      build.onResolve({ filter: /^lazy-loaders$/ }, () => ({ path: 'lazy-loaders', namespace: 'lazy-loaders' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-loaders' }, () => ({ contents: loadersContents(), loader: 'js', resolveDir: root }));
      build.onResolve({ filter: /^lazy-registry$/ }, () => ({ path: 'lazy-registry', namespace: 'lazy-registry' }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-registry' }, () => ({ contents: registryContents, loader: 'js' }));
      // Relative to dist/extension.js at run time.
      build.onResolve({ filter: /^lazy-file:/ }, (args) => ({ path: `./${args.path.slice('lazy-file:'.length)}`, external: true }));
      build.onResolve({ filter: entrySpecifier }, async (args) => {
        if (args.pluginData?.lazyResolving || args.namespace !== 'file') {
          return undefined;
        }
        const resolved = await resolveAgain(build, args);
        const bundle = resolved.namespace === 'file' && !resolved.external ? bundleOfEntry.get(rel(resolved.path)) : undefined;
        if (!bundle) {
          return passThrough(resolved);
        }
        const key = rel(resolved.path);
        if (bundle.standIn) {
          return { path: key, namespace: 'lazy-stand-in', pluginData: bundle };
        }
        if (args.kind !== 'dynamic-import') {
          return { errors: [{ text: `${rel(args.importer)} imports ${key} statically: it is in the lazy bundle dist/${bundle.name}.js, so use import() where it is needed, never at activation (esbuild.js)` }] };
        }
        return { path: key, namespace: 'lazy-import', pluginData: bundle };
      });
      build.onLoad({ filter: /.*/, namespace: 'lazy-stand-in' }, async (args) => ({ contents: await standInContents(args.pluginData, args.path), loader: 'js', resolveDir: root }));
      build.onLoad({ filter: /.*/, namespace: 'lazy-import' }, (args) => ({
        contents: `module.exports = require('lazy-registry').load(${JSON.stringify(args.pluginData.name)})[${JSON.stringify(args.path)}];`,
        loader: 'js',
        resolveDir: root,
      }));
      build.onEnd((result) => {
        if (result.metafile) {
          result.errors.push(...handedButNotBundled(result.metafile));
        }
      });
    },
  };
}

/** A module handed over to a lazy bundle must be imported by the extension's own modules, else handing it over grows the extension. */
function handedButNotBundled(metafile) {
  const imported = new Set(
    Object.entries(metafile.inputs)
      .filter(([file]) => !file.startsWith('lazy-'))
      .flatMap(([, input]) => input.imports.map((i) => i.path)),
  );
  const errors = [];
  for (const [bundle, names] of handedOver) {
    for (const [key, used] of names) {
      if (used !== 'whole' && !imported.has(key)) {
        errors.push({ text: `dist/${bundle}.js takes ${key} from the extension bundle, which does not otherwise contain it: let the lazy bundle own it (esbuild.js)` });
      }
    }
  }
  return errors;
}

/** esbuild options of every lazy bundle; `onChange` runs when what one imports from the extension changed (watch mode rebuilds the extension). */
function lazyBundleOptions(common, outdir, pluginsOf, onChange) {
  return lazyBundles.map((bundle) => ({
    ...common,
    entryPoints: { [bundle.name]: 'lazy-entry' },
    outdir,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    metafile: true,
    plugins: [
      ...common.plugins,
      ...pluginsOf(bundle.name),
      lazyBundlePlugin(bundle, (names) => {
        const before = JSON.stringify([...(handedOver.get(bundle.name) ?? [])].map(([k, v]) => [k, v === 'whole' ? v : [...v].sort()]));
        handedOver.set(bundle.name, names);
        const after = JSON.stringify([...names].map(([k, v]) => [k, v === 'whole' ? v : [...v].sort()]));
        if (before !== after) {
          onChange();
        }
      }),
    ],
  }));
}

module.exports = { lazyBundles, lazyBundleOptions, extensionSidePlugin };
