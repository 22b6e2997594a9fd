// Shared by the in-host suites: the activated extension's API and the manifest.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FeedbackLoopApi } from '../../src/api';

export const EXTENSION_ID = 'feedback-loop.feedback-loop';

export async function activatedApi(): Promise<FeedbackLoopApi> {
  const extension = vscode.extensions.getExtension<FeedbackLoopApi>(EXTENSION_ID);
  if (!extension) {
    throw new Error(`${EXTENSION_ID} is not installed in this extension host`);
  }
  return extension.activate();
}

export interface Manifest {
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, { description?: string; markdownDescription?: string }> };
  };
}

export function manifest(): Manifest {
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
  return JSON.parse(fs.readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as Manifest;
}

/** Polls until `read` gives a value `accept` likes; state reaches the host asynchronously. */
export async function eventually<T>(read: () => T | Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!accept(last)) {
    if (Date.now() > deadline) {
      throw new Error(`Timed out waiting for ${what}; last value: ${JSON.stringify(last)?.slice(0, 300)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    last = await read();
  }
  return last;
}
