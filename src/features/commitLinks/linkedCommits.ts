// The commits linked to an item: the tracker's links merged with what history
// scanning found here (one row per commit), each told whether it is on the
// default branch and in which tags, when the commit is in a local repository.
// Run when a panel shows an item's commits or a link is made: in the lazy
// bundle dist/workCommands.js.
import * as path from 'node:path';
import type { CommitLink, NewCommitLink } from '../../core/model';
import type { HistoryIndex, RepoCommit } from '../../core/historyScan';
import { parseItemRef } from '../../core/itemRef';
import { refNamesConnection } from '../../core/linkTarget';
import type { TrailerConnection } from '../../core/trailerConnections';
import type { Git } from '../../platform/git';
import type { PanelLinkedCommit } from '../../shared/itemPanelProtocol';

export interface LinkedCommit {
  readonly sha: string;
  readonly subject: string;
  readonly author: string;
  readonly committedAt: string;
  /** The local repository root holding the commit, if any: its changes can be opened. */
  readonly root: string | undefined;
  readonly repository: string;
  readonly onDefaultBranch: boolean | undefined;
  readonly tags: readonly string[];
  /** Where the link comes from: the tracker, history scanning here, or both. */
  readonly source: 'tracker' | 'history' | 'both';
}

const MAX_LOCATED = 30;

/** Merges tracker links and local history (deduped by sha), newest first. */
export function mergeLinks(remote: readonly CommitLink[], local: readonly RepoCommit[]): LinkedCommit[] {
  const bySha = new Map<string, LinkedCommit>();
  for (const commit of local) {
    bySha.set(commit.sha, {
      sha: commit.sha,
      subject: commit.subject,
      author: commit.author,
      committedAt: commit.committedAt,
      root: commit.repository,
      repository: path.basename(commit.repository),
      onDefaultBranch: undefined,
      tags: [],
      source: 'history',
    });
  }
  for (const link of remote) {
    const known = bySha.get(link.sha);
    bySha.set(link.sha, known ? { ...known, source: 'both' } : { ...link, root: undefined, onDefaultBranch: undefined, tags: [], source: 'tracker' });
  }
  return [...bySha.values()].sort((a, b) => b.committedAt.localeCompare(a.committedAt));
}

/** Finds each commit's local repository and where it is (default branch, tags). */
export async function locate(git: Git, commits: readonly LinkedCommit[]): Promise<LinkedCommit[]> {
  const roots = git.repositories.map((r) => r.rootUri.fsPath);
  const defaults = new Map<string, Promise<string | undefined>>();
  const defaultOf = (root: string): Promise<string | undefined> => {
    const known = defaults.get(root) ?? git.defaultBranch(root);
    defaults.set(root, known);
    return known;
  };
  return Promise.all(
    commits.map(async (commit, i) => {
      if (i >= MAX_LOCATED) {
        return commit;
      }
      const root = commit.root ?? (await findRoot(git, roots, commit.sha));
      if (!root) {
        return commit;
      }
      // Branch and tags are details of the row: a commit git cannot place is shown without them.
      const where = await git.whereIs(root, commit.sha, await defaultOf(root)).catch(() => undefined);
      return { ...commit, root, onDefaultBranch: where?.onDefaultBranch, tags: where?.tags ?? [] };
    }),
  );
}

async function findRoot(git: Git, roots: readonly string[], sha: string): Promise<string | undefined> {
  for (const root of roots) {
    if (await git.succeeds(root, ['cat-file', '-e', `${sha}^{commit}`])) {
      return root;
    }
  }
  return undefined;
}

/** Everything linked to an item: the tracker's links and local history, placed in the local repositories. */
export async function linkedCommitsFor(
  deps: { readonly git: Git; readonly fromTracker: readonly CommitLink[]; readonly local: readonly RepoCommit[] },
  signal?: AbortSignal,
): Promise<LinkedCommit[]> {
  signal?.throwIfAborted();
  return locate(deps.git, mergeLinks(deps.fromTracker, deps.local));
}

export interface PanelLinksDeps {
  readonly git: Git;
  readonly fromTracker: readonly CommitLink[];
  readonly history: HistoryIndex;
  /** The panel's item: a ref, or a bare id (a panel of before the registry: the first connection's). */
  readonly key: string;
  readonly connections: readonly TrailerConnection[];
}

/**
 * The item panel's rows, as its protocol carries them: the tracker's links
 * and the local commits whose references name that connection's item (a
 * trailer resolving to another connection, or to none here, is not this
 * item's), one row per commit.
 */
export async function panelLinkedCommits(deps: PanelLinksDeps, signal: AbortSignal): Promise<PanelLinkedCommit[]> {
  const { connections } = deps;
  const ref = parseItemRef(deps.key) ?? (connections[0] && { connection: connections[0].id, id: deps.key });
  const local = ref ? deps.history.commitsWhere((r) => refNamesConnection(r, ref.id, ref.connection, connections)) : [];
  const commits = await linkedCommitsFor({ git: deps.git, fromTracker: deps.fromTracker, local }, signal);
  return commits.map((c) => ({
    sha: c.sha,
    subject: c.subject,
    author: c.author,
    committedAt: c.committedAt,
    repository: c.repository,
    root: c.root ?? null,
    onDefaultBranch: c.onDefaultBranch ?? null,
    tags: [...c.tags],
  }));
}

/** The link to send for a local commit. */
export async function newLinkFor(git: Git, root: string, sha: string): Promise<NewCommitLink> {
  const out = await git.run(root, ['show', '-s', '--format=%H%x00%an%x00%aI%x00%s', '--end-of-options', sha]);
  const [full, author, committedAt, subject] = out.replace(/\n$/, '').split('\0');
  return { sha: full, repository: await repositoryName(git, root), subject: subject ?? '', author: author ?? '', committedAt: committedAt ?? '', url: null };
}

/** `origin`'s URL without credentials, else the folder's name: what the tracker shows as the repository. */
async function repositoryName(git: Git, root: string): Promise<string> {
  const remote = (await git.run(root, ['remote', 'get-url', 'origin']).catch(() => '')).trim(); // fails when there is no origin
  if (!remote) {
    return path.basename(root);
  }
  try {
    const url = new URL(remote);
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return remote.replace(/^[^@/]+@/, ''); // scp-like git@host:path
  }
}
