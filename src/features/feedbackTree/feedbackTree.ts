// The Feedback view and its commands: refresh, filter, group, sort, load more,
// over every connection's session. Grouping and sort are remembered per
// workspace, and are the view's: every connection's lists follow them.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { FeedbackStore, ViewOptions } from '../../core/feedbackStore';
import { GROUPINGS } from '../../core/grouping';
import type { Grouping } from '../../core/grouping';
import { Emitter } from '../../core/events';
import type { Unsubscribe } from '../../core/events';
import { SORTS, sortSchema } from '../../core/model';
import type { Sort } from '../../core/model';
import type { MultiTreeNode } from '../../core/multiTree';
import type { SessionItems } from '../../core/sessionItems';
import type { FeedbackSessions } from '../../core/sessions';
import { setContext } from '../../platform/contextKeys';
import { Disposable } from '../../platform/disposable';
import { BackgroundRefresh } from './backgroundRefresh';
import { FeedbackTreeProvider } from './feedbackTreeProvider';
import type { FeedbackTreeOptions, RowsChange } from './feedbackTreeProvider';

export const VIEW_ID = 'feedbackLoop.items';
const VIEW_STATE_KEY = 'feedbackLoop.viewOptions';
/** workspaceState: Merge All (every connection's items ranked together) or a root per connection. */
const MERGE_ALL_KEY = 'feedbackLoop.mergeAll';

const groupingSchema = z.enum(GROUPINGS);
const rememberedSchema = z.object({ grouping: groupingSchema, sort: sortSchema });

export function rememberedViewOptions(state: vscode.Memento): ViewOptions {
  const parsed = rememberedSchema.safeParse(state.get(VIEW_STATE_KEY));
  return parsed.success ? { ...parsed.data, filter: '' } : { grouping: 'status', sort: 'demand', filter: '' };
}

function groupingLabels(): Readonly<Record<Grouping, string>> {
  return { status: vscode.l10n.t('Status'), tag: vscode.l10n.t('Tag'), company: vscode.l10n.t('Company') };
}

function sortLabels(): Readonly<Record<Sort, string>> {
  return { demand: vscode.l10n.t('Demand (votes, then revenue)'), newest: vscode.l10n.t('Newest'), updated: vscode.l10n.t('Recently updated') };
}

export class FeedbackTree extends Disposable {
  private readonly provider: FeedbackTreeProvider;
  private readonly view: vscode.TreeView<MultiTreeNode>;
  private readonly selected = new Emitter<string>();
  /** The key (a ref) of a feedback item the user selected in the tree (for views that follow the selection). */
  readonly onDidSelectItem = this.selected.event;

  private mergeAll: boolean;

