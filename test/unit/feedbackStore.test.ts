import * as assert from 'node:assert/strict';
import type { ItemSource, ItemSourceQuery } from '../../src/core/feedbackStore';
import { FeedbackStore, PAGE_SIZE } from '../../src/core/feedbackStore';
import { STATUSES } from '../../src/core/model';
import type { ItemSummary } from '../../src/core/model';
import { groupChildren, rootNodes } from '../../src/core/treeModel';
import { items, summary } from './fakeItems';

/** An in-memory tracker: offset cursors, status and q filters, and a switch to fail. */
class FakeSource implements ItemSource {
  failWith: Error | undefined;
  readonly queries: ItemSourceQuery[] = [];
  constructor(public data: ItemSummary[]) {}

  async listItems(query: ItemSourceQuery) {
    this.queries.push(query);
    if (this.failWith) {
      throw this.failWith;
    }
    const matching = this.data.filter(
      (i) => (!query.statuses || query.statuses.includes(i.status)) && (!query.q || i.title.includes(query.q)),
    );
    const start = query.cursor ? Number(query.cursor) : 0;
    const end = start + query.limit;
    return { items: matching.slice(start, end), nextCursor: end < matching.length ? String(end) : null, rejected: [] };
  }
}

const describe_ = (e: unknown) => (e instanceof Error ? e.message : String(e));

function mixed(): ItemSummary[] {
  return [...items(250, 'open'), ...items(3, 'planned').map((i, n) => ({ ...i, id: `P-${n}` }))];
}

describe('FeedbackStore', () => {
  it('loads one page per status and never shows more than a page under a group', async () => {
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    const source = new FakeSource(mixed());
    store.setSource(source);
    await store.refresh();
    const open = store.groups().find((g) => g.status === 'open')!;
    assert.equal(open.items.length, PAGE_SIZE);
    assert.equal(open.hasMore, true);
    const planned = store.groups().find((g) => g.status === 'planned')!;
    assert.deepEqual([planned.items.length, planned.hasMore], [3, false]);
    assert.ok(source.queries.every((q) => q.limit === PAGE_SIZE && q.statuses?.length === 1));
  });

  it('loads the next page of one group on "Load more" until the end', async () => {
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    store.setSource(new FakeSource(mixed()));
    await store.refresh();
    await store.loadMore('status:open');
    await store.loadMore('status:open');
    const open = store.groups().find((g) => g.status === 'open')!;
    assert.deepEqual([open.items.length, open.hasMore], [250, false]);
    assert.equal(new Set(open.items.map((i) => i.id)).size, 250);
  });

  it('keeps the last good items, marked stale, when a refresh fails, and recovers', async () => {
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    const source = new FakeSource(mixed());
    store.setSource(source);
    await store.refresh();
    source.failWith = new Error('Tracker at 127.0.0.1 is not reachable');
    await store.refresh();
    assert.equal(store.stale, true);
    const roots = rootNodes(store, describe_);
    assert.equal(roots[0].kind, 'error');
    assert.match(roots[0].kind === 'error' ? roots[0].message : '', /not reachable/);
    const open = store.groups().find((g) => g.status === 'open')!;
    assert.equal(open.items.length, PAGE_SIZE);
    const [first] = groupChildren(open, store.stale, describe_);
    assert.equal(first.kind === 'item' && first.stale, true, 'its rows are marked stale');
    source.failWith = undefined;
    await store.refresh();
    assert.equal(store.stale, false);
    assert.equal(rootNodes(store, describe_)[0].kind, 'group');
  });

  it('reports each finished refresh once, with its error, and not the load of more rows', async () => {
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    const source = new FakeSource(mixed());
    const outcomes: unknown[] = [];
    store.onDidRefresh(({ error }) => outcomes.push(error === undefined ? 'ok' : (error as Error).message));
    store.setSource(source);
    await store.refresh();
    await store.loadMore('status:open');
    source.failWith = new Error('down');
    await store.refresh();
    assert.deepEqual(outcomes, ['ok', 'down']);
  });

  it('passes the filter as q and shows a filter row until it is cleared', async () => {
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    const source = new FakeSource([summary(1, { title: 'Export to CSV' }), summary(2, { title: 'Dark mode' })]);
    store.setSource(source);
    await store.setOptions({ filter: 'CSV' });
    assert.equal(source.queries.at(-1)?.q, 'CSV');
    const roots = rootNodes(store, describe_);
    assert.deepEqual(roots.map((n) => n.kind), ['filter', 'group']);
    await store.setOptions({ filter: '' });
    const groups = rootNodes(store, describe_).flatMap((n) => (n.kind === 'group' ? [n.name] : []));
    assert.deepEqual(groups, STATUSES.map((status) => ({ kind: 'status', status })), 'every status, named by its key (the view words it)');
  });

  it('reads every page when grouping by tag and reveals 100 rows at a time', async () => {
    const store = new FeedbackStore({ grouping: 'tag', sort: 'demand', filter: '' });
    const data = items(450).map((i) => ({ ...i, tags: ['api'] }));
    store.setSource(new FakeSource(data));
    await store.refresh();
    const api = () => store.groups().find((g) => g.label === 'api')!;
    assert.deepEqual([api().items.length, api().hasMore], [100, true]);
    await store.loadMore(api().key);
    assert.equal(api().items.length, 200);
  });

  it('ignores the answer of a refresh overtaken by a newer one', async () => {
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    const waiting: (() => void)[] = [];
    const slow: ItemSource = {
      listItems: async (q) => {
        await new Promise<void>((r) => waiting.push(r));
        return { items: [summary(1, { title: 'old', status: q.statuses![0] })], nextCursor: null, rejected: [] };
      },
    };
    store.setSource(slow);
    const first = store.refresh();
    store.setSource(new FakeSource([summary(2, { title: 'new' })]));
    await store.refresh();
    waiting.forEach((release) => release());
    await first;
    assert.deepEqual(store.allItems().map((i) => i.title), ['new']);
  });

  it('groups 10,000 cached items into the first level', async () => {
    const store = new FeedbackStore({ grouping: 'tag', sort: 'demand', filter: '' });
    store.setSource(new FakeSource(items(10_000).map((i, n) => ({ ...i, tags: [`t${n % 15}`] }))));
    await store.refresh();
    assert.equal(rootNodes(store, describe_).filter((n) => n.kind === 'group').length, 15);
  });
});

