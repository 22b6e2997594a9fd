// Git trailers (`Key: value` lines at the end of a commit message), read and
// written the way `git interpret-trailers --parse` does, so that what we show
// as linked is what git (and every tool built on it) reads as trailers. The
// reading rules are a port of git's trailer.c (2.39): the block is the last
// paragraph after the title; it counts when all its lines are trailers, or
// when it holds a git-generated trailer and at least 25% trailers; lines
// starting with whitespace continue the trailer above; comments, trailing
// blank lines and anything from a `---` divider on are not part of it.
// Tested against the real git as the oracle (test/unit/trailersOracle.test.ts).

export interface Trailer {
  readonly key: string;
  readonly value: string;
}

const COMMENT = '#';
const GIT_GENERATED_PREFIXES: readonly string[] = ['Signed-off-by: ', '(cherry picked from commit '];
/** A token git accepts: letters, digits and dashes (what we write; git reads a little more). */
export const TRAILER_KEY = /^[A-Za-z0-9][A-Za-z0-9-]*$/;

// C's isspace on the bytes git sees.
function isSpace(ch: string | undefined): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\v' || ch === '\f' || ch === '\r';
}

function isAlnum(ch: string): boolean {
  const code = ch.charCodeAt(0);
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Where `:` separates token and value in `line`, or -1 (git's find_separator). */
function findSeparator(line: string): number {
  let whitespaceFound = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === ':') {
      return i;
    }
    if (!whitespaceFound && (isAlnum(c) || c === '-')) {
      continue;
    }
    if (i !== 0 && (c === ' ' || c === '\t')) {
      whitespaceFound = true;
      continue;
    }
    break;
  }
  return -1;
}

function isBlank(line: string): boolean {
  for (const ch of line) {
    if (!isSpace(ch)) {
      return false;
    }
  }
  return true;
}

/** Lines without their `\n`, and a trailing empty element dropped. */
function splitLines(message: string): string[] {
  const lines = message.split('\n');
  if (lines[lines.length - 1] === '') {
    lines.pop();
  }
  return lines;
}

/** Index of the first line of a `---` divider (git's find_patch_start), or lines.length. */
function patchStart(lines: readonly string[], endsWithNewline: boolean): number {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const hasNewline = i < lines.length - 1 || endsWithNewline;
    if (line.startsWith('---') && (isSpace(line[3]) || (line.length === 3 && hasNewline))) {
      return i;
    }
  }
  return lines.length;
}

/** Drops trailing comments, empty lines and an old "Conflicts:" block (git's ignore_non_trailer). */
function trailerEnd(lines: readonly string[], end: number): number {
  let boc = -1;
  let inConflicts = false;
  for (let i = 0; i < end; i++) {
    const line = lines[i];
    if (line.startsWith(COMMENT) || line === '') {
      boc = boc === -1 ? i : boc;
    } else if (line === 'Conflicts:') {
      inConflicts = true;
      boc = boc === -1 ? i : boc;
    } else if (inConflicts && line.startsWith('\t')) {
      // a path in the conflicts block
    } else {
      boc = -1;
      inConflicts = false;
    }
  }
  // git keeps its start-of-run in a size_t where 0 means "none": a run from line 0 is no run.
  return boc > 0 ? boc : end;
}

function endOfTitle(lines: readonly string[], end: number): number {
  let i = 0;
  while (i < end && (lines[i].startsWith(COMMENT) || !isBlank(lines[i]))) {
    i++;
  }
  return i;
}

interface BlockCount {
  trailers: number;
  nonTrailers: number;
  possibleContinuations: number;
  recognized: boolean;
}

/** Counts one non-blank, non-comment line of the candidate block, read bottom up. */
function countLine(line: string, count: BlockCount): void {
  if (GIT_GENERATED_PREFIXES.some((prefix) => line.startsWith(prefix))) {
    count.trailers++;
    count.possibleContinuations = 0;
    count.recognized = true;
  } else if (findSeparator(line) >= 1 && !isSpace(line[0])) {
    count.trailers++;
    count.possibleContinuations = 0;
  } else if (isSpace(line[0])) {
    count.possibleContinuations++;
  } else {
    count.nonTrailers += 1 + count.possibleContinuations;
    count.possibleContinuations = 0;
  }
}

/** The first line of the trailer block (git's find_trailer_start), or `end` when there is none. */
function trailerStart(lines: readonly string[], end: number): number {
  const title = endOfTitle(lines, end);
  const count: BlockCount = { trailers: 0, nonTrailers: 0, possibleContinuations: 0, recognized: false };
  let onlySpaces = true;
  for (let i = end - 1; i >= title && i >= 0; i--) {
    const line = lines[i];
    if (line.startsWith(COMMENT)) {
      count.nonTrailers += count.possibleContinuations;
      count.possibleContinuations = 0;
    } else if (isBlank(line)) {
      if (onlySpaces) {
        continue;
      }
      count.nonTrailers += count.possibleContinuations;
      const isBlock =
        (count.recognized && count.trailers * 3 >= count.nonTrailers) || (count.trailers > 0 && count.nonTrailers === 0);
      return isBlock ? i + 1 : end;
    } else {
      onlySpaces = false;
      countLine(line, count);
    }
  }
  return end;
}

