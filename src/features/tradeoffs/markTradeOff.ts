// "Mark Trade-off…": the selected lines, the item, a summary and a rationale
// become a trade-off in `.feedback/tradeoffs.json`, then go to the tracker.
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { ItemSummary } from '../../core/model';
import { fingerprintLines } from '../../core/tradeoffs/anchor';
import type { StoredTradeOff } from '../../core/tradeoffs/tradeoffFile';
import { itemIdFromBranch } from '../../core/tradeoffs/tradeoffView';
import type { FeedbackSession } from '../../core/session';
import { pickFeedbackItem } from '../../platform/itemPicker';
import type { GitInfo } from './gitInfo';
import type { TradeOffStore } from './tradeoffStore';

/** Arguments for scripted use (tests, other extensions): any given one skips its prompt. */
export interface MarkArgs {
  readonly itemId?: string;
  readonly summary?: string;
  readonly rationale?: string;
}

export interface MarkDeps {
  readonly store: TradeOffStore;
  readonly git: GitInfo;
  readonly knownItems: () => readonly ItemSummary[];
  /** Items are read through the session: is a tracker connected, and which items match a search. */
  readonly items: Pick<FeedbackSession, 'connection' | 'search'>;
  readonly onMarked: (t: StoredTradeOff) => void;
}

/** The selection's whole lines, 1-based; a selection ending at column 0 leaves that line out. */
export function selectedLines(selection: vscode.Selection): { startLine: number; endLine: number } {
  const end = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
  return { startLine: selection.start.line + 1, endLine: end + 1 };
}

export async function markTradeOff(deps: MarkDeps, args: MarkArgs = {}): Promise<StoredTradeOff | undefined> {
  const editor = vscode.window.activeTextEditor;
  const folder = editor && vscode.workspace.getWorkspaceFolder(editor.document.uri);
  if (!editor || folder?.uri.toString() !== deps.store.folder.uri.toString() || editor.document.isUntitled) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Select lines in a file of the workspace folder {0} to mark a trade-off.', deps.store.folder.name));
    return undefined;
  }
  const itemId = args.itemId ?? (await chooseItem(deps, editor.document.uri));
  const summary = itemId === undefined ? undefined : (args.summary ?? (await askSummary()));
  const rationale = summary === undefined ? undefined : (args.rationale ?? (await askRationale()));
  if (itemId === undefined || summary === undefined || rationale === undefined) {
    return undefined;
  }
  const { startLine, endLine } = selectedLines(editor.selection);
  const lines = Array.from({ length: endLine - startLine + 1 }, (_, i) => editor.document.lineAt(startLine - 1 + i).text);
  const tradeOff: StoredTradeOff = {
    id: `to-${randomBytes(8).toString('hex')}`,
    itemId,
    summary: summary.trim(),
    rationale: rationale.trim(),
    state: 'open',
    author: (await deps.git.userName(folder.uri)) ?? os.userInfo().username,
    createdAt: new Date().toISOString(),
    location: {
      repository: folder.name,
      path: vscode.workspace.asRelativePath(editor.document.uri, false),
      startLine,
      endLine,
      commit: deps.git.headCommit(folder.uri),
    },
    anchor: { fingerprint: fingerprintLines(lines), lines },
    replies: [],
  };
  await deps.store.modify((current) => [...current, tradeOff]);
  deps.onMarked(tradeOff);
  return tradeOff;
}

async function chooseItem(deps: MarkDeps, uri: vscode.Uri): Promise<string | undefined> {
  if (!deps.items.connection) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Connect a tracker first: a trade-off is tied to one of its feedback items.'));
    return undefined;
  }
  const branch = deps.git.branch(uri);
  const item = await pickFeedbackItem({
    title: vscode.l10n.t('Mark Trade-off: which feedback item is it about?'),
    placeholder: vscode.l10n.t('Search feedback items by title or id'),
    known: deps.knownItems(),
    search: (q, signal) => deps.items.search(q, signal),
    preferredId: (items) => itemIdFromBranch(branch, items.map((i) => i.id)),
    preferredLabel: vscode.l10n.t('current branch'),
  });
  return item?.id;
}

function askSummary(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Mark Trade-off: summary'),
    prompt: vscode.l10n.t('One line: what was chosen, and what was given up.'),
    placeHolder: vscode.l10n.t('Cache prices for 5 minutes instead of live prices'),
    ignoreFocusOut: true,
    validateInput: (value) => (value.trim().length === 0 ? vscode.l10n.t('Write a summary.') : value.trim().length > 200 ? vscode.l10n.t('At most 200 characters.') : undefined),
  });
}

function askRationale(): Thenable<string | undefined> {
  return vscode.window.showInputBox({
    title: vscode.l10n.t('Mark Trade-off: rationale'),
    prompt: vscode.l10n.t('Why (markdown). You can edit it later from the thread.'),
    ignoreFocusOut: true,
  });
}
