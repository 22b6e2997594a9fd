// A stand-in for the `vscode` module, enough to run the real activate() in
// plain Node and time it: every member is a callable, constructible proxy,
// and getters of stored state answer "nothing stored".
import Module from 'node:module';

function standIn(name: string): unknown {
  const target = function () {
    /* stand-in */
  };
  return new Proxy(target, {
    get(_t, key) {
      if (key === 'then') {
        return undefined; // not a promise
      }
      if (key === Symbol.toPrimitive) {
        return () => name;
      }
      if (key === 'get') {
        return () => undefined;
      }
      return standIn(`${name}.${String(key)}`);
    },
    // Features set properties (statusBarItem.name, .text…): accept and forget them.
    set: () => true,
    apply: () => standIn(`${name}()`),
    construct: () => standIn(`new ${name}`) as object,
  });
}

/** Makes `require('vscode')` return the stand-in. */
export function installStandInVscode(): void {
  const moduleWithLoad = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = moduleWithLoad._load;
  // esbuild's ESM interop copies own keys, so the namespace lists its members.
  const members = ['window', 'workspace', 'commands', 'env', 'l10n', 'languages', 'scm', 'extensions', 'authentication', 'comments', 'Uri', 'EventEmitter', 'ThemeIcon', 'ThemeColor', 'TreeItem', 'TreeItemCollapsibleState', 'Disposable', 'MarkdownString', 'ConfigurationTarget', 'ViewColumn', 'StatusBarAlignment', 'ProgressLocation', 'Range', 'Position', 'Selection'];
  const vscode = Object.fromEntries(members.map((m) => [m, standIn(`vscode.${m}`)]));
  moduleWithLoad._load = (request, ...rest) => (request === 'vscode' ? vscode : original(request, ...rest));
}

export function standInContext(): unknown {
  return {
    subscriptions: [] as unknown[],
    workspaceState: { get: () => undefined, update: async () => undefined },
    globalState: { get: () => undefined, update: async () => undefined },
    secrets: { get: async () => undefined, store: async () => undefined, delete: async () => undefined },
    extensionUri: standIn('extensionUri'),
    extensionPath: '/tmp/feedback-loop',
    globalStorageUri: standIn('globalStorageUri'),
  };
}
