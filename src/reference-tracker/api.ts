// The routes of TRACKER-API.md under /api/v1. Handlers are plain functions
// from a request context to a Reply; the server does auth, faults and I/O.
import type { StoredItem } from './data';
import { fingerprint, listFingerprint, pageOf, parseListQuery, selectItems } from './query';
import type { Reply } from './reply';
import { HttpError } from './reply';
import type { ItemUrl, TrackerStore } from './store';
import { toItem, toSummary } from './store';
import type { WriteResult } from './writes';
import { addComment, addLink, addTradeOff, idempotent, setStatus } from './writes';

export const API_PREFIX = '/api/v1';

export interface ApiRequest {
  readonly method: string;
  /** Path below API_PREFIX, e.g. `/items/FB-1/comments`. */
  readonly path: string;
  readonly params: URLSearchParams;
  readonly idempotencyKey: string | undefined;
  /** Reads the JSON body (only called for writes). */
  readonly body: () => Promise<unknown>;
}

export interface ApiContext {
  readonly store: TrackerStore;
  readonly itemUrl: ItemUrl;
  /** Saves the current state; resolves once it is on disk. */
  readonly persist: () => Promise<void>;
  /** Resolves once saves already under way are on disk. */
  readonly persisted: () => Promise<void>;
}

type Read = (ctx: ApiContext, item: StoredItem, params: URLSearchParams) => Reply;
type Write = (ctx: ApiContext, item: StoredItem, body: unknown) => Reply;

const reads: Readonly<Record<string, Read>> = {
  '': (ctx, item) => ({ status: 200, body: toItem(item, ctx.itemUrl) }),
  comments: (_ctx, item, params) => {
    const { page, nextCursor } = pageOf(item.comments, params, fingerprint(['comments', item.id]));
    return { status: 200, body: { comments: page, nextCursor } };
  },
  links: (_ctx, item) => ({ status: 200, body: { links: item.links } }),
  tradeoffs: (_ctx, item) => ({ status: 200, body: { tradeoffs: item.tradeoffs } }),
};

const writes: Readonly<Record<string, Write>> = {
  'PATCH ': (ctx, item, body) => setStatus(item, body, ctx.itemUrl),
  'POST comments': (ctx, item, body) => addComment(ctx.store, item, body),
  'POST links': (ctx, item, body) => addLink(ctx.store, item, body),
  'POST tradeoffs': (ctx, item, body) => addTradeOff(ctx.store, item, body),
};

interface Route {
  readonly itemId: string | null;
  /** '' for the item itself, else `comments`, `links` or `tradeoffs`. */
  readonly sub: string;
}

function matchRoute(path: string): Route | null {
  const match = /^\/items(?:\/([^/]+)(?:\/(comments|links|tradeoffs))?)?\/?$/.exec(path);
  if (!match) {
    return null;
  }
  if (match[1] === undefined) {
    return { itemId: null, sub: '' };
  }
  try {
    return { itemId: decodeURIComponent(match[1]), sub: match[2] ?? '' };
  } catch {
    return null; // a malformed %-escape names no route: the caller answers 404
  }
}

function methodNotAllowed(allowed: string): HttpError {
  return new HttpError(405, 'method_not_allowed', `Use ${allowed} on this path.`, { allow: allowed });
}

function listItems(ctx: ApiContext, params: URLSearchParams): Reply {
  const query = parseListQuery(params);
  const { page, nextCursor } = pageOf(selectItems(ctx.store, query), params, listFingerprint(query));
  return { status: 200, body: { items: page.map((item) => toSummary(item, ctx.itemUrl)), nextCursor } };
}

async function write(ctx: ApiContext, request: ApiRequest, item: StoredItem, handler: Write): Promise<Reply> {
  const body = await request.body();
  // From here to the end of `idempotent` nothing awaits, so two requests with one key cannot both write.
  const result: WriteResult = idempotent(ctx.store, request.idempotencyKey, [request.method, request.path, body], () =>
    handler(ctx, item, body),
  );
  // A replay may overtake the save of the write it repeats: it too waits until that is on disk.
  if (result.reply.status < 300) {
    await (result.changed ? ctx.persist() : ctx.persisted());
  }
  return result.reply;
}

export async function handleApi(ctx: ApiContext, request: ApiRequest): Promise<Reply> {
  const route = matchRoute(request.path);
  if (route === null) {
    throw new HttpError(404, 'not_found', `No such endpoint: ${request.method} ${API_PREFIX}${request.path}`);
  }
  if (route.itemId === null) {
    if (request.method !== 'GET') {
      throw methodNotAllowed('GET');
    }
    return listItems(ctx, request.params);
  }
  const writeHandler = writes[`${request.method} ${route.sub}`];
  const readHandler = reads[route.sub];
  if (request.method !== 'GET' && writeHandler === undefined) {
    throw methodNotAllowed(route.sub === '' ? 'GET, PATCH' : 'GET, POST');
  }
  const item = ctx.store.find(route.itemId);
  if (item === undefined) {
    throw new HttpError(404, 'item_not_found', `No feedback item with id "${route.itemId}".`);
  }
  if (writeHandler !== undefined) {
    return write(ctx, request, item, writeHandler);
  }
  if (readHandler === undefined) {
    throw new HttpError(404, 'not_found', `No such endpoint: ${request.method} ${API_PREFIX}${request.path}`);
  }
  return readHandler(ctx, item, request.params);
}
