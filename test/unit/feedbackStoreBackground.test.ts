// Issue 12, "Live": a refresh nobody asked for changes rows in place — no
// loading state, no change event when nothing changed, moved items change group.
import * as assert from 'node:assert/strict';
import type { ItemSource, ItemSourceQuery } from '../../src/core/feedbackStore';
import { FeedbackStore, PAGE_SIZE } from '../../src/core/feedbackStore';
import type { ItemSummary } from '../../src/core/model';
import { rootNodes } from '../../src/core/treeModel';
import { items, summary } from './fakeItems';

class FakeSource implements ItemSource {
  supportsUpdatedSince: (() => Promise<boolean>) | undefined;
  failWith: Error | undefined;
  /** Resolves the next answers only when the test says so. */
  gate: Promise<void> | undefined;
  readonly queries: ItemSourceQuery[] = [];
  constructor(public data: ItemSummary[]) {}

  async listItems(query: ItemSourceQuery) {
    this.queries.push(query);
    await this.gate;
    if (this.failWith) {
      throw this.failWith;
    }
    const since = query.updatedSince === undefined ? undefined : Date.parse(query.updatedSince);
    const matching = this.data
      .filter((i) => (!query.statuses || query.statuses.includes(i.status)) && (since === undefined || Date.parse(i.updatedAt) >= since))
      .sort((a, b) => (query.sort === 'updated' ? Date.parse(b.updatedAt) - Date.parse(a.updatedAt) : 0));
    const start = query.cursor ? Number(query.cursor) : 0;
    const end = start + query.limit;
    // New objects every time, as a tracker's answer parsed again would be.
    return { items: matching.slice(start, end).map((i) => ({ ...i, tags: [...i.tags] })), nextCursor: end < matching.length ? String(end) : null, rejected: [] };
  }
}

const describeError = (e: unknown) => (e instanceof Error ? e.message : String(e));

async function loaded(data: ItemSummary[], grouping: 'status' | 'tag' = 'status') {
  const store = new FeedbackStore({ grouping, sort: 'demand', filter: '' });
  const source = new FakeSource(data);
  store.setSource(source);
  await store.refresh();
  let changes = 0;
  store.onDidChange(() => changes++);
  const refreshes: unknown[] = [];
  store.onDidRefresh(({ error }) => refreshes.push(error));
  return { store, source, changes: () => changes, refreshes };
}

function gate(source: FakeSource): () => void {
  let open!: () => void;
  source.gate = new Promise((resolve) => (open = resolve));
  return () => {
    source.gate = undefined;
    open();
  };
}

