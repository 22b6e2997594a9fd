// Keeps a trade-off on its code. A trade-off remembers its block's lines; after
// an edit, re-anchoring looks for them in the new text: the exact block first
// (anywhere in the file, nearest to the old place: code moved), then the
// closest match near the old place (code edited a little), and below a
// threshold it reports the trade-off detached rather than guess.
//
// Lines are compared normalised (whitespace collapsed), so re-indenting the
// block does not detach it. One LineIndex per text version serves all the
// trade-offs of that file: 500 of them in 20,000 lines take a few ms.
//
// The anchors come from `.feedback/tradeoffs.json`, so from whatever repository
// was cloned: every step is bounded by the file's length times a constant,
// never by the square of a length the file chooses, and an anchor too large to
// follow is reported unanchorable, with the reason, instead of being tried.

export const DEFAULT_THRESHOLD = 0.5;

/** Longer anchors are not followed: nobody reviews a trade-off on 2,000 lines, and each costs its length per edit. */
export const MAX_ANCHOR_LINES = 2_000;
/** Nor anchors holding a longer line (minified code, data): hashing is paid per character on every edit. */
export const MAX_ANCHOR_LINE_CHARS = 2_000;
/** Lines added or removed inside a block that a closest match absorbs: the alignment is a band this wide on each side. */
const MAX_SLACK = 64;
/** Copies of one line that vote for a block's new place, the nearest to where it was: a line found 10,000 times says little. */
const MAX_VOTES_PER_LINE = 16;

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
  | { readonly kind: 'detached'; readonly score: number }
  /** Not looked for: the anchor is over a limit (the reason says which). */
  | { readonly kind: 'unanchorable'; readonly reason: string };

export interface AnchorOptions {
  /** Share of the block's significant lines that must be found (0–1). */
  readonly threshold?: number;
  /** How far from the old place (in lines, beyond the block's own length) a fuzzy match may be. */
  readonly window?: number;
}

