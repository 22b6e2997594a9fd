// Query parameters of the list endpoints: validation, filtering, sorting and
// opaque cursors. A cursor carries the offset and a fingerprint of the query
// it was made for, so a cursor used with another query is refused instead of
// silently returning the wrong page.
import { createHash } from 'node:crypto';
import type { Sort, Status } from '../core/model';
import { itemSummarySchema, sortSchema, statusSchema } from '../core/model';
import { describeIssues } from '../core/validation';
import type { StoredItem } from './data';
import { idNumber } from './data';
import { HttpError } from './reply';
import type { TrackerStore } from './store';

export interface ListQuery {
  readonly statuses: readonly Status[] | null;
  readonly q: string;
  readonly sort: Sort;
  readonly updatedSince: string | null;
}

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

function invalid(message: string): HttpError {
  return new HttpError(400, 'invalid_query', message);
}

export function parseListQuery(params: URLSearchParams): ListQuery {
  const statusParts = params.getAll('status').flatMap((s) => s.split(',')).map((s) => s.trim());
  const statuses: Status[] = [];
  for (const part of statusParts) {
    const parsed = statusSchema.safeParse(part);
    if (!parsed.success) {
      throw invalid(`status: unknown status "${part}"; expected a comma list of ${statusSchema.options.join(', ')}`);
    }
    statuses.push(parsed.data);
  }
  const sort = sortSchema.safeParse(params.get('sort') ?? 'demand');
  if (!sort.success) {
    throw invalid(`sort: ${describeIssues(sort.error).join('; ')}`);
  }
  const since = params.get('updatedSince');
  if (since !== null && !itemSummarySchema.shape.updatedAt.safeParse(since).success) {
    throw invalid('updatedSince: expected an ISO 8601 timestamp such as 2025-01-31T12:00:00Z');
  }
  return {
    statuses: statusParts.length > 0 ? statuses : null,
    q: (params.get('q') ?? '').trim().toLowerCase(),
    sort: sort.data,
    updatedSince: since,
  };
}

export function parseLimit(params: URLSearchParams): number {
  const raw = params.get('limit');
  if (raw === null) {
    return DEFAULT_LIMIT;
  }
  const limit = /^\d{1,4}$/.test(raw) ? Number(raw) : NaN;
  if (!(limit >= 1 && limit <= MAX_LIMIT)) {
    throw invalid(`limit: expected an integer from 1 to ${MAX_LIMIT}, got "${raw}"`);
  }
  return limit;
}

export function selectItems(store: TrackerStore, query: ListQuery): StoredItem[] {
  const since = query.updatedSince === null ? null : Date.parse(query.updatedSince);
  const statuses = query.statuses === null ? null : new Set(query.statuses);
  const selected = store.items.filter(
    (item) =>
      (statuses === null || statuses.has(item.status)) &&
      (since === null || Date.parse(item.updatedAt) >= since) &&
      (query.q === '' || store.haystack(item).includes(query.q)),
  );
  return sortItems(store, selected, query.sort);
}

function sortItems(store: TrackerStore, items: StoredItem[], sort: Sort): StoredItem[] {
  const byId = (a: StoredItem, b: StoredItem) => idNumber(a.id) - idNumber(b.id);
  // Timestamps from a hand-edited data file may carry offsets, so compare instants, not strings.
  const time = (iso: string) => Date.parse(iso);
  switch (sort) {
    case 'demand':
      return items.sort((a, b) => b.votes - a.votes || store.revenueUsd(b) - store.revenueUsd(a) || byId(a, b));
    case 'newest':
      return items.sort((a, b) => time(b.createdAt) - time(a.createdAt) || byId(a, b));
    case 'updated':
      return items.sort((a, b) => time(b.updatedAt) - time(a.updatedAt) || byId(a, b));
  }
}

/** A short hash of what defines a list, so cursors cannot cross lists. */
export function fingerprint(parts: readonly unknown[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

export function listFingerprint(query: ListQuery): string {
  const statuses = query.statuses === null ? null : [...new Set(query.statuses)].sort();
  return fingerprint(['items', statuses, query.q, query.sort, query.updatedSince]);
}

function encodeCursor(offset: number, print: string): string {
  return Buffer.from(JSON.stringify({ o: offset, f: print })).toString('base64url');
}

function decodeCursor(cursor: string, print: string): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid_cursor', 'cursor: not a cursor this tracker made');
  }
  const { o, f } = (decoded ?? {}) as { o?: unknown; f?: unknown };
  if (typeof o !== 'number' || !Number.isInteger(o) || o < 0 || typeof f !== 'string') {
    throw new HttpError(400, 'invalid_cursor', 'cursor: not a cursor this tracker made');
  }
  if (f !== print) {
    throw new HttpError(400, 'invalid_cursor', 'cursor: made for a different query; start again without a cursor');
  }
  return o;
}

/** One page of `all`; the cursor is checked against `print`. */
export function pageOf<T>(all: readonly T[], params: URLSearchParams, print: string): { page: T[]; nextCursor: string | null } {
  const limit = parseLimit(params);
  const cursor = params.get('cursor');
  const offset = cursor === null || cursor === '' ? 0 : decodeCursor(cursor, print);
  const end = offset + limit;
  return { page: all.slice(offset, end), nextCursor: end < all.length ? encodeCursor(end, print) : null };
}
