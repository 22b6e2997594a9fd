// What Change Status…, Show Pending Writes and Discard a Pending Write do:
// pickers and questions, then one call on the outbox. writes.ts registers the
// commands at activation; this file is the bundle dist/outboxCommands.js,
// loaded when one of them first runs.
import * as vscode from 'vscode';
import { STATUSES } from '../../core/model';
import type { Status } from '../../core/model';
import type { Outbox, OutboxEntry } from '../../core/outbox';
import { statusLabels } from '../../platform/statusLabels';
import type { OutboxCommandDeps, WriteConnection } from './writes';

/** Asks for the new status and an optional message to customers, then queues the change to the item's connection. */
export async function changeStatus(deps: OutboxCommandDeps, connection: WriteConnection | undefined, itemId: string, current?: Status): Promise<void> {
  if (!connection) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Not connected to a tracker.'));
    return;
  }
  // Offer only what this tracker can set (Fider has no "under review"), by the names users read.
  const tracker = await connection.tracker().catch((error: unknown) => {
    deps.log(`Status: could not reach the tracker for its statuses, offering all: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  });
  const labels = statusLabels();
  const picked = await vscode.window.showQuickPick(
    (tracker?.capabilities.settableStatuses ?? STATUSES).map((status) => ({
      label: labels[status],
      status,
      description: status === current ? vscode.l10n.t('current') : undefined,
    })),
    // Opened from a webview button: when one step closes, VS Code hands the focus back to the
    // webview a moment later, which would cancel the next step. Two steps, kept until answered.
    { title: vscode.l10n.t('Change the status of {0}', itemId), ignoreFocusOut: true },
  );
  if (!picked) {
    return;
  }
  // Where only the tracker's workspace reads comments (Linear), the message is not to customers: say so.
  const toWorkspace = tracker?.capabilities.replyAudience === 'workspace';
  const message = await vscode.window.showInputBox({
    title: toWorkspace ? vscode.l10n.t('Comment for your workspace (optional)') : vscode.l10n.t('Message to customers (optional)'),
    prompt: toWorkspace
      ? vscode.l10n.t('Posted as a comment that only your workspace sees; leave empty to change the status only.')
      : vscode.l10n.t('Posted publicly with the status change; leave empty to change the status only.'),
    ignoreFocusOut: true,
  });
  if (message === undefined) {
    return;
  }
  const body = message.trim() ? { status: picked.status, message: message.trim() } : { status: picked.status };
  await deps.outbox.enqueue(connection.id, { kind: 'status', itemId, body });
}

/** Lists the writes not yet confirmed; one picked can be retried now or discarded. */
export async function showPending(outbox: Outbox): Promise<void> {
  const entry = await pickEntry(outbox, vscode.l10n.t('Pending Writes'));
  if (!entry) {
    return;
  }
  const retry = vscode.l10n.t('Retry Now');
  const discardIt = vscode.l10n.t('Discard…');
  const action = await vscode.window.showQuickPick([retry, discardIt], { title: describe(entry) });
  if (action === retry) {
    outbox.retryNow(entry.id);
  } else if (action === discardIt) {
    await discard(outbox, entry.id);
  }
}

/** Discards the write of that id (or one picked), once the user confirms: it is not sent. */
export async function discard(outbox: Outbox, id: string | undefined): Promise<void> {
  const entry = id === undefined ? await pickEntry(outbox, vscode.l10n.t('Discard a Pending Write')) : outbox.entries().find((e) => e.id === id);
  if (!entry) {
    return;
  }
  const yes = vscode.l10n.t('Discard');
  const answer = await vscode.window.showWarningMessage(vscode.l10n.t('Discard “{0}”? It will not be sent to the tracker.', describe(entry)), { modal: true }, yes);
  if (answer === yes) {
    await outbox.discard(entry.id);
  }
}

async function pickEntry(outbox: Outbox, title: string): Promise<OutboxEntry | undefined> {
  const entries = outbox.entries();
  if (entries.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No pending writes: the tracker has confirmed everything.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    entries.map((entry) => ({ label: describe(entry), description: entry.state, detail: entry.lastError, entry })),
    { title },
  );
  return picked?.entry;
}

function describe(entry: OutboxEntry): string {
  const r = entry.request;
  switch (r.kind) {
    case 'comment':
      return `${r.body.visibility === 'internal' ? vscode.l10n.t('Internal note') : vscode.l10n.t('Reply')} ${r.itemId}: ${r.body.body.slice(0, 60)}`;
    case 'status':
      return vscode.l10n.t('Status of {0} → {1}', r.itemId, r.body.status);
    case 'link':
      return vscode.l10n.t('Link {0} → {1}', r.body.sha.slice(0, 8), r.itemId);
    case 'tradeoff':
      return vscode.l10n.t('Trade-off on {0}: {1}', r.itemId, r.body.summary);
  }
}
