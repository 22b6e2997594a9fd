// Canny as a tracker: posts are items (`score` = votes, the summed
// `companies[].monthlySpend` = revenue), comments carry `internal`, status
// changes can notify voters. Every call is a POST with the API key in the JSON
// body (Canny's only way), so the key goes to the base origin only: HttpClient
// never re-sends a POST to another origin. No `updatedSince`: a refresh re-reads.
import type { Comment, CommitLink, Customer, FeedbackItem, ItemSummary, NewComment, NewCommitLink, NewTradeOff, Status, TradeOff } from '../../core/model';
import type { z } from 'zod/mini';
import type { HttpClient, JsonAnswer } from '../http';
import { namespacedId, nativeId } from '../itemId';
import { parseEach } from '../itemList';
import { TrackerError } from '../tracker';
import type { FoundWrite, ItemPage, ListItemsQuery, TrackerCapabilities, TrackerClient, WriteOptions } from '../tracker';
import { findWriteIn, isRecord, linksIn, markBody, readMarker, tradeOffsIn } from '../writeMarker';
import type { MarkedComment } from '../writeMarker';
import { boardListSchema, commentListSchema, createdSchema, FROM_STATUS, postListSchema, postSchema, TO_STATUS, userSchema, voteListSchema } from './cannyWire';
import type { CannyComment, CannyPost } from './cannyWire';
import { linkCommentText } from '../linkCommentText';

export const CANNY_API = 'https://canny.io';
const POST_ID = /^[A-Za-z0-9]{1,64}$/;
const SORTS = { demand: 'score', newest: 'newest', updated: 'statusChanged' } as const;
const MAX_COMMENT_PAGES = 50;

export interface CannyTrackerOptions {
  readonly http: HttpClient;
  readonly getApiKey: () => Promise<string | undefined>;
  /** Only this board's posts; all boards when absent. */
  readonly boardID?: string;
  /** The Canny user replies and status changes are made as (users/retrieve by email gives it). */
  readonly authorID?: string;
}

export class CannyTracker implements TrackerClient {
  readonly kind = 'canny';
  readonly capabilities: TrackerCapabilities = {
    internalNotes: true,
    revenue: true,
    idempotencyKeys: false,
    textSearch: true,
    paging: 'server',
    updatedSince: false,
    notifyVoters: true,
  };

  constructor(private readonly options: CannyTrackerOptions) {}

  /** The Canny user with this e-mail (users/retrieve), whose id writes are made as. */
  async findUser(email: string, signal?: AbortSignal): Promise<{ id: string; name: string }> {
    const user = await this.call('users/retrieve', { email }, userSchema, signal);
    return { id: user.id, name: user.name };
  }

  async listBoards(signal?: AbortSignal): Promise<readonly { id: string; name: string }[]> {
    return (await this.call('boards/list', {}, boardListSchema, signal)).boards;
  }

  async listItems(query: ListItemsQuery): Promise<ItemPage> {
    const skip = query.cursor ? Number(query.cursor) : 0;
    if (!Number.isSafeInteger(skip) || skip < 0) {
      throw new TrackerError('rejected', `${JSON.stringify(String(query.cursor).slice(0, 40))} is not a Canny page.`);
    }
    const limit = Math.min(100, Math.max(1, query.limit ?? 30));
    const body = {
      boardID: this.options.boardID,
      limit,
      skip,
      sort: SORTS[query.sort ?? 'demand'],
      status: query.statuses?.length ? query.statuses.map((s) => FROM_STATUS[s]).join(',') : undefined,
      search: query.q?.trim() || undefined,
    };
    const answer = await this.send('posts/list', body, query.signal);
    const list = this.options.http.parse(postListSchema, answer.body, answer.source);
    const parsed = parseEach(list.posts, postSchema, toSummary, ['posts']);
    return { items: parsed.items, rejected: parsed.rejected, nextCursor: list.hasMore && list.posts.length > 0 ? String(skip + list.posts.length) : null };
  }

  async getItem(id: string, signal?: AbortSignal): Promise<FeedbackItem> {
    const post = await this.call('posts/retrieve', { id: postId(id) }, postSchema, signal);
    const votes = await this.call('votes/list', { postID: post.id, limit: 100 }, voteListSchema, signal);
    const customers = votes.votes.flatMap((v): Customer[] => (v.voter ? [toCustomer(v.voter)] : []));
    return { ...toSummary(post), description: post.details ?? '', customers, commentCount: post.commentCount };
  }

  async listComments(id: string, signal?: AbortSignal): Promise<readonly Comment[]> {
    return (await this.rawComments(id, signal)).filter((c) => !isRecord(toMarked(c))).map(toComment);
  }

  async listLinks(id: string, signal?: AbortSignal): Promise<readonly CommitLink[]> {
    return linksIn((await this.rawComments(id, signal)).map(toMarked));
  }

  async listTradeOffs(id: string, signal?: AbortSignal): Promise<readonly TradeOff[]> {
    return tradeOffsIn((await this.rawComments(id, signal)).map(toMarked));
  }

  async addComment(id: string, comment: NewComment, options: WriteOptions): Promise<Comment> {
    const value = markBody(comment.body, { kind: 'reply', key: options.idempotencyKey }, 'invisible');
    const created = await this.createComment(id, value, comment.visibility === 'internal', options);
    return { id: created, author: { name: 'You', role: 'team' }, body: comment.body, visibility: comment.visibility, createdAt: new Date().toISOString() };
  }

