// The one source of truth the Feedback view reads: items per group, paging
// state, the last error, staleness. The tracker is reached only through the
// small `ItemSource` below, so this file stays plain, testable TypeScript.
import { Emitter } from './events';
import type { Grouping } from './grouping';
import { groupItems } from './grouping';
import type { ItemSummary, Sort, Status } from './model';
import { STATUSES } from './model';
import { STATUS_LABELS } from './demand';
import type { Snapshot } from './snapshot';

/** Rows under one node never exceed this; the next ones come with "Load more". */
export const PAGE_SIZE = 100;
/** When the tracker cannot filter by the grouping key, every item is read in pages this big. */
const FULL_READ_PAGE_SIZE = 200;
/** No list is read past this many pages (100,000 items at 200 a page): a tracker's cursors are input like any other. */
export const MAX_PAGES = 500;

export interface ItemSourceQuery {
  readonly limit: number;
  readonly cursor: string | null;
  readonly statuses?: readonly Status[];
  readonly q?: string;
  readonly sort: Sort;
  readonly signal: AbortSignal;
  /** Only items updated at or after this time (ISO 8601), where `supportsUpdatedSince` says the tracker can. */
  readonly updatedSince?: string;
}

export interface RejectedEntry {
  readonly id: string | undefined;
  readonly issues: readonly string[];
}

export interface ItemSource {
  /** The tracker as people know it (its address, or "the sample tracker"), for messages. */
  readonly name?: string;
  listItems(query: ItemSourceQuery): Promise<{
    readonly items: readonly ItemSummary[];
    readonly nextCursor: string | null;
    readonly rejected: readonly RejectedEntry[];
  }>;
  /** Whether `listItems` honours `updatedSince`; absent = it does not. */
  supportsUpdatedSince?(): Promise<boolean>;
}

/** A background refresh reads every group again (conditionally) at least every this many times, for changes that leave `updatedAt` alone. */
export const FULL_REFRESH_EVERY = 6;
/** Items the "anything newer?" question asks for. */
const PROBE_LIMIT = 10;

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

export interface ViewOptions {
  readonly grouping: Grouping;
  readonly sort: Sort;
  readonly filter: string;
}

export interface GroupView {
  readonly key: string;
  readonly label: string;
  readonly status: Status | undefined;
  /** The rows to show now: never more than the revealed count. */
  readonly items: readonly ItemSummary[];
  /** True when more rows exist, loaded or not. */
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly loadMoreError: unknown;
}

interface GroupState {
  key: string;
  label: string;
  status: Status | undefined;
  items: ItemSummary[];
  /** Server paging (status grouping): the cursor of the next page. */
  nextCursor: string | null;
  /** Every cursor this group was given: "Load more" stops at a repeat too. */
  cursors: Cursors;
  /** Rows revealed; in status grouping always all loaded items. */
  revealed: number;
  loadingMore: boolean;
  /** A group from the offline snapshot that had more rows than it keeps: "Load more" asks the tracker. */
  moreOnTracker?: boolean;
  loadMoreError: unknown;
}

export class FeedbackStore {
  private source: ItemSource | undefined;
  private options: ViewOptions;
  private groupStates: GroupState[] = [];
  private rejectedEntries: RejectedEntry[] = [];
  private lastError: unknown;
  private synced: Date | undefined;
  private refreshing: Promise<void> | undefined;
  /** A refresh nobody asked for (see `refreshInBackground`). */
  private background: Promise<void> | undefined;
  /** The synced time of the snapshot shown (see `showSnapshot`); `synced` is this very Date until a refresh answers. */
  private snapshotSynced: Date | undefined;
  /** Background refreshes since the tracker was set (every FULL_REFRESH_EVERY-th reads everything). */
  private backgroundRuns = 0;
  /** Items the last "anything newer?" answer named, with their update times: known, though maybe not loaded. */
  private probed = new Map<string, string>();
  private generation = 0;
  private abort = new AbortController();
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly itemChanged = new Emitter<string>();
  /** One item's shown state changed (a write applied, confirmed or refused; a refresh changed it): its id. */
  readonly onDidChangeItem = this.itemChanged.event;
  /** In enqueue order, so the newest pending change of an item is the one shown. */
  private readonly pending = new Map<string, PendingStatus>();
  private readonly confirmed = new Map<string, Confirmed>();
  /** Orders refresh starts and confirmations: a refresh wins over a confirmation only if it started after it. */
  private clock = 0;
  private readonly refreshed = new Emitter<{ readonly error: unknown }>();
  /** Once per refresh that ran to the end (not one overtaken by a newer one), with its error if it failed. */
  readonly onDidRefresh = this.refreshed.event;

