// The Customer Impact view's rows, in words: loaded with the impact engine
// (dist/impact.js), which computes the items they show (impactTree.ts).
import * as vscode from 'vscode';
import * as path from 'node:path';
import { singleLineText } from '../../core/displayText';
import type { ImpactedItem } from '../../core/impact/impact';
import { demandLine } from '../../platform/itemWords';
import { statusLabel } from '../../platform/statusLabels';
import { reasonText } from './impactText';
import type { ImpactNode } from './impactTree';

const OPEN_REASON_COMMAND = 'feedbackLoop.openImpactReason';

/** An impacted item's row: its title, id and demand, and how many reasons. */
export function impactItemRow({ id, item, reasons }: ImpactedItem): vscode.TreeItem {
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

/** A reason's row: what ties the change to the item; a click opens its lines. The repository is named when there are several. */
export function impactReasonRow({ itemId, index, reason }: Extract<ImpactNode, { kind: 'reason' }>, repositoryCount: number): vscode.TreeItem {
  const text = reasonText(reason);
  const row = new vscode.TreeItem(text);
  row.id = `reason:${itemId}:${index}:${reason.kind}`;
  row.iconPath = new vscode.ThemeIcon(reason.kind === 'branch' ? 'git-branch' : reason.kind === 'tradeOff' ? 'law' : 'git-commit');
  if (repositoryCount > 1) {
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
