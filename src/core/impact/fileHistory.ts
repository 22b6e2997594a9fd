// Each changed file's own history, for `git blame -S` (platform/pathHistory.ts
// says why), from one walk over all of them:
// `git log --parents --name-only -z --format=PATH_LOG_FORMAT <base> -- <paths>`
// lists the commits that changed any of the paths, newest first, with their
// parents rewritten to skip the other commits, and the paths each changed.
// A file's history keeps the commits that changed it, and the merges (git
// lists no paths for a merge, so whether one did is unknown), with parents
// rewritten again past the rest: blame walks ~100 commits instead of ~2,000.

/** Each commit as `\x01<commit> <parent>…`, then its paths. */
export const PATH_LOG_FORMAT = '%x01%H %P';

export interface LoggedCommit {
  readonly parents: readonly string[];
  readonly paths: ReadonlySet<string>;
}

export interface PathLog {
  /** Newest first, as git listed them. */
  readonly commits: ReadonlyMap<string, LoggedCommit>;
  /** The commits no listed commit has as a parent: the newest that changed a path on each line of history. */
  readonly newest: readonly string[];
}

const COMMIT_ID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Reads the walk's output; `paths` are the ones asked about (git names no others), so a path cannot pass for a commit. */
export function parsePathLog(text: string, paths: ReadonlySet<string>): PathLog {
  const commits = new Map<string, { parents: readonly string[]; paths: Set<string> }>();
  let current: Set<string> | undefined;
  for (const raw of text.split('\0')) {
    // -z ends the format with a NUL and starts the paths with a newline.
    const field = raw.startsWith('\n') ? raw.slice(1) : raw;
    // A commit without parents (listed) ends in the space before its empty `%P`.
    const ids = field.startsWith('\x01') ? field.slice(1).trimEnd().split(' ') : [];
    if (paths.has(field)) {
      current?.add(field);
    } else if (ids.length > 0 && ids.every((id) => COMMIT_ID.test(id))) {
      current = new Set();
      commits.set(ids[0], { parents: ids.slice(1), paths: current });
    } else if (field !== '') {
      throw new Error(`git log: unexpected ${JSON.stringify(field.slice(0, 100))}`);
    }
  }
  const parents = new Set([...commits.values()].flatMap((c) => c.parents));
  return { commits, newest: [...commits.keys()].filter((commit) => !parents.has(commit)) };
}

/**
 * `path`'s history from `base` as `git blame -S` reads it: `<commit>
 * <parent>…` a line, the base first (blame starts there; without a line it
 * would walk the base's own parents down to the file's last change).
 */
export function fileHistory(log: PathLog, base: string, path: string): string {
  const kept = (commit: string): boolean => {
    const entry = log.commits.get(commit);
    return entry !== undefined && (entry.parents.length > 1 || entry.paths.has(path));
  };
  const keptAncestor = keptAncestors(log, kept);
  const rewrite = (parents: readonly string[]): string => [...new Set(parents.map(keptAncestor).filter((p) => p !== undefined))].map((p) => ` ${p}`).join('');
  const lines = [`${base}${rewrite(log.commits.get(base)?.parents ?? log.newest)}`];
  for (const [commit, { parents }] of log.commits) {
    if (commit !== base && kept(commit)) {
      lines.push(`${commit}${rewrite(parents)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

/** The nearest kept commit at or below each commit; a skipped commit is no merge, so its line of history is one. */
function keptAncestors(log: PathLog, kept: (commit: string) => boolean): (commit: string) => string | undefined {
  const found = new Map<string, string | undefined>();
  return (start) => {
    const skipped: string[] = [];
    let commit: string | undefined = start;
    while (commit !== undefined && !kept(commit) && !found.has(commit)) {
      skipped.push(commit);
      commit = log.commits.get(commit)?.parents[0];
    }
    const ancestor = commit === undefined ? undefined : found.has(commit) ? found.get(commit) : commit;
    for (const s of skipped) {
      found.set(s, ancestor);
    }
    return ancestor;
  };
}
