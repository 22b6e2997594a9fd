// The item panel's views as DOM: the item (header, description, customers,
// comments), the loading and the error states. Customer text enters only as
// text nodes or as the markdown renderer's sanitised fragments.
import type {
  PanelComment,
  PanelCustomer,
  PanelCustomerRequest,
  PanelItem,
  PanelStrings,
} from '../../shared/itemPanelProtocol';
import { append, button, el, isolate } from './dom';
import { formatCount, formatDate, formatMoney } from './format';
import type { MarkdownRenderer } from './markdown';
import { statusBadge } from './statusBadge';

export interface RenderContext {
  readonly strings: PanelStrings;
  readonly locale: string;
  readonly markdown: MarkdownRenderer;
  readonly openExternal: (url: string) => void;
  readonly retry: () => void;
}

/** Sections still on their way (the host's `loading`): each says so instead of "none". */
export type LoadingSections = ReadonlySet<'details' | 'comments' | 'links'>;

export function renderItem(
  ctx: RenderContext,
  item: PanelItem,
  comments: readonly PanelComment[],
  loading: LoadingSections = new Set(),
  statusPending = false,
): HTMLElement {
  const details = loading.has('details');
  return el(
    'article',
    'item',
    renderHeader(ctx, item, statusPending),
    details ? renderSectionLoading(ctx, 'description', ctx.strings.description) : renderDescription(ctx, item.description),
    details ? renderSectionLoading(ctx, 'customers', ctx.strings.customers) : renderCustomers(ctx, item.customers),
    loading.has('comments') ? renderSectionLoading(ctx, 'comments', ctx.strings.comments) : renderComments(ctx, comments),
  );
}

/** A section whose content is on its way: its heading, and a line saying so (announced politely). */
function renderSectionLoading(ctx: RenderContext, className: string, heading: string): HTMLElement {
  const line = el('p', 'section-loading', el('span', 'spinner'), ctx.strings.loading);
  line.setAttribute('role', 'status');
  const section = el('section', `${className} loading`, el('h2', '', heading), line);
  section.setAttribute('aria-busy', 'true');
  return section;
}

export function renderLoading(ctx: RenderContext): HTMLElement {
  const box = el('div', 'state state-loading', el('span', 'spinner'), ctx.strings.loading);
  box.setAttribute('role', 'status');
  return box;
}

export function renderError(ctx: RenderContext, message: string): HTMLElement {
  const box = el('div', 'state state-error', el('p', 'error-message', message), button('primary', ctx.strings.retry, ctx.retry));
  box.setAttribute('role', 'alert');
  return box;
}

/** The banner over content that a refresh failed to update. */
export function renderStaleBanner(ctx: RenderContext, message: string): HTMLElement {
  const banner = el(
    'div',
    'banner banner-warning',
    el('span', 'banner-text', `${ctx.strings.staleNotice} `, isolate(el('span', '', message))),
    button('secondary', ctx.strings.retry, ctx.retry),
  );
  banner.setAttribute('role', 'alert');
  return banner;
}

function renderHeader(ctx: RenderContext, item: PanelItem, statusPending: boolean): HTMLElement {
  const badge = statusBadge(item.status, ctx.strings.statuses[item.status], statusPending ? { text: ctx.strings.statusPending } : undefined);
  const actions = el('div', 'item-actions', badge);
  const url = item.url;
  if (url !== null) {
    append(actions, button('link-button', ctx.strings.openInTracker, () => ctx.openExternal(url)));
  }
  return el(
    'header',
    'item-header',
    isolate(el('h1', 'item-title', item.title)),
    actions,
    renderStats(ctx, item),
    item.tags.length > 0 && renderTags(ctx, item.tags),
  );
}

function renderStats(ctx: RenderContext, item: PanelItem): HTMLElement {
  const stat = (label: string, value: string): HTMLElement => el('div', 'stat', el('dt', '', label), el('dd', '', value));
  return el(
    'dl',
    'stats',
    stat(item.demandUnit === 'requests' ? ctx.strings.requests : ctx.strings.votes, formatCount(item.votes, ctx.locale)),
    stat(ctx.strings.customers, formatCount(item.customerCount, ctx.locale)),
    item.revenue !== null && stat(ctx.strings.revenue, formatMoney(item.revenue, ctx.locale)),
  );
}

