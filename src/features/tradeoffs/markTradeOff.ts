// "Mark Trade-off…": the selected lines, the item (of any connection), a
// summary and a rationale become a trade-off in `.feedback/tradeoffs.json`,
// then go to the chosen item's connection through the outbox.
import { randomBytes } from 'node:crypto';
import * as os from 'node:os';
import * as vscode from 'vscode';
import { fingerprintLines } from '../../core/tradeoffs/anchor';
import type { StoredTradeOff } from '../../core/tradeoffs/tradeoffFile';
import { itemIdFromBranch } from '../../core/tradeoffs/tradeoffView';
import { formatItemRef, parseItemRef } from '../../core/itemRef';
import type { ItemSummary, NewTradeOff } from '../../core/model';
import { enqueueTradeOff, storedItemIdOf } from '../../core/tradeoffs/tradeoffWrite';
import type { WriteRequest } from '../../core/outboxTypes';
import { describeError } from '../../platform/errorText';
import { pickFeedbackItem } from '../../platform/itemPicker';
import { toNewTradeOff } from './newTradeOff';
import type { TradeOffItems } from './tradeoffItems';
import type { GitInfo } from './gitInfo';
import type { TradeOffStore } from './tradeoffStore';

/** Arguments for scripted use (tests, other extensions): any given one skips its prompt. */
export interface MarkArgs {
  /** The item: a ref (`<connection id>/<item id>`), or an id as the file names one (`FB-12`, `rest:FB-12`). */
  readonly itemId?: string;
  readonly summary?: string;
  readonly rationale?: string;
}

export interface MarkDeps {
  readonly store: TradeOffStore;
  readonly git: GitInfo;
  /** Every connection's items and sessions: is a tracker connected, which items match a search. */
  readonly items: TradeOffItems;
  /** The outbox: the trade-off is queued for the chosen item's connection (persisted, retried). */
  readonly outbox: { enqueue(tracker: string, request: WriteRequest): Promise<unknown> };
  readonly log: (line: string) => void;
  /** Stored (and being queued): its thread opens. */
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
  const ref = args.itemId === undefined ? await chooseItem(deps, editor.document.uri) : givenItem(deps.items, args.itemId);
  const parsed = ref === undefined ? undefined : parseItemRef(ref);
  const itemId = parsed && storedItemIdOf(parsed, deps.items.connections());
  const summary = itemId === undefined ? undefined : (args.summary ?? (await askSummary()));
  const rationale = summary === undefined ? undefined : (args.rationale ?? (await askRationale()));
  if (ref === undefined || itemId === undefined || summary === undefined || rationale === undefined) {
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
  await send(deps, tradeOff, ref);
  return tradeOff;
}

/** Queues the trade-off for the item the user chose (its ref), not whatever its stored id resolves to first. */
async function send(deps: MarkDeps, t: StoredTradeOff, ref: string): Promise<void> {
  const body: NewTradeOff = toNewTradeOff(t);
  try {
    await enqueueTradeOff(deps.outbox, ref, body, deps.items.connections());
    deps.log(`Trade-offs: queued ${t.id} for item ${ref} in the outbox`);
  } catch (error) {
    const reason = describeError(error);
    deps.log(`Trade-offs: could not send ${t.id} to item ${ref}: ${reason}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('The trade-off is saved in .feedback/tradeoffs.json but did not reach the tracker: {0}', reason));
  }
}

/** An item as the picker offers it: with the ref of the connection it was found in. */
interface PickableItem extends ItemSummary {
  readonly ref: string;
}

/** Every connection's loaded items, in the connections' order, each with its ref. */
function knownItems(items: TradeOffItems): PickableItem[] {
  return items.sessions.list().flatMap(({ id, session }) => withRef(id, session.store.allItems()));
}

/** Every connection's search; a connection that fails leaves its rows out, and only when every one fails is there nothing but the reason. */
async function searchAll(items: TradeOffItems, query: string, signal: AbortSignal): Promise<PickableItem[]> {
  const answers = await Promise.allSettled(items.sessions.list().map(async ({ id, session }) => withRef(id, await session.search(query, signal))));
  const first = answers[0];
  if (first?.status === 'rejected' && answers.every((answer) => answer.status === 'rejected')) {
    throw first.reason;
  }
  return answers.flatMap((answer) => (answer.status === 'fulfilled' ? answer.value : []));
}

function withRef(connectionId: string, found: readonly ItemSummary[]): PickableItem[] {
  return found.map((item) => ({ ...item, ref: formatItemRef({ connection: connectionId, id: item.id }) }));
}

/** The name of a ref's connection when there are several: the rows say whose FB-12 it is. */
function connectionName(items: TradeOffItems, ref: string): string | undefined {
  const connection = parseItemRef(ref)?.connection;
  return items.sessions.list().length > 1 && connection !== undefined ? items.sessions.entry(connection)?.name : undefined;
}

/** The ref of a scripted item: a ref of a connection here, or what a stored id names here; else nothing is marked (it could never be sent). */
function givenItem(items: TradeOffItems, itemId: string): string | undefined {
  const asRef = parseItemRef(itemId);
  const ref = asRef ? (items.connections().some((c) => c.id === asRef.connection) ? itemId : undefined) : items.refOf(itemId);
  if (ref === undefined) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not an item of a connection of this workspace: no trade-off was marked.', itemId));
  }
  return ref;
}

/** The item the user picks among every connection's: its ref. */
async function chooseItem(deps: MarkDeps, uri: vscode.Uri): Promise<string | undefined> {
  if (!deps.items.connected()) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Connect a tracker first: a trade-off is tied to one of its feedback items.'));
    return undefined;
  }
  const branch = deps.git.branch(uri);
  const item = await pickFeedbackItem({
    title: vscode.l10n.t('Mark Trade-off: which feedback item is it about?'),
    placeholder: vscode.l10n.t('Search feedback items by title or id'),
    known: knownItems(deps.items),
    search: (q, signal) => searchAll(deps.items, q, signal),
    keyOf: (i) => i.ref,
    connectionName: (i) => connectionName(deps.items, i.ref),
    // A branch names an id, not a connection: the first connection's item of that id, as the rows are ordered.
    preferredId: (items) => {
      const id = itemIdFromBranch(branch, items.map((i) => i.id));
      return items.find((i) => i.id === id)?.ref;
    },
    preferredLabel: vscode.l10n.t('current branch'),
  });
  return item?.ref;
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
