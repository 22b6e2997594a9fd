// The Customer Impact view, in Source Control and in the Feedback Loop
// sidebar (one provider, two views): the items the current changes touch,
// most demanded first, each with its reasons below it; the totals are the
// view's message. A click on an item opens it; on a reason, its lines.
import * as vscode from 'vscode';
import type { ImpactReason, ImpactedItem } from '../../core/impact/impact';
import { setContext } from '../../platform/contextKeys';
import { Disposable } from '../../platform/disposable';
import { totalsLine } from './impactText';
import type { ImpactState } from './impactState';

export const IMPACT_VIEW_IDS = ['feedbackLoop.customerImpact', 'feedbackLoop.customerImpactSidebar'] as const;

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

  /** The rows' words load with the impact engine (dist/impact.js), which made the items: never before there is one. */
  async getTreeItem(node: ImpactNode): Promise<vscode.TreeItem> {
    const { impactItemRow, impactReasonRow } = await import('./impactRows');
    return node.kind === 'item' ? impactItemRow(node.entry) : impactReasonRow(node, this.state().repositoryCount);
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
