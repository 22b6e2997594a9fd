// The customer impact in words: the English a user reads, pinned; and the
// pull-request markdown against hostile customer text, rendered as GitHub
// would: whatever a title or quote holds, it stays text in its own bullet.
import './vscodeL10n';
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type { Impact, ImpactedItem, ImpactReason } from '../../src/core/impact/impact';
import { impactTotals } from '../../src/core/impact/impactTotals';
import type { ImpactTotals } from '../../src/core/impact/impactTotals';
import { hintText, reasonText, totalsLine } from '../../src/features/customerImpact/impactText';
import { impactMarkdown } from '../../src/features/customerImpact/impactMarkdown';
import type { ImpactMarkdownSources } from '../../src/features/customerImpact/impactMarkdown';
import { propertyRuns } from '../support/propertySeed';
import { summary } from './fakeItems';

const SHA = 'a1b2c3d4e5f60718293a4b5c6d7e8f9012345678';
const RLO = '\u202E';
const HUGE = 'x'.repeat(30_000) + ' [a](javascript:alert(1)) '.repeat(1_400);

function totals(overrides: Partial<ImpactTotals>): ImpactTotals {
  return { requests: 5, votes: 40, customers: 23, customersAtLeast: 23, revenue: [{ amount: 140_000, currency: 'USD' }], exact: true, withoutDemand: 0, ...overrides };
}

function commit(overrides: Partial<Extract<ImpactReason, { kind: 'commit' }>> = {}): ImpactReason {
  return { kind: 'commit', repository: '/repo', side: 'added', path: 'src/billing.ts', lines: { start: 40, end: 58 }, sha: SHA, shownAt: { path: 'src/billing.ts', line: 40 }, ...overrides };
}

function tradeOff(tradeOffId: string, path = 'src/limits.ts'): ImpactReason {
  return { kind: 'tradeOff', repository: '/repo', path, tradeOffId, lines: { start: 12, end: 20 }, shownAt: { path, line: 12 } };
}

function impactOf(items: readonly ImpactedItem[]): Impact {
  return { items, totals: impactTotals(items) };
}

function sources(overrides: Partial<ImpactMarkdownSources> = {}): ImpactMarkdownSources {
  return { quoteOf: () => undefined, tradeOffSummary: () => undefined, ...overrides };
}

describe('customer impact text: totals', () => {
  it('says requests, customers and revenue', () => {
    assert.equal(totalsLine(totals({})), '5 requests · 23 customers · $140k/mo');
    assert.equal(totalsLine(totals({ requests: 1, customers: 1, customersAtLeast: 1, revenue: [] })), '1 request · 1 customer');
  });

  it('says "up to" for customers (and their revenue) that may be counted twice', () => {
    const revenue = [
      { amount: 140_000, currency: 'USD' },
      { amount: 3_000, currency: 'EUR' },
    ];
    assert.equal(totalsLine(totals({ customersAtLeast: 9, exact: false, revenue })), '5 requests · up to 23 customers · up to $140k + €3k/mo');
    // Not exact, but one item holds them all: no doubt left.
    assert.equal(totalsLine(totals({ customersAtLeast: 23, exact: false })), '5 requests · 23 customers · $140k/mo');
  });

  it('words what impactTotals computes', () => {
    const items = [
      { id: 'FB-1', item: summary(1, { customerCount: 5, revenue: { amount: 3_000, currency: 'EUR' } }) },
      { id: 'FB-2', item: summary(2, { customerCount: 9, revenue: { amount: 1_200, currency: 'USD' } }) },
      { id: 'FB-3', item: undefined },
    ];
    assert.equal(totalsLine(impactTotals(items)), '3 requests · up to 14 customers · up to €3k + $1.2k/mo');
  });

  it('says only the requests without customers, as without a tracker', () => {
    assert.equal(totalsLine(totals({ requests: 3, votes: 0, customers: 0, customersAtLeast: 0, revenue: [], withoutDemand: 3 })), '3 requests');
    assert.equal(totalsLine(totals({ customers: 0, customersAtLeast: 0 })), '5 requests');
  });
});

describe('customer impact text: reasons', () => {
  it('names the lines, the file and the short commit', () => {
    assert.equal(reasonText(commit()), 'lines 40–58 of billing.ts last changed in a1b2c3d');
    assert.equal(reasonText(commit({ lines: { start: 40, end: 40 } })), 'line 40 of billing.ts last changed in a1b2c3d');
    assert.equal(reasonText(commit({ side: 'removed', shownAt: undefined })), 'lines 40–58 of billing.ts last changed in a1b2c3d');
  });

  it('names trade-offs and branches', () => {
    assert.equal(reasonText(tradeOff('T-1')), 'trade-off on lines 12–20 of limits.ts');
    assert.equal(reasonText({ kind: 'branch', repository: '/repo', branch: 'feedback/FB-31' }), 'branch feedback/FB-31');
  });

  it('keeps hostile paths and branches to one short line, without bidi overrides', () => {
    assert.equal(reasonText(commit({ path: `src/in${RLO}voice\n.ts` })), 'lines 40–58 of invoice .ts last changed in a1b2c3d');
    const branch = reasonText({ kind: 'branch', repository: '/repo', branch: `feedback/${HUGE}` });
    assert.ok(branch.length < 120 && branch.endsWith('…'), branch);
  });
});

