// The Feedback view's rows in words: exactly as users (and the e2e suite, which
// reads accessible names, descriptions and group labels) read them in English,
// and showing tracker text (titles, tags, companies, error texts) without any
// bidi control in a label, description, accessible name or tooltip.
import './vscodeL10n';
import * as assert from 'node:assert/strict';
import type { GroupView } from '../../src/core/feedbackStore';
import { NONE } from '../../src/core/grouping';
import type { Status } from '../../src/core/model';
import type { ConnectionState } from '../../src/core/multiTree';
import type { TreeNode } from '../../src/core/treeModel';
import { groupNode, itemNode } from '../../src/core/treeModel';
import type { RowText } from '../../src/features/feedbackTree/rowText';
import { rowText } from '../../src/features/feedbackTree/rowText';
import { summary } from './fakeItems';

const RLO = '\u202E';
const RLI = '\u2067';
const CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

function shownStrings(text: RowText): string[] {
  return Object.values(text).filter((value): value is string => typeof value === 'string');
}

function group(key: string, label: string, status: Status | undefined, count: number, hasMore = false): GroupView {
  return { key, label, status, items: Array.from({ length: count }, (_, i) => summary(i + 1)), hasMore, loadingMore: false, loadMoreError: undefined };
}

describe('Feedback view row text', () => {
  it('shows an item whose title, tags and companies carry overrides in logical order', () => {
    const item = summary(12, { title: `Refund ${RLO}live`, tags: [`${RLI}vip`], companies: [`${RLO}Acme`] });
    const text = rowText(itemNode(item, 'status:open', false));
    assert.equal(text.label, `▲${item.votes} Refund live`, 'the votes, then the title');
    assert.match(text.accessibleName ?? '', /^Refund live, \d+ votes, /, 'said in words, the title first');
    assert.ok(shownStrings(text).every((s) => !CONTROL.test(s)), JSON.stringify(text));
    assert.match(text.tooltip ?? '', /\n/, 'tooltips keep their lines');
  });

  it('cleans every kind of row', () => {
    const nodes: TreeNode[] = [
      { kind: 'error', id: 'error', message: `Tracker said ${RLO}nope`, stale: true },
      { kind: 'filter', id: 'filter', filter: `${RLI}abc` },
      { kind: 'rejected', id: 'rejected', count: 2, shown: [{ id: `FB-${RLO}1`, issues: ['bad'] }, { id: undefined, issues: [`${RLI}bad`] }] },
      { kind: 'empty', id: 'empty', filter: `${RLO}x` },
      groupNode(group(`tag:${RLO}a`, `${RLO}vip customers`, undefined, 2), false),
      { kind: 'loadMore', id: 'k/loadMore', groupKey: `tag:${RLO}a`, loading: false, error: `${RLO}timeout` },
      itemNode(summary(1, { title: `${RLO}x` }), 'g', false),
    ];
    for (const node of nodes) {
      const text = rowText(node);
      assert.ok(shownStrings(text).every((s) => !CONTROL.test(s)), JSON.stringify(text));
    }
  });

  it('leads a row with its votes, keeps customers and revenue after the title, and says it all in words', () => {
    const item = summary(1, { title: 'Sort invoices', votes: 1234, customerCount: 23, revenue: { amount: 138_097, currency: 'EUR' } });
    const text = rowText(itemNode(item, 'status:open', true, 2));
    assert.equal(text.label, '▲1.2k Sort invoices');
    assert.equal(text.description, '23 customers · €138k/mo · 2 commits · stale');
    assert.equal(text.accessibleName, 'Sort invoices, 1234 votes, 23 customers, €138k a month, 2 commits, stale');
  });

  it('says one vote, customer and commit, leaves out missing or zero revenue, and adds pending last', () => {
    const one = rowText({ ...itemNode(summary(1, { title: 'Dark mode', votes: 1, customerCount: 1, revenue: null }), 'g', false, 1), pending: true });
    assert.equal(one.description, '1 customer · 1 commit');
    assert.equal(one.accessibleName, 'Dark mode, 1 vote, 1 customer, 1 commit, pending');
    const zero = rowText(itemNode(summary(2, { title: 'CSV', votes: 0, customerCount: 0, revenue: { amount: 0, currency: 'USD' } }), 'g', false));
    assert.equal(zero.description, '0 customers');
    assert.equal(zero.accessibleName, 'CSV, 0 votes, 0 customers');
  });

  it('says how long an Awaiting Reply row has waited, before its votes and title', () => {
    const node = { ...itemNode(summary(5, { title: 'Dark mode', votes: 1, customerCount: 1, revenue: null }), 'pinned:awaitingReply', false, 2), waitingMs: 3 * 24 * 3_600_000 + 5 };
    const text = rowText(node);
    assert.equal(text.label, '3 d · ▲1 Dark mode');
    assert.equal(text.description, '1 customer · 2 commits');
    assert.equal(text.accessibleName, 'Dark mode, 1 vote, 1 customer, waiting 3 d, 2 commits');
    assert.equal(rowText({ ...node, waitingMs: 5 * 3_600_000 }).label, '5 h · ▲1 Dark mode');
    assert.equal(rowText({ ...node, waitingMs: 10_000 }).label, '1 min · ▲1 Dark mode');
    assert.equal(rowText({ ...node, waitingMs: undefined }).label, '▲1 Dark mode');
    const days = (n: number) => rowText({ ...node, waitingMs: n * 24 * 3_600_000 }).label.split(' · ')[0];
    assert.deepEqual([59, 60, 364, 365, 1008].map(days), ['59 d', '2 mo', '12 mo', '1 y', '2 y']);
  });

  it('hovers with the id, status, demand, tags, companies, update day, and why it is stale or pending', () => {
    const item = summary(7, {
      status: 'under-review',
      votes: 120,
      customerCount: 23,
      revenue: { amount: 138_097, currency: 'EUR' },
      tags: ['billing', 'api'],
      companies: ['A', 'B', 'C', 'D', 'E', 'F'],
      updatedAt: '2026-03-04T05:06:07Z',
    });
    const text = rowText({ ...itemNode(item, 'g', true), pending: true });
    assert.equal(
      text.tooltip,
      [
        'FB-7 · Under Review',
        '120 votes · 23 customers · €138k/mo (EUR)',
        'Tags: billing, api',
        'Companies: A, B, C, D, E, …',
        'Updated 2026-03-04',
        'Stale: the last refresh failed; this is the last good copy.',
        'Pending: the tracker has not confirmed this change yet.',
      ].join('\n'),
    );
    const plain = rowText(itemNode(summary(8, { votes: 1, customerCount: 1, revenue: { amount: 0, currency: 'USD' } }), 'g', false));
    assert.equal(plain.tooltip, 'FB-8 · Open\n1 vote · 1 customer · $0/mo (USD)\nUpdated 2026-01-02');
  });

  it('names status groups in words, tag and company groups by their data, and counts their rows', () => {
    const rows = [
      groupNode(group('status:open', 'open', 'open', 100, true), false),
      groupNode(group('status:under-review', 'under-review', 'under-review', 1), false),
      groupNode(group('status:in-progress', 'In Progress', 'in-progress', 0), false),
      groupNode(group('tag:vip', 'vip', undefined, 2), false),
      groupNode(group(`tag:${NONE}`, NONE, undefined, 3), false),
      groupNode(group(`company:${NONE}`, NONE, undefined, 1, true), false),
      groupNode(group('closeLoop:shipped', 'Shipped, not yet announced', undefined, 1), false),
    ].map((node) => [rowText(node).label, rowText(node).description]);
    assert.deepEqual(rows, [
      ['Open', '100+ items'],
      ['Under Review', '1 item'],
      ['In Progress', '0 items'],
      ['vip', '2 items'],
      ['No tag', '3 items'],
      ['No company', '1+ items'],
      ['Shipped, not yet announced', '1 item'],
    ]);
  });

  it('words the notices: nothing to list, items that could not be read, an error, a filter, loading more', () => {
    assert.equal(rowText({ kind: 'empty', id: 'empty', filter: '' }).label, 'No feedback items yet');
    assert.equal(rowText({ kind: 'empty', id: 'empty', filter: 'csv' }).label, 'No items match “csv”');
    const rejected = rowText({ kind: 'rejected', id: 'rejected', count: 12, shown: [{ id: 'FB-3', issues: ['title: Required', 'votes: Expected number'] }, { id: undefined, issues: ['id: Required'] }] });
    assert.deepEqual(rejected, {
      label: '12 items could not be read',
      description: 'show log',
      tooltip: 'FB-3: title: Required; votes: Expected number\nan item without id: id: Required',
      accessibleName: '12 items could not be read, show log',
    });
    const error = rowText({ kind: 'error', id: 'error', message: 'Tracker at 127.0.0.1 is not reachable', stale: true });
    assert.equal(error.description, 'showing the last good items');
    assert.equal(error.tooltip, 'Tracker at 127.0.0.1 is not reachable\n\nClick to retry. Details are in the Feedback Loop log.');
    assert.deepEqual([rowText({ kind: 'filter', id: 'filter', filter: 'csv' }).label, rowText({ kind: 'filter', id: 'filter', filter: 'csv' }).description], ['Filter: “csv”', 'click to clear']);
    assert.equal(rowText({ kind: 'loadMore', id: 'k', groupKey: 'k', loading: false, error: 'timeout' }).description, 'failed: timeout — click to retry');
  });

  it('words a connection’s root: its name, then how many items, loading, or that it failed (its error row is below)', () => {
    const connection = { id: 'rest-aaaaaaaa', name: `Acme ${RLO}Canny` };
    const root = (state: ConnectionState) => rowText({ kind: 'connection', id: connection.id, connection, state });
    assert.deepEqual(root({ kind: 'items', count: 120, hasMore: true, stale: false }), { label: 'Acme Canny', description: '120+ items', tooltip: undefined, accessibleName: 'Acme Canny, 120+ items' });
    assert.equal(root({ kind: 'items', count: 3, hasMore: false, stale: true }).description, '3 items · stale');
    assert.equal(root({ kind: 'loading' }).description, 'loading…');
    const failed = root({ kind: 'error', message: 'Tracker at 127.0.0.1 is not reachable', stale: false });
    assert.deepEqual([failed.description, failed.tooltip], ['failed', 'Acme Canny\n\nTracker at 127.0.0.1 is not reachable']);
    assert.equal(root({ kind: 'error', message: 'down', stale: true }).description, 'failed, showing the last good items');
    for (const text of [failed, root({ kind: 'loading' })]) {
      assert.ok(!shownStrings(text).some((value) => CONTROL.test(value)), JSON.stringify(text));
    }
  });

  it('names an item’s connection in Merge All only, after what the row says of the item', () => {
    const node = { ...itemNode(summary(1, { title: 'Dark mode', votes: 3, customerCount: 1, revenue: null }), 'status:open', false), connection: { id: 'rest-bbbbbbbb', name: 'Server B' } };
    const merged = rowText(node, { nameConnection: true });
    assert.equal(merged.description, '1 customer · Server B');
    assert.equal(merged.accessibleName, 'Dark mode, 3 votes, 1 customer, Server B');
    assert.deepEqual(rowText(node), rowText(node, { nameConnection: false }), 'under its root, the root names it');
    assert.ok(!(rowText(node).description ?? '').includes('Server B'));
  });
});
