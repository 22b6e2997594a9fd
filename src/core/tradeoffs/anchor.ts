// Keeps a trade-off on its code. A trade-off remembers its block's lines; after
// an edit, re-anchoring looks for them in the new text: the exact block first
// (anywhere in the file, nearest to the old place: code moved), then the
// closest match near the old place (code edited a little), and below a
// threshold it reports the trade-off detached rather than guess.
//
// Lines are compared normalised (whitespace collapsed), so re-indenting the
// block does not detach it. One LineIndex per text version serves all the
// trade-offs of that file: 500 of them in 20,000 lines take a few ms.

export const DEFAULT_THRESHOLD = 0.5;

/** Whitespace runs become one space; leading and trailing whitespace goes. */
export function normalizeLine(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

/** Lines that say something: ≥ 3 letters or digits. `}` or a blank line alone proves nothing. */
export function isSignificant(normalized: string): boolean {
  let count = 0;
  for (let i = 0; i < normalized.length && count < 3; i++) {
    const c = normalized.charCodeAt(i);
    if ((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c > 127) {
      count++;
    }
  }
  return count >= 3;
}

/** 16 hex digits over the normalised lines (two FNV-1a 32-bit hashes with different seeds). */
export function fingerprintLines(lines: readonly string[]): string {
  const text = lines.map(normalizeLine).join('\n');
  return fnv1a(text, 0x811c9dc5) + fnv1a(text, 0x01000193 ^ 0x5bd1e995);
}

function fnv1a(text: string, seed: number): string {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

export function splitLines(text: string): string[] {
  return text.split(/\r?\n/);
}

/**
 * A number standing for the normalised line (normalizeLine), computed without
 * building the normalised string: two FNV-1a hashes folded into 53 bits, so
 * that two different lines of a file sharing one is not a practical concern.
 */
export function lineHash(line: string): number {
  let a = 0x811c9dc5;
  let b = 0x5bd1e995;
  let space = false;
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 32 || c === 9 || c === 13 || c === 10 || c === 11 || c === 12 || c === 160) {
      space = started;
      continue;
    }
    if (space) {
      a = Math.imul(a ^ 32, 0x01000193);
      b = Math.imul(b ^ 32, 0x01000193);
      space = false;
    }
    started = true;
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return (a >>> 0) * 0x200000 + (b >>> 11);
}

/** One text version, indexed by line hash. */
export class LineIndex {
  /** lineHash of each line. */
  readonly lines: Float64Array;
  private readonly positions = new Map<number, number[]>();

  constructor(rawLines: readonly string[]) {
    const lines = new Float64Array(rawLines.length);
    for (let i = 0; i < rawLines.length; i++) {
      const hash = lineHash(rawLines[i]);
      lines[i] = hash;
      const key = smallKey(hash);
      const at = this.positions.get(key);
      if (at) {
        at.push(i);
      } else {
        this.positions.set(key, [i]);
      }
    }
    this.lines = lines;
  }

  static fromText(text: string): LineIndex {
    return new LineIndex(splitLines(text));
  }

  get lineCount(): number {
    return this.lines.length;
  }

  /**
   * Ascending 0-based positions of a line hash, and maybe of a few other
   * lines sharing its small key: callers compare `lines[p]` to be sure.
   */
  at(hash: number): readonly number[] {
    return this.positions.get(smallKey(hash)) ?? NONE;
  }
}

// A Map keyed by small integers is several times faster than by doubles
// (20,000 lines: ~3 ms instead of ~15), hence keys of 30 bits.
function smallKey(hash: number): number {
  return hash % 0x40000000;
}

const NONE: readonly number[] = [];

export interface AnchorQuery {
  /** The block's lines as last seen (raw; normalised here). */
  readonly lines: readonly string[];
  /** 1-based line where the block was. */
  readonly startLine: number;
}

export type AnchorResult =
  | { readonly kind: 'exact'; readonly startLine: number; readonly endLine: number }
  | { readonly kind: 'fuzzy'; readonly startLine: number; readonly endLine: number; readonly score: number }
  | { readonly kind: 'detached'; readonly score: number };

export interface AnchorOptions {
  /** Share of the block's significant lines that must be found (0–1). */
  readonly threshold?: number;
  /** How far from the old place (in lines, beyond the block's own length) a fuzzy match may be. */
  readonly window?: number;
}

/** Where the block is in `index`'s text now, or detached. Lines are 1-based. */
export function reanchor(index: LineIndex, query: AnchorQuery, options: AnchorOptions = {}): AnchorResult {
  const block = query.lines.map(lineHash);
  const old = query.startLine - 1;
  const exact = findExact(index, block, old);
  if (exact !== undefined) {
    return { kind: 'exact', startLine: exact + 1, endLine: exact + block.length };
  }
  return findClosest(index, block, query.lines.map((line) => isSignificant(normalizeLine(line))), old, options);
}

function matchesAt(index: LineIndex, block: readonly number[], start: number): boolean {
  if (start < 0 || start + block.length > index.lineCount) {
    return false;
  }
  for (let i = 0; i < block.length; i++) {
    if (index.lines[start + i] !== block[i]) {
      return false;
    }
  }
  return true;
}

/** The start of the copy of `block` nearest to `old`, if any. */
function findExact(index: LineIndex, block: readonly number[], old: number): number | undefined {
  if (matchesAt(index, block, old)) {
    return old;
  }
  // Candidates come from the block's rarest line: few places to check.
  let rarest = 0;
  let fewest = Infinity;
  for (let i = 0; i < block.length; i++) {
    const count = index.at(block[i]).length;
    if (count < fewest) {
      fewest = count;
      rarest = i;
    }
  }
  let best: number | undefined;
  for (const position of index.at(block[rarest])) {
    const start = position - rarest;
    if ((best === undefined || Math.abs(start - old) < Math.abs(best - old)) && matchesAt(index, block, start)) {
      best = start;
    }
  }
  return best;
}

function findClosest(index: LineIndex, block: readonly number[], significant: readonly boolean[], old: number, options: AnchorOptions): AnchorResult {
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  const window = (options.window ?? 200) + block.length;
  const total = significant.filter(Boolean).length;
  if (total === 0) {
    return { kind: 'detached', score: 0 };
  }
  let best: { start: number; end: number; score: number } | undefined;
  for (const start of candidateStarts(index, block, significant, old, window)) {
    const match = align(index, block, significant, start);
    const score = match.matched / total;
    if (!best || score > best.score || (score === best.score && Math.abs(match.start - old) < Math.abs(best.start - old))) {
      best = { ...match, score };
    }
  }
  if (!best || best.score < threshold) {
    return { kind: 'detached', score: best?.score ?? 0 };
  }
  return { kind: 'fuzzy', startLine: best.start + 1, endLine: best.end + 1, score: best.score };
}

/** Starts voted for by significant lines found near where they were; the best few. */
function candidateStarts(index: LineIndex, block: readonly number[], significant: readonly boolean[], old: number, window: number): number[] {
  const votes = new Map<number, number>();
  for (let i = 0; i < block.length; i++) {
    if (!significant[i]) {
      continue;
    }
    const positions = index.at(block[i]);
    const expected = old + i;
    for (let p = lowerBound(positions, expected - window); p < positions.length && positions[p] <= expected + window; p++) {
      if (index.lines[positions[p]] !== block[i]) {
        continue;
      }
      const start = positions[p] - i;
      votes.set(start, (votes.get(start) ?? 0) + 1);
    }
  }
  return [...votes.entries()]
    .sort((a, b) => b[1] - a[1] || Math.abs(a[0] - old) - Math.abs(b[0] - old))
    .slice(0, 4)
    .map(([start]) => start);
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/**
 * Aligns the block with the text around `start` (longest common subsequence
 * of lines, so lines added or removed inside the block are allowed) and
 * returns the span it covers and how many significant lines matched.
 */
function align(index: LineIndex, block: readonly number[], significant: readonly boolean[], start: number): { start: number; end: number; matched: number } {
  const slack = Math.max(2, Math.ceil(block.length / 2));
  const from = Math.max(0, start - slack);
  const to = Math.min(index.lineCount, start + block.length + slack);
  const k = block.length;
  const m = to - from;
  // score[i][j]: best significant-match count of block[i..] against text[from+j..].
  const score = Array.from({ length: k + 1 }, () => new Int32Array(m + 1));
  for (let i = k - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const same = block[i] === index.lines[from + j];
      const diagonal = same ? score[i + 1][j + 1] + (significant[i] ? 1 : 0) : -1;
      score[i][j] = Math.max(diagonal, score[i + 1][j], score[i][j + 1]);
    }
  }
  const pairs: [number, number][] = [];
  for (let i = 0, j = 0; i < k && j < m; ) {
    if (block[i] === index.lines[from + j] && score[i][j] === score[i + 1][j + 1] + (significant[i] ? 1 : 0)) {
      if (significant[i]) {
        pairs.push([i, from + j]);
      }
      i++;
      j++;
    } else if (score[i + 1][j] >= score[i][j + 1]) {
      i++;
    } else {
      j++;
    }
  }
  if (pairs.length === 0) {
    return { start, end: start + k - 1, matched: 0 };
  }
  const [firstBlock, firstText] = pairs[0];
  const [lastBlock, lastText] = pairs[pairs.length - 1];
  const newStart = Math.max(0, firstText - firstBlock);
  const newEnd = Math.max(newStart, Math.min(index.lineCount - 1, lastText + (k - 1 - lastBlock)));
  return { start: newStart, end: newEnd, matched: pairs.length };
}
