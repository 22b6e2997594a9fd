// The Feedback view's rows show tracker text (titles, tags, companies, error
// texts): no bidi control in it reaches a label, description or tooltip.
import * as assert from 'node:assert/strict';
import type { TreeNode } from '../../src/core/treeModel';
import { itemNode } from '../../src/core/treeModel';
import { shownNode } from '../../src/features/feedbackTree/shownNode';
import { summary } from './fakeItems';

const RLO = '\u202E';
const RLI = '\u2067';
const CONTROL = /[\u202A-\u202E\u2066-\u2069]/;

function shownStrings(node: TreeNode): string[] {
  return Object.entries(node).flatMap(([key, value]) => (typeof value === 'string' && !['id', 'key', 'groupKey', 'kind'].includes(key) ? [value] : []));
}

describe('Feedback view row text', () => {
  it('shows an item whose title, tags and companies carry overrides in logical order', () => {
    const item = summary(12, { title: `Refund ${RLO}live`, tags: [`${RLI}vip`], companies: [`${RLO}Acme`] });
    const node = shownNode(itemNode(item, 'status:open', false));
    assert.equal(node.kind === 'item' && node.label, `▲${item.votes} Refund live`, 'the votes, then the title');
    assert.match(node.kind === 'item' ? node.accessibleName : '', /^Refund live, \d+ votes, /, 'said in words, the title first');
    assert.ok(shownStrings(node).every((s) => !CONTROL.test(s)), JSON.stringify(node));
    assert.match(node.kind === 'item' ? node.tooltip : '', /\n/, 'tooltips keep their lines');
  });

  it('cleans every kind of row and leaves ids, keys and the item alone', () => {
    const item = summary(1, { title: `${RLO}x` });
    const nodes: TreeNode[] = [
      { kind: 'error', id: 'error', message: `Tracker said ${RLO}nope`, stale: false },
      { kind: 'filter', id: 'filter', filter: `${RLI}abc` },
      { kind: 'rejected', id: 'rejected', count: 1, details: `FB-${RLO}1: bad\nFB-2: bad` },
      { kind: 'empty', id: 'empty', message: `No items match ${RLO}x` },
      { kind: 'group', id: `tag:${RLO}a`, key: `tag:${RLO}a`, label: `${RLO}vip customers`, description: '2 items', status: undefined, stale: false },
      { kind: 'loadMore', id: 'k/loadMore', groupKey: `tag:${RLO}a`, loading: false, error: `${RLO}timeout` },
      itemNode(item, 'g', false),
    ];
    for (const node of nodes) {
      const shown = shownNode(node);
      assert.ok(shownStrings(shown).every((s) => !CONTROL.test(s)), JSON.stringify(shown));
      assert.equal(shown.id, node.id);
      assert.equal('key' in shown && shown.key, 'key' in node && node.key);
      assert.equal('groupKey' in shown && shown.groupKey, 'groupKey' in node && node.groupKey);
      assert.equal('item' in shown && shown.item, 'item' in node && node.item);
    }
  });

  it('leads a row with its votes, keeps customers and revenue after the title, and says it all in words', () => {
    const item = summary(1, { title: 'Sort invoices', votes: 1234, customerCount: 23, revenue: { amount: 138_097, currency: 'EUR' } });
    const node = itemNode(item, 'status:open', true, 2);
    assert.equal(node.label, '▲1.2k Sort invoices');
    assert.equal(node.description, '23 customers · €138k/mo · 2 commits · stale');
    assert.equal(node.accessibleName, 'Sort invoices, 1234 votes, 23 customers, €138k a month, 2 commits, stale');
  });
});
