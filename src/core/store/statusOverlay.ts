// Status writes shown before the tracker has them (issue 12, "Every write
// shows at once"): a pending change is laid over the tracker's rows until its
// outbox entry is confirmed or refused, and a confirmed one until a refresh
// that started after the confirmation brings the tracker's own word. Kept
// apart from the rows, so a refresh replaces the rows without undoing a write.
import type { Grouping } from '../grouping';
import type { ItemSummary, Status } from '../model';
import type { GroupView } from './groups';

/** A status change the tracker has not confirmed yet, shown as if it had (keyed by its outbox entry id). */
export interface PendingStatus {
  readonly itemId: string;
  readonly status: Status;
}

/** What the views show of one item's status: the store's word, pending or not. */
export interface ShownStatus {
  readonly status: Status;
  readonly pending: boolean;
}

/** A confirmed write, shown until a refresh that started after it lands (an older one may not have it yet). */
interface Confirmed {
  readonly status: Status;
  readonly item: ItemSummary | undefined;
  readonly at: number;
}

export class StatusOverlay {
  /** In enqueue order, so the newest pending change of an item is the one shown. */
  private readonly pending = new Map<string, PendingStatus>();
  private readonly confirmed = new Map<string, Confirmed>();
  /** Orders refresh starts and confirmations: a refresh wins over a confirmation only if it started after it. */
  private clock = 0;

  /** A refresh starts: its place among the confirmations, for `forgetConfirmedBefore`. */
  tick(): number {
    return ++this.clock;
  }

  get isEmpty(): boolean {
    return this.pending.size === 0 && this.confirmed.size === 0;
  }

  apply(entryId: string, itemId: string, status: Status): void {
    this.pending.set(entryId, { itemId, status });
  }

  /** Shows the item the tracker returned (or, without one, the status asked for); answers the item id, if known. */
  confirm(entryId: string, item?: ItemSummary): string | undefined {
    const write = this.pending.get(entryId);
    this.pending.delete(entryId);
    const itemId = item?.id ?? write?.itemId;
    const status = item?.status ?? write?.status;
    if (itemId === undefined || status === undefined) {
      return undefined;
    }
    this.confirmed.set(itemId, { status, item, at: ++this.clock });
    return itemId;
  }

  /** Drops a pending change; answers what it was, once. */
  refuse(entryId: string): PendingStatus | undefined {
    const write = this.pending.get(entryId);
    this.pending.delete(entryId);
    return write;
  }

  clear(): void {
    this.pending.clear();
    this.confirmed.clear();
  }

  isPending(itemId: string): boolean {
    return [...this.pending.values()].some((p) => p.itemId === itemId);
  }

  pendingEntries(): readonly string[] {
    return [...this.pending.keys()];
  }

  confirmedStatus(itemId: string): Status | undefined {
    return this.confirmed.get(itemId)?.status;
  }

  /** Per item, the newest pending status. */
  latestPending(): Map<string, Status> {
    const latest = new Map<string, Status>();
    for (const write of this.pending.values()) {
      latest.set(write.itemId, write.status);
    }
    return latest;
  }

  /** The item as shown; `latest` is `latestPending()`, asked once per batch of items. */
  shown(item: ItemSummary, latest: ReadonlyMap<string, Status>): ItemSummary {
    const confirmed = this.confirmed.get(item.id);
    const base = confirmed ? (confirmed.item ?? { ...item, status: confirmed.status }) : item;
    const status = latest.get(item.id);
    return status === undefined || status === base.status ? base : { ...base, status };
  }

  /** Whether `forgetConfirmedBefore(startedAt)` would forget anything (and so may change what is shown). */
  hasConfirmedBefore(startedAt: number): boolean {
    return [...this.confirmed.values()].some((c) => c.at < startedAt);
  }

  /** A refresh that started after a confirmation has it: the tracker's word wins again. */
  forgetConfirmedBefore(startedAt: number): void {
    for (const [itemId, confirmed] of this.confirmed) {
      if (confirmed.at < startedAt) {
        this.confirmed.delete(itemId);
      }
    }
  }

  /** The groups with every write applied; in status grouping a changed item moves to its new group. */
  showOn(views: GroupView[], grouping: Grouping): GroupView[] {
    if (this.isEmpty) {
      return views;
    }
    const latest = this.latestPending();
    const shown = (item: ItemSummary): ItemSummary => this.shown(item, latest);
    if (grouping !== 'status') {
      return views.map((v) => ({ ...v, items: v.items.map(shown) }));
    }
    return regroupByStatus(views, shown);
  }
}

/**
 * Status grouping with writes applied: each item once, under the status it is
 * shown with; an item moved by a write leads its new group (the user just acted on it).
 */
function regroupByStatus(views: GroupView[], shown: (item: ItemSummary) => ItemSummary): GroupView[] {
  const seen = new Set<string>();
  const stay = new Map<GroupView, ItemSummary[]>(views.map((v) => [v, []]));
  const moved = new Map<GroupView, ItemSummary[]>(views.map((v) => [v, []]));
  for (const view of views) {
    for (const item of view.items) {
      if (seen.has(item.id)) {
        continue;
      }
      seen.add(item.id);
      const now = shown(item);
      const target = views.find((v) => v.status === now.status) ?? view;
      (target === view ? stay : moved).get(target)?.push(now);
    }
  }
  return views.map((v) => ({ ...v, items: [...(moved.get(v) ?? []), ...(stay.get(v) ?? [])] }));
}
