// Fider as a tracker: posts are items (`votesCount` = votes), tags, statuses,
// comments, status change with a response text. Fider answers whole lists, so
// the adapter reads the list once per refresh and pages it here: the tree still
// shows at most 100 rows per node.
import type { Comment, CommitLink, FeedbackItem, ItemSummary, NewComment, NewCommitLink, NewTradeOff, Status, TradeOff } from '../../core/model';
import * as z from 'zod/mini';
import type { HttpClient } from '../http';
import { namespacedId, nativeId } from '../itemId';
import { parseEach } from '../itemList';
import type { ParsedList } from '../itemList';
import { TrackerError } from '../tracker';
import type { FoundWrite, ItemPage, ListItemsQuery, TrackerCapabilities, TrackerClient, WriteOptions } from '../tracker';
import { findWriteIn, isRecord, linksIn, markBody, readMarker, tradeOffsIn } from '../writeMarker';
import type { MarkedComment } from '../writeMarker';
import { commentSchema, createdSchema, FROM_STATUS, isTeam, postSchema, TO_STATUS } from './fiderWire';
import type { FiderComment, FiderPost } from './fiderWire';
import { linkCommentText } from '../linkCommentText';

const PAGE_MAX = 100;
/** The parallel per-status reads of one refresh share one list read. */
const SNAPSHOT_MS = 5_000;

interface Snapshot {
  readonly q: string;
  readonly at: number;
  readonly list: Promise<ParsedList<ItemSummary>>;
  /** The signal of the read that fetches it: once aborted, the list is not shared with a later read. */
  readonly signal: AbortSignal | undefined;
}

export class FiderTracker implements TrackerClient {
  readonly kind = 'fider';
  readonly capabilities: TrackerCapabilities = {
    internalNotes: false,
    revenue: false,
    idempotencyKeys: false,
    textSearch: true,
    paging: 'client',
    updatedSince: false,
    settableStatuses: ['open', 'planned', 'in-progress', 'shipped', 'closed'],
  };
  private snapshot: Snapshot | undefined;

  constructor(
    private readonly http: HttpClient,
    /** The site people open in a browser, e.g. `https://feedback.example.com`. */
    private readonly siteUrl: string,
    private readonly now: () => number = Date.now,
  ) {}

  async listItems(query: ListItemsQuery): Promise<ItemPage> {
    const offset = query.cursor ? Number(query.cursor) : 0;
    if (!Number.isSafeInteger(offset) || offset < 0) {
      throw new TrackerError('rejected', `${JSON.stringify(String(query.cursor).slice(0, 40))} is not a page of this Fider list.`);
    }
    const list = await this.list(query.q?.trim() ?? '', offset === 0, query.signal);
    const wanted = query.statuses?.length ? new Set(query.statuses) : undefined;
    const items = (wanted ? list.items.filter((i) => wanted.has(i.status)) : [...list.items]).sort(ORDER[query.sort ?? 'demand']);
    const limit = Math.min(PAGE_MAX, Math.max(1, query.limit ?? PAGE_MAX));
    const end = offset + limit;
    return { items: items.slice(offset, end), nextCursor: end < items.length ? String(end) : null, rejected: offset === 0 ? list.rejected : [] };
  }

  async getItem(id: string, signal?: AbortSignal): Promise<FeedbackItem> {
    const post = await this.http.get(`/api/v1/posts/${this.number(id)}`, postSchema, { signal });
    if (post.status === 'deleted') {
      throw new TrackerError('notFound', `Post #${post.number} was deleted on ${this.http.host}.`);
    }
    const comments = await this.rawComments(id, signal);
    const seen = new Map<number, { id: string; name: string; company: null; revenue: null }>();
    for (const { user } of [post, ...comments]) {
      if (user && !isTeam(user.role) && !seen.has(user.id)) {
        seen.set(user.id, { id: `fider:${user.id}`, name: user.name, company: null, revenue: null });
      }
    }
    const customers = [...seen.values()];
    return { ...this.toSummary(post), customerCount: customers.length, description: post.description, customers, commentCount: post.commentsCount };
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
    if (comment.visibility === 'internal') {
      throw new TrackerError('rejected', 'Fider comments are public: this tracker has no internal notes.');
    }
    const created = await this.comment(id, markBody(comment.body, { kind: 'reply', key: options.idempotencyKey }, 'invisible'), options);
    return { id: String(created), author: { name: 'You', role: 'team' }, body: comment.body, visibility: 'public', createdAt: new Date(this.now()).toISOString() };
  }