describe('customer impact text: CodeLens', () => {
  it('sums requests and customers', () => {
    const items = [
      { id: 'FB-1', item: summary(1, { customerCount: 5 }), reasons: [] },
      { id: 'FB-2', item: summary(2, { customerCount: 4 }), reasons: [] },
    ];
    assert.equal(hintText(items), '2 requests · 9 customers');
    assert.equal(hintText([{ id: 'FB-1', item: summary(1, { customerCount: 1 }), reasons: [] }]), '1 request · 1 customer');
  });

  it('counts items without a summary or customers as requests only', () => {
    assert.equal(hintText([{ id: 'FB-9', item: undefined, reasons: [] }]), '1 request');
    assert.equal(hintText([{ id: 'FB-9', item: undefined, reasons: [] }, { id: 'FB-1', item: summary(1, { customerCount: 0 }), reasons: [] }]), '2 requests');
  });
});

describe('customer impact text: pull request markdown', () => {
  const fb12 = summary(12, { title: 'Export to CSV', votes: 12, customerCount: 5, revenue: { amount: 3_000, currency: 'EUR' }, url: 'https://tracker.example/items/FB-12' });

  it('lists the totals, then each item with its demand, a quote and the trade-offs touched', () => {
    const impact = impactOf([
      { id: 'FB-12', item: fb12, reasons: [tradeOff('T-1'), tradeOff('T-1'), tradeOff('T-2', 'src/paging.ts'), commit()] },
      { id: 'FB-9', item: undefined, reasons: [commit()] },
    ]);
    const markdown = impactMarkdown(
      impact,
      sources({ quoteOf: (id) => (id === 'FB-12' ? 'We export every Monday and\nthe CSV breaks in Excel.' : undefined), tradeOffSummary: (id) => (id === 'T-1' ? 'At most 100 rows per page (memory)' : undefined) }),
    );
    assert.equal(
      markdown,
      [
        '### Customer impact',
        '',
        '2 requests · 5 customers · €3k/mo',
        '',
        '- **FB-12** [Export to CSV](https://tracker.example/items/FB-12) — 12 votes · 5 customers · €3k/mo',
        '  > "We export every Monday and the CSV breaks in Excel."',
        '  - Trade-off: At most 100 rows per page \\(memory\\)',
        '  - Trade-off: lines 12–20 of paging.ts',
        '- **FB-9** (not in the tracker)',
        '',
      ].join('\n'),
    );
  });

  it('says when no item is impacted', () => {
    assert.equal(impactMarkdown(impactOf([]), sources()), '### Customer impact\n\nThese changes touch no code linked to feedback.\n');
  });

  it('shortens a long quote on a word, with an ellipsis, to 140 characters', () => {
    const markdown = impactMarkdown(impactOf([{ id: 'FB-12', item: fb12, reasons: [] }]), sources({ quoteOf: () => 'word '.repeat(60) }));
    const quote = `${Array.from({ length: 28 }, () => 'word').join(' ')}…`;
    assert.equal(quote.length, 140);
    assert.ok(markdown.includes(`  > "${quote}"\n`), markdown);
  });

  it('links only http(s) pages, percent-encoding what would end the link', () => {
    const line = (url: string | null, urlOf?: (id: string) => string | undefined): string => impactMarkdown(impactOf([{ id: 'FB-1', item: summary(1, { title: 'T', url }), reasons: [] }]), sources({ urlOf })).split('\n')[4];
    assert.equal(line('https://t.example/a (b)<c>'), '- **FB-1** [T](https://t.example/a%20%28b%29%3Cc%3E) — 999 votes · 3 customers · $1.2k/mo');
    assert.equal(line('http://intranet/items/1?a=1&b=2'), '- **FB-1** [T](http://intranet/items/1?a=1&b=2) — 999 votes · 3 customers · $1.2k/mo');
    assert.equal(line(null, () => 'https://t.example/from-source'), '- **FB-1** [T](https://t.example/from-source) — 999 votes · 3 customers · $1.2k/mo');
    for (const url of ['javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', '//evil.example', 'not a url', null]) {
      assert.equal(line(url), '- **FB-1** T — 999 votes · 3 customers · $1.2k/mo', String(url));
    }
  });

  it('names an item without a title', () => {
    assert.ok(impactMarkdown(impactOf([{ id: 'FB-1', item: summary(1, { title: ` ${RLO}\n` }), reasons: [] }]), sources()).includes('- **FB-1** (untitled) — '));
  });
});

/** Renders as GitHub does: raw HTML allowed, bare URLs and e-mail addresses linked. */
function gitHubLike(): MarkdownIt.MarkdownIt {
  const md = new MarkdownIt({ html: true, linkify: true });
  // GitHub links `https://…`, `www.…` and addresses, not bare domains or `//host`.
  md.linkify.set({ fuzzyLink: false });
  md.linkify.add('//', null);
  return md;
}

