// The changes of a repository against its base, and who last changed those
// lines: `git diff --unified=0` streamed through core's DiffParser, then
// `git blame --porcelain` of the changed lines only (several `-L` in one call
// per file and side), which is what costs. The base is the merge base of HEAD
// and the default branch, so the changes are the branch's commits and the
// working tree's edits together (core/impact/impact.ts says which side is
// blamed where, and why).
//
// Removed lines are blamed along each file's own history, read for all the
// changed files in one walk (pathHistory.ts): a blame then walks a hundred
// commits instead of the whole history.
//
// Caches, so an edit in one file costs that file only:
// - removed lines by (base commit, path): blame at a commit never changes, so
//   only lines not asked about before are blamed again;
// - added lines by (base, HEAD, path, working-tree blob id): a file saved as it
//   was is not blamed again. Only files the branch's commits changed are
//   blamed on that side: elsewhere every added line is not committed yet.
// Commit ids are checked hex, refs validated, paths passed after `--` (diff's
// under --literal-pathspecs), and a newer request for the same file or repository
// aborts the older one's git processes.
import { parseBlamePorcelain } from '../core/impact/blame';
import type { BlameAnswer } from '../core/impact/blame';
import { DiffParser, addedRanges, parseUnifiedDiff, removedRanges } from '../core/impact/diff';
import type { FileDiff, LineRange } from '../core/impact/diff';
import type { BlamedFile } from '../core/impact/impact';
import { isAbortError } from './gitProcess';
import type { GitProcess } from './gitProcess';
import { BoundedMap } from './boundedMap';
import { LatestRuns, concurrencyLimit } from './latestRuns';
import { BaseVersions } from './baseVersions';
import { PathHistories } from './pathHistory';
import type { PathHistory } from './pathHistory';

/** The commit changes are measured from, and HEAD when it was chosen. */
export interface ChangeBase {
  /** The merge base of HEAD and the default branch; HEAD itself on the default branch or without one. */
  readonly commit: string;
  readonly head: string;
}

export interface ChangedFiles {
  /** The files with changed lines, blamed. */
  readonly files: readonly BlamedFile[];
  /** More changed files than a diff is read for (core/impact/diff.ts): the rest are left out. */
  readonly truncated: boolean;
}

