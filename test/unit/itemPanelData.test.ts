// Core → panel mapping and the URL checks the host applies before anything
// leaves the editor.
import * as assert from 'node:assert/strict';
import type { FeedbackItem } from '../../src/core/model';
import { MAX_PANEL_TITLE, externalUrl, panelTitle, toPanelComment, toPanelItem } from '../../src/platform/panelData';

function item(overrides: Partial<FeedbackItem> = {}): FeedbackItem {
  return {
    id: 'FL-1',
    title: 'Export',
    status: 'open',
    votes: 1,
    customerCount: 0,
    revenue: null,
    tags: [],
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    url: null,
    description: '',
    customers: [],
    commentCount: 0,
    ...overrides,
  };
}

describe('item panel data', () => {
  describe('externalUrl', () => {
    it('lets http, https and mailto through', () => {
      assert.equal(externalUrl('https://example.com/a?b=1#c'), 'https://example.com/a?b=1#c');
      assert.equal(externalUrl('http://example.com'), 'http://example.com/');
      assert.equal(externalUrl('mailto:ada@example.com'), 'mailto:ada@example.com');
    });

    it('refuses every other scheme, relative URLs and credentials', () => {
      for (const bad of [
        'javascript:alert(1)',
        '  javascript:alert(1)',
        'JAVASCRIPT:alert(1)',
        'data:text/html,<script>alert(1)</script>',
        'file:///etc/passwd',
        'vscode://ms-vscode.something/run',
        'command:workbench.action.terminal.new',
        'vscode-webview://abc/index.html',
        '/relative',
        '//host/path',
        'not a url',
        'https://bank.example@evil.example/',
        'https://user:pass@example.com/',
      ]) {
        assert.equal(externalUrl(bad), undefined, bad);
      }
    });
  });

  describe('toPanelItem', () => {
    it('keeps an http(s) tracker URL', () => {
      assert.equal(toPanelItem(item({ url: 'https://tracker.example/FL-1' })).url, 'https://tracker.example/FL-1');
    });

    it('drops a tracker URL that is not a web page, so no button opens it', () => {
      for (const url of ['javascript:alert(1)', 'mailto:a@example.com', 'file:///x', 'relative/path']) {
        assert.equal(toPanelItem(item({ url })).url, null, url);
      }
    });

    it('copies the fields the panel shows', () => {
      const panel = toPanelItem(
        item({
          tags: ['a', 'b'],
          customers: [{ id: 'c1', name: 'Ada', company: null, revenue: { amount: 10, currency: 'EUR' } }],
          description: '# hi',
          companies: ['Acme'],
        }),
      );
      assert.deepEqual(panel.tags, ['a', 'b']);
      assert.deepEqual(panel.customers, [{ id: 'c1', name: 'Ada', company: null, revenue: { amount: 10, currency: 'EUR' }, tier: null, requests: [] }]);
      assert.equal(panel.description, '# hi');
      assert.ok(!('companies' in panel));
    });

    it('passes a customer’s tier and quotes, with a source URL only when it is a web page', () => {
      const requests = [
        { quote: 'Need CSV', sourceUrl: 'https://support.example/t/1' },
        { quote: 'Also PDF', sourceUrl: null },
        ...['javascript:alert(1)', 'mailto:a@example.com', 'file:///etc/passwd', 'https://user:pw@evil.example/', 'not a url'].map((sourceUrl) => ({ quote: sourceUrl, sourceUrl })),
      ];
      const customer = { id: 'c1', name: 'Acme', company: 'Acme', revenue: null, tier: 'Enter\u202Eprise\nplan', requests };
      const [panel] = toPanelItem(item({ customers: [customer] })).customers;
      assert.equal(panel.tier, 'Enterprise plan', 'a tier is one line without bidi controls');
      assert.deepEqual(
        panel.requests.map((r) => r.sourceUrl),
        ['https://support.example/t/1', null, null, null, null, null, null],
      );
      assert.deepEqual(panel.requests.map((r) => r.quote), requests.map((r) => r.quote), 'quotes pass unchanged: the webview shows them as text');
    });
  });

  it('marks internal comments and keeps the author role', () => {
    const base = { id: 'k', body: 'x', createdAt: '2024-01-01T00:00:00Z' };
    const internal = toPanelComment({ ...base, author: { name: 'T', role: 'team' }, visibility: 'internal' });
    const pub = toPanelComment({ ...base, author: { name: 'C', role: 'customer' }, visibility: 'public' });
    assert.deepEqual([internal.internal, internal.authorRole], [true, 'team']);
    assert.deepEqual([pub.internal, pub.authorRole], [false, 'customer']);
  });

  describe('panelTitle', () => {
    it('keeps short titles and folds whitespace to one line', () => {
      assert.equal(panelTitle('  Export\n\tto CSV ', 'FL-1'), 'Export to CSV');
    });

    it('truncates long titles with an ellipsis', () => {
      const title = panelTitle('x'.repeat(100), 'FL-1');
      assert.equal(Array.from(title).length, MAX_PANEL_TITLE);
      assert.ok(title.endsWith('…'));
    });

    it('never splits a surrogate pair', () => {
      const title = panelTitle('😀'.repeat(60), 'FL-1');
      assert.ok(!/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/.test(title), 'lone high surrogate');
      assert.equal(Array.from(title).length, MAX_PANEL_TITLE);
    });

    it('falls back when the title is blank', () => {
      assert.equal(panelTitle(' \n ', 'FL-1'), 'FL-1');
    });

    it('drops bidi overrides and isolates, so "evil" cannot show as "live" in the tab', () => {
      assert.equal(panelTitle('Refund \u202Elive\u202C now', 'FL-1'), 'Refund live now');
      assert.equal(panelTitle('\u2067\u202E', 'FL-1'), 'FL-1');
    });
  });

  it('sends the webview a title without bidi controls', () => {
    assert.equal(toPanelItem(item({ title: '\u2067Refund \u202Elive' })).title, 'Refund live');
  });
});
