// Linear as a tracker: the issues of a team (optionally of one project or
// label) are items; their customer requests (`CustomerNeed`s) are the demand:
// votes = requests, revenue = the summed `Customer.revenue` of the distinct
// customers asking. Replies are Linear comments (the workspace reads them,
// customers never do: no internal notes). Links and trade-offs are attachments
// whose url Linear keeps unique per issue, so a retried write updates the
// first one instead of adding a second. GraphQL over the one HTTP layer.
import { createHash } from 'node:crypto';
import type { Comment, CommitLink, Customer, CustomerRequest, FeedbackItem, ItemSummary, NewComment, NewCommitLink, NewTradeOff, Status, TradeOff } from '../../core/model';
import { MAX_CUSTOMER_REQUESTS, MAX_QUOTE_LENGTH, MAX_SOURCE_URL_LENGTH, MAX_TIER_LENGTH, newCommitLinkSchema, newTradeOffSchema } from '../../core/model';
import { clampServerDelay } from '../../core/serverDelays';
import type { z } from 'zod/mini';
import type { HttpClient } from '../http';
import { clean } from '../httpErrors';
import { namespacedId, nativeId } from '../itemId';
import { parseEach } from '../itemList';
import { TrackerError } from '../tracker';
import type { FoundWrite, ItemPage, ListItemsQuery, RejectedItem, TrackerCapabilities, TrackerClient, WriteOptions } from '../tracker';
import { linkCommentText } from '../linkCommentText';
import { ATTACHMENTS, COMMENTS, CREATE_ATTACHMENT, CREATE_COMMENT, ISSUE, ISSUES, ISSUES_PER_PAGE, NEEDS, SET_STATE, TEAM_LABELS, TEAM_PROJECTS, TEAM_STATES, TEAMS } from './linearQueries';
import {
  attachmentPageSchema,
  commentPageSchema,
  createAttachmentSchema,
  createCommentSchema,
  envelopeSchema,
  FROM_STATUS,
  issueAnswerSchema,
  issuePageSchema,
  issueSchema,
  linkMetadataSchema,
  needPageSchema,
  setStateSchema,
  teamLabelsSchema,
  teamProjectsSchema,
  teamsSchema,
  teamStatesSchema,
  TO_STATUS,
  tradeOffMetadataSchema,
} from './linearWire';
import type { LinearAttachment, LinearComment, LinearIssue, LinearNamed, LinearNeed, LinearTeam, StateType } from './linearWire';

export const LINEAR_API = 'https://api.linear.app';
const GRAPHQL_PATH = '/graphql';
const ISSUE_ID = /^[A-Za-z0-9-]{1,64}$/;
const MAX_PAGES = 50;
/** Issues of one scope and status ranked by demand at most: the most recently updated ones (50 requests). */
const RANKED_MAX = 5_000;
/** How long a ranked read serves the next pages and the other reads of one refresh. */
const RANKED_KEPT_MS = 5_000;
/** Our cursors into a ranked read (Linear's own are opaque strings of another form). */
const RANK_CURSOR = 'rank:';

interface RankedList {
  readonly items: ItemSummary[];
  readonly rejected: RejectedItem[];
}

/** Most customer requests first, then the most revenue a month behind them, then the newest. */
function byDemand(a: ItemSummary, b: ItemSummary): number {
  return b.votes - a.votes || (b.revenue?.amount ?? 0) - (a.revenue?.amount ?? 0) || b.createdAt.localeCompare(a.createdAt);
}

/** Where a ranked page starts: 0 without a cursor; a cursor of another form is refused. */
function rankOffset(cursor: string | null | undefined): number {
  if (!cursor) {
    return 0;
  }
  const offset = cursor.startsWith(RANK_CURSOR) ? Number(cursor.slice(RANK_CURSOR.length)) : NaN;
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new TrackerError('rejected', `${JSON.stringify(cursor.slice(0, 40))} is not a page of this Linear list.`);
  }
  return offset;
}
/** Links without a web page and trade-offs still need an attachment url: one that never resolves (RFC 2606). */
const PLACEHOLDER_ORIGIN = 'https://feedback-loop.invalid';
const SETTABLE: readonly Status[] = ['open', 'planned', 'in-progress', 'shipped', 'closed'];

