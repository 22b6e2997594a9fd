// Reading `git diff --unified=0` output into what changed where: per file, its
// path before and after, its blob ids and its hunks. The output is streamed
// (a regenerated lock file makes a large diff): content lines are counted off
// the hunk headers and skipped, never kept, and only header lines, bounded in
// length, are assembled across chunks. So time is linear in the output and
// memory bounded by the result. The text holds a cloned repository's file
// names and contents: every number is read with a digit cap, every path
// unquoted by one scan, and no regular expression runs on it.
//
// Run git with `--src-prefix=a/ --dst-prefix=b/` (whatever diff.noprefix or
// diff.mnemonicPrefix say) and without colour, external diff or textconv.

/** Lines `start`…`end` of a file, 1-based, inclusive. */
export interface LineRange {
  readonly start: number;
  readonly end: number;
}

/**
 * A hunk as git writes it: `@@ -oldStart,oldCount +newStart,newCount @@`.
 * A side with a count of 0 has no lines: its start is the line after which
 * the other side's lines were (0: the top of the file).
 */
export interface Hunk {
  readonly oldStart: number;
  readonly oldCount: number;
  readonly newStart: number;
  readonly newCount: number;
}

export interface FileDiff {
  /** The file in the working tree (repository-relative, `/`-separated); undefined when it was deleted. */
  readonly path: string | undefined;
  /** The file at the base; undefined when it was added. Differs from `path` when renamed. */
  readonly oldPath: string | undefined;
  /** Blob ids from the `index` line (the working tree's too): what a cache of this file's state is keyed by. */
  readonly oldBlob: string | undefined;
  readonly newBlob: string | undefined;
  /** In file order; none for a binary file, a pure rename or a mode change. */
  readonly hunks: readonly Hunk[];
}

export interface ParsedDiff {
  readonly files: readonly FileDiff[];
  /** More files or hunks than the caps: the rest were read past and left out. */
  readonly truncated: boolean;
}

/** No repository path is longer (PATH_MAX is 4096 bytes; quoting multiplies by at most 4). */
const MAX_HEADER_LINE = 16 * 1024;
export const MAX_DIFF_FILES = 20_000;
export const MAX_DIFF_HUNKS = 200_000;
/** Line numbers and counts of at most nine digits: no file has a billion lines. */
const MAX_DIGITS = 9;
const HEX_ID_MIN = 7;
const HEX_ID_MAX = 64;

interface FileBuilder {
  path: string | null | undefined;
  oldPath: string | null | undefined;
  oldBlob: string | undefined;
  newBlob: string | undefined;
  hunks: Hunk[];
  /** A header made no sense: the file is left out (its hunks could not be told from content). */
  broken: boolean;
}

/** Reads `git diff -U0` output pushed in chunks of any size; end() gives the files. */
export class DiffParser {
  private readonly files: FileDiff[] = [];
  private file: FileBuilder | undefined;
  private hunkCount = 0;
  private truncated = false;
  /** Content lines of the current hunk still to come, per side. */
  private oldLeft = 0;
  private newLeft = 0;
  /** The unfinished line: its first MAX_HEADER_LINE characters, and whether more were cut. */
  private partial = '';
  private partialCut = false;

  push(chunk: string): void {
    let from = 0;
    for (let newline = chunk.indexOf('\n'); newline !== -1; newline = chunk.indexOf('\n', from)) {
      this.keep(chunk, from, newline);
      this.line(this.partial, this.partialCut);
      this.partial = '';
      this.partialCut = false;
      from = newline + 1;
    }
    this.keep(chunk, from, chunk.length);
  }

  end(): ParsedDiff {
    if (this.partial !== '' || this.partialCut) {
      this.line(this.partial, this.partialCut);
    }
    this.finishFile();
    return { files: this.files, truncated: this.truncated };
  }

  /** Adds chunk[from, to) to the unfinished line, up to the cap. */
  private keep(chunk: string, from: number, to: number): void {
    const room = MAX_HEADER_LINE - this.partial.length;
    if (to - from > room) {
      this.partialCut = true;
      to = from + room;
    }
    if (to > from) {
      this.partial += chunk.slice(from, to);
    }
  }

