// The feedback items trade-offs are about, from every connection (issue 14):
// which connection's item a name in `.feedback/tradeoffs.json` is here
// (core/tradeoffs/tradeoffItem.ts), read through the sessions (SessionItems
// keyed by ref). Picking and writing are Mark Trade-off…'s (markTradeOff.ts).
import type { ItemSummary } from '../../core/model';
import { NoConnection } from '../../core/itemDetails';
import type { SessionItems } from '../../core/sessionItems';
import type { FeedbackSessions } from '../../core/sessions';
import { storedItemKey } from '../../core/tradeoffs/tradeoffItem';
import type { TradeOffConnection } from '../../core/tradeoffs/tradeoffItem';

/** What trade-offs read of the items, by the file's names (stored ids). */
export interface TradeOffItems {
  /** Every connection's session, in the list's order: what Mark Trade-off… offers and searches. */
  readonly sessions: Pick<FeedbackSessions, 'list' | 'entry'>;
  /** The workspace's connections, in the list's order, each with its scope. */
  connections(): readonly TradeOffConnection[];
  /** Whether any tracker is connected: a trade-off is tied to one of its items. */
  connected(): boolean;
  /** The ref a stored id names here; undefined when no connection here holds it (shown as unknown, never sent). */
  refOf(stored: string): string | undefined;
  /** The item of a stored id as the lists show it, if loaded. */
  find(stored: string): ItemSummary | undefined;
  /** The item of a stored id, read through its session; rejects (NoConnection) when it names no connection here. */
  summary(stored: string): Promise<ItemSummary>;
}

export interface SessionTradeOffItemsDeps {
  readonly sessions: Pick<FeedbackSessions, 'list' | 'entry'>;
  /** SessionItems keyed by ref. */
  readonly byRef: Pick<SessionItems, 'findItem' | 'summary'>;
  readonly connections: () => readonly TradeOffConnection[];
}

export function sessionTradeOffItems(deps: SessionTradeOffItemsDeps): TradeOffItems {
  const refOf = (stored: string): string | undefined => storedItemKey(stored, deps.connections());
  return {
    sessions: deps.sessions,
    connections: deps.connections,
    connected: () => deps.sessions.list().some(({ session }) => session.connection !== undefined),
    refOf,
    find: (stored) => {
      const ref = refOf(stored);
      return ref === undefined ? undefined : deps.byRef.findItem(ref);
    },
    summary: (stored) => {
      const ref = refOf(stored);
      return ref === undefined ? Promise.reject(new NoConnection()) : deps.byRef.summary(ref);
    },
  };
}
