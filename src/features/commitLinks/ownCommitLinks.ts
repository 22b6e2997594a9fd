// The links of a commit the user just made through Source Control (issue
// 14): each trailer goes to the one connection it resolves to
// (core/trailerConnections.ts), never to another. A trailer naming no
// connection of this workspace is not sent anywhere; one that could be two
// connections' item (two REST servers both have an FB-12) is sent only where
// the user chose that item (Start Work's connection), else not at all, and
// the log says why. Run on a commit only: in the lazy bundle
// dist/workCommands.js. No vscode: tested in plain Node.
import type { NewCommitLink } from '../../core/model';
import type { ItemReference } from '../../core/references';
import { linkTargetOf } from '../../core/linkTarget';
import type { TrailerConnection } from '../../core/trailerConnections';
import type { LinkWriter } from './linkWriter';

/** How a commit came to our attention. */
export type CommitSource = 'history' | 'ownCommit';

/** A trailer's tracker kind and item id: which connection it is for is resolved apart (core/trailerConnections.ts). */
export interface NamedItem {
  readonly tracker: string;
  readonly id: string;
}

/** Trailers to post a link for: only for the user's own commit, each kind and item once. */
export function trailersToPost(source: CommitSource, refs: readonly ItemReference[]): NamedItem[] {
  if (source !== 'ownCommit') {
    return [];
  }
  // A pattern (FB-12 in the subject) mentions an item; only our trailer says "this commit is for it".
  const named = new Map<string, NamedItem>();
  for (const ref of refs) {
    if (ref.via === 'trailer' && ref.tracker !== undefined) {
      named.set(`${ref.tracker}\u0000${ref.id}`, { tracker: ref.tracker, id: ref.id });
    }
  }
  return [...named.values()];
}

export interface OwnCommitLinkDeps {
  readonly writer: Pick<LinkWriter, 'sendLink'>;
  readonly connections: readonly TrailerConnection[];
  /** The connection the user chose `itemId` in (the branch's item, from Start Work), if known. */
  readonly chosenConnection: (itemId: string) => string | undefined;
  readonly info: (line: string) => void;
  readonly error: (message: string, detail: string) => void;
}

export interface OwnCommit {
  readonly sha: string;
  readonly refs: readonly ItemReference[];
}

/** Queues the links the commit's trailers name; answers those queued. `link` (a git read) runs once, only when one is sent. */
export async function postOwnCommitLinks(
  deps: OwnCommitLinkDeps,
  commit: OwnCommit,
  link: () => Promise<NewCommitLink>,
): Promise<{ readonly connectionId: string; readonly itemId: string }[]> {
  const short = commit.sha.slice(0, 7);
  const nameOf = (id: string): string => JSON.stringify(deps.connections.find((c) => c.id === id)?.name ?? id);
  let made: Promise<NewCommitLink> | undefined;
  const queued: { connectionId: string; itemId: string }[] = [];
  for (const named of trailersToPost('ownCommit', commit.refs)) {
    const trailer = `${named.tracker}:${named.id}`;
    const target = linkTargetOf(named, deps.connections, deps.chosenConnection(named.id));
    if (target.outcome === 'unknown') {
      deps.info(`Not linking ${short} to ${trailer}: no connection of this workspace is that ${named.tracker} tracker`);
      continue;
    }
    if (target.outcome === 'ambiguous') {
      const names = target.connectionIds.map(nameOf).join(', ');
      deps.info(`Not linking ${short} to ${trailer}: it may be the item of ${names}; link it from the item's panel (Link Past Commit)`);
      continue;
    }
    try {
      made ??= link();
      await deps.writer.sendLink(target.connectionId, named.id, await made);
      queued.push({ connectionId: target.connectionId, itemId: named.id });
    } catch (error) {
      deps.error(`Could not link ${short} to ${named.id} of ${nameOf(target.connectionId)}`, error instanceof Error ? error.message : String(error));
    }
  }
  return queued;
}
