// GitHub Issues as a tracker: issues (not pull requests) are items ranked by
// 👍 through the search API, replies are issue comments, links and trade-offs
// are comments with a hidden marker, status is labels plus open/closed.
// GitHub has no idempotency keys: every write carries its key in a marker
// and `findWrite` finds it before a retry (see writeMarker.ts).
import * as z from 'zod/mini';
import type { Comment, CommitLink, FeedbackItem, NewComment, NewCommitLink, NewTradeOff, Status, TradeOff } from '../../core/model';
import type { HttpClient, Query } from '../http';
import { nativeId } from '../itemId';
import { parseEach } from '../itemList';
import { TrackerError } from '../tracker';
import type { FoundWrite, ItemPage, ListItemsQuery, TrackerCapabilities, TrackerClient, WriteOptions } from '../tracker';
import { findWriteIn, isRecord, linksIn, markBody, readMarker, tradeOffsIn } from '../writeMarker';
import { DEFAULT_STATUS_LABELS, customersOf, isStatusLabel, labelNames, searchTerms, statusOf, toComment, toMarked, toSummary } from './githubMapping';
import type { GithubStatusLabels } from './githubMapping';
import { issueCommentSchema, issueSchema, nextLink, searchEnvelopeSchema } from './githubWire';
import type { GithubComment, GithubIssue } from './githubWire';
import { WritePacer } from './writePacer';
import { linkCommentText } from '../linkCommentText';

export const GITHUB_API = 'https://api.github.com';
/** Sent with every request: the media type and API version our shapes follow. */
export const GITHUB_HEADERS = { Accept: 'application/vnd.github+json, application/json', 'X-GitHub-Api-Version': '2022-11-28' } as const;

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/(?!\.\.?$)[A-Za-z0-9._-]{1,100}$/;
const MAX_COMMENT_PAGES = 100;
const SORTS = { demand: 'reactions-+1', newest: 'created', updated: 'updated' } as const;

export interface GithubTrackerOptions {
  /** Built for https://api.github.com (or a loopback test server) with GITHUB_HEADERS. */
  readonly http: HttpClient;
  /** `owner/repo`. */
  readonly repository: string;
  readonly statusLabels?: Partial<GithubStatusLabels>;
  /** GitHub asks integrations for at most one write per second. */
  readonly minWriteIntervalMs?: number;
}

export class GithubTracker implements TrackerClient {
  readonly kind = 'github';
  readonly capabilities: TrackerCapabilities = {
    internalNotes: false,
    revenue: false,
    idempotencyKeys: false,
    textSearch: true,
    paging: 'server',
    updatedSince: true,
  };
  readonly repository: string;
  private readonly http: HttpClient;
  private readonly labels: GithubStatusLabels;
  private readonly pacer: WritePacer;

  constructor(options: GithubTrackerOptions) {
    if (!REPOSITORY.test(options.repository)) {
      throw new TrackerError('rejected', `${JSON.stringify(options.repository.slice(0, 120))} is not a GitHub repository (owner/name).`);
    }
    this.repository = options.repository;
    this.http = options.http;
    this.labels = { ...DEFAULT_STATUS_LABELS, ...options.statusLabels };
    this.pacer = new WritePacer(options.minWriteIntervalMs ?? 1000);
  }

  async listItems(query: ListItemsQuery): Promise<ItemPage> {
    const page = query.cursor ?? '1';
    if (!/^[1-9]\d{0,3}$/.test(page)) {
      throw new TrackerError('rejected', `${JSON.stringify(page.slice(0, 40))} is not a page of GitHub search results.`);
    }
    const params: Query = {
      q: this.searchQuery(query),
      sort: SORTS[query.sort ?? 'demand'],
      order: 'desc',
      per_page: Math.min(100, Math.max(1, query.limit ?? 30)),
      page,
    };
    const answer = await this.http.getJson('/search/issues', { query: params, signal: query.signal });
    const envelope = this.http.parse(searchEnvelopeSchema, answer.body, answer.source);
    const parsed = parseEach(envelope.items, issueSchema, (i) => toSummary(i, this.repository, this.labels), ['items'], (i) => i.pull_request !== undefined);
    const wanted = query.statuses?.length ? new Set(query.statuses) : undefined;
    return {
      items: wanted ? parsed.items.filter((i) => wanted.has(i.status)) : parsed.items,
      rejected: parsed.rejected,
      nextCursor: nextPage(answer.headers.link),
    };
  }

