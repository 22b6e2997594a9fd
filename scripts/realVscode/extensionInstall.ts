// Puts the extension into a fresh extensions dir: either the project folder as a
// symlink (picked up at start, no packaging step) or a packaged .vsix installed by
// code-server itself, which is what users get.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { codeServerEntry, node24 } from './paths';
import { run } from './processes';
import type { Log } from './setup';

export type ExtensionSource = { readonly folder: string } | { readonly vsix: string };

interface Manifest {
  publisher: string;
  name: string;
  version: string;
}

function readManifest(folder: string): Manifest {
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'package.json'), 'utf8')) as Partial<Manifest>;
  const { publisher, name, version } = manifest;
  if (typeof publisher !== 'string' || typeof name !== 'string' || typeof version !== 'string') {
    throw new Error(`${folder}/package.json needs string publisher, name and version`);
  }
  return { publisher, name, version };
}

/** The folder name VS Code gives an installed extension: publisher.name-version. */
export function extensionFolderName(folder: string): string {
  const { publisher, name, version } = readManifest(folder);
  return `${publisher}.${name}-${version}`;
}

export interface InstallTarget {
  readonly config: string;
  readonly ud: string;
  readonly ext: string;
  readonly env: NodeJS.ProcessEnv;
  readonly log: Log;
}

export async function installExtension(source: ExtensionSource, target: InstallTarget): Promise<void> {
  if ('folder' in source) {
    const link = path.join(target.ext, extensionFolderName(source.folder));
    target.log(`Linking ${source.folder} as extension ${path.basename(link)}`);
    // A kept extensions dir (the demo's) already has the link from the last run.
    fs.rmSync(link, { force: true, recursive: false });
    fs.symlinkSync(path.resolve(source.folder), link, 'dir');
    return;
  }
  target.log(`Installing ${source.vsix} into the private extensions dir…`);
  const args = [
    codeServerEntry,
    '--config', target.config,
    '--user-data-dir', target.ud,
    '--extensions-dir', target.ext,
    '--install-extension', path.resolve(source.vsix),
  ];
  await run(node24, args, { env: target.env, capture: true });
}
