// "Awaiting Reply" (issue 14): across every connection, the items whose last
// comment is a customer's with no team answer since, longest-waiting first.
// The wait is a number of milliseconds; the view words it ("3 d").
//
// It reads the optional `lastCommentAt` / `lastCommentRole` of an item
// summary (our REST contract). For an item without them, the thread when it
// has been read (replyStateFromThread). Otherwise, or with a time that does
// not parse, the item is not listed: nothing says it waits, and fetching every
// thread to find out would cost a request per item.
import type { Comment, ItemSummary } from './model';
import type { ConnectionTag } from './multiTreeNodes';
import type { OutboxEntry } from './outboxTypes';
import type { PinnedGroup, PinnedRow } from './pinnedGroups';

export const AWAITING_GROUP_KEY = 'pinned:awaitingReply';

/** What this needs of an item summary; the fields are optional in the contract. */
export interface ReplyState {
  readonly id: string;
  readonly lastCommentAt?: string | null;
  readonly lastCommentRole?: 'customer' | 'team' | null;
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
  if (item.lastCommentRole !== 'customer' || typeof item.lastCommentAt !== 'string') {
    return undefined;
  }
  const at = Date.parse(item.lastCommentAt);
  return Number.isFinite(at) ? at : undefined;
}

/** By code unit, not locale: the order must not change with the user's language. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An item of a connection's lists, as the pinned group takes it. */
export interface ConnectionItem {
  readonly connection: ConnectionTag;
  readonly item: ItemSummary;
}

/**
 * The Awaiting Reply group, pinned above the others: the items of every
 * connection awaiting a reply at `now` that the team has not `answered`
 * since their summary was read. An item is one row per connection (listed
 * under two tags, it waits once; two connections' FB-12 are two rows).
 * `label`: the group's name, worded by the caller.
 */
export function awaitingReplyGroup(items: readonly ConnectionItem[], now: number, answered: (row: ConnectionItem) => boolean, label: string): PinnedGroup {
  const states = uniqueRows(items).map((row) => ({ id: row.item.id, lastCommentAt: row.item.lastCommentAt, lastCommentRole: row.item.lastCommentRole, row }));
  // Whole minutes: the rows change when the wait shown does, not at every redraw.
  const rows = awaitingReply(states, now)
    .filter(({ item }) => !answered(item.row))
    .map(({ item, waitingMs }): PinnedRow => ({ ...item.row, waitingMs: waitingMs - (waitingMs % 60_000) }));
  return { key: AWAITING_GROUP_KEY, label, rows };
}

/**
 * Whether the team answered `item` after its summary's last customer comment:
 * a public reply in the outbox (sending, or waiting to be retried: it will
 * land; to its connection, when `connectionId` is given), or a team's public
 * comment in the thread read since. The summary says
 * so itself at the next refresh; this takes the item out the moment the reply
 * is made.
 */
export function answeredSince(item: ReplyState, outbox: readonly OutboxEntry[], thread: readonly Comment[] | undefined, connectionId?: string): boolean {
  const queued = outbox.some(
    ({ tracker, request, state }) =>
      (connectionId === undefined || tracker === connectionId) && request.kind === 'comment' && request.itemId === item.id && request.body.visibility === 'public' && state !== 'refused',
  );
  const since = typeof item.lastCommentAt === 'string' ? Date.parse(item.lastCommentAt) : NaN;
  const inThread = (thread ?? []).some((c) => c.author.role === 'team' && c.visibility === 'public' && Date.parse(c.createdAt) >= since);
  return queued || inThread;
}

/**
 * The item as its thread tells who spoke last, where its summary does not say
 * (a tracker whose list lacks the fields) and the thread has been read. Public
 * comments only: an internal note answers no customer.
 */
export function replyStateFromThread<T extends ReplyState>(item: T, thread: readonly Comment[] | undefined): T {
  if (item.lastCommentRole !== undefined || !thread) {
    return item;
  }
  let last: Comment | undefined;
  for (const comment of thread) {
    if (comment.visibility === 'public' && (!last || Date.parse(comment.createdAt) >= Date.parse(last.createdAt))) {
      last = comment;
    }
  }
  return { ...item, lastCommentAt: last?.createdAt ?? null, lastCommentRole: last?.author.role ?? null };
}

/** An item listed in two groups (by tag, by company) waits once; another connection's item of that id is another row. */
function uniqueRows(rows: readonly ConnectionItem[]): ConnectionItem[] {
  return [...new Map(rows.map((row) => [`${row.connection.id}/${row.item.id}`, row])).values()];
}