/** Where the block is in `index`'s text now, or detached. Lines are 1-based. */
export function reanchor(index: LineIndex, query: AnchorQuery, options: AnchorOptions = {}): AnchorResult {
  const reason = anchorLimitProblem(query.lines);
  if (reason !== undefined) {
    return { kind: 'unanchorable', reason };
  }
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

/** Why an anchor is not followed (it is over a limit), or undefined when it is followed. */
export function anchorLimitProblem(lines: readonly string[]): string | undefined {
  if (lines.length > MAX_ANCHOR_LINES) {
    return `its anchor has ${count(lines.length)} lines; trade-offs on more than ${count(MAX_ANCHOR_LINES)} lines are not followed`;
  }
  const long = lines.findIndex((line) => line.length > MAX_ANCHOR_LINE_CHARS);
  if (long >= 0) {
    return `line ${long + 1} of its anchor has ${count(lines[long].length)} characters; lines of more than ${count(MAX_ANCHOR_LINE_CHARS)} characters are not followed`;
  }
  return undefined;
}

/** 15000 → "15,000", the same on every machine. */
export function count(n: number): string {
  return n.toLocaleString('en-US');
}

/** The start of the copy of `block` nearest to `old`, if any. */
function findExact(index: LineIndex, block: readonly number[], old: number): number | undefined {
  if (matchesAt(index, block, old)) {
    return old;
  }
  // Candidates come from the block's rarest line: usually few places to check.
  let rarest = 0;
  let fewest = Infinity;
  for (let i = 0; i < block.length; i++) {
    const count = index.at(block[i]).length;
    if (count < fewest) {
      fewest = count;
      rarest = i;
    }
  }
  // Each check may cost the block's length: when a block of common lines
  // (all `}` or all alike) makes that more than reading the file once, read it once.
  if (fewest * block.length > index.lineCount + block.length) {
    return nearestCopy(index.lines, block, old);
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

/** The copy of `block` nearest to `old` (the first of equals), in one pass: Knuth–Morris–Pratt, O(lines + block). */
function nearestCopy(lines: Float64Array, block: readonly number[], old: number): number | undefined {
  // fallback[i]: length of the longest proper prefix of block[0..i] that is also its suffix.
  const fallback = new Int32Array(block.length);
  for (let i = 1, k = 0; i < block.length; i++) {
    while (k > 0 && block[i] !== block[k]) {
      k = fallback[k - 1];
    }
    k += block[i] === block[k] ? 1 : 0;
    fallback[i] = k;
  }
  let best: number | undefined;
  for (let j = 0, k = 0; j < lines.length; j++) {
    while (k > 0 && lines[j] !== block[k]) {
      k = fallback[k - 1];
    }
    k += lines[j] === block[k] ? 1 : 0;
    if (k === block.length) {
      const start = j - k + 1;
      if (best === undefined || Math.abs(start - old) < Math.abs(best - old)) {
        best = start;
      }
      k = fallback[k - 1];
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
    const [from, to] = nearestPositions(positions, expected, window);
    for (let p = from; p < to; p++) {
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

/** The range of `positions` within `window` of `expected`, narrowed to the MAX_VOTES_PER_LINE nearest to it. */
function nearestPositions(positions: readonly number[], expected: number, window: number): [number, number] {
  const lo = lowerBound(positions, expected - window);
  const hi = lowerBound(positions, expected + window + 1);
  if (hi - lo <= MAX_VOTES_PER_LINE) {
    return [lo, hi];
  }
  const middle = lowerBound(positions, expected);
  const from = Math.min(Math.max(lo, middle - MAX_VOTES_PER_LINE / 2), hi - MAX_VOTES_PER_LINE);
  return [from, from + MAX_VOTES_PER_LINE];
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
 *
 * Only alignments that add or remove at most `slack` lines are considered: a
 * diagonal band of block × (2·slack + 1) cells, where a full table would be
 * block × 2·block (a 15,000-line anchor: 450 million cells).
 */
function align(index: LineIndex, block: readonly number[], significant: readonly boolean[], start: number): { start: number; end: number; matched: number } {
  const k = block.length;
  const slack = Math.min(MAX_SLACK, Math.max(2, Math.ceil(k / 2)));
  const band = new Band(index, block, significant, start, slack);
  const pairs = band.matchedPairs();
  if (pairs.length === 0) {
    return { start, end: start + k - 1, matched: 0 };
  }
  const [firstBlock, firstText] = pairs[0];
  const [lastBlock, lastText] = pairs[pairs.length - 1];
  const newStart = Math.max(0, firstText - firstBlock);
  const newEnd = Math.max(newStart, Math.min(index.lineCount - 1, lastText + (k - 1 - lastBlock)));
  return { start: newStart, end: newEnd, matched: pairs.length };
}

/**
 * The alignment table: cell (i, c) pairs block line i with text line
 * `start + i + c - slack`, and holds the best significant-match count of
 * block[i..] from there. Moves: diagonal (i+1, c), skip a block line
 * (i+1, c-1), skip a text line (i, c+1); stopping is worth 0.
 */
class Band {
  private readonly width: number;
  private readonly score: Int32Array;

  constructor(
    private readonly index: LineIndex,
    private readonly block: readonly number[],
    private readonly significant: readonly boolean[],
    private readonly start: number,
    private readonly slack: number,
  ) {
    this.width = 2 * slack + 1;
    this.score = new Int32Array((block.length + 1) * this.width);
    this.fill();
  }

  private textAt(i: number, c: number): number {
    return this.start + i + c - this.slack;
  }

  private same(i: number, c: number): boolean {
    const j = this.textAt(i, c);
    return j >= 0 && j < this.index.lineCount && this.index.lines[j] === this.block[i];
  }

  private at(i: number, c: number): number {
    return c >= 0 && c < this.width ? this.score[i * this.width + c] : 0;
  }

  /** What taking the diagonal from (i, c) is worth: a match, or a line edited in place. */
  private diagonal(i: number, c: number): number {
    return this.at(i + 1, c) + (this.same(i, c) && this.significant[i] ? 1 : 0);
  }

  // The same recurrence as at() and diagonal(), written out: it runs block × width times.
  private fill(): void {
    const { width, score, block, significant, start, slack } = this;
    const lines = this.index.lines;
    for (let i = block.length - 1; i >= 0; i--) {
      const row = i * width;
      const next = row + width;
      const gain = significant[i] ? 1 : 0;
      const line = block[i];
      for (let c = width - 1; c >= 0; c--) {
        const j = start + i + c - slack;
        let best = score[next + c] + (j >= 0 && j < lines.length && lines[j] === line ? gain : 0);
        if (c > 0 && score[next + c - 1] > best) {
          best = score[next + c - 1];
        }
        if (c + 1 < width && score[row + c + 1] > best) {
          best = score[row + c + 1];
        }
        score[row + c] = best;
      }
    }
  }

  /**
   * [block line, text line] of each significant match on a best path. Among
   * equally good moves, the one towards the candidate's own diagonal (c =
   * slack) wins: in a file of look-alike lines, the block stays where it was
   * voted to be rather than sliding to the band's edge, and an edited line
   * stays in place.
   */
  matchedPairs(): [number, number][] {
    const pairs: [number, number][] = [];
    for (let i = 0, c = 0; i < this.block.length && this.at(i, c) > 0; ) {
      const here = this.at(i, c);
      const skipText = this.at(i, c + 1);
      const skipBlock = c > 0 ? this.at(i + 1, c - 1) : -1;
      if (c < this.slack && skipText === here) {
        c++;
      } else if (c > this.slack && skipBlock === here) {
        i++;
        c--;
      } else if (this.diagonal(i, c) === here) {
        if (this.same(i, c) && this.significant[i]) {
          pairs.push([i, this.textAt(i, c)]);
        }
        i++;
      } else if (skipBlock === here) {
        i++;
        c--;
      } else {
        c++;
      }
    }
    return pairs;
  }
}
