// The Feedback view and its commands: refresh, filter, group, sort, load more.
// Grouping and sort are remembered per workspace.
import * as vscode from 'vscode';
import * as z from 'zod/mini';
import type { FeedbackStore, GroupView, ViewOptions } from '../../core/feedbackStore';
import { GROUPINGS } from '../../core/grouping';
import type { Grouping } from '../../core/grouping';
import { Emitter } from '../../core/events';
import { SORTS, sortSchema } from '../../core/model';
import type { Sort } from '../../core/model';
import type { DescribeError, TreeNode } from '../../core/treeModel';
import { setContext } from '../../platform/contextKeys';
import { Disposable } from '../../platform/disposable';
import { BackgroundRefresh } from './backgroundRefresh';
import { FeedbackTreeProvider } from './feedbackTreeProvider';

export const VIEW_ID = 'feedbackLoop.items';
const VIEW_STATE_KEY = 'feedbackLoop.viewOptions';

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
  private readonly view: vscode.TreeView<TreeNode>;
  private readonly selected = new Emitter<string>();
  /** The id of a feedback item the user selected in the tree (for views that follow the selection). */
  readonly onDidSelectItem = this.selected.event;

  constructor(
    private readonly store: FeedbackStore,
    private readonly workspaceState: vscode.Memento,
    describeError: DescribeError,
    linkCount?: (itemId: string) => number,
    pinned?: () => readonly GroupView[],
  ) {
    super();
    this.provider = this._register(new FeedbackTreeProvider(store, describeError, linkCount, pinned));
    this.view = this._register(vscode.window.createTreeView(VIEW_ID, { treeDataProvider: this.provider, showCollapseAll: true }));
    this._register(store.onDidChange(() => this.update()));
    // A background refresh that changed nothing fires no change: only the synced time moves on.
    this._register(store.onDidRefresh(() => (this.view.description = this.syncDescription())));
    this._register(new BackgroundRefresh(store, this.view));
    this._register(
      this.view.onDidChangeSelection(({ selection }) => {
        const node = selection[0];
        if (node?.kind === 'item') {
          this.selected.fire(node.item.id);
        }
      }),
    );
    this._register(this.selected);
    this._register(this.view.onDidExpandElement(({ element }) => element.kind === 'group' && this.provider.groupOpened(element.key)));
    this._register(this.registerCommands());
    this.update();
  }

  /** Something shown on the rows changed (linked-commit counts): draw them again. */
  redraw(): void {
    this.provider.refresh();
  }

  /** After a connection change: reload the view from the new tracker when it is shown. */
  reset(): void {
    this.provider.resetFirstLoad();
    this.update();
  }

  private update(): void {
    const options = this.store.viewOptions;
    setContext('feedbackLoop:hasFilter', options.filter !== '');
    setContext('feedbackLoop:grouping', options.grouping);
    setContext('feedbackLoop:sort', options.sort);
    this.view.description = this.syncDescription();
    this.provider.refresh();
  }

  private syncDescription(): string | undefined {
    if (this.store.isRefreshing) {
      return vscode.l10n.t('Syncing…');
    }
    const synced = this.store.lastSyncedAt;
    if (!synced) {
      return undefined;
    }
    const time = synced.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    return this.store.stale ? vscode.l10n.t('Stale · synced {0}', time) : vscode.l10n.t('Synced {0}', time);
  }

  private registerCommands(): vscode.Disposable {
    return vscode.Disposable.from(
      vscode.commands.registerCommand('feedbackLoop.refresh', () => this.store.refresh()),
      vscode.commands.registerCommand('feedbackLoop.filter', (text: unknown) => (typeof text === 'string' ? this.store.setOptions({ filter: text.trim() }) : this.askFilter())),
      vscode.commands.registerCommand('feedbackLoop.clearFilter', () => this.store.setOptions({ filter: '' })),
      // An argument (from a keybinding or another extension) skips the picker.
      vscode.commands.registerCommand('feedbackLoop.groupBy', (arg: unknown) => {
        const grouping = groupingSchema.safeParse(arg);
        return grouping.success ? this.remember({ grouping: grouping.data }) : this.pickGrouping();
      }),
      vscode.commands.registerCommand('feedbackLoop.sortBy', (arg: unknown) => {
        const sort = sortSchema.safeParse(arg);
        return sort.success ? this.remember({ sort: sort.data }) : this.pickSort();
      }),
      vscode.commands.registerCommand('feedbackLoop.loadMore', (groupKey: unknown) => {
        if (typeof groupKey === 'string') {
          return this.store.loadMore(groupKey);
        }
        return undefined;
      }),
    );
  }

  private async askFilter(): Promise<void> {
    const text = await vscode.window.showInputBox({
      title: vscode.l10n.t('Filter Feedback Items'),
      prompt: vscode.l10n.t('Show only items whose title, description or tags contain this text'),
      value: this.store.viewOptions.filter,
    });
    if (text !== undefined) {
      await this.store.setOptions({ filter: text.trim() });
    }
  }

  private async pickGrouping(): Promise<void> {
    const current = this.store.viewOptions.grouping;
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
    const current = this.store.viewOptions.sort;
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
    const next = { ...this.store.viewOptions, ...change };
    await this.workspaceState.update(VIEW_STATE_KEY, { grouping: next.grouping, sort: next.sort });
    await this.store.setOptions(change);
  }
}
