// The four writes of the contract, each validated with the core schemas, and
// the idempotency rule that wraps them.
import { createHash } from 'node:crypto';
import type { z } from 'zod/mini';
import type { Comment, CommitLink, TradeOff } from '../core/model';
import { newCommentSchema, newCommitLinkSchema, newTradeOffSchema, statusChangeSchema } from '../core/model';
import { describeIssues } from '../core/validation';
import type { StoredItem } from './data';
import type { Reply } from './reply';
import { HttpError } from './reply';
import type { ItemUrl, TrackerStore } from './store';
import { toItem } from './store';

/** Who the tracker names as author of comments written through the API. */
export const API_AUTHOR = { name: 'Team (Feedback Loop)', role: 'team' } as const;

export interface WriteResult {
  readonly reply: Reply;
  /** False when the answer was replayed and nothing was written. */
  readonly changed: boolean;
}

function validBody<T>(schema: z.ZodMiniType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw new HttpError(422, 'invalid_body', `Invalid request body: ${describeIssues(parsed.error).join('; ')}`);
  }
  return parsed.data;
}

/** JSON with keys sorted, so the same body in another key order is still the same body. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonical).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Same key and same request → the first answer again, with status 200 and no
 * second write; same key and another request → 422. Only successful answers
 * are remembered, so a refused write can be corrected and sent again.
 */
export function idempotent(store: TrackerStore, key: string | undefined, request: readonly unknown[], perform: () => Reply): WriteResult {
  if (key === undefined || key === '') {
    return { reply: perform(), changed: true };
  }
  const print = createHash('sha256').update(canonical(request)).digest('base64url');
  const record = store.recall(key);
  if (record) {
    if (record.fingerprint !== print) {
      throw new HttpError(422, 'idempotency_key_reused', 'Idempotency-Key: this key was already used with a different request');
    }
    return { reply: { status: 200, body: record.body }, changed: false };
  }
  const reply = perform();
  if (reply.status >= 200 && reply.status < 300) {
    store.remember({ key, fingerprint: print, body: reply.body });
  }
  return { reply, changed: true };
}

/** A write makes the item newer than it was, even if the clock is behind the data. */
function touch(item: StoredItem): string {
  const now = Math.max(Date.now(), Date.parse(item.updatedAt) + 1);
  item.updatedAt = new Date(now).toISOString();
  return item.updatedAt;
}

export function addComment(store: TrackerStore, item: StoredItem, body: unknown): Reply {
  const input = validBody(newCommentSchema, body);
  const comment: Comment = {
    id: store.newId('CM'),
    author: { ...API_AUTHOR },
    body: input.body,
    visibility: input.visibility,
    createdAt: touch(item),
  };
  item.comments.push(comment);
  return { status: 201, body: comment };
}

export function setStatus(item: StoredItem, body: unknown, itemUrl: ItemUrl): Reply {
  const input = validBody(statusChangeSchema, body);
  if (input.status !== item.status) {
    item.status = input.status;
    touch(item);
  }
  return { status: 200, body: toItem(item, itemUrl) };
}

export function addLink(store: TrackerStore, item: StoredItem, body: unknown): Reply {
  const input = validBody(newCommitLinkSchema, body);
  const existing = item.links.find((link) => link.sha === input.sha);
  if (existing) {
    return { status: 200, body: existing };
  }
  const link: CommitLink = { id: store.newId('LK'), ...input };
  item.links.push(link);
  return { status: 201, body: link };
}

export function addTradeOff(store: TrackerStore, item: StoredItem, body: unknown): Reply {
  const input = validBody(newTradeOffSchema, body);
  const tradeOff: TradeOff = { id: store.newId('TO'), ...input, createdAt: new Date().toISOString() };
  item.tradeoffs.push(tradeOff);
  return { status: 201, body: tradeOff };
}
