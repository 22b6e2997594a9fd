// Moves every literal user-facing string of package.json (listing and
// `contributes`) into package.nls.json and leaves `%key%` in its place, so VS
// Code can show a translation. Idempotent: `%key%` values are left alone, and a
// literal whose key is taken by a different text gets a numbered key.
// Run: `npx tsx scripts/nls.ts` after adding manifest entries.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { editManifest, manifestPath, readJsonObject, writeJsonAtomically } from './manifest/editManifest';
import type { JsonObject } from './manifest/editManifest';
import { isNlsReference, manifestStrings } from './manifest/nlsStrings';

const nlsPath = path.join(path.dirname(manifestPath), 'package.nls.json');

function freeKey(nls: JsonObject, key: string, value: string): string {
  let candidate = key;
  for (let n = 2; nls[candidate] !== undefined && nls[candidate] !== value; n++) {
    candidate = `${key}.${n}`;
  }
  return candidate;
}

function main(): void {
  const nls: JsonObject = fs.existsSync(nlsPath) ? readJsonObject(nlsPath) : {};
  let moved = 0;
  const changed = editManifest((manifest) => {
    for (const text of manifestStrings(manifest)) {
      if (!isNlsReference(text.value)) {
        const key = freeKey(nls, text.key, text.value);
        nls[key] = text.value;
        text.set(`%${key}%`);
        moved++;
      }
    }
  });
  // The manifest is written first: a %key% without its text would show as %key%; a spare text harms nothing.
  writeJsonAtomically(nlsPath, nls);
  console.log(changed ? `Moved ${moved} strings into package.nls.json` : 'Every manifest string is already localised');
}

main();
