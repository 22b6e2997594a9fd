// The reference tracker as a program: the one `--json` line the extension
// reads, and that it never outlives whoever started it.
import * as assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { fork, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';

const ROOT = path.resolve(__dirname, '../..');
const MAIN = path.join(ROOT, 'src/reference-tracker/main.ts');
const EXEC_ARGV = ['--import', 'tsx'];
const readySchema = z.object({ url: z.string().regex(/^http:\/\/127\.0\.0\.1:\d+$/), token: z.string().min(16) }).strict();

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) {
      resolve(child.exitCode);
    } else {
      child.once('exit', (code) => resolve(code));
    }
  });
}

/** Resolves with the first stdout line; `output()` gives everything read so far. */
function firstLine(child: ChildProcess): { line: Promise<string>; output: () => string } {
  let buffer = '';
  const line = new Promise<string>((resolve, reject) => {
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end >= 0) {
        resolve(buffer.slice(0, end));
      }
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before printing a line`)));
  });
  return { line, output: () => buffer };
}

async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: no result in ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Gone, or a zombie nobody reaps (PID 1 in a container may not). */
async function isGone(pid: number): Promise<boolean> {
  try {
    process.kill(pid, 0);
  } catch {
    return true;
  }
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
  return /^\d+ \(.*\) Z/.test(stat);
}

/** A parent that starts the tracker without IPC, reports its pid, and exits at once. */
const ORPHANING_PARENT = `
const { spawn } = require('node:child_process');
const child = spawn(process.execPath, ${JSON.stringify([...EXEC_ARGV, MAIN, '--json', '--size', '5'])}, { stdio: ['ignore', 'pipe', 'ignore'] });
child.stdout.once('data', () => { process.stdout.write(JSON.stringify({ pid: child.pid }) + '\\n'); process.exit(0); });
`;

describe('reference tracker: CLI', () => {
  const children: ChildProcess[] = [];
  afterEach(() => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.pid !== undefined) {
        child.kill('SIGKILL');
      }
    }
  });

  it('prints exactly one JSON line when ready, serves the API, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [...EXEC_ARGV, MAIN, '--json', '--size', '12', '--token', 'cli-token-0123456789'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const { line, output } = firstLine(child);
    const ready = readySchema.parse(JSON.parse(await withTimeout(line, 15_000, 'ready line')));
    assert.equal(ready.token, 'cli-token-0123456789');
    const res = await fetch(`${ready.url}/api/v1/items?limit=200`, { headers: { authorization: `Bearer ${ready.token}` } });
    assert.equal(((await res.json()) as { items: unknown[] }).items.length, 12);
    child.kill('SIGTERM');
    assert.equal(await withTimeout(exited(child), 5000, 'exit after SIGTERM'), 0);
    assert.equal(output(), `${JSON.stringify(ready)}\n`, 'nothing else on stdout');
  });

  it('exits when its parent disconnects the IPC channel', async () => {
    const child = fork(MAIN, ['--json', '--size', '5'], { execArgv: EXEC_ARGV, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    children.push(child);
    readySchema.parse(JSON.parse(await withTimeout(firstLine(child).line, 15_000, 'ready line')));
    child.disconnect();
    assert.equal(await withTimeout(exited(child), 5000, 'exit after disconnect'), 0);
  });

  it('exits when its parent dies without IPC', async () => {
    const parent = spawn(process.execPath, ['-e', ORPHANING_PARENT], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    children.push(parent);
    const { pid } = z.object({ pid: z.number().int() }).parse(JSON.parse(await withTimeout(firstLine(parent).line, 15_000, 'pid line')));
    await exited(parent);
    const deadline = Date.now() + 5000;
    try {
      while (!(await isGone(pid))) {
        assert.ok(Date.now() < deadline, `tracker ${pid} still running 5 s after its parent died`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      if (!(await isGone(pid))) {
        process.kill(pid, 'SIGKILL');
      }
    }
  });

  it('prints URL and token for people without --json', async () => {
    const child = spawn(process.execPath, [...EXEC_ARGV, MAIN, '--size', '5', '--token', 'people-token'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    const { line, output } = firstLine(child);
    await withTimeout(line, 15_000, 'first line');
    await new Promise((resolve) => setTimeout(resolve, 100));
    assert.match(output(), /URL: +http:\/\/127\.0\.0\.1:\d+/);
    assert.match(output(), /Token: people-token/);
    child.kill('SIGINT');
    assert.equal(await withTimeout(exited(child), 5000, 'exit after SIGINT'), 0);
  });

  it('refuses bad arguments with exit code 1 and says which', async () => {
    const child = spawn(process.execPath, [...EXEC_ARGV, MAIN, '--size', '1.5'], { stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => (stderr += chunk));
    assert.equal(await withTimeout(exited(child), 15_000, 'exit'), 1);
    assert.match(stderr, /--size: expected an integer/);
  });
});