  constructor(options: ViewOptions) {
    this.options = options;
  }

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
  get isRefreshing(): boolean {
    return this.refreshing !== undefined;
  }

  /** Resolves when no refresh is running (including refreshes started meanwhile). */
  async whenIdle(): Promise<void> {
    while (this.refreshing) {
      await this.refreshing;
    }
  }
  get rejected(): readonly RejectedEntry[] {
    return this.rejectedEntries;
  }
  get hasSource(): boolean {
    return this.source !== undefined;
  }

  groups(): readonly GroupView[] {
    const views = this.groupStates.map((g) => ({
      key: g.key,
      label: g.label,
      status: g.status,
      items: g.revealed >= g.items.length ? g.items : g.items.slice(0, g.revealed),
      hasMore: g.revealed < g.items.length || g.nextCursor !== null || g.moreOnTracker === true,
      loadingMore: g.loadingMore,
      loadMoreError: g.loadMoreError,
    }));
    if (this.pending.size === 0 && this.confirmed.size === 0) {
      return views;
    }
    const latest = this.latestPending();
    if (this.options.grouping !== 'status') {
      return views.map((v) => ({ ...v, items: v.items.map((i) => this.shown(i, latest)) }));
    }
    return regroupByStatus(views, (i) => this.shown(i, latest));
  }

  /** Every loaded item once, as shown, for consumers such as open panels. */
  allItems(): ItemSummary[] {
    const byId = new Map<string, ItemSummary>();
    const latest = this.latestPending();
    for (const group of this.groupStates) {
      for (const item of group.items) {
        byId.set(item.id, this.shown(item, latest));
      }
    }
    return [...byId.values()];
  }

  /** The item as shown (a pending or confirmed write applied). */
  findItem(id: string): ItemSummary | undefined {
    for (const group of this.groupStates) {
      const item = group.items.find((i) => i.id === id);
      if (item) {
        return this.shown(item, this.latestPending());
      }
    }
    return undefined;
  }

  /** The status to show for an item, also when it is not in the loaded lists (a write to it is). */
  itemStatus(id: string): ShownStatus | undefined {
    const pending = this.latestPending().get(id);
    if (pending !== undefined) {
      return { status: pending, pending: true };
    }
    const status = this.confirmed.get(id)?.status ?? this.findItem(id)?.status;
    return status === undefined ? undefined : { status, pending: false };
  }

  isPending(itemId: string): boolean {
    return [...this.pending.values()].some((p) => p.itemId === itemId);
  }

  /** The outbox entries whose status change is shown as pending. */
  pendingEntries(): readonly string[] {
    return [...this.pending.keys()];
  }

  /** Shows a status change at once, before the tracker has it. */
  applyPending(entryId: string, itemId: string, status: Status): void {
    this.pending.set(entryId, { itemId, status });
    this.fireItem(itemId);
  }

  /** The tracker has the change: show the item it returned (or, without one, the status asked for) until a later refresh. */
  confirmPending(entryId: string, item?: ItemSummary): void {
    const write = this.pending.get(entryId);
    this.pending.delete(entryId);
    const itemId = item?.id ?? write?.itemId;
    const status = item?.status ?? write?.status;
    if (itemId === undefined || status === undefined) {
      return;
    }
    this.confirmed.set(itemId, { status, item, at: ++this.clock });
    this.fireItem(itemId);
  }

  /** The tracker refused the change (or it was discarded): the row goes back. Answers what was refused, once. */
  refusePending(entryId: string): PendingStatus | undefined {
    const write = this.pending.get(entryId);
    if (write) {
      this.pending.delete(entryId);
      this.fireItem(write.itemId);
    }
    return write;
  }

  /** A new tracker (or none): forget everything shown from the old one. */
  setSource(source: ItemSource | undefined): void {
    this.cancelPending();
    this.source = source;
    this.groupStates = [];
    this.rejectedEntries = [];
    this.lastError = undefined;
    this.synced = undefined;
    this.backgroundRuns = 0;
    this.probed.clear();
    this.pending.clear(); // the writes of the new tracker are applied again by whoever follows its outbox
    this.confirmed.clear();
    this.changed.fire();
  }

  async setOptions(change: Partial<ViewOptions>): Promise<void> {
    const next = { ...this.options, ...change };
    if (next.grouping === this.options.grouping && next.sort === this.options.sort && next.filter === this.options.filter) {
      return;
    }
    this.options = next;
    this.groupStates = [];
    await this.refresh();
  }

