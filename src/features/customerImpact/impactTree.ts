// The Customer Impact view, in Source Control and in the Feedback Loop
// sidebar (one provider, two views): the items the current changes touch,
// most demanded first, each with its reasons below it; the totals are the
// view's message. A click on an item opens it; on a reason, its lines.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { singleLineText } from '../../core/displayText';
import type { ImpactReason, ImpactedItem } from '../../core/impact/impact';
import { setContext } from '../../platform/contextKeys';
import { Disposable } from '../../platform/disposable';
import { demandLine } from '../../platform/itemWords';
import { statusLabel } from '../../platform/statusLabels';
import { reasonText, totalsLine } from './impactText';
import type { ImpactState } from './impactState';

export const IMPACT_VIEW_IDS = ['feedbackLoop.customerImpact', 'feedbackLoop.customerImpactSidebar'] as const;
const OPEN_REASON_COMMAND = 'feedbackLoop.openImpactReason';

export type ImpactNode = { readonly kind: 'item'; readonly entry: ImpactedItem } | { readonly kind: 'reason'; readonly itemId: string; readonly index: number; readonly reason: ImpactReason };

export class ImpactTree extends Disposable implements vscode.TreeDataProvider<ImpactNode> {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.changed.event;
  private readonly views: vscode.TreeView<ImpactNode>[];

  constructor(
    private readonly state: () => ImpactState,
    onDidChange: vscode.Event<void>,
  ) {
    super();
    this.views = IMPACT_VIEW_IDS.map((id) => this._register(vscode.window.createTreeView(id, { treeDataProvider: this, showCollapseAll: true })));
    this._register(onDidChange(() => this.redraw()));
    this.redraw();
  }

  getChildren(node?: ImpactNode): ImpactNode[] {
    if (!node) {
      return this.state().impact.items.map((entry) => ({ kind: 'item', entry }));
    }
    if (node.kind === 'reason') {
      return [];
    }
    return node.entry.reasons.map((reason, index) => ({ kind: 'reason', itemId: node.entry.id, index, reason }));
  }

  getTreeItem(node: ImpactNode): vscode.TreeItem {
    return node.kind === 'item' ? this.itemRow(node.entry) : this.reasonRow(node);
  }

  private itemRow({ id, item, reasons }: ImpactedItem): vscode.TreeItem {
    const title = item ? singleLineText(item.title) : id;
    const row = new vscode.TreeItem(title, vscode.TreeItemCollapsibleState.Expanded);
    row.id = `item:${id}`;
    row.description = item ? `${id} · ${demandLine(item)}` : vscode.l10n.t('{0} · no demand known', id);
    row.iconPath = new vscode.ThemeIcon('comment-discussion');
    row.contextValue = 'impactItem';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(item ? `${id}: ${title}\n\n${statusLabel(item.status)} · ${demandLine(item)}` : vscode.l10n.t('{0}: not found in the connected tracker', id));
    row.tooltip = tooltip;
    const reasonCount = reasons.length === 1 ? vscode.l10n.t('1 reason') : vscode.l10n.t('{0} reasons', reasons.length);
    row.accessibilityInformation = { label: item ? `${title}, ${id}, ${demandLine(item)}, ${reasonCount}` : `${id}, ${reasonCount}` };
    row.command = { command: 'feedbackLoop.openItem', title: vscode.l10n.t('Open Feedback Item'), arguments: [id] };
    return row;
  }

  private reasonRow({ itemId, index, reason }: Extract<ImpactNode, { kind: 'reason' }>): vscode.TreeItem {
    const text = reasonText(reason);
    const row = new vscode.TreeItem(text);
    row.id = `reason:${itemId}:${index}:${reason.kind}`;
    row.iconPath = new vscode.ThemeIcon(reason.kind === 'branch' ? 'git-branch' : reason.kind === 'tradeOff' ? 'law' : 'git-commit');
    if (this.state().repositoryCount > 1) {
      row.description = path.basename(reason.repository);
    }
    // Read as it shows: without it, a screen reader hears the tooltip (the path) after the text.
    row.accessibilityInformation = { label: row.description ? `${text}, ${row.description}` : text };
    if (reason.kind !== 'branch' && reason.shownAt) {
      const uri = vscode.Uri.file(path.join(reason.repository, ...reason.shownAt.path.split('/')));
      row.command = { command: OPEN_REASON_COMMAND, title: vscode.l10n.t('Open Changed Lines'), arguments: [uri, reason.shownAt.line] };
      row.tooltip = `${reason.shownAt.path}:${reason.shownAt.line}`;
    }
    return row;
  }

  private redraw(): void {
    const message = this.message();
    for (const view of this.views) {
      view.message = message;
    }
    setContext('feedbackLoop:hasImpact', this.state().impact.items.length > 0);
    this.changed.fire();
  }

  private message(): string {
    const { impact, busy, truncated, repositoryCount } = this.state();
    if (repositoryCount === 0) {
      return vscode.l10n.t('Open a folder with a Git repository to see which customers your changes affect.');
    }
    if (impact.items.length === 0) {
      return busy ? vscode.l10n.t('Reading your changes…') : vscode.l10n.t('Your changes touch no code linked to feedback.');
    }
    const totals = totalsLine(impact.totals);
    return truncated ? vscode.l10n.t('{0} (some changed files were too many to read)', totals) : totals;
  }
}
