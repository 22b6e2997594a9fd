// The types of the outbox's public API (re-exported by outbox.ts, where the
// other engineers import them from).
import type { Unsubscribe } from './events';
import type { NewComment, NewCommitLink, NewTradeOff, Status } from './model';
import type { RetryPolicy } from './retryPolicy';

export type WriteRequest =
  | { readonly kind: 'comment'; readonly itemId: string; readonly body: NewComment }
  | { readonly kind: 'status'; readonly itemId: string; readonly body: { status: Status; message?: string } }
  | { readonly kind: 'link'; readonly itemId: string; readonly body: NewCommitLink }
  | { readonly kind: 'tradeoff'; readonly itemId: string; readonly body: NewTradeOff };

/** An entry is removed once the tracker confirms it, so there is no `sent` state. */
export type OutboxState = 'pending' | 'sending' | 'refused';

export interface OutboxEntry {
  readonly id: string;
  /** Generated once, at enqueue: every attempt of this write carries it. */
  readonly idempotencyKey: string;
  /** Which tracker it belongs to (e.g. its base URL's origin). */
  readonly tracker: string;
  readonly request: WriteRequest;
  readonly createdAt: string;
  readonly attempts: number;
  readonly state: OutboxState;
  readonly nextAttemptAt?: string;
  readonly lastError?: string;
}

export interface OutboxStorage {
  /** The stored entries as read (unvalidated), or undefined when nothing is stored. */
  load(): Promise<unknown>;
  /** Replaces what is stored; resolves once it is durable. */
  save(entries: readonly OutboxEntry[]): Promise<void>;
  /** Moves an unreadable store aside (never deletes it); resolves to where it went. */
  setAside?(reason: string): Promise<string | undefined>;
}

/** Check-before-retry for trackers without idempotency keys: did an earlier attempt land? */
export type VerifyOutcome = { readonly found: true; readonly result: unknown } | { readonly found: false };

export type Timer = (callback: () => void, ms: number) => Unsubscribe;

export interface OutboxDeps {
  readonly storage: OutboxStorage;
  /** Performs the write with `entry.idempotencyKey`; throws the tracker's error on failure. */
  readonly send: (entry: OutboxEntry, signal: AbortSignal) => Promise<unknown>;
  /** Asked before every attempt after the first, when given (the GitHub adapter looks for a hidden marker). */
  readonly verify?: (entry: OutboxEntry, signal: AbortSignal) => Promise<VerifyOutcome>;
  /** False while the tracker is not connected: its entries wait, and no attempt is counted. */
  readonly canSend?: (tracker: string) => boolean;
  /** The wall clock: timestamps that are stored or shown (createdAt, nextAttemptAt). */
  readonly now?: () => number;
  /**
   * A clock that never steps (performance.now): every wait (backoff, Retry-After,
   * one write per second) is measured with it, so a wall clock set back a day
   * stalls nothing. A test that injects only `now` drives both with it.
   */
  readonly monotonic?: () => number;
  readonly random?: () => number;
  readonly setTimer?: Timer;
  readonly log?: (line: string) => void;
  readonly policy?: Partial<RetryPolicy>;
  readonly newId?: () => string;
}

export interface Confirmation {
  readonly entry: OutboxEntry;
  readonly result: unknown;
}
