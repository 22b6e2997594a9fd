// Status changes shown before the tracker has them: follows the outbox (the
// one write path: the status command, close the loop's announcement, a user's
// Retry Now) and keeps the store's pending overlays in step with it. Plain
// TypeScript, so the whole path is tested in Node.
import type { Unsubscribe } from './events';
import type { FeedbackStore } from './feedbackStore';
import { itemSummarySchema } from './model';
import type { Status } from './model';
import type { Confirmation, Outbox, OutboxEntry } from './outbox';

export interface StatusWritesDeps {
  readonly outbox: Pick<Outbox, 'entries' | 'onDidChange' | 'onDidConfirm'>;
  readonly store: Pick<FeedbackStore, 'applyPending' | 'confirmPending' | 'refusePending' | 'pendingEntries'>;
  /** The connected tracker's id: only its writes are shown. */
  readonly currentTracker: () => string | undefined;
  /** The tracker refused a shown change: tell the user (once per refusal). */
  readonly refused: (itemId: string, status: Status, reason: string) => void;
}

export function followStatusWrites(deps: StatusWritesDeps): Unsubscribe {
  const subscriptions = [deps.outbox.onDidChange(() => sync(deps)), deps.outbox.onDidConfirm((confirmation) => confirm(deps, confirmation))];
  sync(deps);
  return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
}

/** Queued and re-armed writes show; refused ones go back with the reason; discarded ones go back. */
function sync(deps: StatusWritesDeps): void {
  const tracker = deps.currentTracker();
  const writes = deps.outbox.entries().filter((e): e is StatusEntry => e.request.kind === 'status' && e.tracker === tracker);
  const shown = new Set(deps.store.pendingEntries());
  for (const entry of writes) {
    if (entry.state !== 'refused' && !shown.has(entry.id)) {
      deps.store.applyPending(entry.id, entry.request.itemId, entry.request.body.status);
    } else if (entry.state === 'refused' && deps.store.refusePending(entry.id)) {
      deps.refused(entry.request.itemId, entry.request.body.status, entry.lastError ?? '');
    }
  }
  const queued = new Set(writes.map((e) => e.id));
  for (const id of shown) {
    if (!queued.has(id)) {
      deps.store.refusePending(id); // discarded (or another tracker's, after a switch)
    }
  }
}

/** The item the tracker answered with is outside data: shown only if it is one. */
function confirm(deps: StatusWritesDeps, { entry, result }: Confirmation): void {
  if (entry.request.kind !== 'status') {
    return;
  }
  const item = itemSummarySchema.safeParse(result);
  deps.store.confirmPending(entry.id, item.success && item.data.id === entry.request.itemId ? item.data : undefined);
}

type StatusEntry = OutboxEntry & { readonly request: Extract<OutboxEntry['request'], { kind: 'status' }> };
