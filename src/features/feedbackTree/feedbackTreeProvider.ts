// The Feedback view: turns the store's plain rows (core/treeModel.ts), worded
// by rowText.ts, into TreeItems. Data comes from the store only; no UI calls
// or I/O here beyond asking the store to refresh the first time the view is shown.
import * as vscode from 'vscode';
import { AWAITING_GROUP_KEY } from '../../core/awaitingReply';
import type { FeedbackStore, GroupView } from '../../core/feedbackStore';
import type { Status } from '../../core/model';
import type { DescribeError, TreeNode } from '../../core/treeModel';
import { groupChildren, groupNode, rootNodes } from '../../core/treeModel';
import { rowText } from './rowText';
import type { RowText } from './rowText';

const STATUS_ICONS: Readonly<Record<Status, [string, string]>> = {
  open: ['circle-large-outline', 'charts.blue'],
  'under-review': ['eye', 'charts.yellow'],
  planned: ['milestone', 'charts.purple'],
  'in-progress': ['play-circle', 'charts.orange'],
  shipped: ['rocket', 'charts.green'],
  closed: ['circle-slash', 'disabledForeground'],
};

/** A stale row keeps its status shape but loses its colour, so staleness shows even when the description is cut off. */
export function statusIcon(status: Status, stale = false): vscode.ThemeIcon {
  const [icon, color] = STATUS_ICONS[status];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(stale ? 'disabledForeground' : color));
}

/** How long redraws wait for VS Code to ask for the rows of a group the user opened (see groupOpened). */
const OPENING_WAIT_MS = 1_000;

export class FeedbackTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private requestedFirstLoad = false;
  /** The rows as last announced to VS Code (see refresh). */
  private shownKey: string | undefined;

  constructor(
    private readonly store: FeedbackStore,
    private readonly describeError: DescribeError,
    private readonly linkCount?: (itemId: string) => number,
    /** Groups shown above the others when they have items (Awaiting Reply; close the loop's "Shipped, not yet announced"). */
    private readonly pinned: () => readonly GroupView[] = () => [],
  ) {}

  /**
   * The pinned groups as of the last refresh: made once per change, not for
   * every group VS Code asks about (Awaiting Reply goes through every loaded
   * item). Every change that can move a row calls refresh().
   */
  private pinnedNow: readonly GroupView[] | undefined;

  private pinnedGroups(): readonly GroupView[] {
    return (this.pinnedNow ??= this.pinned());
  }

  /**
   * Called when the store changes or the connection does: tells VS Code to
   * draw the rows again, only when they would differ. A redraw makes VS Code
   * ask for every expanded group again, restarting a drawing still under
   * way, so a change nobody can see (a refresh starting, an answer equal to
   * what is shown) must not cause one: the first rows would wait for it.
   */
  refresh(): void {
    this.pinnedNow = undefined;
    if (this.opening) {
      this.redrawHeld = true;
      return;
    }
    const key = this.rowsKey();
    if (key !== this.shownKey) {
      this.shownKey = key;
      this.changed.fire(undefined);
    }
  }

  /**
   * The user opened a group: redraws wait until VS Code has asked for its
   * rows. A redraw reaching VS Code while a group's rows are on their way
   * cancels their load, and VS Code then closes the group again (its
   * AsyncDataTree collapses a node whose children load was cancelled): the
   * user's click undone. VS Code says a group opened before it asks for the
   * rows, and its redraws come after our answer, in order. It may show rows
   * it kept from before without asking: then the wait ends after a second.
   */
  groupOpened(key: string): void {
    this.opening = key;
    clearTimeout(this.openingTimeout);
    this.openingTimeout = setTimeout(() => this.rowsAsked(key), OPENING_WAIT_MS);
  }

  private opening: string | undefined;
  private openingTimeout: ReturnType<typeof setTimeout> | undefined;
  /** A redraw asked for while a group was opening: made once VS Code has asked for the group's rows. */
  private redrawHeld = false;

  private rowsAsked(key: string): void {
    if (this.opening !== key) {
      return;
    }
    this.opening = undefined;
    clearTimeout(this.openingTimeout);
    if (this.redrawHeld) {
      this.redrawHeld = false;
      // Not from inside getChildren: VS Code is still taking the answer.
      setTimeout(() => this.refresh(), 0);
    }
  }

  /** A new tracker: the next time the view asks, load from it. */
  resetFirstLoad(): void {
    this.requestedFirstLoad = false;
  }

  getChildren(node?: TreeNode): TreeNode[] {
    if (!this.store.hasSource) {
      return [];
    }
    if (!node) {
      this.loadOnFirstShow();
      return this.roots();
    }
    if (node.kind !== 'group') {
      return [];
    }
    this.rowsAsked(node.key);
    return this.children(node);
  }

  /** The rows about the whole view (its error, filter, unreadable items) first, then the pinned groups, then the rest. */
  private roots(): TreeNode[] {
    const nodes = rootNodes(this.store, this.describeError);
    const afterNotices = nodes.findIndex((node) => node.kind !== 'error' && node.kind !== 'filter' && node.kind !== 'rejected');
    const at = afterNotices < 0 ? nodes.length : afterNotices;
    return [...nodes.slice(0, at), ...this.pinnedNodes(), ...nodes.slice(at)];
  }

  private children(node: TreeNode & { kind: 'group' }): TreeNode[] {
    const pinned = this.pinnedGroups().find((group) => group.key === node.key);
    if (pinned) {
      return groupChildren(pinned, this.store.stale, this.describeError, this.linkCount, this.isPending);
    }
    const group = this.store.groups().find((g) => g.key === node.key);
    return group ? groupChildren(group, this.store.stale, this.describeError, this.linkCount, this.isPending) : [];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = toTreeItem(node, rowText(node));
    item.id = node.id;
    return item;
  }

  dispose(): void {
    clearTimeout(this.openingTimeout);
    this.changed.dispose();
  }

  private readonly isPending = (itemId: string): boolean => this.store.isPending(itemId);

  /** Every row the view can show, as data: a TreeItem is made from its node alone. */
  private rowsKey(): string {
    if (!this.store.hasSource) {
      return '';
    }
    const roots = this.roots();
    return JSON.stringify([roots, roots.map((node) => (node.kind === 'group' ? this.children(node) : []))]);
  }

  private pinnedNodes(): TreeNode[] {
    return this.pinnedGroups()
      .filter((group) => group.items.length > 0)
      .map((group) => groupNode(group, this.store.stale));
  }

  private loadOnFirstShow(): void {
    // Rows from the offline snapshot are shown at once; the tracker is still asked.
    if (!this.requestedFirstLoad && (!this.store.lastSyncedAt || this.store.fromSnapshot) && !this.store.isRefreshing) {
      this.requestedFirstLoad = true;
      void this.store.refresh();
    }
  }
}

