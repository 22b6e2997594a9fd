// A trade-off as the tracker takes it (POST /items/{id}/tradeoffs), and the
// direct send used only when no outbox is wired in (see TradeOffsDeps): once,
// with the trade-off's id in the idempotency key, so a repeat never doubles it.
import type { NewTradeOff } from '../../core/model';
import type { StoredTradeOff } from '../../core/tradeoffs/tradeoffFile';
import type { TrackerClient } from '../../trackers/tracker';

export function toNewTradeOff(t: StoredTradeOff): NewTradeOff {
  const { repository, path, startLine, endLine, commit } = t.location;
  return { summary: t.summary, rationale: t.rationale, author: t.author, location: { repository, path, startLine, endLine, commit } };
}

export async function sendTradeOff(tracker: TrackerClient, t: StoredTradeOff): Promise<void> {
  await tracker.addTradeOff(t.itemId, toNewTradeOff(t), { idempotencyKey: `tradeoff-${t.id}` });
}
