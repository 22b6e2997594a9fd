// Starts Prism on loopback: `mock` answers from GitHub's description and
// rejects (422) any request that does not follow it; `proxy` forwards to an
// upstream and, with --errors, refuses requests and answers that break it.
import type { ChildProcess } from 'node:child_process';
import * as net from 'node:net';
import * as readline from 'node:readline';
import { spawnGroup, stopGroup } from '../realVscode/processes';
import { githubSpec, prismCli } from './paths';

export interface PrismServer {
  readonly url: string;
  /** Prism's log lines: violations show here first. */
  readonly lines: string[];
  stop(): Promise<void>;
}

export async function startPrism(mode: 'mock' | { proxy: string }): Promise<PrismServer> {
  const port = await freePort();
  const args = mode === 'mock' ? ['mock', '--errors', githubSpec] : ['proxy', '--errors', githubSpec, mode.proxy];
  const child = spawnGroup(process.execPath, [prismCli, ...args, '--host', '127.0.0.1', '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  try {
    await listening(child, lines);
  } catch (error) {
    await stopGroup(child);
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, lines, stop: () => stopGroup(child) };
}

function listening(child: ChildProcess, lines: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within 60 s:\n${lines.slice(-10).join('\n')}`)), 60_000);
    for (const stream of [child.stdout, child.stderr]) {
      readline.createInterface({ input: stream! }).on('line', (line) => {
        lines.push(line);
        if (line.includes('Prism is listening')) {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited (${code}):\n${lines.slice(-10).join('\n')}`));
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