describe('FeedbackStore background refresh', () => {
  it('shows no loading state while it runs and fires no change when the tracker answers the same', async () => {
    const { store, source, changes, refreshes } = await loaded([...items(5, 'open'), summary(9, { status: 'planned' })]);
    const before = store.groups();
    const open = gate(source);
    const running = store.refreshInBackground();
    assert.equal(store.isRefreshing, false, 'not "Syncing…"');
    assert.equal(changes(), 0);
    open();
    await running;
    assert.equal(changes(), 0, 'nothing changed: the rows are not redrawn');
    assert.deepEqual(refreshes, [undefined], 'the refresh is still reported (the synced time moves on)');
    assert.deepEqual(store.groups(), before);
    assert.ok(source.queries.length > 6, 'the tracker was asked again');
  });

  it('moves a changed item to its new group and keeps every group as shown', async () => {
    const { store, source, changes } = await loaded([...items(3, 'open'), summary(9, { status: 'planned' })]);
    source.data = source.data.map((i) => (i.id === 'FB-2' ? { ...i, status: 'planned', updatedAt: '2026-02-01T00:00:00Z' } : i));
    await store.refreshInBackground();
    assert.equal(changes(), 1, 'one change, at the end');
    const ids = (status: string) => store.groups().find((g) => g.status === status)!.items.map((i) => i.id);
    assert.deepEqual(ids('open'), ['FB-1', 'FB-3']);
    assert.deepEqual(ids('planned').sort(), ['FB-2', 'FB-9']);
    assert.equal(store.findItem('FB-2')?.status, 'planned');
  });

  it('says whether what is shown changed, so a listener can skip its work after a 304', async () => {
    const { store, source } = await loaded(items(3, 'open'));
    const ends: boolean[] = [];
    store.onDidRefresh(({ changed }) => ends.push(changed));
    await store.refreshInBackground();
    source.data = source.data.map((i) => (i.id === 'FB-2' ? { ...i, votes: 77 } : i));
    await store.refreshInBackground();
    await store.refresh();
    assert.deepEqual(ends, [false, true, true], 'the same rows; a changed row; a refresh the user asked for');
  });

  it('redraws an item whose confirmed write the tracker’s unchanged rows replace', async () => {
    const { store, changes } = await loaded(items(3, 'open'));
    const itemChanges: string[] = [];
    store.onDidChangeItem((id) => itemChanges.push(id));
    store.applyPending('entry-1', 'FB-2', 'planned');
    store.confirmPending('entry-1'); // confirmed, then put back by another client before this refresh read
    const before = changes();
    itemChanges.length = 0;
    await store.refreshInBackground();
    assert.equal(store.findItem('FB-2')?.status, 'open', 'the tracker’s word wins again');
    assert.deepEqual(itemChanges, ['FB-2']);
    assert.equal(changes(), before + 1, 'the row is redrawn');
  });

  it('keeps the rows a user revealed with "Load more" (status and tag grouping)', async () => {
    const status = await loaded(items(250, 'open'));
    await status.store.loadMore('status:open');
    status.source.data[0] = { ...status.source.data[0], votes: 5000 };
    await status.store.refreshInBackground();
    assert.equal(status.store.groups().find((g) => g.status === 'open')!.items.length, 2 * PAGE_SIZE);
    assert.equal(status.store.findItem('FB-1')?.votes, 5000);

    const tags = await loaded(items(250, 'open').map((i) => ({ ...i, tags: ['api'] })), 'tag');
    await tags.store.loadMore('tag:api');
    tags.source.data[0] = { ...tags.source.data[0], votes: 5000 };
    await tags.store.refreshInBackground();
    assert.equal(tags.store.groups().find((g) => g.key === 'tag:api')!.items.length, 2 * PAGE_SIZE);
  });

  it('on failure keeps the items, marked stale under the error, and recovers on the next one', async () => {
    const { store, source } = await loaded(items(3, 'open'));
    source.failWith = new Error('Tracker at 127.0.0.1 is not reachable');
    await store.refreshInBackground();
    assert.equal(store.stale, true);
    assert.equal(rootNodes(store, describeError)[0].kind, 'error');
    assert.equal(store.groups().find((g) => g.status === 'open')!.items.length, 3);
    source.failWith = undefined;
    await store.refreshInBackground();
    assert.equal(store.stale, false);
    assert.equal(rootNodes(store, describeError)[0].kind, 'group');
  });

  it('never shows a loading row, even with no items to show yet', async () => {
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    const source = new FakeSource(items(3));
    source.failWith = new Error('down');
    store.setSource(source);
    await store.refresh();
    source.failWith = undefined;
    const open = gate(source);
    const running = store.refreshInBackground();
    assert.deepEqual(
      rootNodes(store, describeError).map((n) => n.kind),
      ['error'],
    );
    open();
    await running;
    assert.equal(store.groups().find((g) => g.status === 'open')!.items.length, 3);
  });

  it('gives way to a refresh the user asks for, and does not start while one runs', async () => {
    const { store, source } = await loaded(items(3, 'open'));
    const open = gate(source);
    const background = store.refreshInBackground();
    source.data = [...source.data, summary(4)];
    const manual = store.refresh();
    open();
    await Promise.all([background, manual]);
    assert.equal(store.groups().find((g) => g.status === 'open')!.items.length, 4);

    const open2 = gate(source);
    const asked = store.refresh();
    const queries = source.queries.length;
    await store.refreshInBackground();
    assert.equal(source.queries.length, queries, 'no second read while one runs');
    open2();
    await asked;
  });

  it('does nothing without a tracker or before the first load', async () => {
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    await store.refreshInBackground();
    const source = new FakeSource(items(3));
    store.setSource(source);
    await store.refreshInBackground();
    assert.equal(source.queries.length, 0, 'the view loads when it is first shown, not before');
  });

  describe('with a tracker that honours updatedSince', () => {
    const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;
    async function probing(data: ItemSummary[]) {
      const setup = await loaded(data);
      setup.source.supportsUpdatedSince = async () => true;
      await setup.store.refreshInBackground(); // the first background refresh reads everything
      setup.source.queries.length = 0;
      return setup;
    }

    it('asks one small question while nothing changed', async () => {
      const { store, source, changes } = await probing(items(250, 'open').map((i, n) => ({ ...i, updatedAt: at(n % 50) })));
      // FB-150, FB-200, FB-250 share the newest time but are not loaded: the first answer names them, once.
      await store.refreshInBackground();
      source.queries.length = 0;
      await store.refreshInBackground();
      await store.refreshInBackground();
      assert.equal(source.queries.length, 2, 'one query per refresh');
      assert.ok(source.queries.every((q) => q.updatedSince === at(49) && q.sort === 'updated' && !q.statuses && !q.q));
      assert.equal(changes(), 0);
    });

    it('reads everything again (conditionally) when an item changed, even one beyond the first page, then goes back to one question', async () => {
      const data = items(250, 'open').map((i) => ({ ...i, updatedAt: at(1) }));
      const { store, source } = await probing(data);
      // FB-200 is not loaded (the first page holds FB-1..FB-100): a comment on it makes it newer.
      source.data = source.data.map((i) => (i.id === 'FB-200' ? { ...i, updatedAt: at(5) } : i.id === 'FB-3' ? { ...i, title: 'Renamed', updatedAt: at(6) } : i));
      await store.refreshInBackground();
      assert.ok(source.queries.length > 1, 'a full read');
      assert.equal(store.findItem('FB-3')?.title, 'Renamed');
      source.queries.length = 0;
      await store.refreshInBackground();
      await store.refreshInBackground();
      assert.equal(source.queries.length, 2, 'then one question per refresh again');
    });

    it('still reads everything every sixth time (changes that leave updatedAt alone, such as reactions)', async () => {
      const { store, source } = await probing(items(3, 'open').map((i) => ({ ...i, updatedAt: at(1) })));
      source.data = source.data.map((i) => (i.id === 'FB-1' ? { ...i, votes: 4242 } : i));
      for (let n = 0; n < 5; n++) {
        await store.refreshInBackground();
      }
      assert.notEqual(store.findItem('FB-1')?.votes, 4242);
      await store.refreshInBackground();
      assert.equal(store.findItem('FB-1')?.votes, 4242);
    });

    it('reads everything when the view shows an error or the snapshot, or the tracker cannot filter by update time', async () => {
      const failing = await probing(items(3, 'open'));
      failing.source.failWith = new Error('down');
      await failing.store.refreshInBackground();
      failing.source.failWith = undefined;
      failing.source.queries.length = 0;
      await failing.store.refreshInBackground();
      assert.ok(failing.source.queries.length > 1, 'a full read after an error');

      const plain = await loaded(items(3, 'open'));
      plain.source.supportsUpdatedSince = async () => false;
      await plain.store.refreshInBackground();
      plain.source.queries.length = 0;
      await plain.store.refreshInBackground();
      assert.ok(plain.source.queries.length > 1 && plain.source.queries.every((q) => q.updatedSince === undefined));
    });
  });
});
