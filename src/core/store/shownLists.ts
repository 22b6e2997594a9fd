// What the views read from the store: the tracker's rows per group (or the
// offline snapshot's, until the tracker answers), with the status writes not
// yet confirmed laid over them, and the events that say what changed.
// FeedbackStore (../feedbackStore.ts) fills the rows from the tracker; this
// part only keeps and shows them, so the two stay small.
import { Emitter } from '../events';
import type { ItemSummary, Status } from '../model';
import type { Snapshot } from '../snapshot';
import type { GroupState, GroupView, Loaded, ViewOptions } from './groups';
import { groupView, newGroup } from './groups';
import type { ItemSource, RejectedEntry } from './itemSource';
import { Cursors } from './itemSource';
import type { PendingStatus, ShownStatus } from './statusOverlay';
import { StatusOverlay } from './statusOverlay';

/** The end of a refresh: its error if it failed, and whether what the views show changed (a 304 changes nothing). */
export interface RefreshEnd {
  readonly error: unknown;
  readonly changed: boolean;
}

export abstract class ShownLists {
  protected source: ItemSource | undefined;
  protected groupStates: GroupState[] = [];
  protected rejectedEntries: RejectedEntry[] = [];
  protected lastError: unknown;
  protected synced: Date | undefined;
  /** The synced time of the snapshot shown (see `showSnapshot`); `synced` is this very Date until a refresh answers. */
  private snapshotSynced: Date | undefined;
  protected readonly overlay = new StatusOverlay();
  protected readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly itemChanged = new Emitter<string>();
  /** One item's shown state changed (a write applied, confirmed or refused; a refresh changed it): its id. */
  readonly onDidChangeItem = this.itemChanged.event;
  protected readonly refreshed = new Emitter<RefreshEnd>();
  /** Once per refresh that ran to the end (not one overtaken by a newer one), with its error if it failed. */
  readonly onDidRefresh = this.refreshed.event;

  constructor(protected options: ViewOptions) {}

  get viewOptions(): ViewOptions {
    return this.options;
  }
  get error(): unknown {
    return this.lastError;
  }
  /** Items are shown but the last refresh failed. */
  get stale(): boolean {
    return (this.lastError !== undefined && this.synced !== undefined) || this.fromSnapshot;
  }
  get lastSyncedAt(): Date | undefined {
    return this.synced;
  }
  get rejected(): readonly RejectedEntry[] {
    return this.rejectedEntries;
  }
  get hasSource(): boolean {
    return this.source !== undefined;
  }
  /** The items shown are the snapshot's: no refresh has answered yet. */
  get fromSnapshot(): boolean {
    return this.snapshotSynced !== undefined && this.synced === this.snapshotSynced;
  }

  groups(): readonly GroupView[] {
    return this.overlay.showOn(this.groupStates.map(groupView), this.options.grouping);
  }

  /** Every loaded item once, as shown, for consumers such as open panels. */
  allItems(): ItemSummary[] {
    const byId = new Map<string, ItemSummary>();
    const latest = this.overlay.latestPending();
    for (const group of this.groupStates) {
      for (const item of group.items) {
        byId.set(item.id, this.overlay.shown(item, latest));
      }
    }
    return [...byId.values()];
  }

  /** The item as shown (a pending or confirmed write applied). */
  findItem(id: string): ItemSummary | undefined {
    for (const group of this.groupStates) {
      const item = group.items.find((i) => i.id === id);
      if (item) {
        return this.overlay.shown(item, this.overlay.latestPending());
      }
    }
    return undefined;
  }

  /** The status to show for an item, also when it is not in the loaded lists (a write to it is). */
  itemStatus(id: string): ShownStatus | undefined {
    const pending = this.overlay.latestPending().get(id);
    if (pending !== undefined) {
      return { status: pending, pending: true };
    }
    const status = this.overlay.confirmedStatus(id) ?? this.findItem(id)?.status;
    return status === undefined ? undefined : { status, pending: false };
  }

  isPending(itemId: string): boolean {
    return this.overlay.isPending(itemId);
  }

  /** The outbox entries whose status change is shown as pending. */
  pendingEntries(): readonly string[] {
    return this.overlay.pendingEntries();
  }

  /** Shows a status change at once, before the tracker has it. */
  applyPending(entryId: string, itemId: string, status: Status): void {
    this.overlay.apply(entryId, itemId, status);
    this.fireItem(itemId);
  }

  /** The tracker has the change: show the item it returned (or, without one, the status asked for) until a later refresh. */
  confirmPending(entryId: string, item?: ItemSummary): void {
    const itemId = this.overlay.confirm(entryId, item);
    if (itemId !== undefined) {
      this.fireItem(itemId);
    }
  }

  /** The tracker refused the change (or it was discarded): the row goes back. Answers what was refused, once. */
  refusePending(entryId: string): PendingStatus | undefined {
    const write = this.overlay.refuse(entryId);
    if (write) {
      this.fireItem(write.itemId);
    }
    return write;
  }

  /**
   * The last-known items from disk (issue 12, "Offline-first"), shown stale
   * until the tracker answers: only while nothing has been loaded from the
   * tracker, and only when taken with the same grouping and sort (and no
   * filter is set). Answers whether it is shown.
   */
  showSnapshot(snapshot: Snapshot): boolean {
    const options = this.options;
    if (!this.source || this.synced !== undefined || this.groupStates.length > 0 || options.filter !== '' || snapshot.grouping !== options.grouping || snapshot.sort !== options.sort) {
      return false;
    }
    const cursors = new Cursors(this.source);
    this.groupStates = snapshot.groups.map((g) => ({ ...newGroup(g.key, g.label, g.status ?? undefined, [...g.items], null, cursors), revealed: g.items.length, moreOnTracker: g.hasMore }));
    this.snapshotSynced = new Date(snapshot.syncedAt);
    this.synced = this.snapshotSynced;
    this.changed.fire();
    return true;
  }

  dispose(): void {
    this.changed.dispose();
    this.itemChanged.dispose();
    this.refreshed.dispose();
  }

  /**
   * Shows what a refresh read; tells who shows one item when its status or
   * version changed, and answers whether one did. `sameRows`: the tracker
   * answered the rows shown, so only a confirmation the refresh now has can
   * change an item — without one there is nothing to compare (the common 304).
   */
  protected adopt(loaded: Loaded, startedAt: number, sameRows: boolean): boolean {
    const before = sameRows && !this.overlay.hasConfirmedBefore(startedAt) ? undefined : this.shownVersions();
    this.groupStates = loaded.groups;
    this.rejectedEntries = loaded.rejected;
    this.overlay.forgetConfirmedBefore(startedAt);
    let itemChanged = false;
    for (const [id, shown] of before ? this.shownVersions() : []) {
      if (before?.has(id) && before.get(id) !== shown) {
        this.itemChanged.fire(id);
        itemChanged = true;
      }
    }
    return itemChanged;
  }

  private shownVersions(): Map<string, string> {
    return new Map(this.allItems().map((i) => [i.id, `${i.status} ${i.updatedAt}`]));
  }

  private fireItem(itemId: string): void {
    this.changed.fire();
    this.itemChanged.fire(itemId);
  }
}
