// Starts code-server (VS Code 1.139.1's server and web workbench) as a private,
// offline instance: own config (the machine's default asks for a password), own
// user data and extensions, no telemetry or update checks, clutter-free settings.
// See ../shared/docs/REAL-VSCODE.md for why each flag is here.
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import type { ChildProcess } from 'node:child_process';
import { codeServerEntry, node24, node24Bin } from './paths';
import { installExtension } from './extensionInstall';
import type { ExtensionSource } from './extensionInstall';
import { spawnGroup, stopGroup } from './processes';
import type { Log } from './setup';

/** Settings that keep welcome pages, chat, update checks and modals out of the way. */
export const quietSettings: Readonly<Record<string, unknown>> = {
  'workbench.startupEditor': 'none',
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
  'chat.disableAIFeatures': true,
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'update.mode': 'none',
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'workbench.editor.useModal': 'off',
};

export interface CodeServerOptions {
  /** Scratch directory for this instance; created, and left for the caller to remove. */
  readonly runDir: string;
  readonly extension?: ExtensionSource;
  /** Added to code-server's environment; the extension host inherits it. */
  readonly env?: Readonly<Record<string, string>>;
  /** Merged over `quietSettings` into the user settings. */
  readonly settings?: Readonly<Record<string, unknown>>;
  readonly log?: Log;
  readonly readyTimeoutMs?: number;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT` without a trailing slash. */
  readonly url: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  /** The workbench URL that opens `folder` (an absolute path). */
  folderUrl(folder: string): string;
  /** Everything code-server printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

function prepareDirs(options: CodeServerOptions): Record<'config' | 'ud' | 'ext' | 'tmp', string> {
  const dirs = {
    config: path.join(options.runDir, 'config.yaml'),
    ud: path.join(options.runDir, 'user-data'),
    ext: path.join(options.runDir, 'extensions'),
    tmp: path.join(options.runDir, 'tmp'),
  };
  for (const dir of [dirs.ud, dirs.ext, dirs.tmp, path.join(dirs.ud, 'User')]) {
    fs.mkdirSync(dir, { recursive: true });
  }
  // VS Code caches scanned extension manifests by version; a linked project
  // folder keeps its version while its package.json changes, so a kept
  // user-data dir (the demo's) would show stale views and commands.
  fs.rmSync(path.join(dirs.ud, 'CachedProfilesData'), { recursive: true, force: true });
  fs.writeFileSync(dirs.config, 'bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n');
  const settings = { ...quietSettings, ...options.settings };
  fs.writeFileSync(path.join(dirs.ud, 'User', 'settings.json'), JSON.stringify(settings, null, 2) + '\n');
  return dirs;
}

function serverArgs(dirs: ReturnType<typeof prepareDirs>): string[] {
  return [
    codeServerEntry,
    '--auth', 'none',
    '--bind-addr', '127.0.0.1:0',
    '--config', dirs.config,
    '--user-data-dir', dirs.ud,
    '--extensions-dir', dirs.ext,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
  ];
}

export function serverEnv(tmp: string, extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PATH: `${node24Bin}${path.delimiter}${process.env.PATH ?? ''}`,
    // Empty: otherwise a surrounding VS Code terminal's CLI socket is picked up.
    VSCODE_IPC_HOOK_CLI: '',
    // VS Code leaves sockets in TMPDIR; keep them in the run's folder.
    TMPDIR: tmp,
    ...extra,
  };
}

/** Resolves with the port once both servers said they listen; rejects on exit or timeout. */
function waitForListening(child: ChildProcess, output: () => string, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const text = output();
      const http = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(text);
      if (http && text.includes('Session server listening on')) {
        finish();
        resolve(Number(http[1]));
      }
    };
    const onExit = (code: number | null, signal: string | null): void => {
      finish();
      reject(new Error(`code-server exited before it was ready (${signal ?? `exit ${code}`}):\n${tail(output())}`));
    };
    const timer = setTimeout(() => {
      finish();
      reject(new Error(`code-server not ready after ${timeoutMs} ms:\n${tail(output())}`));
    }, timeoutMs);
    const finish = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.stderr?.off('data', check);
      child.off('exit', onExit);
    };
    child.stdout?.on('data', check);
    child.stderr?.on('data', check);
    child.once('exit', onExit);
    check();
  });
}

export function tail(text: string, lines = 30): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Under Node 20 code-server half-starts: it listens, but every page is a 500. */
function checkWorkbenchServes(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = http.get(`${url}/`, (response) => {
      response.resume();
      const status = response.statusCode ?? 0;
      if (status >= 500) {
        reject(new Error(`code-server answers GET / with ${status}: is it running on Node 24?`));
      } else {
        resolve();
      }
    });
    request.setTimeout(15000, () => request.destroy(new Error('GET / timed out')));
    request.once('error', reject);
  });
}

/** Starts a private code-server; the caller must `stop()` it (also on failure). */
export async function startCodeServer(options: CodeServerOptions): Promise<CodeServer> {
  const log = options.log ?? (() => undefined);
  const dirs = prepareDirs(options);
  if (options.extension) {
    await installExtension(options.extension, { ...dirs, env: serverEnv(dirs.tmp), log });
  }
  log('Starting code-server on 127.0.0.1 (free port)…');
  const child = spawnGroup(node24, serverArgs(dirs), {
    cwd: options.runDir,
    env: serverEnv(dirs.tmp, options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const stop = (): Promise<void> => stopGroup(child);
  try {
    const port = await waitForListening(child, () => output, options.readyTimeoutMs ?? 60000);
    const url = `http://127.0.0.1:${port}`;
    await checkWorkbenchServes(url);
    log(`code-server is listening on ${url}`);
    return {
      url,
      userDataDir: dirs.ud,
      extensionsDir: dirs.ext,
      folderUrl: (folder) => `${url}/?folder=${encodeURIComponent(folder)}`,
      output: () => output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
