// The one safe way to change package.json from a script: read the whole file,
// change the parsed JSON, write a temp file beside it and rename it over
// package.json (a rename is atomic: nobody ever sees a half-written manifest).
// Read as late as possible, so other engineers' edits made meanwhile are kept.
import * as fs from 'node:fs';
import * as path from 'node:path';

export const manifestPath = path.resolve(__dirname, '..', '..', 'package.json');

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function readJsonObject(file: string): JsonObject {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as Json;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new Error(`${file} does not hold a JSON object`);
  }
  return parsed;
}

/** Writes `value` as 2-space JSON with a final newline, through a temp file and a rename. */
export function writeJsonAtomically(file: string, value: Json): void {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  fs.writeFileSync(temp, `${JSON.stringify(value, null, 2)}\n`);
  fs.renameSync(temp, file);
}

/** Applies `change` to the parsed manifest; writes only when something changed. Returns whether it did. */
export function editManifest(change: (manifest: JsonObject) => void): boolean {
  const before = fs.readFileSync(manifestPath, 'utf8');
  const manifest = readJsonObject(manifestPath);
  change(manifest);
  const after = `${JSON.stringify(manifest, null, 2)}\n`;
  if (after === before) {
    return false;
  }
  if (fs.readFileSync(manifestPath, 'utf8') !== before) {
    throw new Error('package.json changed while it was being edited; run again');
  }
  writeJsonAtomically(manifestPath, manifest);
  return true;
}