  /** Reloads what is shown; on failure the last good items stay, marked stale. */
  refresh(): Promise<void> {
    const source = this.source;
    if (!source) {
      return Promise.resolve();
    }
    this.cancelPending();
    const generation = this.generation;
    const running = this.load(source, generation, this.abort.signal, ++this.clock);
    this.refreshing = running;
    this.changed.fire();
    return running;
  }

  private async load(source: ItemSource, generation: number, signal: AbortSignal, startedAt: number): Promise<void> {
    try {
      const loaded =
        this.options.grouping === 'status'
          ? await this.loadStatusGroups(source, signal)
          : await this.loadAllAndGroup(source, this.options.grouping, signal);
      if (generation !== this.generation) {
        return;
      }
      this.adopt(loaded, startedAt);
      this.lastError = undefined;
      this.synced = new Date();
    } catch (error) {
      if (generation !== this.generation) {
        return;
      }
      this.lastError = error;
    } finally {
      if (generation === this.generation) {
        this.refreshing = undefined;
        this.changed.fire();
        this.refreshed.fire({ error: this.lastError });
      }
    }
  }

  /** Reveals or fetches the next rows of one group. */
  async loadMore(groupKey: string): Promise<void> {
    const group = this.groupStates.find((g) => g.key === groupKey);
    const source = this.source;
    if (!group || !source || group.loadingMore) {
      return;
    }
    if (group.revealed < group.items.length) {
      group.revealed += PAGE_SIZE;
      this.changed.fire();
      return;
    }
    if (group.moreOnTracker) {
      return this.refresh(); // the snapshot has no cursor: the tracker's first pages, then more from there
    }
    if (group.nextCursor === null || !group.status) {
      return;
    }
    const generation = this.generation;
    group.loadingMore = true;
    group.loadMoreError = undefined;
    this.changed.fire();
    try {
      const page = await source.listItems(this.query({ limit: PAGE_SIZE, cursor: group.nextCursor, statuses: [group.status] }));
      if (generation !== this.generation) {
        return;
      }
      const known = new Set(group.items.map((i) => i.id));
      group.items.push(...page.items.filter((i) => !known.has(i.id)));
      group.revealed = group.items.length;
      this.rejectedEntries = onceEach([...this.rejectedEntries, ...page.rejected]);
      group.nextCursor = group.cursors.next(page.nextCursor);
    } catch (error) {
      group.loadMoreError = error;
    } finally {
      group.loadingMore = false;
      this.changed.fire();
    }
  }

