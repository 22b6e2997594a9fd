// How an outbox entry becomes a tracker write: one TrackerClient call per
// kind, always with the entry's idempotency key, and the check-before-retry
// for trackers that cannot honour the key themselves. No vscode.
import type { OutboxEntry, VerifyOutcome } from '../core/outbox';
import type { TrackerClient } from '../trackers/tracker';

export async function sendWrite(tracker: TrackerClient, entry: OutboxEntry, signal: AbortSignal): Promise<unknown> {
  const options = { idempotencyKey: entry.idempotencyKey, signal };
  const request = entry.request;
  switch (request.kind) {
    case 'comment':
      return tracker.addComment(request.itemId, request.body, options);
    case 'status': {
      const item = await tracker.setStatus(request.itemId, request.body.status, options);
      if (request.body.message !== undefined) {
        // Its own derived key: a retry after the status landed replays it and still posts the message once.
        await tracker.addComment(request.itemId, { body: request.body.message, visibility: 'public' }, { idempotencyKey: `${entry.idempotencyKey}.message`, signal });
      }
      return item;
    }
    case 'link':
      return tracker.addLink(request.itemId, request.body, options);
    case 'tradeoff':
      return tracker.addTradeOff(request.itemId, request.body, options);
    default: {
      const unknown: never = request;
      throw new Error(`Unknown write ${JSON.stringify(unknown)}`);
    }
  }
}

/** For trackers without idempotency keys: was an earlier attempt of this write already stored? */
export async function verifyWrite(tracker: TrackerClient, entry: OutboxEntry, signal: AbortSignal): Promise<VerifyOutcome> {
  if (tracker.capabilities.idempotencyKeys || !tracker.findWrite || entry.request.kind === 'status') {
    return { found: false };
  }
  const found = await tracker.findWrite(entry.request.itemId, entry.idempotencyKey, signal);
  return found === undefined ? { found: false } : { found: true, result: found };
}