  private line(text: string, cut: boolean): void {
    if (this.oldLeft > 0 || this.newLeft > 0) {
      if (this.contentLine(text)) {
        return;
      }
      this.markBroken(); // fewer content lines than the header said
    }
    if (text.startsWith('diff --git ')) {
      this.finishFile();
      this.file = { path: undefined, oldPath: undefined, oldBlob: undefined, newBlob: undefined, hunks: [], broken: false };
      return;
    }
    const file = this.file;
    if (!file || file.broken) {
      return;
    }
    if (cut) {
      this.markBroken(); // no header git writes is this long
    } else if (text.startsWith('@@ ')) {
      this.hunk(text);
    } else if (text.startsWith('--- ')) {
      file.oldPath = this.pathField(text.slice(4), 'a/');
    } else if (text.startsWith('+++ ')) {
      file.path = this.pathField(text.slice(4), 'b/');
    } else if (text.startsWith('rename from ')) {
      file.oldPath = this.pathField(text.slice(12), '');
    } else if (text.startsWith('rename to ')) {
      file.path = this.pathField(text.slice(10), '');
    } else if (text.startsWith('index ')) {
      this.blobs(file, text.slice(6));
    }
    // Other headers (modes, similarity, "Binary files … differ", "\ No newline") say nothing we need.
  }

  /** One line inside a hunk: true when it is one (and counted). */
  private contentLine(text: string): boolean {
    const first = text.charCodeAt(0);
    if (first === 45 /* - */ && this.oldLeft > 0) {
      this.oldLeft--;
    } else if (first === 43 /* + */ && this.newLeft > 0) {
      this.newLeft--;
    } else if (first === 32 /* space: context, with -U1 and more */ && this.oldLeft > 0 && this.newLeft > 0) {
      this.oldLeft--;
      this.newLeft--;
    } else if (first !== 92 /* \ No newline at end of file */) {
      return false;
    }
    return true;
  }

  private hunk(text: string): void {
    const file = this.file!;
    const hunk = parseHunkHeader(text);
    if (!hunk || file.path === undefined || file.oldPath === undefined) {
      this.markBroken(); // a hunk before its file's --- and +++ lines, or an unreadable header
      return;
    }
    this.oldLeft = hunk.oldCount;
    this.newLeft = hunk.newCount;
    if (this.hunkCount >= MAX_DIFF_HUNKS) {
      this.truncated = true;
      return;
    }
    this.hunkCount++;
    file.hunks.push(hunk);
  }

  /** `a/src/x.ts`, `"a/tab\there"`, `/dev/null` (null), or undefined (and the file broken) when unreadable. */
  private pathField(raw: string, prefix: string): string | null | undefined {
    if (raw === '/dev/null') {
      return null;
    }
    // git ends a name holding a space with a tab (for patch), quoted or not; a tab in a name is always quoted.
    const field = raw.endsWith('\t') ? raw.slice(0, -1) : raw;
    const name = field.startsWith('"') ? unquoteGitPath(field) : field;
    if (name === undefined || !name.startsWith(prefix) || name.length === prefix.length) {
      this.markBroken();
      return undefined;
    }
    return name.slice(prefix.length);
  }

  /** `index <old>..<new>[ <mode>]`. */
  private blobs(file: FileBuilder, rest: string): void {
    const dots = rest.indexOf('..');
    const space = rest.indexOf(' ', dots);
    const oldBlob = rest.slice(0, dots);
    const newBlob = rest.slice(dots + 2, space === -1 ? rest.length : space);
    if (dots !== -1 && isHexId(oldBlob) && isHexId(newBlob)) {
      file.oldBlob = isZeros(oldBlob) ? undefined : oldBlob;
      file.newBlob = isZeros(newBlob) ? undefined : newBlob;
    }
  }

  private markBroken(): void {
    if (this.file) {
      this.file.broken = true;
    }
    this.oldLeft = 0;
    this.newLeft = 0;
  }

  private finishFile(): void {
    const file = this.file;
    this.file = undefined;
    this.oldLeft = 0;
    this.newLeft = 0;
    if (!file || file.broken || (!file.path && !file.oldPath)) {
      return;
    }
    if (this.files.length >= MAX_DIFF_FILES) {
      this.truncated = true;
      return;
    }
    const { path, oldPath, oldBlob, newBlob, hunks } = file;
    this.files.push({ path: path ?? undefined, oldPath: oldPath ?? undefined, oldBlob, newBlob, hunks });
  }
}

/** The whole output at once (tests, small diffs). */
export function parseUnifiedDiff(text: string): ParsedDiff {
  const parser = new DiffParser();
  parser.push(text);
  return parser.end();
}

