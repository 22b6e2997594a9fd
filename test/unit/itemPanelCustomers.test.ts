// The item panel's customers: each row with its name, company (when it is not
// the name), tier and revenue, and under it each request as a plain-text quote
// with "Open Source Conversation" when the host passed a source URL. Rendered
// in jsdom; the button posts the host's one external-link message.
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import type { PanelCustomer, PanelItem, PanelStrings, WebviewMessage } from '../../src/shared/itemPanelProtocol';
import { webviewMessageSchema } from '../../src/shared/itemPanelProtocol';
import { createMarkdownRenderer } from '../../src/webview/itemPanel/markdown';
import { renderItem } from '../../src/webview/itemPanel/render';
import type { RenderContext } from '../../src/webview/itemPanel/render';

const STATUSES = { open: 'Open', 'under-review': 'Under Review', planned: 'Planned', 'in-progress': 'In Progress', shipped: 'Shipped', closed: 'Closed' };
const STRINGS: PanelStrings = {
  loading: 'Loading', refreshing: 'Refreshing', retry: 'Retry', openInTracker: 'Open in tracker', votes: 'Votes', requests: 'Requests', customers: 'Customers', revenue: 'Revenue',
  tags: 'Tags', description: 'Description', noDescription: 'None', noCustomers: 'None', openSourceConversation: 'Open Source Conversation', tier: 'Tier',
  comments: 'Comments', noComments: 'None', customer: 'customer', team: 'team', internal: 'internal', staleNotice: 'Stale', statuses: STATUSES, statusPending: 'pending',
};

function item(customers: PanelCustomer[]): PanelItem {
  return {
    id: 'linear:issue-1', title: 'CSV export', status: 'open', votes: 3, demandUnit: 'votes', customerCount: customers.length, revenue: null, tags: [], description: '',
    customers, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', url: null,
  };
}

const ACME: PanelCustomer = {
  id: 'linear:cust-acme',
  name: 'Acme',
  company: 'Acme',
  revenue: { amount: 1200, currency: 'USD' },
  tier: 'Enterprise',
  requests: [
    { quote: 'We need CSV export\nfor the audit.', sourceUrl: 'https://support.example/t/1' },
    { quote: '<img src=x onerror=alert(1)> **not markdown**', sourceUrl: null },
  ],
};

describe('item panel customers (tier, quotes, source conversation)', () => {
  let dom: JSDOM;
  let posted: WebviewMessage[];
  let ctx: RenderContext;
  const globals = globalThis as { document?: Document };

  beforeEach(() => {
    dom = new JSDOM('<!DOCTYPE html><body></body>');
    globals.document = dom.window.document;
    posted = [];
    const markdown = createMarkdownRenderer(createDOMPurify(dom.window as unknown as Window & typeof globalThis));
    // As main.ts wires it: the button asks the host, which validates the message and the URL.
    ctx = { strings: STRINGS, locale: 'en', markdown, openExternal: (url) => posted.push({ type: 'openExternal', url }), retry: () => undefined };
  });

  afterEach(() => {
    delete globals.document;
    dom.window.close();
  });

  const customerRows = (page: HTMLElement) => Array.from(page.querySelectorAll<HTMLElement>('.customer'));

  it('names what the demand counts: votes, or customer requests', () => {
    const stat = (page: HTMLElement) => page.querySelector('.stats dt')?.textContent;
    assert.equal(stat(renderItem(ctx, item([ACME]), [])), 'Votes');
    assert.equal(stat(renderItem(ctx, { ...item([ACME]), demandUnit: 'requests' }, [])), 'Requests');
  });

  it('shows name, tier and revenue, and the company only when it is not the name', () => {
    const bolt: PanelCustomer = { id: 'c2', name: 'Ada Lovelace', company: 'Bolt', revenue: null, tier: null, requests: [] };
    const [acme, ada] = customerRows(renderItem(ctx, item([ACME, bolt]), []));
    assert.equal(acme.querySelector('.customer-name')?.textContent, 'Acme');
    assert.equal(acme.querySelector('.customer-company'), null, 'Linear’s company is the customer’s name: shown once');
    assert.equal(acme.querySelector('.customer-tier')?.textContent, 'Enterprise');
    assert.equal(acme.querySelector('.customer-tier')?.getAttribute('aria-label'), 'Tier: Enterprise');
    assert.equal(acme.querySelector('.customer-revenue')?.textContent, '$1,200');
    assert.equal(ada.querySelector('.customer-company')?.textContent, 'Bolt');
    assert.equal(ada.querySelector('.customer-tier'), null);
    assert.equal(ada.querySelectorAll('.customer-quote').length, 0);
  });

  it('shows each request as a plain-text quote, never markup', () => {
    const [acme] = customerRows(renderItem(ctx, item([ACME]), []));
    const quotes = Array.from(acme.querySelectorAll('blockquote.customer-quote'));
    assert.deepEqual(quotes.map((q) => q.textContent), ACME.requests.map((r) => r.quote));
    assert.equal(acme.querySelector('img'), null, 'a quote’s markup stays text');
    assert.equal(acme.querySelector('strong'), null, 'a quote is not markdown');
    assert.ok(quotes.every((q) => q.getAttribute('dir') === 'auto'), 'each quote is isolated');
  });

  it('offers Open Source Conversation only for a request with a source URL, and it asks the host to open that URL', () => {
    const [acme] = customerRows(renderItem(ctx, item([ACME]), []));
    const [withSource, without] = Array.from(acme.querySelectorAll<HTMLElement>('.customer-request'));
    const buttons = Array.from(withSource.querySelectorAll('button'));
    assert.deepEqual(buttons.map((b) => b.textContent), ['Open Source Conversation']);
    assert.equal(without.querySelector('button'), null);
    buttons[0].click();
    assert.deepEqual(posted, [{ type: 'openExternal', url: 'https://support.example/t/1' }]);
    assert.ok(webviewMessageSchema.safeParse(posted[0]).success, 'the message is one the host accepts');
  });
});
