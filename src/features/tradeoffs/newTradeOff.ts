// A trade-off as the tracker takes it (POST /items/{id}/tradeoffs); the
// outbox sends it.
import type { NewTradeOff } from '../../core/model';
import type { StoredTradeOff } from '../../core/tradeoffs/tradeoffFile';

export function toNewTradeOff(t: StoredTradeOff): NewTradeOff {
  const { repository, path, startLine, endLine, commit } = t.location;
  return { summary: t.summary, rationale: t.rationale, author: t.author, location: { repository, path, startLine, endLine, commit } };
}
