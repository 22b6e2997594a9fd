// The one source of truth the Feedback view reads: items per group, paging
// state, the last error, staleness. The tracker is reached only through the
// small `ItemSource` (store/itemSource.ts), so this stays plain, testable
// TypeScript. This file fills the lists: refreshes, "Load more", background
// refreshes. Its parts live in store/: what the views read, writes laid over
// (shownLists.ts, statusOverlay.ts), the groups (groups.ts), reading them page
// by page (pageLoader.ts), and the cheap "anything newer?" (updateProbe.ts).
import type { Status } from './model';
import type { GroupState, Loaded, ViewOptions } from './store/groups';
import { keepRevealed, PAGE_SIZE, sameGroups, sameValue } from './store/groups';
import type { ItemSource } from './store/itemSource';
import { onceEach } from './store/itemSource';
import type { PageRead } from './store/pageLoader';
import { appendRows, loadGroups, pageQuery } from './store/pageLoader';
import { ShownLists } from './store/shownLists';
import { UpdateProbe } from './store/updateProbe';

// The store's vocabulary stays importable from here, where its users look for it.
export { PAGE_SIZE } from './store/groups';
export type { GroupView, ViewOptions } from './store/groups';
export { MAX_PAGES } from './store/itemSource';
export type { ItemSource, ItemSourcePage, ItemSourceQuery, RejectedEntry } from './store/itemSource';
export type { RefreshEnd } from './store/shownLists';
export type { PendingStatus, ShownStatus } from './store/statusOverlay';
export { FULL_REFRESH_EVERY } from './store/updateProbe';

export class FeedbackStore extends ShownLists {
  private refreshing: Promise<void> | undefined;
  /** A refresh nobody asked for (see `refreshInBackground`). */
  private background: Promise<void> | undefined;
  private readonly probe = new UpdateProbe();
  /** Bumped by every refresh the user asks for and every new tracker: a read of an older generation is dropped. */
  private generation = 0;
  private abort = new AbortController();

  get isRefreshing(): boolean {
    return this.refreshing !== undefined;
  }

  /** A refresh has run to the end since the tracker was set (successfully or not). */
  private get loadedOnce(): boolean {
    return this.synced !== undefined || this.lastError !== undefined;
  }

  /** Resolves when no refresh is running (including refreshes started meanwhile). */
  async whenIdle(): Promise<void> {
    while (this.refreshing) {
      await this.refreshing;
    }
  }

  /** A new tracker (or none): forget everything shown from the old one. */
  setSource(source: ItemSource | undefined): void {
    this.cancelPending();
    this.source = source;
    this.groupStates = [];
    this.rejectedEntries = [];
    this.lastError = undefined;
    this.synced = undefined;
    this.probe.reset();
    this.overlay.clear(); // the writes of the new tracker are applied again by whoever follows its outbox
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
    const running = this.load(this.read(source), this.generation, this.overlay.tick());
    this.refreshing = running;
    this.changed.fire();
    return running;
  }

  private async load(read: PageRead, generation: number, startedAt: number): Promise<void> {
    try {
      const loaded = await loadGroups(read, this.groupStates);
      if (generation !== this.generation) {
        return;
      }
      this.adopt(loaded, startedAt, false);
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
        this.refreshed.fire({ error: this.lastError, changed: true });
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
    await this.fetchMore(group, group.status, group.nextCursor, source);
  }

  /** The next page of a status group, from its cursor; a failure stays on the group ("Load more" shows it). */
  private async fetchMore(group: GroupState, status: Status, cursor: string, source: ItemSource): Promise<void> {
    const generation = this.generation;
    group.loadingMore = true;
    group.loadMoreError = undefined;
    this.changed.fire();
    try {
      const page = await source.listItems(pageQuery(this.read(source), { limit: PAGE_SIZE, cursor, statuses: [status] }));
      if (generation !== this.generation) {
        return;
      }
      appendRows(group, page.items);
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
    const run = this.loadInBackground(this.read(source), this.generation, this.overlay.tick()).finally(() => {
      if (this.background === run) {
        this.background = undefined;
      }
    });
    this.background = run;
    return run;
  }

  private async loadInBackground(read: PageRead, generation: number, startedAt: number): Promise<void> {
    let loaded: Loaded | undefined;
    let failure: unknown;
    try {
      // After an error or over the snapshot, the lists are read again whatever the tracker's update times say.
      if (await this.probe.nothingNewer(read.source, read.signal, () => this.groupStates, this.lastError !== undefined || this.fromSnapshot)) {
        if (generation === this.generation) {
          this.synced = new Date();
          this.refreshed.fire({ error: undefined, changed: false });
        }
        return;
      }
      loaded = await loadGroups(read, this.groupStates);
    } catch (error) {
      failure = error;
    }
    if (generation !== this.generation || this.groupStates.some((g) => g.loadingMore)) {
      return;
    }
    const changed = loaded ? this.adoptInBackground(loaded, startedAt) : true;
    if (!loaded) {
      this.lastError = failure;
    }
    if (changed) {
      this.changed.fire();
    }
    this.refreshed.fire({ error: this.lastError, changed });
  }

  /**
   * Shows what a background refresh read, keeping rows revealed; answers
   * whether anything shown changed: the rows, the error, or an item whose
   * confirmed write the tracker's answer now replaces.
   */
  private adoptInBackground(loaded: Loaded, startedAt: number): boolean {
    const same = this.lastError === undefined && sameGroups(this.groupStates, loaded.groups) && sameValue(this.rejectedEntries, loaded.rejected);
    keepRevealed(this.groupStates, loaded.groups);
    const itemChanged = this.adopt(loaded, startedAt, same);
    this.lastError = undefined;
    this.synced = new Date();
    return !same || itemChanged;
  }

  override dispose(): void {
    this.cancelPending();
    super.dispose();
  }

  private cancelPending(): void {
    this.refreshing = undefined;
    this.generation++;
    this.abort.abort();
    this.abort = new AbortController();
  }

  /** A read from `source` with the view options and cancellation of now. */
  private read(source: ItemSource): PageRead {
    return { source, options: this.options, signal: this.abort.signal };
  }
}
