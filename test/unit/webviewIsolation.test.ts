// In the webviews, each field someone else wrote (titles, names, tags,
// comments, commit subjects) sits alone in an element with dir="auto": its
// direction comes from its own text, and bidi controls in it cannot reorder
// the fields around it ("FB-12 · title", "author · date").
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import type { PanelComment, PanelItem, PanelStrings } from '../../src/shared/itemPanelProtocol';
import { renderConversationHeader } from '../../src/webview/conversation/header';
import { createMarkdownRenderer } from '../../src/webview/itemPanel/markdown';
import { renderItem } from '../../src/webview/itemPanel/render';
import type { RenderContext } from '../../src/webview/itemPanel/render';
import { renderLinkedCommits } from '../../src/webview/itemPanel/renderLinkedCommits';
import { renderTradeOffs } from '../../src/webview/itemPanel/renderTradeOffs';

const RLO = '\u202E';
/** One distinct hostile text per field, so each can be found in the page. */
const field = (name: string): string => `${RLO}${name}-evil`;

const STATUSES = { open: 'Open', 'under-review': 'Under Review', planned: 'Planned', 'in-progress': 'In Progress', shipped: 'Shipped', closed: 'Closed' };
const STRINGS: PanelStrings = {
  loading: 'Loading', refreshing: 'Refreshing', retry: 'Retry', openInTracker: 'Open', votes: 'Votes', requests: 'Requests', customers: 'Customers', revenue: 'Revenue',
  tags: 'Tags', description: 'Description', noDescription: 'None', noCustomers: 'None', openSourceConversation: 'Source', tier: 'Tier', comments: 'Comments', noComments: 'None', tradeoffs: 'Trade-offs',
  links: { heading: 'Commits', none: 'None', linkPastCommit: 'Link', onDefaultBranch: 'on main', notOnDefaultBranch: 'not on main', notHere: 'not here' },
  customer: 'customer', team: 'team', internal: 'internal', staleNotice: 'Stale', statuses: STATUSES, statusPending: 'pending',
};

const ITEM: PanelItem = {
  id: 'FB-12', title: field('title'), status: 'open', votes: 1, demandUnit: 'votes', customerCount: 1, revenue: null, tags: [field('tag')], description: field('description'),
  customers: [{ id: 'c1', name: field('name'), company: field('company'), revenue: null, tier: field('tier'), requests: [{ quote: field('quote'), sourceUrl: 'https://support.example/t/1' }] }],
  createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z', url: null,
};
const COMMENT: PanelComment = { id: 'k1', authorName: field('author'), authorRole: 'customer', internal: false, createdAt: '2024-01-02T00:00:00Z', body: field('comment') };

describe('webview isolation of foreign text', () => {
  let dom: JSDOM;
  let ctx: RenderContext;
  const globals = globalThis as { document?: Document };

  beforeEach(() => {
    dom = new JSDOM('<!DOCTYPE html><body></body>');
    globals.document = dom.window.document;
    const markdown = createMarkdownRenderer(createDOMPurify(dom.window as unknown as Window & typeof globalThis));
    ctx = { strings: STRINGS, locale: 'en', markdown, openExternal: () => undefined, retry: () => undefined };
  });

  afterEach(() => {
    delete globals.document;
    dom.window.close();
  });

  /** Each text is the whole content of its nearest dir="auto" element. */
  function assertIsolated(root: ParentNode, texts: readonly string[]): void {
    for (const text of texts) {
      const holders = Array.from(root.querySelectorAll('*')).filter((e) => Array.from(e.childNodes).some((n) => n.nodeType === 3 && n.textContent?.includes(text)));
      assert.equal(holders.length, 1, `${JSON.stringify(text)} is shown once`);
      const isolate = holders[0].closest('[dir]');
      assert.equal(isolate?.getAttribute('dir'), 'auto', `${JSON.stringify(text)} in <${holders[0].localName} class="${holders[0].className}">`);
      assert.equal(isolate?.textContent?.trim(), text, `${JSON.stringify(text)} shares its isolate`);
    }
  }

  it('isolates the item panel\'s title, tags, customers (tier, quotes), description and comments', () => {
    const page = renderItem(ctx, ITEM, [COMMENT]);
    assertIsolated(page, ['title', 'tag', 'description', 'name', 'company', 'tier', 'quote', 'author', 'comment'].map(field));
  });

  it('isolates trade-off summaries, authors and rationales, and commit subjects and authors', () => {
    const tradeOffs = renderTradeOffs(
      { ...ctx, openLocation: () => undefined },
      [{ id: 't1', summary: field('summary'), rationale: field('rationale'), author: field('tauthor'), path: 'a.ts', startLine: 1, endLine: 2, detached: false, resolved: false, inWorkspace: true }],
    );
    const commits = renderLinkedCommits(
      { ...ctx, openCommit: () => undefined, linkPastCommit: () => undefined },
      [{ sha: 'abcdef1', subject: field('subject'), author: field('cauthor'), committedAt: '2024-01-01T00:00:00Z', repository: 'r', root: '/r', onDefaultBranch: true, tags: [] }],
    );
    assert.ok(tradeOffs && commits);
    assertIsolated(tradeOffs, ['summary', 'rationale', 'tauthor'].map(field));
    assertIsolated(commits, ['subject', 'cauthor'].map(field));
  });

  it('keeps the Conversation view\'s item id apart from its title', () => {
    const header = renderConversationHeader({ statuses: STATUSES, statusPending: 'pending' }, { id: 'FB-12', title: field('title'), status: 'open' });
    assertIsolated(header, [field('title')]);
    assert.equal(header.textContent, `OpenFB-12 · ${field('title')}`);
  });
});
