// Reading `git blame --porcelain` output: which commit last changed each line.
// Every line of the file comes as a header `<sha> <orig line> <final line>
// [<lines in group>]`, the commit's details the first time it appears
// (`author …`, `summary …`, `previous …`, `filename …`: none starts with 40 hex
// digits and a space), then the line's content after a tab. Headers, file
// names and whether a commit had a previous version are read; the rest is
// skipped by its first characters, so time is linear in the output, and the
// commit ids are checked (40 or 64 lowercase hex digits).
import { unquoteGitPath } from './diff';

/** A line `git blame` says no commit has yet: changed in the working tree. */
export const NOT_COMMITTED = '0'.repeat(40);

/** Blamed lines in one answer: more is not a range we asked for. */
export const MAX_BLAMED_LINES = 1_000_000;
const MAX_LINE_NUMBER = 999_999_999;

/** Line number in the blamed file → the full id of the commit that last changed it. */
export type LineCommits = ReadonlyMap<number, string>;

export interface BlameAnswer {
  readonly lines: Map<number, string>;
  /**
   * The names the file had where its lines changed (`filename`), and in the
   * commits before those (`previous`): another than the one blamed means the
   * lines go back past a rename.
   */
  readonly paths: ReadonlySet<string>;
  /** Commits blamed for lines with no earlier version of the file (no `previous`): where the file began, or seemed to. */
  readonly created: ReadonlySet<string>;
}

/** Reads `git blame --porcelain` output; throws on a header git would not write. */
export function parseBlamePorcelain(text: string): BlameAnswer {
  const lines = new Map<number, string>();
  const paths = new Set<string>();
  const created = new Set<string>();
  let commit: string | undefined;
  let from = 0;
  while (from < text.length) {
    const newline = text.indexOf('\n', from);
    const end = newline === -1 ? text.length : newline;
    if (text.startsWith(FILENAME, from)) {
      addPath(paths, text.slice(from + FILENAME.length, end));
    } else if (text.startsWith(PREVIOUS, from)) {
      // `previous <sha> <path>`: the commit's details name the version before it.
      created.delete(commit!);
      addPath(paths, text.slice(text.indexOf(' ', from + PREVIOUS.length) + 1, end));
    } else if (text.startsWith(SUMMARY, from) && commit !== undefined) {
      created.add(commit); // details come once per commit, a summary always among them, before any `previous`
    } else if (text.charCodeAt(from) !== 9 /* tab: the line's content */) {
      const header = readHeader(text, from, end);
      if (header) {
        if (lines.size >= MAX_BLAMED_LINES) {
          throw new Error(`git blame: more than ${MAX_BLAMED_LINES} lines`);
        }
        lines.set(header.line, header.sha);
        commit = header.sha;
      }
    }
    from = end + 1;
  }
  return { lines, paths, created };
}

const FILENAME = 'filename ';
const PREVIOUS = 'previous ';
const SUMMARY = 'summary ';
/** Names kept per answer: one or two in practice; the cap bounds what a hostile answer costs. */
const MAX_PATHS = 100;

function addPath(paths: Set<string>, raw: string): void {
  const path = raw.startsWith('"') ? unquoteGitPath(raw) : raw;
  if (path !== undefined && path !== '' && paths.size < MAX_PATHS) {
    paths.add(path);
  }
}

/** The header at text[from, end), or undefined for a commit's details. */
function readHeader(text: string, from: number, end: number): { sha: string; line: number } | undefined {
  const idLength = hexRun(text, from, end);
  if ((idLength !== 40 && idLength !== 64) || text.charCodeAt(from + idLength) !== 32) {
    return undefined;
  }
  const fields = text.slice(from + idLength + 1, end).split(' ', 4);
  const [original, final, count] = fields.map(lineNumber);
  if (fields.length < 2 || fields.length > 3 || original === undefined || final === undefined || (fields.length === 3 && count === undefined)) {
    throw new Error(`git blame: unexpected line ${JSON.stringify(text.slice(from, Math.min(end, from + 120)))}`);
  }
  return { sha: text.slice(from, from + idLength), line: final };
}

/** How many lowercase hex digits start text[from, end), counting no further than 65. */
function hexRun(text: string, from: number, end: number): number {
  let at = from;
  while (at < end && at - from <= 64) {
    const c = text.charCodeAt(at);
    if (!((c >= 48 && c <= 57) || (c >= 97 && c <= 102))) {
      break;
    }
    at++;
  }
  return at - from;
}

function lineNumber(text: string): number | undefined {
  if (text.length === 0 || text.length > 9) {
    return undefined;
  }
  let value = 0;
  for (let i = 0; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 48;
    if (digit < 0 || digit > 9) {
      return undefined;
    }
    value = value * 10 + digit;
  }
  return value >= 1 && value <= MAX_LINE_NUMBER ? value : undefined;
}