function renderTags(ctx: RenderContext, tags: readonly string[]): HTMLElement {
  const list = el('ul', 'tags', ...tags.map((tag) => isolate(el('li', 'tag', tag))));
  list.setAttribute('aria-label', ctx.strings.tags);
  return list;
}

function renderDescription(ctx: RenderContext, description: string): HTMLElement {
  const body = description.trim()
    ? isolate(el('div', 'markdown', ctx.markdown.toFragment(description)))
    : el('p', 'empty', ctx.strings.noDescription);
  return el('section', 'description', el('h2', '', ctx.strings.description), body);
}

function renderCustomers(ctx: RenderContext, customers: readonly PanelCustomer[]): HTMLElement {
  const heading = el('h2', '', `${ctx.strings.customers} (${formatCount(customers.length, ctx.locale)})`);
  if (customers.length === 0) {
    return el('section', 'customers', heading, el('p', 'empty', ctx.strings.noCustomers));
  }
  return el('section', 'customers', heading, el('ul', 'customer-list', ...customers.map((c) => renderCustomer(ctx, c))));
}

/** A customer's row (name, company when it is not the name, tier, revenue), then each of their requests as a quote. */
function renderCustomer(ctx: RenderContext, c: PanelCustomer): HTMLElement {
  let tier: HTMLElement | false = false;
  if (c.tier) {
    tier = isolate(el('span', 'customer-tier', c.tier));
    tier.title = ctx.strings.tier;
    tier.setAttribute('aria-label', `${ctx.strings.tier}: ${c.tier}`);
  }
  const row = el(
    'div',
    'customer-row',
    isolate(el('span', 'customer-name', c.name)),
    c.company !== null && c.company !== c.name && isolate(el('span', 'customer-company', c.company)),
    tier,
    c.revenue !== null && el('span', 'customer-revenue', formatMoney(c.revenue, ctx.locale)),
  );
  return el('li', 'customer', row, ...c.requests.map((r) => renderRequest(ctx, r)));
}

/** The customer's words as plain text (never markup), and a button to where they wrote them when that is a web page. */
function renderRequest(ctx: RenderContext, request: PanelCustomerRequest): HTMLElement {
  const url = request.sourceUrl;
  return el(
    'div',
    'customer-request',
    isolate(el('blockquote', 'customer-quote', request.quote)),
    url !== null && button('link-button source-link', ctx.strings.openSourceConversation, () => ctx.openExternal(url)),
  );
}

function renderComments(ctx: RenderContext, comments: readonly PanelComment[]): HTMLElement {
  const heading = el('h2', '', `${ctx.strings.comments} (${formatCount(comments.length, ctx.locale)})`);
  if (comments.length === 0) {
    return el('section', 'comments', heading, el('p', 'empty', ctx.strings.noComments));
  }
  return el('section', 'comments', heading, el('ol', 'comment-list', ...comments.map((c) => renderComment(ctx, c))));
}

/** What drawing one comment needs; the Conversation view draws its thread with the same function. */
export interface CommentContext {
  readonly strings: { readonly team: string; readonly customer: string; readonly internal: string };
  readonly locale: string;
  readonly markdown: MarkdownRenderer;
}

export function renderComment(ctx: CommentContext, comment: PanelComment): HTMLElement {
  const role = comment.authorRole === 'team' ? ctx.strings.team : ctx.strings.customer;
  const time = el('time', 'comment-date', formatDate(comment.createdAt, ctx.locale));
  time.dateTime = comment.createdAt;
  const header = el(
    'div',
    'comment-header',
    isolate(el('span', 'comment-author', comment.authorName)),
    el('span', `role-badge role-${comment.authorRole}`, role),
    comment.internal && el('span', 'internal-badge', ctx.strings.internal),
    time,
  );
  const classes = `comment comment-${comment.authorRole}${comment.internal ? ' comment-internal' : ''}`;
  return el('li', classes, header, isolate(el('div', 'markdown comment-body', ctx.markdown.toFragment(comment.body))));
}
