// The link data close the loop reads: local history (commits and the item
// references in their messages) and the connected tracker's kind, which
// decides which references count.
import type { HistoryIndex } from '../historyScan';
import { connectionsForTrailer } from '../trailerConnections';
import type { TrailerConnection } from '../trailerConnections';

export interface LinkData {
  readonly kind: string | undefined;
  readonly history: HistoryIndex;
}

/** Per repository root: commit sha → ids of the items it references (of this tracker kind; undefined: of any). */
export function linkedByRepository(history: HistoryIndex, kind: string | undefined): Map<string, Map<string, string[]>> {
  const byRepo = new Map<string, Map<string, string[]>>();
  for (const [root, state] of Object.entries(history.toJSON().repos)) {
    const linked = new Map<string, string[]>();
    for (const commit of state.commits) {
      const ids = commit.refs.filter((r) => kind === undefined || r.tracker === undefined || r.tracker === kind).map((r) => r.id);
      if (ids.length > 0) {
        linked.set(commit.sha, [...new Set(ids)]);
      }
    }
    byRepo.set(root, linked);
  }
  return byRepo;
}

/** An item a commit links, in the connection its reference resolves to. */
export interface LinkedItem {
  readonly connection: string;
  readonly itemId: string;
  /** Only a pattern (`FB-12` in a subject) named it: it names no tracker, so the connection may not hold such an item. */
  readonly byPattern: boolean;
}

/**
 * Per repository root: commit sha → the items it links, each in its
 * connection (issue 14). A trailer is the item of the first connection it
 * resolves to (core/trailerConnections.ts), none when it names no connection
 * here: such a reference is never offered. A pattern is a candidate of every
 * connection (`byPattern`): which of them hold that id is for the caller to
 * ask, since only a tracker knows.
 */
export function linkedItemsByRepository(history: HistoryIndex, connections: readonly TrailerConnection[]): Map<string, Map<string, LinkedItem[]>> {
  const byRepo = new Map<string, Map<string, LinkedItem[]>>();
  for (const [root, state] of Object.entries(history.toJSON().repos)) {
    const linked = new Map<string, LinkedItem[]>();
    for (const commit of state.commits) {
      const found = new Map<string, LinkedItem>();
      for (const ref of commit.refs) {
        const targets = ref.tracker === undefined ? connections : connectionsForTrailer({ tracker: ref.tracker, id: ref.id }, connections).slice(0, 1);
        for (const connection of targets) {
          const key = `${connection.id}\u0000${ref.id}`;
          // A trailer naming the item settles it, whatever a pattern of the same commit said.
          const byPattern = ref.tracker === undefined && (found.get(key)?.byPattern ?? true);
          found.set(key, { connection: connection.id, itemId: ref.id, byPattern });
        }
      }
      if (found.size > 0) {
        linked.set(commit.sha, [...found.values()]);
      }
    }
    byRepo.set(root, linked);
  }
  return byRepo;
}