/** The line range [start, end) of the trailer block; start === end when there is none. */
export function trailerBlock(message: string): { readonly lines: readonly string[]; readonly start: number; readonly end: number } {
  const lines = splitLines(message);
  const end = trailerEnd(lines, patchStart(lines, message.endsWith('\n')));
  return { lines, start: trailerStart(lines, end), end };
}

/** git's unfold_value: each line break and the whitespace after it become one space; the ends are trimmed. */
function unfold(value: string): string {
  // A scan, not a regex: `[ \t…]+$` retried at every start of a long run of spaces is quadratic.
  let out = '';
  let i = 0;
  while (i < value.length) {
    const brk = value.indexOf('\n', i);
    if (brk === -1) {
      out += value.slice(i);
      break;
    }
    out += `${value.slice(i, brk)} `;
    i = brk + 1;
    while (i < value.length && isSpace(value[i])) {
      i++;
    }
  }
  return trimSpace(out);
}

/** `text` without C-isspace characters at either end (git trims those, not Unicode spaces). */
function trimSpace(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && isSpace(text[start])) {
    start++;
  }
  while (end > start && isSpace(text[end - 1])) {
    end--;
  }
  return text.slice(start, end);
}

/** The trailers of a commit message, in order, as `git interpret-trailers --parse` prints them. */
export function parseTrailers(message: string): Trailer[] {
  const { lines, start, end } = trailerBlock(message);
  const entries: string[] = [];
  let lastIsTrailer = false;
  for (let i = start; i < end; i++) {
    const line = lines[i];
    if (lastIsTrailer && isSpace(line[0])) {
      entries[entries.length - 1] += `\n${line}`;
      continue;
    }
    lastIsTrailer = findSeparator(line) >= 1;
    entries.push(line);
  }
  const trailers: Trailer[] = [];
  for (const entry of entries) {
    const separator = findSeparator(entry);
    if (entry.startsWith(COMMENT) || separator < 1) {
      continue;
    }
    const key = entry.slice(0, separator).trim();
    trailers.push({ key, value: unfold(entry.slice(separator + 1)) });
  }
  return trailers;
}

/** One trailer line; the value is made one line, since a line break would end or fold it. */
export function formatTrailer(trailer: Trailer): string {
  if (!TRAILER_KEY.test(trailer.key)) {
    throw new Error(`Trailer key ${JSON.stringify(trailer.key.slice(0, 50))}: letters, digits and dashes only, not starting with a dash`);
  }
  return `${trailer.key}: ${oneLine(trailer.value)}`;
}

function oneLine(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/**
 * What "already there" compares, case-insensitively as git compares keys. Not
 * formatTrailer: a message may hold keys git reads and we would not write
 * (`-foo: x`), and reading one must not fail the append.
 */
function identity(trailer: Trailer): string {
  return `${trailer.key}: ${oneLine(trailer.value)}`.toLowerCase();
}

/**
 * `message` with `trailers` added to its trailer block (a new block after a
 * blank line when it has none); trailers it already holds are not repeated.
 * Throws when a key of `trailers` is not one we write (see formatTrailer).
 */
export function appendTrailers(message: string, trailers: readonly Trailer[]): string {
  const seen = new Set(parseTrailers(message).map(identity));
  const added: string[] = [];
  for (const trailer of trailers) {
    const line = formatTrailer(trailer); // first: a key we would not write is refused whatever the message holds
    const id = identity(trailer);
    if (!seen.has(id)) {
      seen.add(id);
      added.push(line);
    }
  }
  if (added.length === 0) {
    return message;
  }
  const { lines, start, end } = trailerBlock(message);
  const newline = message.endsWith('\n') ? '\n' : '';
  if (start < end) {
    // Right after the block's last trailer (or continuation): below a blank or
    // comment line that ends the block, git would read the new lines as a new block.
    const at = lastContentLine(lines, start, end) + 1;
    return [...lines.slice(0, at), ...added, ...lines.slice(at)].join('\n') + newline;
  }
  // A new block goes before what git ignores at the end (comments, a `---` divider), where git looks for it.
  const body = lines.slice(0, end).join('\n').trimEnd();
  const ignored = lines.slice(end);
  const tail = ignored.every(isBlank) ? '' : `\n${ignored.join('\n')}${newline}`;
  // An empty message gets a blank first line: the user writes the subject above the block.
  return `${body}\n\n${added.join('\n')}${tail}`;
}

/** The last line of [start, end) that is neither blank nor a comment; a block always has one (a trailer). */
function lastContentLine(lines: readonly string[], start: number, end: number): number {
  let at = end - 1;
  while (at > start && (isBlank(lines[at]) || lines[at].startsWith(COMMENT))) {
    at--;
  }
  return at;
}
