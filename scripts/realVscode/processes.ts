// Child processes of the harness run in their own process group (detached), so
// stopping one also stops what it started: code-server's extension hosts would
// otherwise outlive a closed browser for hours. Every group is registered here
// and killed on normal exit, on failure and on Ctrl-C.
import { spawn } from 'node:child_process';
import type { ChildProcess, SpawnOptions } from 'node:child_process';

const live = new Set<ChildProcess>();
const cleanups = new Set<() => Promise<void>>();
let handlersInstalled = false;

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what we want.
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') {
      throw error;
    }
  }
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve();
  }
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM to the whole group, SIGKILL if it is still there after `graceMs`. */
export async function stopGroup(child: ChildProcess, graceMs = 5000): Promise<void> {
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), graceMs);
  await exited(child);
  clearTimeout(timer);
  // The leader may exit before its children: finish the group off.
  signalGroup(child, 'SIGKILL');
  live.delete(child);
}

/** Spawns `command` with an argument array in a new process group, tracked for cleanup. */
export function spawnGroup(command: string, args: readonly string[], options: SpawnOptions): ChildProcess {
  installHandlers();
  const child = spawn(command, args, { ...options, detached: true });
  live.add(child);
  child.once('exit', () => live.delete(child));
  return child;
}

/** Registers an async cleanup (a server, a temp dir) run on Ctrl-C; returns its remover. */
export function onInterrupt(cleanup: () => Promise<void>): () => void {
  installHandlers();
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

async function interrupted(signal: NodeJS.Signals): Promise<void> {
  process.stderr.write(`\n${signal}: stopping everything the harness started…\n`);
  for (const result of await Promise.allSettled([...cleanups].map((c) => c()))) {
    if (result.status === 'rejected') {
      process.stderr.write(`cleanup failed: ${String(result.reason)}\n`);
    }
  }
  await Promise.allSettled([...live].map((c) => stopGroup(c, 3000)));
  process.exit(signal === 'SIGINT' ? 130 : 143);
}

function installHandlers(): void {
  if (handlersInstalled) {
    return;
  }
  handlersInstalled = true;
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => void interrupted(signal));
  }
  // Last resort on any exit path (uncaught error, process.exit): synchronous kill.
  process.once('exit', () => {
    for (const child of live) {
      signalGroup(child, 'SIGKILL');
    }
  });
}

/** Runs a command to completion (argument array, no shell), output inherited or captured. */
export function run(
  command: string,
  args: readonly string[],
  options: SpawnOptions & { capture?: boolean } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const { capture, ...spawnOptions } = options;
    const child = spawn(command, args, { stdio: capture ? ['ignore', 'pipe', 'pipe'] : 'inherit', ...spawnOptions });
    let out = '';
    let err = '';
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (err += d.toString()));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      if (code === 0) {
        resolve(out);
      } else {
        const tail = err.trim().split('\n').slice(-15).join('\n');
        reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})${tail ? `:\n${tail}` : ''}`));
      }
    });
  });
}

/** Whether `command` is on PATH. */
export async function commandExists(command: string): Promise<boolean> {
  try {
    await run('which', [command], { capture: true });
    return true;
  } catch {
    return false; // `which` exits 1 when it finds nothing
  }
}
