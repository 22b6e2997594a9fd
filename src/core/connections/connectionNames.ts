// The names of connections ("octo/app", "Canny Feature Requests", "Linear
// ENG"): what a user reads in the tree and the pickers, so one line of
// ordinary text, at most MAX_NAME_LENGTH characters, unique within a
// workspace's list. Names come from the user and from trackers' answers (a
// Canny board, a Linear team), so both are cleaned the same way.

export const MAX_NAME_LENGTH = 60;

/** Why a name cannot be given: a key the platform words. */
export type NameProblem = 'empty' | 'tooLong' | 'taken';

// Line breaks and other controls become spaces; bidirectional overrides are
// removed, so a name cannot make the rest of its row read backwards.
const CONTROLS = /[\p{Cc}\p{Zl}\p{Zp}]/gu;
const BIDI = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** One line, no controls, single spaces, trimmed; not capped (a user's name too long is refused, not cut). */
export function normalizeName(raw: string): string {
  return raw.replace(CONTROLS, ' ').replace(BIDI, '').replace(/\s+/gu, ' ').trim();
}

/** Length in code points, as the user counts characters (an emoji is one, not two). */
export function nameLength(name: string): number {
  return Array.from(name).length;
}

/** At most `max` code points, never ending in a space. */
export function capName(name: string, max = MAX_NAME_LENGTH): string {
  return nameLength(name) <= max ? name : Array.from(name).slice(0, max).join('').trimEnd();
}

/** How two names are compared: "Acme", "acme" and "Ａｃｍｅ" are one name to a reader. */
export function nameKey(name: string): string {
  return normalizeName(name).normalize('NFKC').toLowerCase();
}

/**
 * `base` cleaned and capped, or, when another name in `taken` reads the same,
 * `base (2)`, `base (3)`…: a suffix already there is counted on, not
 * repeated ("Acme (2)" taken gives "Acme (3)").
 */
export function uniqueName(base: string, taken: readonly string[], fallback = 'Tracker'): string {
  const name = capName(normalizeName(base)) || fallback;
  const keys = new Set(taken.map(nameKey));
  if (!keys.has(nameKey(name))) {
    return name;
  }
  const stem = name.replace(/ \(\d+\)$/u, '') || fallback;
  // Terminates: each n either succeeds or hits one of the finitely many taken names.
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = `${capName(stem, MAX_NAME_LENGTH - suffix.length)}${suffix}`;
    if (!keys.has(nameKey(candidate))) {
      return candidate;
    }
  }
}

/** Why `name` (as typed) cannot be the name of a connection beside `others`, or undefined when it can. */
export function nameProblem(name: string, others: readonly string[]): NameProblem | undefined {
  const cleaned = normalizeName(name);
  if (!cleaned) {
    return 'empty';
  }
  if (nameLength(cleaned) > MAX_NAME_LENGTH) {
    return 'tooLong';
  }
  const key = nameKey(cleaned);
  return others.some((other) => nameKey(other) === key) ? 'taken' : undefined;
}
