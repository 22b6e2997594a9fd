// Reference patterns (a setting) and item URL prefixes, combined into one
// regular expression so each text is read once. Patterns that are valid one by
// one stay valid, and keep their meaning, together: every named group of
// pattern i is renamed into pattern i's own namespace (two patterns may both
// use `(?<n>…)`, or `\k<id>`), and numbered backreferences are shifted past
// the groups of the patterns before it (`(b)\1` still means its own group).
// The settings layer checks the result of this very function, so what is
// validated is exactly what runs.

/** The combined source (for the `gu` flags) and which of its groups hold an item id. */
export interface CombinedPatterns {
  readonly source: string;
  /** The renamed `id` groups, in pattern order. */
  readonly idGroups: readonly string[];
}

/** Combines u-mode pattern sources into one alternation; each source must compile on its own with the `u` flag. */
export function combinePatterns(sources: readonly string[]): CombinedPatterns {
  const parts: string[] = [];
  const idGroups: string[] = [];
  let groupsBefore = 0;
  sources.forEach((source, i) => {
    const rename = (name: string): string => (name === 'id' ? `p${i}id` : `p${i}_${name}`);
    const rewritten = rewriteGroups(source, rename, groupsBefore);
    if (rewritten.names.includes('id')) {
      idGroups.push(rename('id'));
    }
    groupsBefore += rewritten.groups;
    parts.push(`(?:${rewritten.source})`);
  });
  return { source: parts.join('|'), idGroups };
}

interface Rewritten {
  readonly source: string;
  /** Capturing groups the pattern opens (named or not). */
  readonly groups: number;
  readonly names: readonly string[];
}

/**
 * Renames group names (`(?<name>` and `\k<name>`) and shifts numbered
 * backreferences (`\N`) by `offset`, reading the pattern the way the u-mode
 * grammar does: an escape is two characters (or a `\k<…>`, `\N…` unit), and
 * nothing inside a character class opens a group.
 */
function rewriteGroups(source: string, rename: (name: string) => string, offset: number): Rewritten {
  let out = '';
  let groups = 0;
  const names: string[] = [];
  let inClass = false;
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const backref = inClass ? null : /^\\k<([^>]+)>|^\\([1-9]\d*)/.exec(rest);
    const named = inClass ? null : /^\(\?<(?![=!])([^>]+)>/.exec(rest);
    if (backref) {
      out += backref[1] !== undefined ? `\\k<${rename(backref[1])}>` : `\\${Number(backref[2]) + offset}`;
      i += backref[0].length;
    } else if (named) {
      out += `(?<${rename(named[1])}>`;
      names.push(named[1]);
      groups++;
      i += named[0].length;
    } else if (source[i] === '\\') {
      out += source.slice(i, i + 2);
      i += 2;
    } else {
      const c = source[i];
      if (inClass) {
        inClass = c !== ']';
      } else if (c === '[') {
        inClass = true;
      } else if (c === '(' && source[i + 1] !== '?') {
        groups++;
      }
      out += c;
      i++;
    }
  }
  return { source: out, groups, names };
}
