// The Trade-offs view in the Feedback sidebar: trade-offs by file or by item.
// The detached ones are listed with a warning, never dropped.
import * as vscode from 'vscode';
import { groupTradeOffs } from '../../core/tradeoffs/tradeoffView';
import type { TradeOffGroup, TradeOffGrouping, TradeOffRow } from '../../core/tradeoffs/tradeoffView';
import { Disposable } from '../../platform/disposable';
import type { ItemInfo } from './itemInfo';
import type { TradeOffStore } from './tradeoffStore';

export const TRADEOFF_VIEW_ID = 'feedbackLoop.tradeoffs';
const GROUPING_KEY = 'feedbackLoop.tradeoffs.grouping';

export type TradeOffNode = { readonly kind: 'group'; readonly group: TradeOffGroup } | { readonly kind: 'tradeoff'; readonly row: TradeOffRow } | { readonly kind: 'problem'; readonly message: string };

export class TradeOffTree extends Disposable implements vscode.TreeDataProvider<TradeOffNode> {
  private readonly changed = this._register(new vscode.EventEmitter<TradeOffNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  readonly view: vscode.TreeView<TradeOffNode>;
  private grouping: TradeOffGrouping;

  constructor(
    private readonly store: TradeOffStore,
    private readonly items: ItemInfo,
    private readonly memento: vscode.Memento,
  ) {
    super();
    this.grouping = memento.get<TradeOffGrouping>(GROUPING_KEY) === 'item' ? 'item' : 'file';
    this.view = this._register(vscode.window.createTreeView(TRADEOFF_VIEW_ID, { treeDataProvider: this, showCollapseAll: true }));
    this._register(store.onDidChange(() => this.changed.fire(undefined)));
    this._register(items.onDidChange(() => this.changed.fire(undefined)));
    this.setContext();
  }

  setGrouping(grouping: TradeOffGrouping): void {
    this.grouping = grouping;
    void this.memento.update(GROUPING_KEY, grouping);
    this.setContext();
    this.changed.fire(undefined);
  }

  private setContext(): void {
    void vscode.commands.executeCommand('setContext', 'feedbackLoop:tradeOffGrouping', this.grouping);
  }

  /** The groups shown now (for tests and the integration suite). */
  groups(): TradeOffGroup[] {
    const placed = this.store.tradeOffs.map((tradeOff) => ({ tradeOff, place: this.store.live.place(tradeOff) }));
    return groupTradeOffs(placed, this.grouping, (id) => this.items.get(id));
  }

  getChildren(node?: TradeOffNode): TradeOffNode[] {
    if (node) {
      return node.kind === 'group' ? node.group.rows.map((row) => ({ kind: 'tradeoff', row })) : [];
    }
    const problem = this.store.invalidReason;
    const groups: TradeOffNode[] = this.groups().map((group) => ({ kind: 'group', group }));
    return problem ? [{ kind: 'problem', message: problem }, ...groups] : groups;
  }

  getTreeItem(node: TradeOffNode): vscode.TreeItem {
    switch (node.kind) {
      case 'problem': {
        const item = new vscode.TreeItem(node.message);
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground'));
        item.tooltip = node.message;
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open File'), arguments: [this.store.fileUri] };
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `group:${this.grouping}:${node.group.key}`;
        item.description = groupDescription(node.group);
        item.iconPath = this.grouping === 'file' ? vscode.ThemeIcon.File : new vscode.ThemeIcon('comment-discussion');
        if (this.grouping === 'file') {
          item.resourceUri = vscode.Uri.joinPath(this.store.folder.uri, ...node.group.key.split('/'));
        }
        return item;
      }
      case 'tradeoff':
        return this.rowItem(node.row);
      default: {
        const unknown: never = node;
        throw new Error(`unknown node ${JSON.stringify(unknown)}`);
      }
    }
  }

  private rowItem(row: TradeOffRow): vscode.TreeItem {
    const item = new vscode.TreeItem(row.label);
    item.id = `tradeoff:${this.grouping}:${row.id}`;
    item.description = rowDescription(row);
    item.contextValue = row.contextValue;
    item.iconPath = row.detached
      ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
      : new vscode.ThemeIcon(row.resolved ? 'pass' : 'law');
    const t = this.store.find(row.id);
    if (t) {
      const tooltip = new vscode.MarkdownString();
      tooltip.appendText(`${t.summary}\n\n`);
      const unanchorable = this.store.live.place(t).unanchorable;
      tooltip.appendText(
        unanchorable !== undefined
          ? vscode.l10n.t('Not followed: {0}', unanchorable)
          : row.detached
            ? vscode.l10n.t('Its code is gone: it is detached from {0}.', t.location.path)
            : t.location.path,
      );
      item.tooltip = tooltip;
    }
    item.command = { command: 'feedbackLoop.openTradeOff', title: vscode.l10n.t('Open Trade-off'), arguments: [row.id] };
    return item;
  }
}

/** `2`, or `2 (1 detached)`: how many trade-offs a group holds. */
export function groupDescription(group: TradeOffGroup): string {
  return group.detached > 0 ? vscode.l10n.t('{0} ({1} detached)', group.rows.length, group.detached) : String(group.rows.length);
}

/** Where a trade-off is, then whether its code is gone or it was resolved: `L4–5 · FB-12 · detached, resolved`. */
export function rowDescription(row: TradeOffRow): string {
  const flags = [...(row.detached ? [vscode.l10n.t('detached')] : []), ...(row.resolved ? [vscode.l10n.t('resolved')] : [])];
  return flags.length > 0 ? `${row.where} · ${flags.join(', ')}` : row.where;
}
