// Fakes for the tests of several connections: an in-memory tracker that ranks
// its items for the sort asked (as real trackers do) and pages them, and a
// connection over it.
import type { ItemSource, ItemSourceQuery } from '../../src/core/feedbackStore';
import type { ItemSummary } from '../../src/core/model';
import { compareFor } from '../../src/core/ranking';
import type { SessionConnection, SessionTracker } from '../../src/core/session';

/** Ranks by the sort asked (ties in the order given), filters by status and title, pages with offset cursors; `failWith` fails every read. */
export class RankingSource implements ItemSource {
  failWith: Error | undefined;
  readonly queries: ItemSourceQuery[] = [];

  constructor(public data: readonly ItemSummary[]) {}

  async listItems(query: ItemSourceQuery) {
    this.queries.push(query);
    if (this.failWith) {
      throw this.failWith;
    }
    const matching = this.data
      .filter((i) => (!query.statuses || query.statuses.includes(i.status)) && (!query.q || i.title.includes(query.q)))
      .sort(compareFor(query.sort));
    const start = query.cursor ? Number(query.cursor) : 0;
    const end = start + query.limit;
    return { items: matching.slice(start, end), nextCursor: end < matching.length ? String(end) : null, rejected: [] };
  }
}

/** A connection whose tracker lists from `source`; its detail reads are not used by these tests. */
export function connectionOver(id: string, label: string, source: ItemSource): SessionConnection {
  const unused = async (): Promise<never> => {
    throw new Error('not read in these tests');
  };
  const tracker: SessionTracker = {
    kind: 'rest',
    capabilities: { internalNotes: false },
    listItems: (query) => source.listItems(query),
    getItem: unused,
    listComments: unused,
    listLinks: unused,
    listTradeOffs: unused,
  };
  return { id, label, tracker: async () => tracker };
}

export const describeError = (e: unknown): string => (e instanceof Error ? e.message : String(e));