/** `@@ -12,3 +12,0 @@ context`: a missing count is 1. Undefined when it is not one. */
export function parseHunkHeader(text: string): Hunk | undefined {
  const reader = { text, at: 3 };
  if (!expect(reader, '-')) {
    return undefined;
  }
  const oldStart = readNumber(reader);
  const oldCount = expect(reader, ',') ? readNumber(reader) : 1;
  if (!expect(reader, ' +')) {
    return undefined;
  }
  const newStart = readNumber(reader);
  const newCount = expect(reader, ',') ? readNumber(reader) : 1;
  if (oldStart === undefined || oldCount === undefined || newStart === undefined || newCount === undefined || !expect(reader, ' @@')) {
    return undefined;
  }
  // A side with lines starts at line 1 or later; both sides empty is no hunk.
  if ((oldCount > 0 && oldStart < 1) || (newCount > 0 && newStart < 1) || oldCount + newCount === 0) {
    return undefined;
  }
  return { oldStart, oldCount, newStart, newCount };
}

function expect(reader: { text: string; at: number }, literal: string): boolean {
  if (reader.text.startsWith(literal, reader.at)) {
    reader.at += literal.length;
    return true;
  }
  return false;
}

function readNumber(reader: { text: string; at: number }): number | undefined {
  let value = 0;
  const start = reader.at;
  while (reader.at < reader.text.length && reader.at - start <= MAX_DIGITS) {
    const digit = reader.text.charCodeAt(reader.at) - 48;
    if (digit < 0 || digit > 9) {
      break;
    }
    value = value * 10 + digit;
    reader.at++;
  }
  const length = reader.at - start;
  return length === 0 || length > MAX_DIGITS ? undefined : value;
}

function isHexId(text: string): boolean {
  if (text.length < HEX_ID_MIN || text.length > HEX_ID_MAX) {
    return false;
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) {
      return false;
    }
  }
  return true;
}

function isZeros(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '0') {
      return false;
    }
  }
  return true;
}

const UTF8 = new TextDecoder();
const ESCAPES: Readonly<Record<string, string>> = { a: '\x07', b: '\b', t: '\t', n: '\n', v: '\v', f: '\f', r: '\r', '"': '"', '\\': '\\' };

/**
 * A path as git quotes it (core.quotePath): `"…"` with C escapes, and bytes
 * outside ASCII as octal `\303\274`, which are UTF-8 once put together.
 * Undefined when it is not such a string.
 */
export function unquoteGitPath(quoted: string): string | undefined {
  if (quoted.length < 2 || !quoted.startsWith('"') || !quoted.endsWith('"')) {
    return undefined;
  }
  let out = '';
  let bytes: number[] = [];
  const flushBytes = (): void => {
    if (bytes.length > 0) {
      out += UTF8.decode(new Uint8Array(bytes));
      bytes = [];
    }
  };
  for (let i = 1; i < quoted.length - 1; i++) {
    const c = quoted[i];
    if (c === '"') {
      return undefined; // an unescaped quote ends the string early
    }
    if (c !== '\\') {
      flushBytes();
      out += c;
      continue;
    }
    const next = quoted[++i];
    if (next >= '0' && next <= '3' && isOctal(quoted[i + 1]) && isOctal(quoted[i + 2])) {
      bytes.push(parseInt(quoted.slice(i, i + 3), 8));
      i += 2;
    } else if (i < quoted.length - 1 && Object.hasOwn(ESCAPES, next)) {
      flushBytes();
      out += ESCAPES[next];
    } else {
      return undefined;
    }
  }
  flushBytes();
  return out;
}

function isOctal(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '7';
}

/** The lines of the working-tree file a hunk adds or rewrites; undefined when it only removes. */
export function addedLines(hunk: Hunk): LineRange | undefined {
  return hunk.newCount > 0 ? { start: hunk.newStart, end: hunk.newStart + hunk.newCount - 1 } : undefined;
}

/** The lines of the base's file a hunk removes or rewrites; undefined when it only adds. */
export function removedLines(hunk: Hunk): LineRange | undefined {
  return hunk.oldCount > 0 ? { start: hunk.oldStart, end: hunk.oldStart + hunk.oldCount - 1 } : undefined;
}

/** Every line of the working-tree file that is new or rewritten, hunk by hunk. */
export function addedRanges(file: FileDiff): LineRange[] {
  return file.hunks.map(addedLines).filter((range) => range !== undefined);
}

/** Every line of the base's file that was removed or rewritten, hunk by hunk. */
export function removedRanges(file: FileDiff): LineRange[] {
  return file.hunks.map(removedLines).filter((range) => range !== undefined);
}