/**
 * A tracker whose cursors never end: `cursor(n)` is the next cursor after the
 * n-th request. It gives up (throws "runaway") after `limit` requests, so a
 * store without a guard fails the test instead of hanging it.
 */
class EndlessSource implements ItemSource {
  requests = 0;
  constructor(
    readonly name: string,
    private readonly cursor: (n: number) => string,
    private readonly limit = 20_000,
  ) {}
  async listItems(query: ItemSourceQuery) {
    if (++this.requests > this.limit) {
      throw new Error(`runaway: ${this.requests} requests`);
    }
    const status = query.statuses?.[0] ?? 'open';
    return { items: [summary(this.requests % 3, { status })], nextCursor: this.cursor(this.requests), rejected: [] };
  }
}

describe('FeedbackStore against a tracker that pages without end', () => {
  const errorRow = (store: FeedbackStore) => {
    const [first] = rootNodes(store, describe_);
    return first.kind === 'error' ? first.message : `no error row (${first.kind})`;
  };

  for (const grouping of ['status', 'tag'] as const) {
    it(`stops at a repeated next cursor and shows an error row naming the tracker (${grouping} grouping)`, async () => {
      const store = new FeedbackStore({ grouping, sort: 'demand', filter: '' });
      const source = new EndlessSource('tracker.test:4000', () => 'same-cursor');
      store.setSource(source);
      await store.refresh();
      assert.match(errorRow(store), /tracker\.test:4000/);
      assert.match(errorRow(store), /a page sent twice/);
      assert.ok(source.requests <= 2 * 6, `${source.requests} requests`);
    });
  }

  it('stops a tracker whose cursors are all new after a bounded number of pages', async () => {
    const store = new FeedbackStore({ grouping: 'tag', sort: 'demand', filter: '' });
    const source = new EndlessSource('tracker.test:4000', (n) => `page-${n}`);
    store.setSource(source);
    await store.refresh();
    assert.match(errorRow(store), /tracker\.test:4000: more than 500 pages/);
    assert.equal(source.requests, 500);
  });

  it('stops "Load more" at a cursor the group was already given', async () => {
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    const next = new Map<string | null, string>([[null, 'a'], ['a', 'b'], ['b', 'a']]);
    let loads = 0;
    store.setSource({
      name: 'tracker.test:4000',
      listItems: async (q) => {
        loads++;
        const count = q.cursor === null ? PAGE_SIZE : 1;
        const page = Array.from({ length: count }, (_, n) => summary(loads * 1000 + n, { status: q.statuses![0] }));
        return { items: page, nextCursor: next.get(q.cursor) ?? null, rejected: [] };
      },
    });
    await store.refresh();
    const open = () => store.groups().find((g) => g.key === 'status:open')!;
    const before = loads;
    await store.loadMore('status:open');
    assert.equal(open().loadMoreError, undefined, '"b" is new');
    await store.loadMore('status:open');
    assert.match(describe_(open().loadMoreError), /tracker\.test:4000: a page sent twice/);
    assert.equal(loads - before, 2);
  });
});
