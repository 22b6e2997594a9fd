// What the announcer offers and prepares: the notification once per item and
// release (Review / Not now / Never for this item), and Review, which puts
// the reply from the template into the item panel's composer. announcer.ts
// keeps the state (the composer, its events); this file is the bundle
// dist/announcements.js, loaded when something shipped is first offered or
// reviewed.
import * as vscode from 'vscode';
import type { ConnectionShippedItem } from '../../core/closeLoop/detection';
import { commitList, renderTemplate } from '../../core/closeLoop/template';
import { parseItemRef } from '../../core/itemRef';
import { describeError } from '../../platform/errorText';
import { readSetting } from '../../platform/settings';
import type { AnnouncerParts } from './announcer';
import type { CloseLoopCommandDeps } from './commands';

/** At most this many notifications at once; more shipped items get one summary. */
const MAX_OFFERS = 3;

/** Shows the notifications for newly shipped items. */
export function offer(announcer: AnnouncerParts, news: readonly ConnectionShippedItem[]): void {
  for (const shipped of news.slice(0, MAX_OFFERS)) {
    void offerOne(announcer, shipped);
  }
  if (news.length > MAX_OFFERS) {
    const more = news.length - MAX_OFFERS;
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} more feedback items shipped: find them in the Feedback view under “Shipped, not yet announced”.', more));
  }
}

/**
 * Review: prepares the reply in the item's panel from the template; sends
 * nothing. `key` is a ref (the item of its connection: what the reply and the
 * status change then go to), or a bare id, the first connection's as before.
 */
export async function review(announcer: AnnouncerParts, key: string): Promise<void> {
  const { deps, inner } = announcer;
  const first = deps.connection();
  const at = deps.target(key) ?? (first && { tracker: first.id, itemId: key });
  const connection = at && { id: at.tracker };
  const itemId = at?.itemId ?? key;
  const state = connection ? deps.shipLog.item(connection.id, itemId) : undefined;
  if (!connection || !state?.shipped || !inner) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Nothing shipped is known for {0}.', itemId));
    return;
  }
  // The composer and the panel name the item by its ref; its text is read in its own connection.
  const ref = deps.keyOf(connection.id, itemId) ?? itemId;
  const item = await deps.items.summary(ref);
  const links = await deps.links();
  const subjects = state.shipped.shas.flatMap((sha) => links?.history.commit(state.shipped?.repository ?? '', sha)?.subject ?? []);
  const template = readSetting('closeLoop.template', (message) => void vscode.window.showWarningMessage(message));
  const body = renderTemplate(template, {
    id: item.id,
    title: item.title,
    release: state.shipped.release,
    commits: commitList(subjects),
    customerCount: String(item.customerCount),
    repository: vscode.workspace.asRelativePath(state.shipped.repository),
  });
  const existing = inner.draft(ref)?.body.trim() ?? '';
  inner.saveDraft(ref, existing && !existing.includes(body) ? `${body}\n\n${existing}` : body, 'public');
  deps.shipLog.update(connection.id, itemId, { prepared: state.shipped.release });
  await deps.save();
  await deps.openItem(ref);
  announcer.prepared(ref);
  announcer.hint(vscode.l10n.t('$(megaphone) Sending the reply to {0} also marks it shipped', itemId));
}

async function offerOne(announcer: AnnouncerParts, shipped: ConnectionShippedItem): Promise<void> {
  const { deps } = announcer;
  // The item of the connection its commit's reference resolved to (core/closeLoop/linked.ts).
  const connection = { id: shipped.connection };
  const ref = deps.keyOf(connection.id, shipped.itemId) ?? shipped.itemId;
  const item = await deps.items.summary(ref).catch((error: unknown) => {
    // The offer goes out anyway, without the title and the number of customers.
    deps.log(`Close the loop: could not fetch ${shipped.itemId} for its offer: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  const title = item ? ` '${plainText(item.title)}'` : '';
  const customers = item?.customerCount ?? 0;
  const message =
    shipped.kind === 'tag'
      ? vscode.l10n.t('{0}{1} shipped in {2} — tell its {3} customers?', shipped.itemId, title, shipped.release, customers)
      : vscode.l10n.t('{0}{1} was merged to {2} — tell its {3} customers?', shipped.itemId, title, shipped.release, customers);
  const reviewIt = vscode.l10n.t('Review');
  const later = vscode.l10n.t('Not now');
  const never = vscode.l10n.t('Never for this item');
  const choice = await vscode.window.showInformationMessage(message, reviewIt, later, never);
  if (choice === reviewIt) {
    await review(announcer, ref).catch((error: unknown) => void vscode.window.showErrorMessage(describeError(error)));
  } else if (choice === never) {
    deps.shipLog.update(connection.id, shipped.itemId, { never: true, prepared: null });
    await deps.save();
    announcer.announced(ref);
  }
}

/**
 * "Announce a Shipped Item…": Review of the item given (a ref, or a bare id:
 * the first connection's), else of one picked among every connection's
 * items shipped and not announced.
 */
export async function announceShipped(deps: Pick<CloseLoopCommandDeps, 'announcer' | 'unannounced' | 'connections'>, arg: unknown): Promise<void> {
  const key = typeof arg === 'string' ? arg : await pickUnannounced(deps.unannounced(), deps.connections());
  if (key) {
    await deps.announcer.review(key);
  }
}

/** A row per item, its tracker's id as label; with several connections its connection's name beside it (two may both have FB-12). */
async function pickUnannounced(refs: readonly string[], connections: readonly { readonly id: string; readonly name: string }[]): Promise<string | undefined> {
  if (refs.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Every shipped item has been announced.'));
    return undefined;
  }
  const rows = refs.flatMap((ref) => {
    const parsed = parseItemRef(ref);
    const connection = parsed && connections.find((c) => c.id === parsed.connection);
    return parsed ? [{ label: parsed.id, description: connections.length > 1 ? connection?.name : undefined, ref }] : [];
  });
  return (await vscode.window.showQuickPick(rows, { title: vscode.l10n.t('Announce a Shipped Item') }))?.ref;
}

/** Customer text in a notification: no markdown links (a notification renders them, command links too), one line. */
function plainText(text: string): string {
  const line = text.replace(/[[\]()<>`]/g, ' ').replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}