  async getItem(id: string, signal?: AbortSignal): Promise<FeedbackItem> {
    const issue = await this.issue(this.number(id), signal);
    const comments = await this.rawComments(this.number(id), signal);
    const customers = customersOf(issue, comments);
    const summary = toSummary(issue, this.repository, this.labels);
    return { ...summary, customerCount: customers.length, description: readMarker(issue.body ?? '').text, customers, commentCount: issue.comments };
  }

  async listComments(id: string, signal?: AbortSignal): Promise<readonly Comment[]> {
    return (await this.rawComments(this.number(id), signal)).filter((c) => !isRecord(toMarked(c))).map(toComment);
  }

  async listLinks(id: string, signal?: AbortSignal): Promise<readonly CommitLink[]> {
    return linksIn((await this.rawComments(this.number(id), signal)).map(toMarked));
  }

  async listTradeOffs(id: string, signal?: AbortSignal): Promise<readonly TradeOff[]> {
    return tradeOffsIn((await this.rawComments(this.number(id), signal)).map(toMarked));
  }

  async addComment(id: string, comment: NewComment, options: WriteOptions): Promise<Comment> {
    if (comment.visibility === 'internal') {
      throw new TrackerError('rejected', 'GitHub issue comments are public: this tracker has no internal notes.');
    }
    const body = markBody(comment.body, { kind: 'reply', key: options.idempotencyKey });
    return toComment(await this.postComment(this.number(id), body, options));
  }

  async setStatus(id: string, status: Status, options: WriteOptions): Promise<FeedbackItem> {
    const number = this.number(id);
    const issue = await this.issue(number, options.signal);
    if (statusOf(issue, this.labels) !== status) {
      await this.pacer.wait(options.signal);
      const answer = await this.http.request('PATCH', `${this.repoPath()}/issues/${number}`, { body: this.statusPatch(issue, status), signal: options.signal });
      this.http.parse(issueSchema, answer.body, answer.source);
    }
    return this.getItem(id, options.signal);
  }

  async addLink(id: string, link: NewCommitLink, options: WriteOptions): Promise<CommitLink> {
    const text = linkCommentText(link, 'markdown');
    const posted = await this.postComment(this.number(id), markBody(text, { kind: 'link', key: options.idempotencyKey, data: link }), options);
    return { id: String(posted.id), ...link };
  }

  async addTradeOff(id: string, tradeOff: NewTradeOff, options: WriteOptions): Promise<TradeOff> {
    const where = `${tradeOff.location.path}:${tradeOff.location.startLine}-${tradeOff.location.endLine}`;
    const text = `Trade-off in \`${where}\`: ${tradeOff.summary}\n\n${tradeOff.rationale}`;
    const posted = await this.postComment(this.number(id), markBody(text, { kind: 'tradeoff', key: options.idempotencyKey, data: tradeOff }), options);
    return { id: String(posted.id), ...tradeOff, createdAt: posted.created_at };
  }

  async findWrite(id: string, idempotencyKey: string, signal?: AbortSignal): Promise<FoundWrite | undefined> {
    return findWriteIn((await this.rawComments(this.number(id), signal)).map(toMarked), idempotencyKey);
  }

