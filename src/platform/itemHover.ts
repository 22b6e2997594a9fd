// The hover of a feedback item, wherever text names one (a reference in a
// file, a line a change touches): its title, status and demand, and a link
// that opens it. The title is customer text: added as plain text, and the
// only command a link may run is the one that opens an item.
import * as vscode from 'vscode';
import type { ItemSummary } from '../core/model';
import { demandLine } from './itemWords';
import { statusLabel } from './statusLabels';

const OPEN_ITEM_COMMAND = 'feedbackLoop.openItem';

export function openItemUri(id: string): vscode.Uri {
  return vscode.Uri.parse(`command:${OPEN_ITEM_COMMAND}?${encodeURIComponent(JSON.stringify([id]))}`);
}

/** The hover's text; the title is customer text, added as plain text (never as markdown). */
export function itemHover(id: string, item: ItemSummary | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [OPEN_ITEM_COMMAND] };
  if (!item) {
    md.appendText(vscode.l10n.t('{0}: not found in the connected tracker', id));
    return md;
  }
  md.appendMarkdown('$(comment-discussion) **').appendText(`${item.id}: ${item.title}`).appendMarkdown('**\n\n');
  md.appendText(`${statusLabel(item.status)} · ${demandLine(item)}`).appendMarkdown('\n\n');
  md.appendMarkdown(`[${vscode.l10n.t('Open feedback item')}](${openItemUri(item.id).toString()})`);
  return md;
}