const SHA = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** A branch name as git allows it, bounded; never an option. */
const REF_NAME = /^[^-\s\0~^:?*[\\][^\s\0~^:?*[\\]{0,199}$/;
const DIFF = ['--literal-pathspecs', 'diff', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--full-index', '--find-renames', '--ignore-submodules', '--src-prefix=a/', '--dst-prefix=b/'];
/** An unsaved text against the base: git compares files, no prefixes to read, exit code 1 when they differ. */
const DIFF_TEXT = ['diff', '--no-index', '--unified=0', '--no-color', '--no-ext-diff', '--no-textconv', '--src-prefix=a/', '--dst-prefix=b/'];
/** Longer unsaved texts are read at their save only: each pause in typing sends the whole text to git. */
const MAX_UNSAVED_TEXT = 4 * 1024 * 1024;
/** `-L` options per blame call: a rewritten file can have thousands of hunks, and a command line has a limit. */
const RANGES_PER_CALL = 200;
/** Files whose blame is kept, per side: the changes of a few branches. */
const CACHED_FILES = 1_000;
/** Blame processes at once, all repositories together. */
const CONCURRENT_BLAMES = 4;

export class ChangeBlame {
  private readonly removedCache = new BoundedMap<string, Map<number, string>>(CACHED_FILES);
  private readonly addedCache = new BoundedMap<string, ReadonlyMap<number, string>>(CACHED_FILES);
  /** Per repository, base and HEAD: the paths the branch's commits changed. */
  private readonly branchPaths = new BoundedMap<string, Promise<ReadonlySet<string>>>(16);
  /** Per repository: path → its path at the base, for renamed files (a one-path diff would see an added file). */
  private readonly renamedFrom = new Map<string, Map<string, string>>();
  private readonly latest = new LatestRuns();
  private readonly limit = concurrencyLimit(CONCURRENT_BLAMES);
  private readonly histories: PathHistories;
  private readonly baseVersions: BaseVersions;

  constructor(private readonly git: GitProcess) {
    this.histories = new PathHistories(git);
    this.baseVersions = new BaseVersions(git);
  }

  /** Where to measure from: undefined for a repository without commits. */
  async base(root: string, defaultBranch: string | undefined, signal?: AbortSignal): Promise<ChangeBase | undefined> {
    // Both commands exit non-zero for a plain "no" (no HEAD yet; no common history): an answer, not a failure.
    const head = (await this.answerOrEmpty(root, ['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'], signal)).trim();
    if (!SHA.test(head)) {
      return undefined;
    }
    if (defaultBranch === undefined || !REF_NAME.test(defaultBranch)) {
      return { commit: head, head };
    }
    const base = (await this.answerOrEmpty(root, ['merge-base', '--end-of-options', head, defaultBranch], signal)).trim();
    return { commit: SHA.test(base) ? base : head, head };
  }

  /** Every file of `root` that differs from the base, blamed. A newer call for `root` aborts this one. */
  async changedFiles(root: string, base: ChangeBase, signal?: AbortSignal): Promise<ChangedFiles> {
    assertBase(base);
    return this.latest.run(`all\0${root}`, signal, async (latest) => {
      const { files, truncated } = await this.diff(root, base, [], latest);
      const renames = new Map<string, string>();
      for (const file of files) {
        if (file.path !== undefined && file.oldPath !== undefined && file.path !== file.oldPath) {
          renames.set(file.path, file.oldPath);
        }
      }
      this.renamedFrom.set(root, renames);
      const changed = files.filter((file) => file.hunks.length > 0);
      const removedFrom = new Set(changed.flatMap((file) => (file.oldPath !== undefined && removedRanges(file).length > 0 ? [file.oldPath] : [])));
      // Walked when a file has removed lines not blamed before; added lines' blames start meanwhile.
      let walk: Promise<PathHistory | undefined> | undefined;
      const history = (): Promise<PathHistory | undefined> => (walk ??= this.histories.read(root, base.commit, removedFrom, latest));
      return { files: await Promise.all(changed.map((file) => this.blameFile(root, base, file, latest, history))), truncated };
    });
  }

  /**
   * One file again, after a save: its diff against the base and the blame of
   * what changed; undefined when it no longer differs. `path` is
   * repository-relative with `/`. Renames and the changed paths' history come
   * from the last changedFiles() of `root`. A newer call for the same file
   * aborts this one.
   */
  async changedFile(root: string, base: ChangeBase, path: string, signal?: AbortSignal): Promise<BlamedFile | undefined> {
    assertBase(base);
    assertRepositoryPath(path);
    return this.latest.run(`file\0${root}\0${path}`, signal, async (latest) => {
      const oldPath = this.renamedFrom.get(root)?.get(path);
      const { files } = await this.diff(root, base, oldPath === undefined ? [path] : [oldPath, path], latest);
      const file = files.find((f) => f.path === path) ?? files.find((f) => f.path === undefined && f.oldPath === path);
      if (!file || file.hunks.length === 0) {
        return undefined;
      }
      const history = file.oldPath === undefined ? undefined : this.histories.covering(root, base.commit, file.oldPath);
      return this.blameFile(root, base, file, latest, async () => history);
    });
  }

  /**
   * One file as an editor holds it, not saved: its text against the base and
   * the blame of what changed (`git diff --no-index` of the base's version and
   * the text, `git blame --contents -`). Undefined when the text is the
   * base's, or the file is longer than is read while typing. Shares
   * changedFile's key: the newer of the two runs, the older is aborted.
   */
  async changedText(root: string, base: ChangeBase, path: string, text: string, signal?: AbortSignal): Promise<BlamedFile | undefined> {
    assertBase(base);
    assertRepositoryPath(path);
    if (text.length > MAX_UNSAVED_TEXT) {
      return undefined;
    }
    return this.latest.run(`file\0${root}\0${path}`, signal, async (latest) => {
      const oldPath = this.renamedFrom.get(root)?.get(path) ?? path;
      const baseFile = await this.baseVersions.file(root, base.commit, oldPath, latest);
      const out = await this.git.run(root, [...DIFF_TEXT, '--', baseFile?.file ?? '/dev/null', '-'], latest, { input: text, answerCodes: [1] });
      const hunks = parseUnifiedDiff(out).files[0]?.hunks ?? [];
      if (hunks.length === 0) {
        return undefined;
      }
      const diff: FileDiff = { path, oldPath: baseFile ? oldPath : undefined, oldBlob: baseFile?.blob, newBlob: undefined, hunks };
      const history = diff.oldPath === undefined ? undefined : this.histories.covering(root, base.commit, diff.oldPath);
      return this.blameFile(root, base, diff, latest, async () => history, text);
    });
  }

  /** Drops what is known of `root` (closed, or its history rewritten). */
  forget(root: string): void {
    const prefix = `${root}\0`;
    for (const cache of [this.removedCache, this.addedCache, this.branchPaths]) {
      cache.deleteWhere((key) => key.startsWith(prefix));
    }
    this.renamedFrom.delete(root);
    this.histories.forget(root);
  }

  dispose(): void {
    this.latest.abortAll();
    this.histories.dispose();
    this.baseVersions.dispose();
  }

  private async diff(root: string, base: ChangeBase, paths: readonly string[], signal: AbortSignal): Promise<{ files: readonly FileDiff[]; truncated: boolean }> {
    const parser = new DiffParser();
    await this.git.stream(root, [...DIFF, '--end-of-options', base.commit, '--', ...paths], (chunk) => parser.push(chunk), signal);
    return parser.end();
  }

  /** `text`: the file as an editor holds it, when not saved. */
  private async blameFile(root: string, base: ChangeBase, diff: FileDiff, signal: AbortSignal, history: () => Promise<PathHistory | undefined>, text?: string): Promise<BlamedFile> {
    try {
      const [removedBlame, addedBlame] = await Promise.all([this.removedBlame(root, base, diff, signal, history), this.addedBlame(root, base, diff, signal, text)]);
      return { repository: root, diff, removedBlame, addedBlame };
    } catch (error) {
      if (isAbortError(error)) {
        throw error;
      }
      // One file git cannot blame (changed again while we ran, say) leaves the others' impact standing.
      const blameProblem = error instanceof Error ? error.message : String(error);
      return { repository: root, diff, removedBlame: new Map(), addedBlame: new Map(), blameProblem };
    }
  }

  /** The removed lines at the base, each blamed once per base whatever the edits since. */
  private async removedBlame(root: string, base: ChangeBase, diff: FileDiff, signal: AbortSignal, pathHistory: () => Promise<PathHistory | undefined>): Promise<ReadonlyMap<number, string>> {
    if (diff.oldPath === undefined) {
      return new Map();
    }
    const key = [root, base.commit, diff.oldPath].join('\0');
    const known = this.removedCache.get(key) ?? new Map<number, string>();
    const missing = linesNotIn(removedRanges(diff), known);
    if (missing.length > 0) {
      const oldPath = diff.oldPath;
      const history = await pathHistory();
      const blameAt = (revsFile: string | undefined): Promise<Map<number, string>> => this.blame(root, base.commit, oldPath, missing, signal, revsFile);
      const found = await (history?.paths.has(oldPath) ? this.histories.withFile(history, oldPath, blameAt) : blameAt(undefined));
      found.forEach((sha, line) => known.set(line, sha));
    }
    this.removedCache.set(key, known);
    return known;
  }

  /** The added lines in the working tree, when the branch's commits may hold some of them. */
  private async addedBlame(root: string, base: ChangeBase, diff: FileDiff, signal: AbortSignal, text?: string): Promise<ReadonlyMap<number, string>> {
    if (diff.path === undefined || !(await this.branchChanged(root, base)).has(diff.path)) {
      return new Map();
    }
    if (text !== undefined) {
      // Not saved: blamed as the editor holds it, and not cached (the next key changes it).
      return this.blame(root, undefined, diff.path, addedRanges(diff), signal, undefined, text);
    }
    // Keyed by the blob the diff saw. Blame reads the file again: a save in between
    // is blamed under this key, and the save's own run, with the new blob, blames it again.
    const key = diff.newBlob === undefined ? undefined : [root, base.commit, base.head, diff.path, diff.newBlob].join('\0');
    const cached = key === undefined ? undefined : this.addedCache.get(key);
    if (cached) {
      return cached;
    }
    const found = await this.blame(root, undefined, diff.path, addedRanges(diff), signal, undefined);
    if (key !== undefined) {
      this.addedCache.set(key, found);
    }
    return found;
  }

  /**
   * `git blame --porcelain -L …` of `filePath` at `rev` (the working tree
   * without one) over `ranges`, RANGES_PER_CALL at a time; along the history
   * in `revsFile` when given (pathHistory.ts), unless the lines go back past a
   * rename, which that history leaves out.
   */
  private async blame(root: string, rev: string | undefined, filePath: string, ranges: readonly LineRange[], signal: AbortSignal, revsFile: string | undefined, contents?: string): Promise<Map<number, string>> {
    const lines = new Map<number, string>();
    for (let i = 0; i < ranges.length; i += RANGES_PER_CALL) {
      const chunk = ranges.slice(i, i + RANGES_PER_CALL);
      let answer = await this.blameOnce(root, rev, filePath, chunk, signal, revsFile, contents);
      if (revsFile !== undefined && (await this.wentPastRename(root, filePath, answer))) {
        answer = await this.blameOnce(root, rev, filePath, chunk, signal, undefined);
      }
      answer.lines.forEach((sha, line) => lines.set(line, sha));
    }
    return lines;
  }

  /** Whether lines blamed along a path history go back past a rename, where that history is wrong (pathHistory.ts). */
  private async wentPastRename(root: string, filePath: string, answer: BlameAnswer): Promise<boolean> {
    if ([...answer.paths].some((p) => p !== filePath)) {
      return true;
    }
    for (const commit of answer.created) {
      if ((await this.histories.renamedInto(root, commit)).has(filePath)) {
        return true;
      }
    }
    return false;
  }

  /** `contents`: blamed instead of the working tree's file (`--contents -`): an editor's unsaved text. */
  private async blameOnce(root: string, rev: string | undefined, filePath: string, ranges: readonly LineRange[], signal: AbortSignal, revsFile: string | undefined, contents?: string): Promise<BlameAnswer> {
    // --no-ignore-revs-file: a blame.ignoreRevsFile set for every repository is fatal where its
    // file is missing (git 2.39); the price is that lines a reformatting commit touched are charged to it.
    // --no-textconv: the lines of the file itself, as the diff numbers them. No `--end-of-options`:
    // git blame refuses it before 2.43 or so; the commit is checked hex (assertBase).
    const options = ['--porcelain', '--no-textconv', '--no-ignore-revs-file', ...(revsFile === undefined ? [] : ['-S', revsFile]), ...(contents === undefined ? [] : ['--contents', '-'])];
    const args = ['blame', ...options, ...ranges.flatMap((r) => ['-L', `${r.start},${r.end}`])];
    const out = await this.limit(() => this.git.run(root, [...args, ...(rev === undefined ? [] : [rev]), '--', filePath], signal, { input: contents }));
    return parseBlamePorcelain(out);
  }

  /** The paths the branch's commits changed; none on the default branch. Not aborted: other files' runs share it. */
  private branchChanged(root: string, base: ChangeBase): Promise<ReadonlySet<string>> {
    if (base.commit === base.head) {
      return Promise.resolve(new Set());
    }
    const key = [root, base.commit, base.head].join('\0');
    let paths = this.branchPaths.get(key);
    if (!paths) {
      paths = this.git
        .run(root, ['diff', '--name-only', '-z', '--no-renames', '--no-ext-diff', '--end-of-options', base.commit, base.head, '--'])
        .then((out) => new Set(out.split('\0').filter(Boolean)));
      paths.catch(() => this.branchPaths.delete(key)); // asked again next time
      this.branchPaths.set(key, paths);
    }
    return paths;
  }

  private answerOrEmpty(root: string, args: readonly string[], signal: AbortSignal | undefined): Promise<string> {
    return this.git.run(root, args, signal).catch((error: unknown) => {
      if (isAbortError(error)) {
        throw error;
      }
      return '';
    });
  }
}

/** The parts of `ranges` whose lines are not in `known`, as ranges. */
function linesNotIn(ranges: readonly LineRange[], known: ReadonlyMap<number, string>): LineRange[] {
  const missing: LineRange[] = [];
  for (const range of ranges) {
    let start: number | undefined;
    for (let line = range.start; line <= range.end + 1; line++) {
      const absent = line <= range.end && !known.has(line);
      if (absent && start === undefined) {
        start = line;
      } else if (!absent && start !== undefined) {
        missing.push({ start, end: line - 1 });
        start = undefined;
      }
    }
  }
  return missing;
}

function assertBase(base: ChangeBase): void {
  if (!SHA.test(base.commit) || !SHA.test(base.head)) {
    throw new Error(`Not a commit id: ${JSON.stringify(`${base.commit} ${base.head}`.slice(0, 140))}`);
  }
}

/** Repository-relative with `/`, inside the repository: a path from the editor, checked before git sees it. */
function assertRepositoryPath(path: string): void {
  const parts = path.split('/');
  if (path.includes('\0') || path.startsWith('/') || /^[a-zA-Z]:/.test(path) || path.includes('\\') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    throw new Error(`Not a repository-relative path: ${JSON.stringify(path.slice(0, 200))}`);
  }
}
