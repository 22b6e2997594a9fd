// The one source of truth the Feedback view reads: items per group, paging
// state, the last error, staleness. The tracker is reached only through the
// small `ItemSource` below, so this file stays plain, testable TypeScript.
import { Emitter } from './events';
import type { Grouping } from './grouping';
import { groupItems } from './grouping';
import type { ItemSummary, Sort, Status } from './model';
import { STATUSES } from './model';
import { STATUS_LABELS } from './demand';

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
  private generation = 0;
  private abort = new AbortController();
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;
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
    return this.lastError !== undefined && this.synced !== undefined;
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
    return this.groupStates.map((g) => ({
      key: g.key,
      label: g.label,
      status: g.status,
      items: g.revealed >= g.items.length ? g.items : g.items.slice(0, g.revealed),
      hasMore: g.revealed < g.items.length || g.nextCursor !== null,
      loadingMore: g.loadingMore,
      loadMoreError: g.loadMoreError,
    }));
  }

  /** Every loaded item once, for consumers such as open panels. */
  allItems(): ItemSummary[] {
    const byId = new Map<string, ItemSummary>();
    for (const group of this.groupStates) {
      for (const item of group.items) {
        byId.set(item.id, item);
      }
    }
    return [...byId.values()];
  }

  findItem(id: string): ItemSummary | undefined {
    for (const group of this.groupStates) {
      const item = group.items.find((i) => i.id === id);
      if (item) {
        return item;
      }
    }
    return undefined;
  }

  /** A new tracker (or none): forget everything shown from the old one. */
  setSource(source: ItemSource | undefined): void {
    this.cancelPending();
    this.source = source;
    this.groupStates = [];
    this.rejectedEntries = [];
    this.lastError = undefined;
    this.synced = undefined;
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
    const running = this.load(source, generation, this.abort.signal);
    this.refreshing = running;
    this.changed.fire();
    return running;
  }

  private async load(source: ItemSource, generation: number, signal: AbortSignal): Promise<void> {
    try {
      const loaded =
        this.options.grouping === 'status'
          ? await this.loadStatusGroups(source, signal)
          : await this.loadAllAndGroup(source, this.options.grouping, signal);
      if (generation !== this.generation) {
        return;
      }
      this.groupStates = loaded.groups;
      this.rejectedEntries = loaded.rejected;
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
      this.rejectedEntries.push(...page.rejected);
      group.nextCursor = group.cursors.next(page.nextCursor);
    } catch (error) {
      group.loadMoreError = error;
    } finally {
      group.loadingMore = false;
      this.changed.fire();
    }
  }

  dispose(): void {
    this.cancelPending();
    this.changed.dispose();
    this.refreshed.dispose();
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
    return { groups, rejected };
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
    return { groups, rejected };
  }
}

interface Loaded {
  groups: GroupState[];
  rejected: RejectedEntry[];
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
