// The plain web page behind an item's `url`, so that "open in tracker" lands
// somewhere. Every piece of customer text is escaped; no script, no styles,
// and a CSP that would block them anyway. The url holds a page key
// (access.ts): no Referer carries it on, and no cache keeps the page.
import type { StoredItem } from './data';
import { itemRevenue } from './money';
import type { Reply } from './reply';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

export function itemPage(item: StoredItem): string {
  const revenue = itemRevenue(item.customers);
  const customers = item.customers
    .map((c) => `<li>${escapeHtml(c.name)}${c.company === null ? '' : ` — ${escapeHtml(c.company)}`}</li>`)
    .join('');
  const comments = item.comments
    .map(
      (c) =>
        `<li><p><b>${escapeHtml(c.author.name)}</b> (${escapeHtml(c.author.role)}${c.visibility === 'internal' ? ', internal' : ''}), ` +
        `${escapeHtml(c.createdAt)}</p><pre>${escapeHtml(c.body)}</pre></li>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(item.id)}: ${escapeHtml(item.title)}</title></head>
<body>
<h1>${escapeHtml(item.id)}: ${escapeHtml(item.title)}</h1>
<p>Status: ${escapeHtml(item.status)} · Votes: ${item.votes} · Revenue: ${revenue ? `${revenue.amount} ${escapeHtml(revenue.currency)}` : '—'}</p>
<p>Tags: ${item.tags.map(escapeHtml).join(', ') || '—'}</p>
<h2>Description</h2>
<pre>${escapeHtml(item.description)}</pre>
<h2>Customers (${item.customers.length})</h2>
<ul>${customers}</ul>
<h2>Comments (${item.comments.length})</h2>
<ol>${comments}</ol>
</body></html>
`;
}

export function forbiddenPage(): Reply {
  return { status: 403, raw: '<!DOCTYPE html><title>Link not valid</title><p>This link is not valid: open the item from the editor.</p>', headers: PAGE_HEADERS };
}

export function notFoundPage(): Reply {
  return { status: 404, raw: '<!DOCTYPE html><title>Not found</title><p>No such page.</p>', headers: PAGE_HEADERS };
}
