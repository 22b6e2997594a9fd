// A stand-in for the `vscode` module, enough to run the real activate() in
// plain Node and time it: every member is a callable, constructible proxy,
// and getters of stored state answer "nothing stored".
import * as fs from 'node:fs';
import Module from 'node:module';

function vscodeMembers(): string[] {
  const types = fs.readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
  const names = [...types.matchAll(/^\t(?:export )?(?:class|namespace|enum|function|const|let) (\w+)/gm)].map((m) => m[1]);
  return [...new Set(names)];
}

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
  // esbuild's ESM interop copies own keys, so the namespace lists every
  // member the real module declares (read from @types/vscode).
  const vscode = Object.fromEntries(vscodeMembers().map((m) => [m, standIn(`vscode.${m}`)]));
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