export interface LinearTrackerOptions {
  readonly http: HttpClient;
  /** Only this team's issues (Team.id). */
  readonly teamId: string;
  /** A monotonic clock in ms (tests); performance.now by default. */
  readonly now?: () => number;
  /** Narrowed to one project (Project.id) when given. */
  readonly projectId?: string;
  /** Narrowed to one label (IssueLabel.id) when given. */
  readonly labelId?: string;
  /**
   * Workflow state name (exactly as Linear spells it) → our status, for a
   * state whose type says otherwise ("In Review", of type started, is under
   * review). States not named here go by their type.
   */
  readonly statusOverrides?: Readonly<Record<string, Status>>;
}

type Overrides = Readonly<Record<string, Status>>;

export class LinearTracker implements TrackerClient {
  readonly kind = 'linear';
  readonly capabilities: TrackerCapabilities = {
    internalNotes: false,
    replyAudience: 'workspace',
    revenue: true,
    idempotencyKeys: false,
    textSearch: false,
    paging: 'server',
    updatedSince: true,
    settableStatuses: SETTABLE,
  };

  /** Ranked reads by their filter: a status group each, kept RANKED_KEPT_MS. */
  private readonly ranked = new Map<string, { readonly at: number; readonly list: Promise<RankedList>; readonly signal: AbortSignal | undefined }>();
  private readonly now: () => number;