function flatten(tokens: readonly MarkdownIt.Token[]): MarkdownIt.Token[] {
  return tokens.flatMap((token) => [token, ...flatten(token.children ?? [])]);
}

/** A page however a renderer percent-encodes its URL: printable ASCII escapes decoded. */
function samePage(url: string): string {
  return new URL(url).href.replace(/%([2-7][0-9A-F])/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

/** The structure the block must keep whatever the text: one heading, one top-level bullet per item, links only to the items' pages. */
function assertContained(markdown: string, itemCount: number, allowedLinks: readonly string[]): void {
  const tokens = gitHubLike().parse(markdown, {});
  const all = flatten(tokens);
  const types = (type: string) => all.filter((token) => token.type === type);
  assert.equal(types('heading_open').length, 1, markdown);
  assert.equal(tokens.filter((token) => token.type === 'list_item_open' && token.level === 1).length, itemCount, markdown);
  for (const forbidden of ['image', 'html_block', 'html_inline', 'code_inline', 'code_block', 'fence', 'em_open', 'hr', 'table_open', 's_open']) {
    assert.deepEqual(types(forbidden), [], `${forbidden} in ${markdown}`);
  }
  assert.equal(types('strong_open').length, itemCount, markdown);
  for (const link of types('link_open')) {
    const href = String(link.attrGet('href') ?? '');
    assert.ok(/^https?:/.test(href) && allowedLinks.includes(samePage(href)), `${href} in ${markdown}`);
  }
}

describe('customer impact markdown against hostile text', () => {
  const HOSTILE = [
    '[x](javascript:alert(1))',
    '![x](https://evil.example/pixel.png)',
    '<img src=x onerror=alert(1)>',
    'fine\n# heading\n\n- escaped bullet\n> quote',
    '`code` ```fence```',
    '*em* _em_ **strong** ~~gone~~ | a | b |\n|---|---|',
    '<https://evil.example> https://evil.example www.evil.example mail@evil.example',
    '&lt;img src=x&gt; &#91;x&#93;(https://evil.example)',
    '\\[x\\](https://evil.example) \\',
    `${RLO}txt.exe`,
    '---',
    HUGE,
  ];

  it('keeps each hostile title, quote, summary and id text in its bullet', () => {
    const url = 'https://tracker.example/items/1';
    for (const text of HOSTILE) {
      const impact = impactOf([
        { id: text, item: summary(1, { title: text, url }), reasons: [tradeOff(text)] },
        { id: `FB-9${text}`, item: undefined, reasons: [] },
      ]);
      const started = Date.now();
      const markdown = impactMarkdown(impact, sources({ quoteOf: () => text, tradeOffSummary: () => text }));
      // Linear work: a quadratic step would take seconds on 64 kB.
      assert.ok(Date.now() - started < 250, `${Date.now() - started} ms`);
      assert.ok(markdown.length < 2_000, `${markdown.length} characters`);
      assertContained(markdown, 2, [samePage(url)]);
      assert.ok(!markdown.includes(RLO));
      assert.doesNotMatch(markdown, /www\.evil/);
    }
  });

  it('shows the text as written', () => {
    const title = '<img src=x> [x](y) `z` *a* #1 a@b.c https://e.example/ & &amp;';
    const html = gitHubLike().render(impactMarkdown(impactOf([{ id: 'FB-1', item: summary(1, { title, url: null }), reasons: [] }]), sources()));
    assert.ok(html.includes('&lt;img src=x&gt; [x](y) `z` *a* #1 a@b.c https://e.example/ &amp; &amp;amp;'), html);
  });

  it('links nothing but the items’ pages, whatever the titles, quotes and URLs (property)', () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.constantFrom(...HOSTILE.slice(0, -1)), fc.array(fc.constantFrom('[', ']', '(', ')', '<', '>', '!', '`', '\\', '*', '\n', '#', 'https://e.example', 'x', ' ', '&amp;', RLO)).map((parts) => parts.join('')));
    const url = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.constantFrom('javascript:alert(1)', 'https://t.example/a)b(c d', 'https://t.example/&amp;'), fc.string());
    const item = fc.record({ id: text, title: text, quote: text, url, known: fc.boolean() });
    fc.assert(
      fc.property(fc.uniqueArray(item, { minLength: 1, maxLength: 4, selector: (entry) => entry.id }), (entries) => {
        const items = entries.map(({ id, title, url, known }) => ({ id, item: known ? summary(1, { id, title, url }) : undefined, reasons: [tradeOff(title)] }));
        const quotes = new Map(entries.map(({ id, quote }) => [id, quote]));
        const markdown = impactMarkdown(impactOf(items), sources({ quoteOf: (id) => quotes.get(id), tradeOffSummary: (id) => id }));
        const pages = entries.flatMap(({ url, known }) => (known && /^https?:\/\/./i.test(url) && URL.canParse(url) ? [samePage(url)] : []));
        assertContained(markdown, entries.length, pages);
        // Each item with a page links to it.
        assert.equal(flatten(gitHubLike().parse(markdown, {})).filter((token) => token.type === 'link_open').length, pages.length, markdown);
        assert.doesNotMatch(gitHubLike().render(markdown), /<img/);
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});
