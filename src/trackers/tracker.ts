// The one interface every tracker adapter implements, its capabilities, and
// the typed errors the views turn into rows a user can act on.
import type {
  Comment,
  CommitLink,
  FeedbackItem,
  ItemSummary,
  NewComment,
  NewCommitLink,
  NewTradeOff,
  Sort,
  Status,
  TradeOff,
} from '../core/model';

export interface ListItemsQuery {
  readonly limit?: number;
  readonly cursor?: string | null;
  readonly statuses?: readonly Status[];
  readonly q?: string;
  readonly sort?: Sort;
  readonly updatedSince?: string;
  readonly signal?: AbortSignal;
}

/** An item that failed validation: left out of the list, reported to the user. */
export interface RejectedItem {
  readonly index: number;
  readonly id: string | undefined;
  readonly issues: readonly string[];
}

export interface ItemPage {
  readonly items: readonly ItemSummary[];
  readonly nextCursor: string | null;
  readonly rejected: readonly RejectedItem[];
}

export type ReplyAudience = 'customers' | 'workspace';

export interface TrackerCapabilities {
  readonly internalNotes: boolean;
  readonly revenue: boolean;
  readonly idempotencyKeys: boolean;
  readonly textSearch: boolean;
  /** `server`: the tracker pages with cursors; `client`: it answers whole lists, the adapter slices them. Absent = server. */
  readonly paging?: 'server' | 'client';
  /** Whether `listItems` honours `updatedSince`; absent = true. */
  readonly updatedSince?: boolean;
  /** Whether a status change can notify the item's voters (Canny). */
  readonly notifyVoters?: boolean;
  /**
   * Who reads a public reply: `customers` (absent), or only the tracker's own
   * `workspace` (Linear: customers never see its comments; the composer says so).
   */
  readonly replyAudience?: ReplyAudience;
  /** The statuses `setStatus` accepts; absent = all (Fider has no "under review"). */
  readonly settableStatuses?: readonly Status[];
}

/** A write found on the tracker by its idempotency key (see `TrackerClient.findWrite`). */
export interface FoundWrite {
  readonly kind: 'reply' | 'link' | 'tradeoff';
  /** The tracker's id of the comment that carries the write. */
  readonly commentId: string;
}

/** Options of a write: the idempotency key is generated once per write by the caller. */
export interface WriteOptions {
  readonly idempotencyKey: string;
  readonly signal?: AbortSignal;
  /** Status changes only: a message sent with it (Canny's comment, Fider's response text). */
  readonly note?: string;
  /** Status changes only, where `capabilities.notifyVoters`: tell the item's voters. */
  readonly notifyVoters?: boolean;
}

export interface TrackerClient {
  readonly kind: string;
  readonly capabilities: TrackerCapabilities;
  listItems(query: ListItemsQuery): Promise<ItemPage>;
  getItem(id: string, signal?: AbortSignal): Promise<FeedbackItem>;
  /** Every comment of the item, oldest first (all pages). */
  listComments(id: string, signal?: AbortSignal): Promise<readonly Comment[]>;
  listLinks(id: string, signal?: AbortSignal): Promise<readonly CommitLink[]>;
  listTradeOffs(id: string, signal?: AbortSignal): Promise<readonly TradeOff[]>;
  addComment(id: string, comment: NewComment, options: WriteOptions): Promise<Comment>;
  setStatus(id: string, status: Status, options: WriteOptions): Promise<FeedbackItem>;
  addLink(id: string, link: NewCommitLink, options: WriteOptions): Promise<CommitLink>;
  addTradeOff(id: string, tradeOff: NewTradeOff, options: WriteOptions): Promise<TradeOff>;
  /**
   * Trackers without idempotency keys (GitHub, Canny, Fider) mark each write
   * with its key in a hidden marker; before re-sending a write whose outcome is
   * unknown, the outbox asks here whether it already landed. Absent when the
   * tracker honours `Idempotency-Key` itself.
   */
  findWrite?(id: string, idempotencyKey: string, signal?: AbortSignal): Promise<FoundWrite | undefined>;
}

export type TrackerErrorKind =
  | 'unreachable' // connection refused, DNS, reset, timeout
  | 'unauthorized' // 401/403
  | 'notFound' // 404
  | 'rateLimited' // 429
  | 'rejected' // other 4xx: the tracker refuses this request for good
  | 'server' // 5xx
  | 'malformed' // the answer does not follow the contract
  | 'cancelled';

export class TrackerError extends Error {
  constructor(
    readonly kind: TrackerErrorKind,
    message: string,
    readonly details: {
      readonly status?: number;
      readonly code?: string;
      /** Milliseconds to wait before trying again (from Retry-After). */
      readonly retryAfterMs?: number;
      readonly source?: string;
      readonly cause?: unknown;
    } = {},
  ) {
    super(message);
    this.name = 'TrackerError';
  }

  /** Worth retrying later without changing the request. */
  get transient(): boolean {
    return this.kind === 'unreachable' || this.kind === 'rateLimited' || this.kind === 'server';
  }
}