  constructor(
    private readonly sessions: FeedbackSessions,
    /** Every session's changes, heard as one. */
    items: Pick<SessionItems, 'onDidChangeLists' | 'onDidRefresh'>,
    private readonly workspaceState: vscode.Memento,
    options: Omit<FeedbackTreeOptions, 'mergeAll'>,
  ) {
    super();
    this.mergeAll = workspaceState.get<unknown>(MERGE_ALL_KEY) === true;
    this.provider = this._register(new FeedbackTreeProvider(sessions, { ...options, mergeAll: () => this.mergeAll }));
    this.view = this._register(vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true }));
    this._register(items.onDidChangeLists((connectionId) => this.update(connectionId === undefined ? {} : { connectionId })));
    // A background refresh that changed nothing fires no change: only the synced time moves on.
    this._register(items.onDidRefresh(() => (this.view.description = this.syncDescription())));
    this._register(sessions.onDidChange(() => this.provider.resetFirstLoad()));
    this._register(
      this.view.onDidChangeSelection(({ selection }) => {
        const node = selection[0];
        if (node?.kind === 'item') {
          this.selected.fire(this.provider.keyOf(node));
        }
      }),
    );
    this._register(this.selected);
    this._register(this.view.onDidExpandElement(({ element }) => this.provider.rowOpened(element.id)));
    this._register(this.registerCommands());
    this.update();
  }

  /** Refreshes a connection's lists in the background while the view is shown and the window focused (backgroundRefresh.ts). */
  refreshInBackground(store: FeedbackStore): Unsubscribe {
    return new BackgroundRefresh(store, this.view);
  }

  /** The pinned groups changed (a reply queued, a thread read, something shipped): draw the rows again where they differ. */
  redraw(): void {
    this.provider.refresh();
  }

  /** Something every item row shows changed (the linked-commit counts): draw them again where they differ. */
  redrawItems(): void {
    this.provider.refresh({ all: true });
  }

  private update(change: RowsChange = {}): void {
    const options = this.sessions.viewOptions;
    setContext('feedbackLoop:hasFilter', options.filter !== '');
    setContext('feedbackLoop:grouping', options.grouping);
    setContext('feedbackLoop:sort', options.sort);
    setContext('feedbackLoop:connectionCount', this.sessions.size);
    setContext('feedbackLoop:mergeAll', this.mergeAll);
    this.view.description = this.syncDescription();
    this.provider.refresh(change);
  }

  /** Merge All on or off (an argument from a keybinding or another extension sets it; none toggles), remembered per workspace. */
  private async setMergeAll(arg: unknown): Promise<void> {
    this.mergeAll = typeof arg === 'boolean' ? arg : !this.mergeAll;
    await this.workspaceState.update(MERGE_ALL_KEY, this.mergeAll);
    this.update();
  }

  /** "Syncing…" while any connection is; else when the least recently synced connection was, and "stale" if any is. */
  private syncDescription(): string | undefined {
    const stores = this.stores();
    if (stores.some((store) => store.isRefreshing)) {
      return vscode.l10n.t('Syncing…');
    }
    const synced = stores.map((store) => store.lastSyncedAt);
    if (synced.length === 0 || synced.some((at) => at === undefined)) {
      return undefined;
    }
    const oldest = new Date(Math.min(...synced.map((at) => at!.getTime())));
    const time = oldest.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    return stores.some((store) => store.stale) ? vscode.l10n.t('Stale · synced {0}', time) : vscode.l10n.t('Synced {0}', time);
  }

  private stores(): FeedbackStore[] {
    return this.sessions.list().map(({ session }) => session.store);
  }

  /** A connection's store, from a command's argument; without one, every connection's. */
  private storesOf(connectionId: unknown): FeedbackStore[] {
    const session = typeof connectionId === 'string' ? this.sessions.get(connectionId) : undefined;
    return session ? [session.store] : this.stores();
  }

  private registerCommands(): vscode.Disposable {
    return vscode.Disposable.from(
      // A connection's error row retries that connection; the view's Refresh, every connection.
      vscode.commands.registerCommand('feedbackLoop.refresh', async (connectionId: unknown) => void (await Promise.all(this.storesOf(connectionId).map((store) => store.refresh())))),
      vscode.commands.registerCommand('feedbackLoop.filter', (text: unknown) => (typeof text === 'string' ? this.sessions.setViewOptions({ filter: text.trim() }) : this.askFilter())),
      vscode.commands.registerCommand('feedbackLoop.clearFilter', () => this.sessions.setViewOptions({ filter: '' })),
      vscode.commands.registerCommand('feedbackLoop.toggleMergeAll', (arg: unknown) => this.setMergeAll(arg)),
      // An argument (from a keybinding or another extension) skips the picker.
      vscode.commands.registerCommand('feedbackLoop.groupBy', (arg: unknown) => {
        const grouping = groupingSchema.safeParse(arg);
        return grouping.success ? this.remember({ grouping: grouping.data }) : this.pickGrouping();
      }),
      vscode.commands.registerCommand('feedbackLoop.sortBy', (arg: unknown) => {
        const sort = sortSchema.safeParse(arg);
        return sort.success ? this.remember({ sort: sort.data }) : this.pickSort();
      }),
      // The group's Load more of a connection (a root's group, or the connection at Merge All's cut); without one, each connection's that has more.
      vscode.commands.registerCommand('feedbackLoop.loadMore', async (groupKey: unknown, connectionId: unknown) => {
        if (typeof groupKey !== 'string') {
          return;
        }
        const stores = this.storesOf(connectionId).filter((store) => store.groups().some((g) => g.key === groupKey && g.hasMore));
        await Promise.all(stores.map((store) => store.loadMore(groupKey)));
      }),
    );
  }

  private async askFilter(): Promise<void> {
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter Feedback Items'),
      prompt: vscode.l10n.t('Show only items whose title, description or tags contain this text'),
      value: this.sessions.viewOptions.filter,
    });
    if (text !== undefined) {
      await this.sessions.setViewOptions({ filter: text.trim() });
    }
  }

  private async pickGrouping(): Promise<void> {
    const current = this.sessions.viewOptions.grouping;
    const labels = groupingLabels();
    const picked = await vscode.window.showQuickPick(
      GROUPINGS.map((grouping) => ({ label: labels[grouping], grouping, picked: grouping === current, description: grouping === current ? vscode.l10n.t('current') : undefined })),
      { title: vscode.l10n.t('Group Feedback Items By') },
    );
    if (picked) {
      await this.remember({ grouping: picked.grouping });
    }
  }

  private async pickSort(): Promise<void> {
    const current = this.sessions.viewOptions.sort;
    const labels = sortLabels();
    const picked = await vscode.window.showQuickPick(
      SORTS.map((sort) => ({ label: labels[sort], sort, description: sort === current ? vscode.l10n.t('current') : undefined })),
      { title: vscode.l10n.t('Sort Feedback Items By') },
    );
    if (picked) {
      await this.remember({ sort: picked.sort });
    }
  }

  private async remember(change: Partial<Pick<ViewOptions, 'grouping' | 'sort'>>): Promise<void> {
    const next = { ...this.sessions.viewOptions, ...change };
    await this.workspaceState.update(VIEW_STATE_KEY, { grouping: next.grouping, sort: next.sort });
    await this.sessions.setViewOptions(change);
  }
}