  async setStatus(id: string, status: Status, options: WriteOptions): Promise<FeedbackItem> {
    const body = {
      changerID: this.authorID(),
      postID: postId(id),
      status: FROM_STATUS[status],
      shouldNotifyVoters: options.notifyVoters ?? false,
      commentValue: options.note?.trim() || undefined,
    };
    await this.send('posts/change_status', body, options.signal);
    return this.getItem(id, options.signal);
  }

  /** Links and trade-offs are internal comments (team-only) whose marker holds the record. */
  async addLink(id: string, link: NewCommitLink, options: WriteOptions): Promise<CommitLink> {
    const text = linkCommentText(link, 'plain');
    return { id: await this.createComment(id, markBody(text, { kind: 'link', key: options.idempotencyKey, data: link }, 'invisible'), true, options), ...link };
  }

  async addTradeOff(id: string, tradeOff: NewTradeOff, options: WriteOptions): Promise<TradeOff> {
    const text = `Trade-off in ${tradeOff.location.path}:${tradeOff.location.startLine}: ${tradeOff.summary}`;
    const created = await this.createComment(id, markBody(text, { kind: 'tradeoff', key: options.idempotencyKey, data: tradeOff }, 'invisible'), true, options);
    return { id: created, ...tradeOff, createdAt: new Date().toISOString() };
  }

  async findWrite(id: string, idempotencyKey: string, signal?: AbortSignal): Promise<FoundWrite | undefined> {
    return findWriteIn((await this.rawComments(id, signal)).map(toMarked), idempotencyKey);
  }

  private async createComment(id: string, value: string, internal: boolean, options: WriteOptions): Promise<string> {
    const body = { authorID: this.authorID(), postID: postId(id), value, internal };
    return (await this.call('comments/create', body, createdSchema, options.signal)).id;
  }

  private async rawComments(id: string, signal?: AbortSignal): Promise<CannyComment[]> {
    const comments: CannyComment[] = [];
    const seen = new Set<string>();
    for (let page = 0; page < MAX_COMMENT_PAGES; page++) {
      const list = await this.call('comments/list', { postID: postId(id), limit: 100, skip: comments.length }, commentListSchema, signal);
      comments.push(...list.comments);
      if (!list.hasMore || list.comments.length === 0) {
        // Canny lists newest first; the panel reads a thread oldest first.
        return comments.sort((a, b) => a.created.localeCompare(b.created));
      }
      // Nothing new on a page: the tracker ignores `skip` and would answer the same for ever.
      if (list.comments.every((c) => seen.has(c.id))) {
        break;
      }
      list.comments.forEach((c) => seen.add(c.id));
    }
    // A cut thread would hide the marker a write is checked by: fail rather than answer part of it.
    throw new TrackerError('malformed', `Tracker at ${this.options.http.host} keeps paging the comments of ${id} without end.`, {
      source: 'POST /api/v1/comments/list',
    });
  }

  private authorID(): string {
    if (!this.options.authorID) {
      throw new TrackerError('rejected', 'Canny writes need your Canny user: run “Feedback Loop: Connect a Tracker…” again and give your Canny e-mail.');
    }
    return this.options.authorID;
  }

  private async call<T>(path: string, body: Record<string, unknown>, schema: z.ZodMiniType<T>, signal?: AbortSignal): Promise<T> {
    const answer = await this.send(path, body, signal);
    return this.options.http.parse(schema, answer.body, answer.source);
  }

  private async send(path: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<JsonAnswer> {
    const apiKey = await this.options.getApiKey();
    if (!apiKey) {
      throw new TrackerError('unauthorized', 'No Canny API key: run “Feedback Loop: Connect a Tracker…”.');
    }
    return this.options.http.request('POST', `/api/v1/${path}`, { body: { ...body, apiKey }, signal });
  }
}

function postId(id: string): string {
  return nativeId(id, 'canny', undefined, POST_ID);
}

function toSummary(post: CannyPost): ItemSummary {
  const spend = (post.companies ?? []).reduce((sum, c) => sum + (c.monthlySpend ?? 0), 0);
  return {
    id: namespacedId('canny', undefined, post.id),
    title: post.title,
    status: TO_STATUS[post.status],
    votes: post.score,
    customerCount: post.companies?.length ?? 0,
    revenue: post.companies?.some((c) => typeof c.monthlySpend === 'number') ? { amount: spend, currency: 'USD' } : null,
    tags: post.tags.map((t) => t.name),
    createdAt: post.created,
    updatedAt: post.statusChangedAt ?? post.created,
    url: post.url,
    companies: (post.companies ?? []).map((c) => c.name),
  };
}

function toCustomer(user: NonNullable<CannyPost['author']>): Customer {
  const company = user.companies?.[0];
  const spend = company?.monthlySpend;
  return { id: `canny:${user.id}`, name: user.name, company: company?.name ?? null, revenue: typeof spend === 'number' ? { amount: spend, currency: 'USD' } : null };
}

function toComment(comment: CannyComment): Comment {
  return {
    id: comment.id,
    author: { name: comment.author?.name ?? 'Deleted user', role: comment.author?.isAdmin ? 'team' : 'customer' },
    body: readMarker(comment.value).text,
    visibility: comment.internal ? 'internal' : 'public',
    createdAt: comment.created,
  };
}

/** Links and trade-offs are trusted from internal notes by a team member only. */
function toMarked(comment: CannyComment): MarkedComment {
  return { id: comment.id, body: comment.value, createdAt: comment.created, trusted: comment.internal && comment.author?.isAdmin === true };
}