  constructor(private readonly options: LinearTrackerOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  async listItems(query: ListItemsQuery): Promise<ItemPage> {
    return (query.sort ?? 'demand') === 'demand' ? this.rankedPage(query) : this.linearPage(query, query.cursor || null, query.limit ?? 50);
  }

  /**
   * Linear cannot order issues by their customer requests: the scope's issues are read whole (the most
   * recently updated RANKED_MAX), ranked here, and handed out a page at a time. The read is kept a few
   * seconds, so the pages of one refresh and "Load more" share it.
   */
  private async rankedPage(query: ListItemsQuery): Promise<ItemPage> {
    const offset = rankOffset(query.cursor);
    const list = await this.rankedList(query, offset === 0);
    const end = offset + Math.min(ISSUES_PER_PAGE, Math.max(1, query.limit ?? 50));
    return { items: list.items.slice(offset, end), nextCursor: end < list.items.length ? `${RANK_CURSOR}${end}` : null, rejected: offset === 0 ? list.rejected : [] };
  }

  private rankedList(query: ListItemsQuery, fresh: boolean): Promise<RankedList> {
    const key = JSON.stringify(this.filter(query));
    const kept = this.ranked.get(key);
    // A read cancelled by the refresh that superseded it would fail that refresh too: never share it.
    if (kept && !kept.signal?.aborted && (!fresh || this.now() - kept.at < RANKED_KEPT_MS)) {
      return kept.list;
    }
    const list = this.readRanked(query);
    this.ranked.set(key, { at: this.now(), list, signal: query.signal });
    list.catch(() => this.ranked.get(key)?.list === list && this.ranked.delete(key));
    return list;
  }

  private async readRanked(query: ListItemsQuery): Promise<RankedList> {
    const items: ItemSummary[] = [];
    const rejected: RejectedItem[] = [];
    let cursor: string | null = null;
    for (let n = 0; n < RANKED_MAX / ISSUES_PER_PAGE; n++) {
      const page = await this.linearPage({ ...query, sort: 'updated' }, cursor, ISSUES_PER_PAGE);
      items.push(...page.items);
      rejected.push(...page.rejected);
      if (page.nextCursor === null || page.nextCursor === cursor) {
        break;
      }
      cursor = page.nextCursor;
    }
    return { items: items.sort(byDemand), rejected };
  }

  /** One page as Linear orders it (by `updatedAt`, or `createdAt` for newest). */
  private async linearPage(query: ListItemsQuery, after: string | null, limit: number): Promise<ItemPage> {
    const variables = {
      filter: this.filter(query),
      first: Math.min(ISSUES_PER_PAGE, Math.max(1, limit)),
      after,
      orderBy: query.sort === 'newest' ? 'createdAt' : 'updatedAt',
    };
    const { issues } = await this.call(ISSUES, variables, issuePageSchema, query.signal);
    const nodes: unknown[] = [];
    for (const node of issues.nodes) {
      nodes.push(await this.withAllNeeds(node, query.signal));
    }
    const parsed = parseEach(nodes, issueSchema, (issue) => toSummary(issue, this.overrides), ['data', 'issues', 'nodes']);
    const next = issues.pageInfo.hasNextPage && issues.nodes.length > 0 ? issues.pageInfo.endCursor : null;
    return { items: parsed.items, rejected: parsed.rejected, nextCursor: next };
  }

  async getItem(id: string, signal?: AbortSignal): Promise<FeedbackItem> {
    const answer = (await this.call(ISSUE, { id: issueId(id) }, issueAnswerSchema, signal)).issue;
    const issue = { ...answer, needs: { nodes: await this.allNeeds(answer, signal) } };
    return {
      ...toSummary(issue, this.overrides),
      description: issue.description ?? '',
      customers: distinctCustomers(issue.needs.nodes),
      commentCount: issue.comments.nodes.length,
    };
  }

  async listComments(id: string, signal?: AbortSignal): Promise<readonly Comment[]> {
    return (await this.rawComments(id, signal)).map(toComment);
  }

  async listLinks(id: string, signal?: AbortSignal): Promise<readonly CommitLink[]> {
    return (await this.rawAttachments(id, signal)).flatMap((a) => {
      const link = readLink(a);
      return link ? [link] : [];
    });
  }

  async listTradeOffs(id: string, signal?: AbortSignal): Promise<readonly TradeOff[]> {
    return (await this.rawAttachments(id, signal)).flatMap((a) => {
      const tradeOff = readTradeOff(a);
      return tradeOff ? [tradeOff] : [];
    });
  }

  /** The comment's id comes from the write's key: a retry cannot make a second comment. */
  async addComment(id: string, comment: NewComment, options: WriteOptions): Promise<Comment> {
    if (comment.visibility === 'internal') {
      throw new TrackerError('rejected', 'Linear comments are read by the whole workspace: this tracker has no internal notes.');
    }
    const input = { id: commentIdOf(options.idempotencyKey), issueId: issueId(id), body: comment.body };
    const created = await this.call(CREATE_COMMENT, { input }, createCommentSchema, options.signal);
    return toComment(created.commentCreate.comment);
  }

  /** Moves the issue to its team's first workflow state (lowest position) of the status's type. */
  async setStatus(id: string, status: Status, options: WriteOptions): Promise<FeedbackItem> {
    const type = FROM_STATUS[status];
    if (type === undefined) {
      throw new TrackerError('rejected', `Linear has no workflow state for “${status}”.`);
    }
    const stateId = await this.firstState(id, type, options.signal);
    await this.call(SET_STATE, { id: issueId(id), stateId }, setStateSchema, options.signal);
    return this.getItem(id, options.signal);
  }

  async addLink(id: string, link: NewCommitLink, options: WriteOptions): Promise<CommitLink> {
    // The url is the attachment's, the rest is metadata: the same link sent again has the same url.
    const { url: commitUrl, ...fields } = link;
    const metadata = { kind: 'feedback-loop:link', key: options.idempotencyKey, ...fields };
    const url = commitUrl ?? `${PLACEHOLDER_ORIGIN}/commits/${link.sha}`;
    const attachment = await this.attach(id, { url, title: linkCommentText(link, 'plain'), subtitle: link.repository, metadata }, options);
    return { id: attachment.id, ...link };
  }

  async addTradeOff(id: string, tradeOff: NewTradeOff, options: WriteOptions): Promise<TradeOff> {
    const { location, ...rest } = tradeOff;
    const metadata = { kind: 'feedback-loop:tradeoff', key: options.idempotencyKey, ...rest, ...location, commit: location.commit ?? '' };
    const url = `${PLACEHOLDER_ORIGIN}/tradeoffs/${encodeURIComponent(options.idempotencyKey)}`;
    const title = `Trade-off: ${tradeOff.summary}`;
    const attachment = await this.attach(id, { url, title, subtitle: `${location.path}:${location.startLine}`, metadata }, options);
    return { id: attachment.id, ...tradeOff, createdAt: attachment.createdAt };
  }

  /** A reply is found by the comment id its key gives; a link or trade-off by the key in its metadata. */
  async findWrite(id: string, idempotencyKey: string, signal?: AbortSignal): Promise<FoundWrite | undefined> {
    const commentId = commentIdOf(idempotencyKey);
    if ((await this.rawComments(id, signal)).some((c) => c.id === commentId)) {
      return { kind: 'reply', commentId };
    }
    for (const attachment of await this.rawAttachments(id, signal)) {
      if (attachment.metadata.key === idempotencyKey) {
        return { kind: attachment.metadata.kind === 'feedback-loop:link' ? 'link' : 'tradeoff', commentId: attachment.id };
      }
    }
    return undefined;
  }

  private get overrides(): Overrides {
    return this.options.statusOverrides ?? {};
  }

  private filter(query: ListItemsQuery): Record<string, unknown> {
    const and: Record<string, unknown>[] = [{ team: { id: { eq: this.options.teamId } } }];
    if (this.options.projectId) {
      and.push({ project: { id: { eq: this.options.projectId } } });
    }
    if (this.options.labelId) {
      and.push({ labels: { some: { id: { eq: this.options.labelId } } } });
    }
    if (query.statuses?.length) {
      and.push(stateFilter(query.statuses, this.overrides));
    }
    if (query.updatedSince) {
      and.push({ updatedAt: { gt: query.updatedSince } });
    }
    return { and };
  }

  private async firstState(id: string, type: StateType, signal?: AbortSignal): Promise<string> {
    const answer = await this.call(TEAM_STATES, { id: issueId(id), type }, teamStatesSchema, signal);
    // A state of the type whose name is overridden to another status would show the issue elsewhere: the others first.
    const sorted = [...answer.issue.team.states.nodes].sort((a, b) => a.position - b.position);
    const status = TO_STATUS[type];
    const preferred = sorted.filter((s) => (overrideOf(this.overrides, s.name) ?? status) === status);
    const states = preferred.length > 0 ? preferred : sorted;
    if (states.length === 0) {
      throw new TrackerError('rejected', `The Linear team of this issue has no workflow state of type “${type}”.`);
    }
    return states[0].id;
  }

  private async attach(id: string, fields: { url: string; title: string; subtitle: string; metadata: Record<string, unknown> }, options: WriteOptions): Promise<LinearAttachment> {
    const input = { issueId: issueId(id), ...fields };
    return (await this.call(CREATE_ATTACHMENT, { input }, createAttachmentSchema, options.signal)).attachmentCreate.attachment;
  }

  /**
   * An issue of a list page with all its needs (the page read the first few): the demand counts every one.
   * Only an issue that says it has more is parsed here; parseEach checks (and reports) every one.
   */
  private async withAllNeeds(node: unknown, signal?: AbortSignal): Promise<unknown> {
    if ((node as { needs?: { pageInfo?: { hasNextPage?: unknown } } } | null)?.needs?.pageInfo?.hasNextPage !== true) {
      return node;
    }
    const issue = issueSchema.safeParse(node);
    return issue.success ? { ...issue.data, needs: { nodes: await this.allNeeds(issue.data, signal) } } : node;
  }

  /** The needs read with `issue`, and the rest of them when it has more. */
  private async allNeeds(issue: Pick<LinearIssue, 'id' | 'needs'>, signal?: AbortSignal): Promise<LinearNeed[]> {
    const { nodes, pageInfo } = issue.needs;
    if (!pageInfo?.hasNextPage || pageInfo.endCursor === null) {
      return nodes;
    }
    const page = async (after: string | null) => (await this.call(NEEDS, { id: issue.id, after }, needPageSchema, signal)).issue.needs;
    return [...nodes, ...(await allPages(this.options.http, page, `the customer needs of ${issue.id}`, pageInfo.endCursor))];
  }

  private async rawComments(id: string, signal?: AbortSignal): Promise<LinearComment[]> {
    return this.allPages(async (after) => (await this.call(COMMENTS, { id: issueId(id), after }, commentPageSchema, signal)).issue.comments, id);
  }

  private async rawAttachments(id: string, signal?: AbortSignal): Promise<LinearAttachment[]> {
    return this.allPages(async (after) => (await this.call(ATTACHMENTS, { id: issueId(id), after }, attachmentPageSchema, signal)).issue.attachments, id);
  }

  private async allPages<T>(page: (after: string | null) => Promise<Connection<T>>, id: string): Promise<T[]> {
    return allPages(this.options.http, page, id);
  }

  private async call<T>(query: string, variables: Record<string, unknown>, schema: z.ZodMiniType<T>, signal?: AbortSignal): Promise<T> {
    return call(this.options.http, query, variables, schema, signal);
  }
}

interface Connection<T> {
  nodes: T[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * The teams the token can see, for "Connect a Tracker…": also its probe
 * (a refused key fails here, before it is stored). Sorted by name.
 */
export async function listLinearTeams(http: HttpClient, signal?: AbortSignal): Promise<LinearTeam[]> {
  const teams = await allPages(http, async (after) => (await call(http, TEAMS, { after }, teamsSchema, signal)).teams, 'teams');
  return byName(teams);
}

/** The projects of a team, to narrow its issues to one. Sorted by name. */
export async function listLinearProjects(http: HttpClient, teamId: string, signal?: AbortSignal): Promise<LinearNamed[]> {
  const page = async (after: string | null) => (await call(http, TEAM_PROJECTS, { id: teamId, after }, teamProjectsSchema, signal)).team.projects;
  return byName(await allPages(http, page, `the projects of ${teamId}`));
}

/** The labels an issue of the team can carry (the team's and the workspace's), to narrow its issues to one. Sorted by name. */
export async function listLinearLabels(http: HttpClient, teamId: string, signal?: AbortSignal): Promise<LinearNamed[]> {
  const page = async (after: string | null) => (await call(http, TEAM_LABELS, { id: teamId, after }, teamLabelsSchema, signal)).issueLabels;
  return byName(await allPages(http, page, `the labels of ${teamId}`));
}

function byName<T extends { name: string }>(all: T[]): T[] {
  return all.sort((a, b) => a.name.localeCompare(b.name));
}

/** Every page of a connection; a cut list would hide the write a retry looks for, so endless paging fails. */
async function allPages<T>(http: HttpClient, page: (after: string | null) => Promise<Connection<T>>, what: string, from: string | null = null): Promise<T[]> {
  const all: T[] = [];
  let after: string | null = from;
  for (let n = 0; n < MAX_PAGES; n++) {
    const answer = await page(after);
    all.push(...answer.nodes);
    if (!answer.pageInfo.hasNextPage || answer.nodes.length === 0 || answer.pageInfo.endCursor === null || answer.pageInfo.endCursor === after) {
      return all;
    }
    after = answer.pageInfo.endCursor;
  }
  throw new TrackerError('malformed', `Tracker at ${http.host} keeps paging ${what} without end.`, { source: `POST ${GRAPHQL_PATH}` });
}

/** One GraphQL request: errors in a 200 are refusals too, and `data` is checked against the document's schema. */
async function call<T>(http: HttpClient, query: string, variables: Record<string, unknown>, schema: z.ZodMiniType<T>, signal?: AbortSignal): Promise<T> {
  const answer = await http.request('POST', GRAPHQL_PATH, { body: { query, variables }, signal });
  const envelope = http.parse(envelopeSchema, answer.body, answer.source);
  const refused = linearRefusal(200, envelope, answer.headers, answer.source);
  if (refused) {
    throw refused;
  }
  return http.parse(schema, envelope.data, answer.source, ['data']);
}

/** Linear's personal API keys go in `Authorization` as they are; OAuth tokens (a VS Code sign-in's) take `Bearer`. */
export function linearAuthHeaders(token: string, oauth = false): Readonly<Record<string, string>> {
  return { Authorization: oauth ? `Bearer ${token}` : token };
}

/**
 * GraphQL errors as TrackerErrors, for `HttpClientOptions.refusal` (a 4xx
 * with errors in the body) and for a 200 whose body holds errors. Undefined
 * when the body holds none.
 */
export function linearRefusal(status: number, body: unknown, headers: Readonly<Record<string, string>>, source: string): TrackerError | undefined {
  const envelope = envelopeSchema.safeParse(body);
  const first = envelope.success ? envelope.data.errors?.[0] : undefined;
  if (!first) {
    return undefined;
  }
  const code = first.extensions?.code;
  const said = clean(first.extensions?.userPresentableMessage ?? first.message ?? code ?? 'an error');
  const details = { status, code, source };
  if (code === 'RATELIMITED') {
    const reset = linearLimitResetMs(headers, true);
    const retryAfterMs = reset === undefined ? undefined : clampServerDelay(reset - Date.now());
    return new TrackerError('rateLimited', `Linear is limiting requests: ${said}.`, { ...details, retryAfterMs });
  }
  if (code === 'AUTHENTICATION_ERROR' || code === 'FORBIDDEN' || status === 401 || status === 403) {
    return new TrackerError('unauthorized', `Linear refused the API key: ${said}.`, details);
  }
  if (code === 'ENTITY_NOT_FOUND' || /entity not found/i.test(said)) {
    return new TrackerError('notFound', `Linear has no such issue: ${said}.`, details);
  }
  return new TrackerError(status >= 500 ? 'server' : 'rejected', `Linear refused ${source}: ${said}.`, details);
}

/**
 * When Linear's request or complexity budget refills (epoch ms in
 * `x-ratelimit-*-reset`), if the answer says it is spent, or always when
 * `limited` (a RATELIMITED error). For `HttpClientOptions.limitResetMs`.
 */
export function linearLimitResetMs(headers: Readonly<Record<string, unknown>>, limited = false): number | undefined {
  const resets = ['requests', 'complexity'].flatMap((budget) => {
    const spent = headers[`x-ratelimit-${budget}-remaining`] === '0';
    const reset = headers[`x-ratelimit-${budget}-reset`];
    return (spent || limited) && typeof reset === 'string' && /^\d{1,15}$/.test(reset) ? [Number(reset)] : [];
  });
  return resets.length === 0 ? undefined : Math.max(...resets);
}

function issueId(id: string): string {
  return nativeId(id, 'linear', undefined, ISSUE_ID);
}

/** A UUID (the form Linear takes for a client-chosen id) that only this key gives. */
export function commentIdOf(idempotencyKey: string): string {
  const hex = createHash('sha256').update(`feedback-loop:reply:${idempotencyKey}`).digest('hex');
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function stateTypesOf(statuses: readonly Status[]): StateType[] {
  return (Object.keys(TO_STATUS) as StateType[]).filter((type) => statuses.includes(TO_STATUS[type]));
}

/**
 * The issues whose status is one of these, as Linear filters them: a state
 * named in the overrides goes by its name only, every other by its type, so
 * each issue lands in the one group its status says.
 */
function stateFilter(statuses: readonly Status[], overrides: Overrides): Record<string, unknown> {
  const named = Object.keys(overrides);
  const byType = { state: { type: { in: stateTypesOf(statuses) }, ...(named.length > 0 ? { name: { nin: named } } : {}) } };
  const byName = named.filter((name) => statuses.includes(overrides[name]));
  return byName.length > 0 ? { or: [byType, { state: { name: { in: byName } } }] } : byType;
}

/** Own keys only: a state named "constructor" is not overridden by Object's prototype. */
function overrideOf(overrides: Overrides, name: string): Status | undefined {
  return Object.hasOwn(overrides, name) ? overrides[name] : undefined;
}

function statusOf(state: LinearIssue['state'], overrides: Overrides): Status {
  return overrideOf(overrides, state.name) ?? TO_STATUS[state.type];
}

function toSummary(issue: LinearIssue, overrides: Overrides): ItemSummary {
  const customers = distinctCustomers(issue.needs.nodes);
  const revenues = customers.flatMap((c) => (c.revenue ? [c.revenue.amount] : []));
  return {
    id: namespacedId('linear', undefined, issue.id),
    title: issue.title,
    status: statusOf(issue.state, overrides),
    votes: issue.needs.nodes.length,
    demandUnit: 'requests',
    customerCount: customers.length,
    revenue: revenues.length > 0 ? { amount: revenues.reduce((a, b) => a + b, 0), currency: 'USD' } : null,
    tags: issue.labels.nodes.map((l) => l.name),
    createdAt: issue.createdAt,
    updatedAt: issue.updatedAt,
    url: issue.url,
    companies: customers.map((c) => c.name),
  };
}

/** Linear's `Customer.revenue` is annual; ours is recurring revenue a month (every view says "/mo"). To the cent. */
function monthly(annual: number): number {
  return Math.round((annual / 12) * 100) / 100;
}

/**
 * One customer per Linear customer, however many requests it made; a need
 * whose customer is gone counts no customer. Each need with a body is one of
 * its customer's requests: the body is the quote, the need's url its source
 * (kept as Linear has it; the panel opens only web pages).
 */
function distinctCustomers(needs: readonly LinearNeed[]): Customer[] {
  const byId = new Map<string, Customer & { requests: CustomerRequest[] }>();
  for (const need of needs) {
    const { customer } = need;
    if (!customer) {
      continue;
    }
    let known = byId.get(customer.id);
    if (!known) {
      const revenue = typeof customer.revenue === 'number' ? { amount: monthly(customer.revenue), currency: 'USD' } : null;
      const tier = customer.tier?.displayName.trim() ? capped(customer.tier.displayName.trim(), MAX_TIER_LENGTH) : null;
      known = { id: `linear:${customer.id}`, name: customer.name, company: customer.name, revenue, tier, requests: [] };
      byId.set(customer.id, known);
    }
    const quote = need.body?.trim();
    if (quote && known.requests.length < MAX_CUSTOMER_REQUESTS) {
      known.requests.push({ quote: capped(quote, MAX_QUOTE_LENGTH), sourceUrl: sourceUrlOf(need.url) });
    }
  }
  return [...byId.values()];
}

/** A cut URL would lead somewhere else: one longer than the cap is no link. */
function sourceUrlOf(url: string | null | undefined): string | null {
  const trimmed = url?.trim();
  return trimmed && trimmed.length <= MAX_SOURCE_URL_LENGTH ? trimmed : null;
}

/** At most `max` UTF-16 units (what zod's maxLength counts), cut with an ellipsis and never inside a surrogate pair. */
function capped(text: string, max: number): string {
  if (text.length <= max) {
    return text;
  }
  let cut = text.slice(0, max - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) {
    cut = cut.slice(0, -1);
  }
  return `${cut}…`;
}

function toComment(comment: LinearComment): Comment {
  return {
    id: comment.id,
    author: { name: comment.user?.name ?? 'Linear', role: 'team' },
    body: comment.body,
    visibility: 'public',
    createdAt: comment.createdAt,
  };
}

function readLink(attachment: LinearAttachment): CommitLink | undefined {
  const meta = linkMetadataSchema.safeParse(attachment.metadata);
  if (!meta.success) {
    return undefined;
  }
  const { sha, repository, subject, author, committedAt } = meta.data;
  const placeholder = attachment.url.startsWith(`${PLACEHOLDER_ORIGIN}/`);
  const link = newCommitLinkSchema.safeParse({ sha, repository, subject, author, committedAt, url: placeholder ? null : attachment.url });
  return link.success ? { id: attachment.id, ...link.data } : undefined;
}

function readTradeOff(attachment: LinearAttachment): TradeOff | undefined {
  const meta = tradeOffMetadataSchema.safeParse(attachment.metadata);
  if (!meta.success) {
    return undefined;
  }
  const { summary, rationale, author, repository, path, startLine, endLine, commit } = meta.data;
  const location = { repository, path, startLine, endLine, commit: commit || null };
  const tradeOff = newTradeOffSchema.safeParse({ summary, rationale, author, location });
  return tradeOff.success ? { id: attachment.id, ...tradeOff.data, createdAt: attachment.createdAt } : undefined;
}
