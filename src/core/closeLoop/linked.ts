// The link data close the loop reads: local history (commits and the item
// references in their messages) and the connected tracker's kind, which
// decides which references count.
import type { HistoryIndex } from '../historyScan';

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