  private searchQuery(query: ListItemsQuery): string {
    const parts = [`repo:${this.repository}`, 'is:issue'];
    if (query.statuses?.length === 1) {
      parts.push(...this.statusQualifiers(query.statuses[0]));
    }
    if (query.updatedSince && !Number.isNaN(Date.parse(query.updatedSince))) {
      parts.push(`updated:>=${new Date(query.updatedSince).toISOString().replace(/\.\d{3}Z$/, 'Z')}`);
    }
    return [...parts, ...searchTerms(query.q)].join(' ');
  }

  private statusQualifiers(status: Status): string[] {
    const label = (name: string) => `"${name.replace(/["\\]/g, '')}"`;
    switch (status) {
      case 'open':
        return ['is:open', ...(['in-progress', 'planned', 'under-review'] as const).map((s) => `-label:${label(this.labels[s])}`)];
      case 'under-review':
      case 'planned':
      case 'in-progress':
        return ['is:open', `label:${label(this.labels[status])}`];
      case 'shipped':
        return ['is:closed', 'reason:completed'];
      case 'closed':
        return ['is:closed', '-reason:completed'];
    }
  }

  private statusPatch(issue: GithubIssue, status: Status): Record<string, unknown> {
    const keep = labelNames(issue).filter((name) => !isStatusLabel(name, this.labels));
    if (status === 'shipped' || status === 'closed') {
      return { state: 'closed', state_reason: status === 'shipped' ? 'completed' : 'not_planned', labels: keep };
    }
    const labels = status === 'open' ? keep : [...keep, this.labels[status]];
    return issue.state === 'closed' ? { state: 'open', state_reason: 'reopened', labels } : { labels };
  }

  private async postComment(number: number, body: string, options: WriteOptions): Promise<GithubComment> {
    await this.pacer.wait(options.signal);
    const answer = await this.http.request('POST', `${this.repoPath()}/issues/${number}/comments`, { body: { body }, signal: options.signal });
    return this.http.parse(issueCommentSchema, answer.body, answer.source);
  }

  private async issue(number: number, signal?: AbortSignal): Promise<GithubIssue> {
    const issue = await this.http.get(`${this.repoPath()}/issues/${number}`, issueSchema, { signal });
    if (issue.pull_request !== undefined) {
      throw new TrackerError('notFound', `#${number} in ${this.repository} is a pull request, not an issue.`);
    }
    return issue;
  }

  /** Every comment, oldest first, following the `Link` header (each page revalidated by ETag). */
  private async rawComments(number: number, signal?: AbortSignal): Promise<GithubComment[]> {
    const comments: GithubComment[] = [];
    let page = '1';
    for (let n = 0; n < MAX_COMMENT_PAGES; n++) {
      const answer = await this.http.getJson(`${this.repoPath()}/issues/${number}/comments`, { query: { per_page: 100, page }, signal });
      comments.push(...this.http.parse(z.array(issueCommentSchema), answer.body, answer.source));
      const next = nextPage(answer.headers.link);
      if (next === null) {
        return comments;
      }
      // GitHub's next page is always a later one: any other would loop.
      if (Number(next) <= Number(page)) {
        break;
      }
      page = next;
    }
    // A cut thread would hide the marker a write is checked by: fail rather than answer part of it.
    throw new TrackerError('malformed', `Tracker at ${this.http.host} keeps paging the comments of #${number} without end.`, {
      source: `GET ${this.repoPath()}/issues/{number}/comments`,
    });
  }

  private number(id: string): number {
    return Number(nativeId(id, 'github', this.repository, /^[1-9]\d{0,9}$/));
  }

  private repoPath(): string {
    const [owner, repo] = this.repository.split('/');
    return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}`;
  }
}

/** The page number of the `next` link; GitHub's own links, so only the number is trusted, never the URL. */
function nextPage(link: string | undefined): string | null {
  const next = nextLink(link);
  if (next === undefined) {
    return null;
  }
  try {
    const page = new URL(next).searchParams.get('page');
    return page !== null && /^[1-9]\d{0,3}$/.test(page) ? page : null;
  } catch {
    return null; // not a URL: no next page, as for any link we do not trust
  }
}
