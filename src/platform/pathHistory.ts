// A shortcut for blaming many files at one base. `git blame` walks the commits
// from the base back to where each line began, looking at every commit on the
// way: in the bench's repository of 20,000 commits, ~200 ms per file. One
// `git log --parents --name-only <base> -- <the changed paths>` walks them
// once and lists the commits that changed those paths, with the paths each
// changed; core/impact/fileHistory.ts makes each file's own history of them,
// and `git blame -S <that history>` walks just those (~8 ms per file there).
// Lines come out the same, since a skipped commit did not change the file,
// except where a file's history goes back past a rename: the old name's
// commits are not in it. Blame tells: a line changed under another name, a
// version before it under another name, or a commit where the file seemed to
// begin that git's rename detection says renamed it (renamedInto). For such a
// file ChangeBlame asks git's own walk again.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { PATH_LOG_FORMAT, fileHistory, parsePathLog } from '../core/impact/fileHistory';
import type { PathLog } from '../core/impact/fileHistory';
import { BoundedMap } from './boundedMap';
import { isAbortError } from './gitProcess';
import type { GitProcess } from './gitProcess';

/** The commits that changed some paths, from one base. */
export interface PathHistory {
  readonly base: string;
  readonly paths: ReadonlySet<string>;
  readonly log: PathLog;
}

/** Fewer files gain nothing: the walk costs about one blame's. */
const MIN_PATHS = 2;
/** More paths would make a command line longer than Windows allows, and per-file histories cost paths × commits. */
const MAX_PATHS = 200;
/** A longer log saves little over the walks it replaces. */
const MAX_LOG_BYTES = 8 * 1024 * 1024;
/** Commits whose renames are kept: the creations of a few branches' files. */
const MAX_KEPT_COMMITS = 1_000;

export class PathHistories {
  /** Per repository, the last history read: an edit's blame at the same base reuses it. */
  private readonly last = new Map<string, PathHistory>();
  private readonly renames = new BoundedMap<string, Promise<ReadonlySet<string>>>(MAX_KEPT_COMMITS);
  /** A private temp dir for the histories' files, made at the first; removed on dispose. */
  private directory: Promise<string> | undefined;
  private made: string | undefined;
  private written = 0;

  constructor(private readonly git: GitProcess) {}

  /** The history of `paths` at `base` (the last one, when it holds them); undefined when it would not pay, or git could not list it. */
  async read(root: string, base: string, paths: ReadonlySet<string>, signal: AbortSignal): Promise<PathHistory | undefined> {
    if (paths.size < MIN_PATHS || paths.size > MAX_PATHS) {
      return undefined;
    }
    const last = this.last.get(root);
    if (last && last.base === base && [...paths].every((p) => last.paths.has(p))) {
      return last; // the history below a commit never changes
    }
    try {
      // --no-show-signature: log.showSignature would print gpg's words among the commits.
      const args = ['--literal-pathspecs', 'log', '--no-show-signature', '--parents', '--name-only', '--no-renames', '-z', `--format=${PATH_LOG_FORMAT}`, base, '--', ...paths];
      const out = await this.git.run(root, args, signal);
      if (out.length > MAX_LOG_BYTES) {
        return undefined;
      }
      const history = { base, paths, log: parsePathLog(out, paths) };
      this.last.set(root, history);
      return history;
    } catch (error) {
      if (isAbortError(error)) {
        throw error;
      }
      return undefined; // blame walks on its own
    }
  }

  /** The last history read for `root`, if it holds `filePath` at `base`. */
  covering(root: string, base: string, filePath: string): PathHistory | undefined {
    const history = this.last.get(root);
    return history && history.base === base && history.paths.has(filePath) ? history : undefined;
  }

  /** `filePath`'s history in a file for `git blame -S` while `use` runs; deleted after. */
  async withFile<T>(history: PathHistory, filePath: string, use: (file: string) => Promise<T>): Promise<T> {
    this.directory ??= fs.promises.mkdtemp(path.join(os.tmpdir(), 'feedback-loop-blame-')).then((dir) => (this.made = dir));
    const file = path.join(await this.directory, `${++this.written}.revs`);
    await fs.promises.writeFile(file, fileHistory(history.log, history.base, filePath), { mode: 0o600 });
    try {
      return await use(file);
    } finally {
      await fs.promises.rm(file, { force: true });
    }
  }

  /**
   * The paths `commit` renamed a file into, by git's rename detection against
   * its real parent (what blame would have compared with). Shared by every
   * file blamed at a base, and never changes: kept per commit.
   */
  renamedInto(root: string, commit: string): Promise<ReadonlySet<string>> {
    const key = `${root}\0${commit}`;
    let renamed = this.renames.get(key);
    if (!renamed) {
      renamed = this.git.run(root, ['diff-tree', '-r', '--root', '--no-commit-id', '-M', '--name-status', '-z', commit]).then(renameDestinations);
      void renamed.catch(() => this.renames.delete(key)); // asked again next time
      this.renames.set(key, renamed);
    }
    return renamed;
  }

  forget(root: string): void {
    this.last.delete(root);
    this.renames.deleteWhere((key) => key.startsWith(`${root}\0`));
  }

  dispose(): void {
    // Files in use go with it: their blames are aborted with the runs (ChangeBlame.dispose).
    // What a failure leaves is in the system's temp dir, which it clears.
    if (this.made !== undefined) {
      fs.rmSync(this.made, { recursive: true, force: true });
    }
    this.directory = undefined;
    this.made = undefined;
  }
}

/** `git diff-tree -M --name-status -z`: the paths after `R<score>` entries. */
function renameDestinations(out: string): ReadonlySet<string> {
  const fields = out.split('\0');
  const destinations = new Set<string>();
  for (let i = 0; i < fields.length && fields[i] !== ''; ) {
    const twoPaths = fields[i].startsWith('R') || fields[i].startsWith('C');
    if (fields[i].startsWith('R')) {
      destinations.add(fields[i + 2]);
    }
    i += twoPaths ? 3 : 2;
  }
  return destinations;
}