  /**
   * A refresh nobody asked for (the timer, the window regaining focus): no
   * loading state, no "Syncing…", and the rows change in place only when the
   * tracker's answer differs, so expanded groups, selection and scroll stay.
   * Rows a user revealed stay revealed. Nothing before the first load, while
   * another refresh runs or while "Load more" fetches; a refresh the user asks
   * for overtakes it. Reported through `onDidRefresh` like any refresh.
   */
  refreshInBackground(): Promise<void> {
    const source = this.source;
    if (this.background) {
      return this.background;
    }
    if (!source || this.refreshing || !this.loadedOnce || this.groupStates.some((g) => g.loadingMore)) {
      return Promise.resolve();
    }
    const run = this.loadInBackground(source, this.generation, this.abort.signal, ++this.clock).finally(() => {
      if (this.background === run) {
        this.background = undefined;
      }
    });
    this.background = run;
    return run;
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

  /**
   * Where the tracker can filter by update time: one small question ("items
   * updated since the newest I know?") instead of reading every group again,
   * answered from items already known — loaded, or named by the last answer.
   * Not after an error, over the snapshot, or every FULL_REFRESH_EVERY-th time.
   */
  private async nothingNewer(source: ItemSource, signal: AbortSignal): Promise<boolean> {
    const run = this.backgroundRuns++;
    if (run % FULL_REFRESH_EVERY === 0 || this.lastError !== undefined || this.fromSnapshot || !(await source.supportsUpdatedSince?.())) {
      return false;
    }
    const known = new Map(this.probed);
    for (const group of this.groupStates) {
      for (const item of group.items) {
        known.set(item.id, item.updatedAt);
      }
    }
    let newest: string | undefined;
    for (const updatedAt of known.values()) {
      if (newest === undefined || Date.parse(updatedAt) > Date.parse(newest)) {
        newest = updatedAt;
      }
    }
    if (newest === undefined) {
      return false;
    }
    const page = await source.listItems({ limit: PROBE_LIMIT, cursor: null, sort: 'updated', updatedSince: newest, signal });
    this.probed = new Map(page.items.map((item) => [item.id, item.updatedAt]));
    return page.rejected.length === 0 && page.nextCursor === null && page.items.every((item) => known.get(item.id) === item.updatedAt);
  }

  /** The items shown are the snapshot's: no refresh has answered yet. */
  get fromSnapshot(): boolean {
    return this.snapshotSynced !== undefined && this.synced === this.snapshotSynced;
  }

  /** A refresh has run to the end since the tracker was set (successfully or not). */
  private get loadedOnce(): boolean {
    return this.synced !== undefined || this.lastError !== undefined;
  }

  private async loadInBackground(source: ItemSource, generation: number, signal: AbortSignal, startedAt: number): Promise<void> {
    let loaded: Loaded | undefined;
    let failure: unknown;
    try {
      if (await this.nothingNewer(source, signal)) {
        if (generation === this.generation) {
          this.synced = new Date();
          this.refreshed.fire({ error: undefined });
        }
        return;
      }
      loaded =
        this.options.grouping === 'status'
          ? await this.loadStatusGroups(source, signal)
          : await this.loadAllAndGroup(source, this.options.grouping, signal);
    } catch (error) {
      failure = error;
    }
    if (generation !== this.generation || this.groupStates.some((g) => g.loadingMore)) {
      return;
    }
    let changed = true;
    if (loaded) {
      changed = this.lastError !== undefined || !sameGroups(this.groupStates, loaded.groups) || !sameValue(this.rejectedEntries, loaded.rejected);
      keepRevealed(this.groupStates, loaded.groups);
      this.adopt(loaded, startedAt);
      this.lastError = undefined;
      this.synced = new Date();
    } else {
      this.lastError = failure;
    }
    if (changed) {
      this.changed.fire();
    }
    this.refreshed.fire({ error: this.lastError });
  }

  dispose(): void {
    this.cancelPending();
    this.changed.dispose();
    this.itemChanged.dispose();
    this.refreshed.dispose();
  }

  /** Shows what a refresh read; tells who shows one item when its status or version changed. */
  private adopt(loaded: Loaded, startedAt: number): void {
    const before = this.shownVersions();
    this.groupStates = loaded.groups;
    this.rejectedEntries = loaded.rejected;
    this.forgetConfirmedBefore(startedAt);
    for (const [id, shown] of this.shownVersions()) {
      if (before.has(id) && before.get(id) !== shown) {
        this.itemChanged.fire(id);
      }
    }
  }

  /** Per item, the newest pending status. */
  private latestPending(): Map<string, Status> {
    const latest = new Map<string, Status>();
    for (const write of this.pending.values()) {
      latest.set(write.itemId, write.status);
    }
    return latest;
  }

  private shown(item: ItemSummary, latest: ReadonlyMap<string, Status>): ItemSummary {
    const confirmed = this.confirmed.get(item.id);
    const base = confirmed ? (confirmed.item ?? { ...item, status: confirmed.status }) : item;
    const status = latest.get(item.id);
    return status === undefined || status === base.status ? base : { ...base, status };
  }

  /** A refresh that started after a confirmation has it: the tracker's word wins again. */
  private forgetConfirmedBefore(startedAt: number): void {
    for (const [itemId, confirmed] of this.confirmed) {
      if (confirmed.at < startedAt) {
        this.confirmed.delete(itemId);
      }
    }
  }

  private shownVersions(): Map<string, string> {
    return new Map(this.allItems().map((i) => [i.id, `${i.status} ${i.updatedAt}`]));
  }

  private fireItem(itemId: string): void {
    this.changed.fire();
    this.itemChanged.fire(itemId);
  }

  private cancelPending(): void {
    this.refreshing = undefined;
    this.generation++;
    this.abort.abort();
    this.abort = new AbortController();
  }

  private query(page: { limit: number; cursor: string | null; statuses?: readonly Status[] }): ItemSourceQuery {
    return {
      ...page,
      sort: this.options.sort,
      q: this.options.filter || undefined,
      signal: this.abort.signal,
    };
  }

  /** One paged query per status; a refresh reloads as many rows as were shown. */
  private async loadStatusGroups(source: ItemSource, signal: AbortSignal): Promise<Loaded> {
    const previous = new Map(this.groupStates.map((g) => [g.key, g.items.length]));
    const rejected: RejectedEntry[] = [];
    const groups = await Promise.all(
      STATUSES.map(async (status): Promise<GroupState> => {
        const key = `status:${status}`;
        const want = Math.max(PAGE_SIZE, previous.get(key) ?? 0);
        const items: ItemSummary[] = [];
        const cursors = new Cursors(source);
        let cursor: string | null = null;
        do {
          const page = await source.listItems({ ...this.query({ limit: PAGE_SIZE, cursor, statuses: [status] }), signal });
          items.push(...page.items);
          rejected.push(...page.rejected);
          cursor = cursors.next(page.nextCursor);
        } while (cursor !== null && items.length < want);
        return newGroup(key, STATUS_LABELS[status], status, items, cursor, cursors);
      }),
    );
    return { groups, rejected: onceEach(rejected) };
  }

  /** The tracker cannot filter by tag or company: read every item, then group. */
  private async loadAllAndGroup(source: ItemSource, grouping: 'tag' | 'company', signal: AbortSignal): Promise<Loaded> {
    const items: ItemSummary[] = [];
    const rejected: RejectedEntry[] = [];
    const cursors = new Cursors(source);
    let cursor: string | null = null;
    do {
      const page = await source.listItems({ ...this.query({ limit: FULL_READ_PAGE_SIZE, cursor }), signal });
      items.push(...page.items);
      rejected.push(...page.rejected);
      cursor = cursors.next(page.nextCursor);
    } while (cursor !== null);
    const groups = groupItems(items, grouping).map((g) => newGroup(g.key, g.label, undefined, [...g.items], null, cursors));
    return { groups, rejected: onceEach(rejected) };
  }
}

interface Loaded {
  groups: GroupState[];
  rejected: RejectedEntry[];
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

/** One entry per rejected item, however many queries returned it (status queries may each return a broken item). */
function onceEach(rejected: readonly RejectedEntry[]): RejectedEntry[] {
  const byKey = new Map<string, RejectedEntry>();
  for (const entry of rejected) {
    const key = entry.id === undefined ? `\u0000${entry.issues.join('\n')}` : entry.id;
    if (!byKey.has(key)) {
      byKey.set(key, entry);
    }
  }
  return [...byKey.values()];
}

/**
 * The cursors one paged read was given. A tracker that repeats a cursor (or
 * never stops) would be asked again as fast as it answers, for ever: the read
 * stops with an error that names the tracker, which the view shows.
 */
class Cursors {
  private readonly seen = new Set<string>();
  private pages = 1; // the first page is asked without a cursor

