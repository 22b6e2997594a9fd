// Core → panel protocol, and the checks on URLs that leave the editor, for
// the item panel and the Conversation view. Pure (no vscode), so it is tested
// in plain Node.
import { singleLineText } from '../core/displayText';
import type { Comment, Customer, FeedbackItem } from '../core/model';
import type { PanelComment, PanelCustomer, PanelItem } from '../shared/itemPanelProtocol';

/** Schemes the host opens from a webview request: a web page or a mail. */
const EXTERNAL_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:'];
/** The item's own page in the tracker must be a web page. */
const TRACKER_SCHEMES: readonly string[] = ['http:', 'https:'];

export const MAX_PANEL_TITLE = 40;

export function toPanelItem(item: FeedbackItem): PanelItem {
  return {
    id: item.id,
    // A title is one line; its bidi controls could reverse it (the webview isolates, but cannot undo an override).
    title: singleLineText(item.title),
    status: item.status,
    votes: item.votes,
    demandUnit: item.demandUnit ?? 'votes',
    customerCount: item.customerCount,
    revenue: item.revenue,
    tags: [...item.tags],
    description: item.description,
    customers: item.customers.map(toPanelCustomer),
    createdAt: item.createdAt,
    updatedAt: item.updatedAt,
    // A tracker answer is hostile too: a `javascript:` URL gets no button.
    url: item.url !== null && safeUrl(item.url, TRACKER_SCHEMES) !== undefined ? item.url : null,
  };
}

function toPanelCustomer(customer: Customer): PanelCustomer {
  return {
    id: customer.id,
    name: customer.name,
    company: customer.company,
    revenue: customer.revenue,
    tier: (customer.tier && singleLineText(customer.tier)) || null,
    // The quote is shown as text; its source is opened only when it is a web page (a `javascript:` one gets no button).
    requests: (customer.requests ?? []).map((r) => ({ quote: r.quote, sourceUrl: r.sourceUrl !== null ? (safeUrl(r.sourceUrl, TRACKER_SCHEMES) ?? null) : null })),
  };
}

export function toPanelComment(comment: Comment): PanelComment {
  return {
    id: comment.id,
    authorName: comment.author.name,
    authorRole: comment.author.role,
    internal: comment.visibility === 'internal',
    createdAt: comment.createdAt,
    body: comment.body,
  };
}

/**
 * The URL to hand to `openExternal` when a webview asks for `raw`, or
 * undefined when it is not an absolute http, https or mailto URL.
 */
export function externalUrl(raw: string): string | undefined {
  return safeUrl(raw, EXTERNAL_SCHEMES);
}

function safeUrl(raw: string, schemes: readonly string[]): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined; // not a URL: the answer, not an error
  }
  if (!schemes.includes(url.protocol)) {
    return undefined;
  }
  // Credentials in a link are a phishing trick (https://bank.com@evil.example).
  if (url.username || url.password) {
    return undefined;
  }
  return url.href;
}

/** The editor tab title: one line without bidi controls, at most MAX_PANEL_TITLE characters. */
export function panelTitle(title: string, fallback: string): string {
  const line = singleLineText(title);
  if (!line) {
    return fallback;
  }
  const chars = Array.from(line); // by code point: never split a surrogate pair
  return chars.length <= MAX_PANEL_TITLE ? line : `${chars.slice(0, MAX_PANEL_TITLE - 1).join('').trimEnd()}…`;
}
