// "Try with sample data": the bundled reference tracker, forked as a child of
// the extension host on 127.0.0.1 with a random port and token. The child has
// an IPC channel, so it exits with us even if deactivate() never runs.
import { fork } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import * as z from 'zod/mini';
import { parseOrThrow } from '../../core/validation';

const READY_TIMEOUT_MS = 20_000;

const readyLineSchema = z.object({ url: z.string().check(z.url()), token: z.string().check(z.minLength(1)) });

export interface SampleTracker {
  readonly url: string;
  readonly token: string;
  stop(): void;
}

export async function startSampleTracker(extensionPath: string, dataFile: string, log: (line: string) => void): Promise<SampleTracker> {
  const script = path.join(extensionPath, 'dist', 'reference-tracker.js');
  const child = fork(script, ['--port', '0', '--json', '--data', dataFile], {
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // The tracker is plain Node: in desktop VS Code execPath is Electron.
    env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
  });
  child.stderr?.on('data', (chunk: Buffer) => log(`sample tracker: ${chunk.toString().trimEnd()}`));
  try {
    const ready = await readReadyLine(child);
    log(`Sample tracker listening at ${ready.url} (pid ${child.pid})`);
    return { url: ready.url, token: ready.token, stop: () => stopChild(child) };
  } catch (error) {
    stopChild(child);
    throw error;
  }
}

function readReadyLine(child: ChildProcess): Promise<z.infer<typeof readyLineSchema>> {
  return new Promise((resolve, reject) => {
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => fail(new Error('The sample tracker did not start within 20 seconds.')), READY_TIMEOUT_MS);
    const fail = (error: Error): void => {
      clearTimeout(timer);
      lines.close();
      reject(error);
    };
    lines.once('line', (line) => {
      clearTimeout(timer);
      lines.close();
      try {
        resolve(parseOrThrow(readyLineSchema, JSON.parse(line), 'the sample tracker’s ready line'));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    child.once('error', fail);
    child.once('exit', (code, signal) => fail(new Error(`The sample tracker exited before it was ready (${signal ?? `code ${code}`}).`)));
  });
}

function stopChild(child: ChildProcess): void {
  if (child.exitCode === null && child.signalCode === null) {
    child.kill('SIGTERM');
  }
}