function toTreeItem(node: TreeNode, text: RowText): vscode.TreeItem {
  const item = new vscode.TreeItem(text.label, collapsibleState(node));
  item.description = text.description;
  item.tooltip = text.tooltip;
  if (text.accessibleName !== undefined) {
    item.accessibilityInformation = { label: text.accessibleName };
  }
  switch (node.kind) {
    case 'error':
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { command: 'feedbackLoop.refresh', title: vscode.l10n.t('Retry') };
      item.contextValue = 'error';
      return item;
    case 'filter':
      item.iconPath = new vscode.ThemeIcon('filter-filled');
      item.command = { command: 'feedbackLoop.clearFilter', title: vscode.l10n.t('Clear Filter') };
      item.contextValue = 'filter';
      return item;
    case 'rejected':
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      item.command = { command: 'feedbackLoop.showLog', title: vscode.l10n.t('Show Log') };
      return item;
    case 'loading':
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      return item;
    case 'empty':
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    case 'group':
      item.iconPath = node.name.kind === 'status' ? statusIcon(node.name.status) : new vscode.ThemeIcon(groupIcon(node.key));
      item.contextValue = 'group';
      return item;
    case 'item':
      // Customer text: shown as text, never as markdown.
      item.tooltip = new vscode.MarkdownString().appendText(text.tooltip ?? '');
      // A change not yet confirmed shows as one: a spinning icon, and why in the hover.
      item.iconPath = node.pending ? new vscode.ThemeIcon('sync~spin') : statusIcon(node.item.status, node.stale);
      item.command = { command: 'feedbackLoop.openItem', title: vscode.l10n.t('Open Item'), arguments: [node.item.id] };
      item.contextValue = node.item.url ? 'item:hasUrl' : 'item';
      return item;
    case 'loadMore':
      item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : node.error ? 'error' : 'more');
      item.command = node.loading ? undefined : { command: 'feedbackLoop.loadMore', title: text.label, arguments: [node.groupKey] };
      item.contextValue = 'loadMore';
      return item;
  }
}

function groupIcon(key: string): string {
  if (key === AWAITING_GROUP_KEY) {
    return 'comment-unresolved';
  }
  return key.startsWith('tag:') ? 'tag' : key.startsWith('closeLoop:') ? 'megaphone' : 'organization';
}

/**
 * Groups open, but Awaiting Reply starts closed: it can hold every loaded item
 * and would push the ranked groups out of sight; its count shows what waits,
 * and VS Code remembers it opened.
 */
function collapsibleState(node: TreeNode): vscode.TreeItemCollapsibleState {
  if (node.kind !== 'group') {
    return vscode.TreeItemCollapsibleState.None;
  }
  return node.key === AWAITING_GROUP_KEY ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.Expanded;
}