  constructor(private readonly source: ItemSource) {}

  /** The cursor to ask for next, or null at the end; throws when the tracker pages without end. */
  next(cursor: string | null): string | null {
    if (cursor === null) {
      return null;
    }
    const tracker = this.source.name === undefined ? 'The tracker' : `The tracker (${this.source.name})`;
    if (this.seen.has(cursor)) {
      throw new Error(`${tracker} answered with a next page it had already sent; stopped reading after ${this.pages} pages.`);
    }
    if (this.pages >= MAX_PAGES) {
      throw new Error(`${tracker} has more than ${MAX_PAGES} pages of items; stopped reading.`);
    }
    this.seen.add(cursor);
    this.pages++;
    return cursor;
  }
}

function newGroup(key: string, label: string, status: Status | undefined, items: ItemSummary[], nextCursor: string | null, cursors: Cursors): GroupState {
  return {
    key,
    label,
    status,
    items,
    nextCursor,
    cursors,
    revealed: status ? items.length : Math.min(PAGE_SIZE, items.length),
    loadingMore: false,
    loadMoreError: undefined,
  };
}

/** Rows revealed under a tag or company group (by "Load more") stay revealed after a background refresh. */
function keepRevealed(before: readonly GroupState[], after: GroupState[]): void {
  const revealed = new Map(before.map((g) => [g.key, g.revealed]));
  for (const group of after) {
    group.revealed = Math.max(group.revealed, Math.min(revealed.get(group.key) ?? 0, group.items.length));
  }
}

/** Whether a background refresh would show the same rows (items compared field by field). */
function sameGroups(before: readonly GroupState[], after: readonly GroupState[]): boolean {
  return (
    before.length === after.length &&
    before.every((g, i) => {
      const h = after[i];
      return g.key === h.key && g.label === h.label && (g.nextCursor === null) === (h.nextCursor === null) && sameValue(g.items, h.items);
    })
  );
}

/** Deep equality of JSON-like values (items as validated from the tracker). */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((value, i) => sameValue(value, b[i]));
  }
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) {
    return false;
  }
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
