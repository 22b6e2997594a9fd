// References to feedback items in text: `Feedback: rest:FB-12` trailers in
// commit messages, and configurable patterns (`FB-123`, `#123`, tracker URLs)
// anywhere. Pure: the git layer feeds messages in, the hover feeds lines in.
import { combinePatterns } from './referencePatterns';
import { parseTrailers } from './trailers';

/** An item named in some text. `tracker` is set when the text says which tracker (a trailer). */
export interface ItemReference {
  readonly id: string;
  readonly tracker: string | undefined;
  readonly via: 'trailer' | 'pattern';
}

/** A pattern match in a line, with its position (for hovers and links). */
export interface ReferenceMatch {
  readonly id: string;
  readonly start: number;
  readonly end: number;
}

export interface ReferenceOptions {
  /** Regular expressions (source text); a named group `id` is the item id, else the whole match. */
  readonly patterns: readonly string[];
  /** The trailer key, e.g. `Feedback`; compared case-insensitively, as git does. */
  readonly trailerKey: string;
  /** Base URLs of item pages (e.g. `https://tracker.example/items/`); an id right after one is a reference. */
  readonly itemUrlPrefixes?: readonly string[];
}

export const DEFAULT_PATTERNS: readonly string[] = ['\\bFB-\\d+\\b'];
export const DEFAULT_TRAILER_KEY = 'Feedback';
/** Patterns longer than this are refused: a setting is not the place for a program. */
export const MAX_PATTERN_LENGTH = 200;

/** Why `source` is not a usable pattern, or undefined when it is. */
export function patternProblem(source: string): string | undefined {
  if (source.length > MAX_PATTERN_LENGTH) {
    return `longer than ${MAX_PATTERN_LENGTH} characters`;
  }
  let regex: RegExp;
  try {
    regex = new RegExp(source, 'u');
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (regex.test('')) {
    return 'matches the empty text';
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Parses `<tracker>:<id>`, the value of our trailer; ids may hold `:` (GitHub's are `github:owner/repo#12`). */
export function parseTrailerValue(value: string): { tracker: string; id: string } | undefined {
  const match = /^([A-Za-z0-9_.-]+):(\S+)$/.exec(value.trim());
  return match ? { tracker: match[1], id: match[2] } : undefined;
}

export function formatTrailerValue(tracker: string, id: string): string {
  return `${tracker}:${id}`;
}

/** The sources a matcher combines: the usable patterns, then one per item URL prefix (its id after it). */
export function referenceSources(options: Pick<ReferenceOptions, 'patterns' | 'itemUrlPrefixes'>): string[] {
  const sources = options.patterns.filter((p) => patternProblem(p) === undefined);
  return [...sources, ...(options.itemUrlPrefixes ?? []).map((prefix) => `${escapeRegExp(prefix)}(?<id>[A-Za-z0-9_-]+)`)];
}

/** Finds references with one compiled matcher; build it once per settings change. */
export class ReferenceMatcher {
  private readonly regex: RegExp | undefined;
  private readonly idGroups: readonly string[];
  private readonly trailerKey: string;

  constructor(options: ReferenceOptions) {
    // One alternation, one pass over the text (referencePatterns.ts keeps each pattern's groups its own).
    const combined = combinePatterns(referenceSources(options));
    this.regex = combined.source ? new RegExp(combined.source, 'gu') : undefined;
    this.idGroups = combined.idGroups;
    this.trailerKey = options.trailerKey.toLowerCase();
  }

  /** Pattern matches in `text`, left to right. */
  matches(text: string): ReferenceMatch[] {
    if (!this.regex) {
      return [];
    }
    const found: ReferenceMatch[] = [];
    for (const match of text.matchAll(this.regex)) {
      const id = this.idGroups.map((group) => match.groups?.[group]).find((v) => v !== undefined) ?? match[0];
      if (id) {
        found.push({ id, start: match.index, end: match.index + match[0].length });
      }
    }
    return found;
  }

  /** The match covering `offset` in `line`, if any (for a hover). */
  matchAt(line: string, offset: number): ReferenceMatch | undefined {
    return this.matches(line).find((m) => m.start <= offset && offset <= m.end);
  }

  /** Every item a commit message references: trailers first, then patterns; each item once. */
  inMessage(message: string): ItemReference[] {
    const refs: ItemReference[] = [];
    const add = (ref: ItemReference): void => {
      // A pattern also matches the id inside our own trailer: the trailer, naming the tracker, wins.
      const known = refs.some((r) => r.id === ref.id && (ref.via === 'pattern' || r.tracker === ref.tracker));
      if (!known) {
        refs.push(ref);
      }
    };
    // Parsing trailers costs more than a substring test; most messages have none of ours.
    if (message.toLowerCase().includes(this.trailerKey)) {
      for (const trailer of parseTrailers(message)) {
        const value = trailer.key.toLowerCase() === this.trailerKey ? parseTrailerValue(trailer.value) : undefined;
        if (value) {
          add({ id: value.id, tracker: value.tracker, via: 'trailer' });
        }
      }
    }
    for (const match of this.matches(message)) {
      add({ id: match.id, tracker: undefined, via: 'pattern' });
    }
    return refs;
  }
}

/** Whether `ref` names an item of the tracker of kind `trackerKind` (patterns name no tracker: they match any). */
export function refersToTracker(ref: ItemReference, trackerKind: string): boolean {
  return ref.tracker === undefined || ref.tracker === trackerKind;
}

export const DEFAULT_BRANCH_TEMPLATE = 'feedback/<id>-<slug>';

/** Item ids come from the tracker: a longer one would make a branch name no file system can hold. */
const MAX_BRANCH_ID = 100;

/** An item id as a branch name holds it: `github:o/r#12` → `github-o-r-12`. */
export function branchIdOf(id: string): string {
  return id.slice(0, MAX_BRANCH_ID).replace(/[^A-Za-z0-9._-]+/g, '-');
}
