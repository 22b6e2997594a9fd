// The Feedback view: turns the store's plain rows (core/treeModel.ts) into
// TreeItems. Data comes from the store only; no UI calls or I/O here beyond
// asking the store to refresh the first time the view is shown.
import { statusLabels } from '../../platform/statusLabels';
import * as vscode from 'vscode';
import type { FeedbackStore, GroupView } from '../../core/feedbackStore';
import type { Status } from '../../core/model';
import type { DescribeError, TreeNode } from '../../core/treeModel';
import { groupChildren, rootNodes } from '../../core/treeModel';
import { shownNode } from './shownNode';

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

export class FeedbackTreeProvider implements vscode.TreeDataProvider<TreeNode> {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private requestedFirstLoad = false;

  constructor(
    private readonly store: FeedbackStore,
    private readonly describeError: DescribeError,
    private readonly linkCount?: (itemId: string) => number,
    /** A group shown above the others when it has items (close the loop's "Shipped, not yet announced"). */
    private readonly pinned?: () => GroupView,
  ) {}

  /** Called when the store changes or the connection does. */
  refresh(): void {
    this.changed.fire(undefined);
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
      return [...this.pinnedNodes(), ...rootNodes(this.store, this.describeError)];
    }
    if (node.kind !== 'group') {
      return [];
    }
    const pinned = this.pinned?.();
    if (pinned && node.key === pinned.key) {
      return groupChildren(pinned, this.store.stale, this.describeError, this.linkCount, this.isPending);
    }
    const group = this.store.groups().find((g) => g.key === node.key);
    return group ? groupChildren(group, this.store.stale, this.describeError, this.linkCount, this.isPending) : [];
  }

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const item = toTreeItem(shownNode(node));
    item.id = node.id;
    return item;
  }

  dispose(): void {
    this.changed.dispose();
  }

  private readonly isPending = (itemId: string): boolean => this.store.isPending(itemId);

  private pinnedNodes(): TreeNode[] {
    const group = this.pinned?.();
    if (!group || group.items.length === 0) {
      return [];
    }
    const count = group.items.length;
    return [{ kind: 'group', id: group.key, key: group.key, label: group.label, description: `${count} ${count === 1 ? 'item' : 'items'}`, status: undefined, stale: this.store.stale }];
  }

  private loadOnFirstShow(): void {
    // Rows from the offline snapshot are shown at once; the tracker is still asked.
    if (!this.requestedFirstLoad && (!this.store.lastSyncedAt || this.store.fromSnapshot) && !this.store.isRefreshing) {
      this.requestedFirstLoad = true;
      void this.store.refresh();
    }
  }
}

function toTreeItem(node: TreeNode): vscode.TreeItem {
  const none = vscode.TreeItemCollapsibleState.None;
  switch (node.kind) {
    case 'error': {
      const item = new vscode.TreeItem(node.message, none);
      item.description = node.stale ? vscode.l10n.t('showing the last good items') : undefined;
      item.tooltip = vscode.l10n.t('{0}\n\nClick to retry. Details are in the Feedback Loop log.', node.message);
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
      item.command = { command: 'feedbackLoop.refresh', title: vscode.l10n.t('Retry') };
      item.contextValue = 'error';
      return item;
    }
    case 'filter': {
      const item = new vscode.TreeItem(vscode.l10n.t('Filter: “{0}”', node.filter), none);
      item.description = vscode.l10n.t('click to clear');
      item.iconPath = new vscode.ThemeIcon('filter-filled');
      item.command = { command: 'feedbackLoop.clearFilter', title: vscode.l10n.t('Clear Filter') };
      item.contextValue = 'filter';
      return item;
    }
    case 'rejected': {
      const label = vscode.l10n.t('{0} items could not be read', node.count);
      const item = new vscode.TreeItem(label, none);
      item.description = vscode.l10n.t('show log');
      item.tooltip = node.details;
      // Said without the validation details (hundreds of words); they are in the tooltip and the log.
      item.accessibilityInformation = { label: `${label}, ${vscode.l10n.t('show log')}` };
      item.iconPath = new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground'));
      item.command = { command: 'feedbackLoop.showLog', title: vscode.l10n.t('Show Log') };
      return item;
    }
    case 'loading': {
      const item = new vscode.TreeItem(vscode.l10n.t('Loading feedback…'), none);
      item.iconPath = new vscode.ThemeIcon('loading~spin');
      return item;
    }
    case 'empty': {
      const item = new vscode.TreeItem(node.message, none);
      item.iconPath = new vscode.ThemeIcon('info');
      return item;
    }
    case 'group': {
      // A status group is named in the user's language (the one list of status names); other groups by their data.
      const item = new vscode.TreeItem(node.status ? statusLabels()[node.status] : node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.description = node.description;
      item.iconPath = node.status ? statusIcon(node.status) : new vscode.ThemeIcon(groupIcon(node.key));
      item.contextValue = 'group';
      return item;
    }
    case 'item': {
      const item = new vscode.TreeItem(node.label, none);
      item.description = node.description;
      item.accessibilityInformation = { label: node.pending ? `${node.accessibleName}, ${vscode.l10n.t('pending')}` : node.accessibleName };
      // A change not yet confirmed shows as one: a spinning icon, and why in the hover.
      const tooltip = node.pending ? `${node.tooltip}\n${vscode.l10n.t('Pending: the tracker has not confirmed this change yet.')}` : node.tooltip;
      item.tooltip = new vscode.MarkdownString().appendText(tooltip);
      item.iconPath = node.pending ? new vscode.ThemeIcon('sync~spin') : statusIcon(node.item.status, node.stale);
      item.command = { command: 'feedbackLoop.openItem', title: vscode.l10n.t('Open Item'), arguments: [node.item.id] };
      item.contextValue = node.item.url ? 'item:hasUrl' : 'item';
      return item;
    }
    case 'loadMore': {
      const label = node.loading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more');
      const item = new vscode.TreeItem(label, none);
      item.description = node.error ? vscode.l10n.t('failed: {0} — click to retry', node.error) : undefined;
      item.iconPath = new vscode.ThemeIcon(node.loading ? 'loading~spin' : node.error ? 'error' : 'more');
      item.command = node.loading ? undefined : { command: 'feedbackLoop.loadMore', title: label, arguments: [node.groupKey] };
      item.contextValue = 'loadMore';
      return item;
    }
  }
}

function groupIcon(key: string): string {
  return key.startsWith('tag:') ? 'tag' : key.startsWith('closeLoop:') ? 'megaphone' : 'organization';
}
