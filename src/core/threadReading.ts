// Awaiting Reply on trackers whose lists do not say who spoke last (GitHub,
// Canny, Fider, Linear: no `lastCommentRole` in their summaries). After each
// refresh of a connection's lists, the threads of its first items still open
// are read in the background, one request at a time, and read again only when
// the item changed since: Awaiting Reply then finds them (replyStateFromThread).
// Bounded so that a refresh costs at most THREADS_READ requests, and
// usually none: an unchanged item's thread is not asked for twice.
import type { ItemDetail } from './itemDetails';
import type { ItemSummary, Status } from './model';
import type { RefreshEnd } from './store/shownLists';

/** The most threads read after one refresh. */
export const THREADS_READ = 30;

/** A customer waiting on a shipped or closed item is rare; their threads are read when opened. */
const STATUSES_READ: ReadonlySet<Status> = new Set<Status>(['open', 'under-review', 'planned', 'in-progress']);

/**
 * The items whose thread to read, in the lists' order (each status group
 * ranked as shown): the tracker does not say who spoke last, the item is
 * still open, and its thread was never read or was read before the item last
 * changed. At most `limit`.
 */
export function threadsToRead(items: readonly ItemSummary[], threadReadAt: (id: string) => number | undefined, limit = THREADS_READ): string[] {
  const ids: string[] = [];
  for (const item of items) {
    if (ids.length >= limit) {
      break;
    }
    if (item.lastCommentRole !== undefined || !STATUSES_READ.has(item.status)) {
      continue;
    }
    const readAt = threadReadAt(item.id);
    const changedAt = Date.parse(item.updatedAt);
    if (readAt === undefined || (Number.isFinite(changedAt) && readAt < changedAt)) {
      ids.push(item.id);
    }
  }
  return ids;
}

export interface ThreadReadingDeps {
  readonly store: {
    allItems(): readonly ItemSummary[];
    readonly onDidRefresh: (listener: (end: RefreshEnd) => void) => { dispose(): void };
  };
  readonly details: {
    get(id: string): ItemDetail | undefined;
    loadThread(id: string): Promise<void>;
  };
  readonly limit?: number;
}

/** Reads, after each successful refresh, the threads threadsToRead names: one at a time, from the start again after a newer refresh. */
export class ThreadReading {
  private generation = 0;
  private readonly subscription: { dispose(): void };

  constructor(private readonly deps: ThreadReadingDeps) {
    this.subscription = deps.store.onDidRefresh(({ error }) => {
      if (error === undefined) {
        void this.readAll(++this.generation);
      }
    });
  }

  dispose(): void {
    this.generation++;
    this.subscription.dispose();
  }

  private async readAll(generation: number): Promise<void> {
    const readAt = (id: string): number | undefined => this.deps.details.get(id)?.comments.fetchedAt;
    for (const id of threadsToRead(this.deps.store.allItems(), readAt, this.deps.limit)) {
      if (generation !== this.generation) {
        return; // a newer refresh (or the end) took over
      }
      // loadThread never rejects: a failure stays on the item's detail, and the next item is read.
      await this.deps.details.loadThread(id);
    }
  }
}
