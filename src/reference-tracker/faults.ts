// Fault injection, so clients can be tested against the failures real
// trackers produce: slowness, 5xx, rate limits, dropped connections and
// answers that break the contract.
import { Random } from './random';
import type { Reply } from './reply';
import { errorReply } from './reply';

export interface FaultOptions {
  /** Added to every request. */
  latencyMs?: number;
  /** 0..1 share of requests answered 500 (seeded PRNG: the same run fails the same requests). */
  errorRate?: number;
  /** When set, every request gets 429 + Retry-After. */
  rateLimit?: { retryAfterSeconds: number } | null;
  /** Writes: destroy the socket before committing. */
  dropBeforeWrite?: boolean;
  /** Writes: commit, then destroy the socket without answering. */
  dropAfterWrite?: boolean;
  /** Reads answer broken JSON, or JSON that violates the schema. */
  malformed?: 'json' | 'schema' | null;
  /** Writes: answered 422 with this reason, nothing committed (a tracker's business rule saying no). */
  refuseWrites?: string | null;
}

export class FaultInjector {
  private faults: FaultOptions;
  private readonly rng: Random;

  constructor(seed: number, faults: FaultOptions = {}) {
    this.rng = new Random(seed ^ 0x5eed);
    this.faults = { ...faults };
  }

  set(faults: FaultOptions): void {
    this.faults = { ...faults };
  }

  get latencyMs(): number {
    return Math.max(0, this.faults.latencyMs ?? 0);
  }

  get dropBeforeWrite(): boolean {
    return this.faults.dropBeforeWrite === true;
  }

  get dropAfterWrite(): boolean {
    return this.faults.dropAfterWrite === true;
  }

  /** The 422 a refused write gets, or undefined to go on. */
  refuseWrite(): Reply | undefined {
    const reason = this.faults.refuseWrites;
    return reason ? errorReply(422, 'refused', reason) : undefined;
  }

  /** An answer that replaces the real one (429 or 500), or undefined to go on. */
  intercept(): Reply | undefined {
    const { rateLimit, errorRate } = this.faults;
    if (rateLimit) {
      const seconds = String(Math.max(0, Math.ceil(rateLimit.retryAfterSeconds)));
      return errorReply(429, 'rate_limited', `Too many requests; retry after ${seconds} s.`, { 'retry-after': seconds });
    }
    if (errorRate !== undefined && errorRate > 0 && this.rng.next() < errorRate) {
      return errorReply(500, 'injected_failure', 'Injected server error (fault injection).');
    }
    return undefined;
  }

  /** A successful read answer, broken as configured. */
  malform(reply: Reply): Reply {
    if (reply.status !== 200 || reply.body === undefined) {
      return reply;
    }
    switch (this.faults.malformed) {
      case 'json':
        return { ...reply, raw: JSON.stringify(reply.body).slice(0, 40) + '…{"' };
      case 'schema':
        return { ...reply, body: breakSchema(reply.body) };
      default:
        return reply;
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Breaks one field of one object: `votes` becomes a string (or `id` a number). */
function breakObject(value: Record<string, unknown>): Record<string, unknown> {
  if (typeof value.votes === 'number') {
    return { ...value, votes: String(value.votes) };
  }
  return { ...value, id: 12345 };
}

/** A copy of a list or object answer in which exactly one thing violates the schema. */
export function breakSchema(body: unknown): unknown {
  if (!isRecord(body)) {
    return 'not an object';
  }
  const listKey = ['items', 'comments', 'links', 'tradeoffs'].find((key) => Array.isArray(body[key]));
  if (listKey === undefined) {
    return breakObject(body);
  }
  const list = body[listKey] as unknown[];
  const first = list[0];
  if (!isRecord(first)) {
    return { ...body, [listKey]: 'not a list' };
  }
  return { ...body, [listKey]: [breakObject(first), ...list.slice(1)] };
}
