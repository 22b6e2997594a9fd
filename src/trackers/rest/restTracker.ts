// The adapter for our own REST contract (TRACKER-API.md): paths under
// /api/v1, answers validated with the contract's schemas from core/model.
import * as z from 'zod/mini';
import {
  commentPageSchema,
  commentSchema,
  commitLinkSchema,
  itemSchema,
  linkListSchema,
  tradeOffListSchema,
  tradeOffSchema,
} from '../../core/model';
import type { Comment, CommitLink, FeedbackItem, NewComment, NewCommitLink, NewTradeOff, Status, TradeOff } from '../../core/model';
import { HttpClient } from '../http';
import type { HttpClientOptions, Query } from '../http';
import { TrackerError } from '../tracker';
import type { ItemPage, ListItemsQuery, TrackerCapabilities, TrackerClient, WriteOptions } from '../tracker';
import { parseItemPage } from './parseItems';

const API = '/api/v1';
const COMMENT_PAGE_LIMIT = 200;
// A guard against a tracker whose cursors never end: 200 × 500 comments is far beyond any real item.
const MAX_COMMENT_PAGES = 500;

export class RestTracker implements TrackerClient {
  readonly kind = 'rest';
  readonly capabilities: TrackerCapabilities = { internalNotes: true, revenue: true, idempotencyKeys: true, textSearch: true };
  private readonly http: HttpClient;
  /** Pages parsed from bodies the HTTP client keeps for ETag revalidation; dropped with them. */
  private readonly parsedPages = new WeakMap<object, ItemPage>();

  constructor(http: HttpClient | HttpClientOptions) {
    this.http = http instanceof HttpClient ? http : new HttpClient(http);
  }

  async listItems(query: ListItemsQuery): Promise<ItemPage> {
    const answer = await this.http.getJson(`${API}/items`, { query: itemsQuery(query), signal: query.signal });
    // A 304 hands back the very body parsed last time: its page is not validated again (issue 12: a refresh that changed nothing is cheap).
    const known = answer.fromCache && typeof answer.body === 'object' && answer.body !== null ? this.parsedPages.get(answer.body) : undefined;
    if (known) {
      return known;
    }
    const page = parseItemPage(this.http, answer.body, answer.source);
    if (typeof answer.body === 'object' && answer.body !== null) {
      this.parsedPages.set(answer.body, page);
    }
    return page;
  }

  async getItem(id: string, signal?: AbortSignal): Promise<FeedbackItem> {
    return this.http.get(itemPath(id), itemSchema, { signal });
  }

  async listComments(id: string, signal?: AbortSignal): Promise<readonly Comment[]> {
    const comments: Comment[] = [];
    const seen = new Set<string>();
    let cursor: string | null = null;
    for (let page = 0; page < MAX_COMMENT_PAGES; page++) {
      const answer = await this.http.getJson(`${itemPath(id)}/comments`, { query: { limit: COMMENT_PAGE_LIMIT, cursor }, signal });
      const envelope = this.http.parse(commentPageSchema, answer.body, answer.source);
      comments.push(...this.http.parse(z.array(commentSchema), envelope.comments, answer.source, ['comments']));
      cursor = envelope.nextCursor;
      if (cursor === null) {
        return comments;
      }
      if (seen.has(cursor)) {
        break;
      }
      seen.add(cursor);
    }
    throw new TrackerError('malformed', `Tracker at ${this.http.host} keeps paging the comments of ${id} without end.`, {
      source: `GET ${API}/items/{id}/comments`,
    });
  }

  async listLinks(id: string, signal?: AbortSignal): Promise<readonly CommitLink[]> {
    return (await this.http.get(`${itemPath(id)}/links`, linkListSchema, { signal })).links;
  }

  async listTradeOffs(id: string, signal?: AbortSignal): Promise<readonly TradeOff[]> {
    return (await this.http.get(`${itemPath(id)}/tradeoffs`, tradeOffListSchema, { signal })).tradeoffs;
  }

  async addComment(id: string, comment: NewComment, options: WriteOptions): Promise<Comment> {
    return this.http.post(`${itemPath(id)}/comments`, comment, commentSchema, options);
  }

  async setStatus(id: string, status: Status, options: WriteOptions): Promise<FeedbackItem> {
    return this.http.patch(itemPath(id), { status }, itemSchema, options);
  }

  async addLink(id: string, link: NewCommitLink, options: WriteOptions): Promise<CommitLink> {
    return this.http.post(`${itemPath(id)}/links`, link, commitLinkSchema, options);
  }

  async addTradeOff(id: string, tradeOff: NewTradeOff, options: WriteOptions): Promise<TradeOff> {
    return this.http.post(`${itemPath(id)}/tradeoffs`, tradeOff, tradeOffSchema, options);
  }
}

function itemsQuery(query: ListItemsQuery): Query {
  return {
    limit: query.limit,
    cursor: query.cursor,
    status: query.statuses?.length ? query.statuses.join(',') : undefined,
    q: query.q?.trim() || undefined,
    sort: query.sort,
    updatedSince: query.updatedSince,
  };
}

/** Ids come from the tracker: encoded, and `.`/`..` refused because URLs resolve them as path steps. */
function itemPath(id: string): string {
  if (!id || /^\.{1,2}$/.test(id)) {
    throw new TrackerError('rejected', `${JSON.stringify(id)} is not an item id.`);
  }
  return `${API}/items/${encodeURIComponent(id)}`;
}
