// When the outbox tries a write again, and when it gives up for good. Pure:
// the tracker's typed errors are read by shape (core/ may not import
// trackers/), so any error with `kind`, `transient` and `details` works.

export interface RetryPolicy {
  /** The first backoff ceiling; doubled after each failure. */
  readonly baseDelayMs: number;
  /** The backoff ceiling never grows past this. */
  readonly maxDelayMs: number;
  /** At most one write per this many milliseconds per tracker. */
  readonly minIntervalMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 1_000, maxDelayMs: 5 * 60_000, minIntervalMs: 1_000 };

export type Verdict =
  | { readonly retry: true; readonly reason: string; readonly retryAfterMs?: number }
  | { readonly retry: false; readonly reason: string };

// Every other kind (unreachable incl. timeouts, server, rateLimited, cancelled) is retried.
/** Kinds the tracker means for good: 4xx (400/401/403/404/410/422…) and answers that break the contract. */
const FINAL_KINDS: ReadonlySet<string> = new Set(['unauthorized', 'notFound', 'rejected', 'malformed']);
/** 4xx statuses that say "later", not "never". */
const TRANSIENT_STATUSES: ReadonlySet<number> = new Set([408, 425, 429]);

interface ErrorShape {
  readonly kind?: unknown;
  readonly message?: unknown;
  readonly details?: { readonly status?: unknown; readonly retryAfterMs?: unknown };
}

/**
 * Retry or refuse. An error we do not recognise is retried: giving up on a
 * write the user made is the one outcome worse than trying once too often.
 */
export function classifyFailure(error: unknown): Verdict {
  const shape: ErrorShape = typeof error === 'object' && error !== null ? (error as ErrorShape) : {};
  const reason = typeof shape.message === 'string' && shape.message ? shape.message : String(error);
  const kind = typeof shape.kind === 'string' ? shape.kind : undefined;
  const status = typeof shape.details?.status === 'number' ? shape.details.status : undefined;
  const retryAfter = shape.details?.retryAfterMs;
  const retryAfterMs = typeof retryAfter === 'number' && Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  if (kind !== undefined && FINAL_KINDS.has(kind) && !(status !== undefined && TRANSIENT_STATUSES.has(status))) {
    return { retry: false, reason };
  }
  return retryAfterMs === undefined ? { retry: true, reason } : { retry: true, reason, retryAfterMs };
}

/**
 * Exponential backoff with full jitter (a uniform draw below the ceiling, so
 * many clients do not retry in step), never sooner than the tracker's
 * Retry-After. `attempt` counts from 1 (the delay after the first failure).
 */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  const exponent = Math.min(Math.max(attempt - 1, 0), 30);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent);
  const draw = Math.floor(clamp01(random()) * ceiling);
  return Math.max(draw, retryAfterMs ?? 0);
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(Math.max(value, 0), 1) : 0;
}
