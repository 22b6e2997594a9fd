// Builds the production bundles and packages the .vsix with @vscode/vsce,
// offline (everything is bundled, so no dependencies are packed).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const repoRoot = path.resolve(__dirname, '..', '..');
const vsceBin = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');

export function vsixPath(): string {
  const { name, version } = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { name: string; version: string };
  return path.join(repoRoot, `${name}-${version}.vsix`);
}

export async function packageVsix(): Promise<string> {
  await run(process.execPath, ['esbuild.js', '--production'], { cwd: repoRoot });
  const out = vsixPath();
  await run(process.execPath, [vsceBin, 'package', '--no-dependencies', '--out', out], { cwd: repoRoot });
  return out;
}

/** The files `vsce` would pack, as paths relative to the extension root. */
export async function packagedFiles(): Promise<string[]> {
  const { stdout } = await run(process.execPath, [vsceBin, 'ls', '--no-dependencies'], { cwd: repoRoot });
  return stdout.split('\n').map((line) => line.trim()).filter(Boolean);
}
