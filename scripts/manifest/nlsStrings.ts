// Which strings of package.json a user reads (and so must come from
// package.nls.json as `%key%`), each with a stable key derived from where it is:
// array entries are named by their `id` or `command`, not their position, so a
// key survives entries being added or reordered.
import type { Json, JsonObject } from './editManifest';

/** Properties (anywhere under `contributes`) whose string values are shown to users. */
const TEXT_KEYS = new Set([
  'title', 'shortTitle', 'description', 'markdownDescription', 'contents', 'label', 'name', 'contextualTitle',
  'altText', 'deprecationMessage', 'markdownDeprecationMessage', 'enumDescriptions', 'markdownEnumDescriptions',
]);
/** Top-level fields of the listing. */
const TOP_KEYS = ['displayName', 'description'];

export interface ManifestString {
  readonly key: string;
  readonly value: string;
  /** Replaces the value in the manifest object it was read from. */
  readonly set: (value: string) => void;
}

export const isNlsReference = (value: string): boolean => /^%[^%\s]+%$/.test(value);

function entryName(entry: Json, index: number): string {
  if (entry && typeof entry === 'object' && !Array.isArray(entry)) {
    for (const field of ['id', 'command', 'view']) {
      const value = entry[field];
      if (typeof value === 'string') {
        return field === 'view' ? `${value}.${index}` : value;
      }
    }
  }
  return String(index);
}

function collect(node: Json, keyPath: string[], out: ManifestString[], underText: boolean): void {
  if (Array.isArray(node)) {
    node.forEach((entry, index) => {
      if (underText && typeof entry === 'string') {
        out.push({ key: [...keyPath, String(index)].join('.'), value: entry, set: (value) => (node[index] = value) });
      } else {
        collect(entry, [...keyPath, entryName(entry, index)], out, false);
      }
    });
  } else if (node && typeof node === 'object') {
    for (const [field, value] of Object.entries(node)) {
      const text = TEXT_KEYS.has(field);
      if (text && typeof value === 'string') {
        out.push({ key: [...keyPath, field].join('.'), value, set: (next) => (node[field] = next) });
      } else {
        collect(value, [...keyPath, field], out, text);
      }
    }
  }
}

/** Every user-facing string of the manifest, in file order. */
export function manifestStrings(manifest: JsonObject): ManifestString[] {
  const out: ManifestString[] = [];
  for (const field of TOP_KEYS) {
    const value = manifest[field];
    if (typeof value === 'string') {
      out.push({ key: field, value, set: (next) => (manifest[field] = next) });
    }
  }
  const contributes = manifest.contributes;
  if (contributes !== undefined) {
    collect(contributes, [], out, false);
  }
  return out;
}
