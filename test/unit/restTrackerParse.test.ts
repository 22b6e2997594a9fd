import * as assert from 'node:assert/strict';
import { HttpClient } from '../../src/trackers/http';
import { parseItemPage } from '../../src/trackers/rest/parseItems';
import { TrackerError } from '../../src/trackers/tracker';

const http = new HttpClient({ baseUrl: 'http://127.0.0.1:9', getToken: async () => undefined });
const SOURCE = 'GET /api/v1/items';

function item(i: number): Record<string, unknown> {
  return {
    id: `FB-${i}`,
    title: `Export feedback item ${i} to CSV with every column the finance team wants`,
    status: 'open',
    votes: i % 300,
    customerCount: i % 40,
    revenue: i % 3 ? { amount: i * 10, currency: 'USD' } : null,
    tags: ['export', 'csv'],
    createdAt: '2024-01-02T03:04:05.000Z',
    updatedAt: '2024-02-02T03:04:05Z',
    url: `https://tracker.example/items/${i}`,
    companies: ['Acme', 'Globex'],
  };
}

describe('RestTracker item parsing', () => {
  it('keeps good items and reports each bad one with its index, id and field', () => {
    const items = [item(0), { ...item(1), votes: 'many' }, item(2), { title: 42 }, { ...item(4), status: 'done', revenue: { amount: -1, currency: 'usd' } }];
    const page = parseItemPage(http, { items, nextCursor: 'c2' }, SOURCE);
    assert.deepEqual(page.items.map((i) => i.id), ['FB-0', 'FB-2']);
    assert.equal(page.nextCursor, 'c2');
    assert.deepEqual(page.rejected.map((r) => [r.index, r.id]), [[1, 'FB-1'], [3, undefined], [4, 'FB-4']]);
    assert.equal(page.rejected[0].issues.length, 1);
    assert.match(page.rejected[0].issues[0], /^items\[1\]\.votes: /);
    assert.ok(page.rejected[1].issues.some((i) => i.startsWith('items[3].title: ')));
    const fields = page.rejected[2].issues.map((i) => i.split(':')[0]).sort();
    assert.deepEqual(fields, ['items[4].revenue.amount', 'items[4].revenue.currency', 'items[4].status']);
  });

  it('rejects the whole answer when the envelope is wrong, naming field and source', () => {
    for (const body of [null, [], { items: 'x', nextCursor: null }, { items: [] }]) {
      assert.throws(
        () => parseItemPage(http, body, SOURCE),
        (e: unknown) => e instanceof TrackerError && e.kind === 'malformed' && e.message.includes(`malformed answer to ${SOURCE}: `),
        JSON.stringify(body),
      );
    }
  });

  it('does not read a hostile id as readable', () => {
    const page = parseItemPage(http, { items: [{ id: 'x'.repeat(5000) }, { id: 7 }], nextCursor: null }, SOURCE);
    assert.deepEqual(page.rejected.map((r) => r.id), [undefined, undefined]);
  });
});