  async setStatus(id: string, status: Status, options: WriteOptions): Promise<FeedbackItem> {
    const fider = FROM_STATUS[status];
    if (!fider) {
      throw new TrackerError('rejected', `Fider has no “${status}” status.`);
    }
    await this.http.request('PUT', `/api/v1/posts/${this.number(id)}/status`, { body: { status: fider, text: options.note ?? '' }, signal: options.signal });
    this.snapshot = undefined;
    return this.getItem(id, options.signal);
  }

  async addLink(id: string, link: NewCommitLink, options: WriteOptions): Promise<CommitLink> {
    const text = linkCommentText(link, 'markdown');
    return { id: String(await this.comment(id, markBody(text, { kind: 'link', key: options.idempotencyKey, data: link }, 'invisible'), options)), ...link };
  }

  async addTradeOff(id: string, tradeOff: NewTradeOff, options: WriteOptions): Promise<TradeOff> {
    const text = `Trade-off in ${tradeOff.location.path}:${tradeOff.location.startLine}: ${tradeOff.summary}`;
    const created = await this.comment(id, markBody(text, { kind: 'tradeoff', key: options.idempotencyKey, data: tradeOff }, 'invisible'), options);
    return { id: String(created), ...tradeOff, createdAt: new Date(this.now()).toISOString() };
  }

  async findWrite(id: string, idempotencyKey: string, signal?: AbortSignal): Promise<FoundWrite | undefined> {
    return findWriteIn((await this.rawComments(id, signal)).map(toMarked), idempotencyKey);
  }

  /** The whole list: fetched afresh for a first page, shared by the reads of one refresh. */
  private list(q: string, fresh: boolean, signal?: AbortSignal): Promise<ParsedList<ItemSummary>> {
    const s = this.snapshot;
    // A read cancelled by the refresh that superseded it would fail that refresh too: never share it.
    if (s && s.q === q && !s.signal?.aborted && (!fresh || this.now() - s.at < SNAPSHOT_MS)) {
      return s.list;
    }
    const list = this.http.getJson('/api/v1/posts', { query: { view: 'all', limit: 'all', query: q || undefined }, signal }).then((answer) => {
      const raws = this.http.parse(z.array(z.unknown()), answer.body, answer.source);
      return parseEach(raws, postSchema, (p) => this.toSummary(p), [], (p) => p.status === 'deleted');
    });
    this.snapshot = { q, at: this.now(), list, signal };
    list.catch(() => {
      if (this.snapshot?.list === list) {
        this.snapshot = undefined;
      }
    });
    return list;
  }

  private async comment(id: string, content: string, options: WriteOptions): Promise<number> {
    const answer = await this.http.request('POST', `/api/v1/posts/${this.number(id)}/comments`, { body: { content }, signal: options.signal });
    return this.http.parse(createdSchema, answer.body, answer.source).id;
  }

  private async rawComments(id: string, signal?: AbortSignal): Promise<FiderComment[]> {
    return this.http.get(`/api/v1/posts/${this.number(id)}/comments`, z.array(commentSchema), { signal });
  }

  private number(id: string): number {
    return Number(nativeId(id, 'fider', this.http.host, /^[1-9]\d{0,9}$/));
  }

  private toSummary(post: FiderPost): ItemSummary {
    return {
      id: namespacedId('fider', this.http.host, String(post.number)),
      title: post.title,
      status: post.status === 'deleted' ? 'closed' : TO_STATUS[post.status],
      votes: post.votesCount,
      customerCount: post.user && !isTeam(post.user.role) ? 1 : 0,
      revenue: null,
      tags: post.tags,
      createdAt: post.createdAt,
      updatedAt: post.response?.respondedAt ?? post.createdAt,
      url: `${this.siteUrl.replace(/\/+$/, '')}/posts/${post.number}/${encodeURIComponent(post.slug)}`,
    };
  }
}

const ORDER: Readonly<Record<'demand' | 'newest' | 'updated', (a: ItemSummary, b: ItemSummary) => number>> = {
  demand: (a, b) => b.votes - a.votes || b.createdAt.localeCompare(a.createdAt),
  newest: (a, b) => b.createdAt.localeCompare(a.createdAt),
  updated: (a, b) => b.updatedAt.localeCompare(a.updatedAt),
};

function toComment(comment: FiderComment): Comment {
  return {
    id: String(comment.id),
    author: { name: comment.user?.name ?? 'Deleted user', role: isTeam(comment.user?.role) ? 'team' : 'customer' },
    body: readMarker(comment.content).text,
    visibility: 'public',
    createdAt: comment.createdAt,
  };
}

/** Links and trade-offs are trusted from team members only. */
function toMarked(comment: FiderComment): MarkedComment {
  return { id: String(comment.id), body: comment.content, createdAt: comment.createdAt, trusted: isTeam(comment.user?.role) };
}
