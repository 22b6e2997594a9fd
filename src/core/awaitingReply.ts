// "Awaiting Reply" (issue 14): across every connection, the items whose last
// comment is a customer's with no team answer since, longest-waiting first.
// The wait is a number of milliseconds; the view words it ("3 d").
//
// It reads the optional `lastCommentAt` / `lastCommentRole` of an item
// summary (our REST contract). An item without them, or with a time that does
// not parse, is not listed: nothing says it waits, and fetching every thread
// to find out would cost a request per item. A tracker that never sends them
// therefore adds nothing to the group.

/** What this needs of an item summary; the fields are optional in the contract. */
export interface ReplyState {
  readonly id: string;
  readonly lastCommentAt?: string;
  readonly lastCommentRole?: 'customer' | 'team';
}

export interface AwaitingReply<T> {
  readonly item: T;
  /** Since the customer's comment, in ms; 0 when its time is ahead of `now` (another machine's clock). */
  readonly waitingMs: number;
}

/**
 * The items awaiting a reply at `now` (ms since the epoch), longest-waiting
 * first; equal waits by id, and the same id (from two connections) in the
 * order given.
 */
export function awaitingReply<T extends ReplyState>(items: readonly T[], now: number): AwaitingReply<T>[] {
  // Ranked by the comment's time, not the clamped wait: two comments ahead of `now` keep their order.
  return items
    .flatMap((item) => {
      const at = customerCommentTime(item);
      return at === undefined ? [] : [{ item, at }];
    })
    .sort((a, b) => a.at - b.at || compareIds(a.item.id, b.item.id))
    .map(({ item, at }) => ({ item, waitingMs: Math.max(0, now - at) }));
}

/** When the customer's unanswered comment was written; undefined when the last word is the team's or unknown. */
function customerCommentTime(item: ReplyState): number | undefined {
  if (item.lastCommentRole !== 'customer' || item.lastCommentAt === undefined) {
    return undefined;
  }
  const at = Date.parse(item.lastCommentAt);
  return Number.isFinite(at) ? at : undefined;
}

/** By code unit, not locale: the order must not change with the user's language. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
