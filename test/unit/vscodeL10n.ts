// Unit tests run in plain Node, where there is no `vscode` module. The modules
// that word what users read (platform/itemWords.ts, feedbackTree/rowText.ts,
// closeLoop/releaseNotesText.ts, the trade-off descriptions) use nothing of it
// at import time and only `vscode.l10n.t` to word: imported first, this file
// gives them a `vscode` whose `l10n.t` does what VS Code's does with no
// language pack (the English message, `{0}`… replaced by the arguments), so a
// test pins the English exactly as a user reads it.
import Module from 'node:module';
import * as path from 'node:path';

type L10nArgs = [message: string, ...args: unknown[]] | [options: { message: string; args?: unknown[] | Record<string, unknown> }];

/** VS Code's format2: `{key}` becomes the value of that argument; a placeholder without one stays as written. */
function t(...params: L10nArgs): string {
  const [first, ...rest] = params;
  const { message, args } = typeof first === 'string' ? { message: first, args: rest.length === 1 && typeof rest[0] === 'object' && rest[0] !== null ? rest[0] : rest } : first;
  const values = (args ?? []) as Record<string, unknown>;
  return message.replace(/{([^}]+)}/g, (placeholder, key: string) => (values[key] === undefined || values[key] === null ? placeholder : String(values[key])));
}

const STUB_PATH = path.join(__dirname, 'vscode.l10n-stub.js');
const internals = Module as unknown as { _resolveFilename: (request: string, ...rest: unknown[]) => string };

if (!require.cache[STUB_PATH]) {
  require.cache[STUB_PATH] = { id: STUB_PATH, filename: STUB_PATH, loaded: true, exports: { l10n: { t } } } as unknown as NodeModule;
  const resolve = internals._resolveFilename;
  internals._resolveFilename = function (this: unknown, request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? STUB_PATH : resolve.call(this, request, ...rest);
  };
}
