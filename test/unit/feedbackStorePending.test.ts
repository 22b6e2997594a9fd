// Optimistic writes in the one item store: a pending status change shows at
// once (the row moves to its new group, marked pending), a confirmation puts
// the tracker's item in its place, a refusal puts the row back, and a refresh
// neither undoes a pending change nor brings back the status a confirmed one
// replaced. Property test: any interleaving ends with the tracker's state.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { ItemSource, ItemSourceQuery } from '../../src/core/feedbackStore';
import { FeedbackStore } from '../../src/core/feedbackStore';
import type { ItemSummary, Status } from '../../src/core/model';
import { STATUSES } from '../../src/core/model';
import { groupChildren } from '../../src/core/treeModel';
import { propertyRuns } from '../support/propertySeed';
import { summary } from './fakeItems';

type Answer = { items: ItemSummary[]; nextCursor: null; rejected: [] };

/**
 * A tracker whose answers wait until the test lets them go. The tracker reads
 * its data (`read`) and the answer arrives (`deliver`) at separate moments, as
 * over a network: a write can land in between.
 */
class HeldSource implements ItemSource {
  private readonly held: { query: ItemSourceQuery; read?: Answer; resolve: (answer: Answer) => void }[] = [];
  hold = false;
  constructor(public data: Map<string, ItemSummary>) {}

  listItems(query: ItemSourceQuery): Promise<Answer> {
    if (!this.hold) {
      return Promise.resolve(this.answer(query));
    }
    return new Promise<Answer>((resolve) => this.held.push({ query, resolve }));
  }

  read(): void {
    for (const h of this.held) {
      h.read ??= this.answer(h.query);
    }
  }

  releaseAll(): void {
    this.held.splice(0).forEach((h) => h.resolve(h.read ?? this.answer(h.query)));
  }

  private answer(query: ItemSourceQuery): Answer {
    const items = [...this.data.values()].filter((i) => !query.statuses || query.statuses.includes(i.status));
    return { items, nextCursor: null, rejected: [] };
  }
}

function shownStatuses(store: FeedbackStore): Map<string, Status> {
  const shown = new Map<string, Status>();
  for (const group of store.groups()) {
    for (const item of group.items) {
      assert.ok(!shown.has(item.id), `${item.id} shown twice`);
      assert.equal(item.status, group.status, `${item.id} sits under its own status`);
      shown.set(item.id, item.status);
    }
  }
  return shown;
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

async function loaded(data: ItemSummary[]): Promise<{ store: FeedbackStore; source: HeldSource }> {
  const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
  const source = new HeldSource(new Map(data.map((i) => [i.id, i])));
  store.setSource(source);
  await store.refresh();
  return { store, source };
}

describe('FeedbackStore: pending writes', () => {
  it('moves the row to its new group at once, marked pending, and tells who shows that item', async () => {
    const { store } = await loaded([summary(1), summary(2)]);
    const changed: string[] = [];
    store.onDidChangeItem((id) => changed.push(id));
    store.applyPending('w1', 'FB-1', 'planned');
    assert.deepEqual(store.groups().find((g) => g.status === 'planned')!.items.map((i) => i.id), ['FB-1']);
    assert.deepEqual(store.groups().find((g) => g.status === 'open')!.items.map((i) => i.id), ['FB-2']);
    assert.equal(store.findItem('FB-1')?.status, 'planned');
    assert.deepEqual(store.itemStatus('FB-1'), { status: 'planned', pending: true });
    assert.equal(store.isPending('FB-2'), false);
    assert.deepEqual(changed, ['FB-1']);
  });

  it('marks the pending row in the Feedback view', async () => {
    const { store } = await loaded([summary(1), summary(2)]);
    store.applyPending('w1', 'FB-2', 'planned');
    const rows = store.groups().flatMap((g) => groupChildren(g, false, String, undefined, (id) => store.isPending(id)));
    assert.deepEqual(rows.map((r) => (r.kind === 'item' ? [r.item.id, r.pending] : r.kind)), [['FB-1', false], ['FB-2', true]]);
  });

  it('replaces the pending row with the item the tracker returned on confirmation', async () => {
    const { store } = await loaded([summary(1)]);
    store.applyPending('w1', 'FB-1', 'planned');
    store.confirmPending('w1', summary(1, { status: 'planned', title: 'Renamed by the tracker', updatedAt: '2026-02-01T00:00:00Z' }));
    const planned = store.groups().find((g) => g.status === 'planned')!;
    assert.deepEqual(planned.items.map((i) => i.title), ['Renamed by the tracker']);
    assert.deepEqual(store.itemStatus('FB-1'), { status: 'planned', pending: false });
  });

  it('puts the row back on refusal and answers what was refused', async () => {
    const { store } = await loaded([summary(1)]);
    store.applyPending('w1', 'FB-1', 'planned');
    assert.deepEqual(store.refusePending('w1'), { itemId: 'FB-1', status: 'planned' });
    assert.deepEqual(store.groups().find((g) => g.status === 'open')!.items.map((i) => i.id), ['FB-1']);
    assert.equal(store.refusePending('w1'), undefined, 'refused once');
  });

  it('keeps a pending change through a refresh that does not have it yet', async () => {
    const { store } = await loaded([summary(1)]);
    store.applyPending('w1', 'FB-1', 'planned');
    await store.refresh();
    assert.deepEqual(store.itemStatus('FB-1'), { status: 'planned', pending: true });
  });

  it('does not let a refresh that started before the confirmation bring the old status back, and lets a later one win', async () => {
    const { store, source } = await loaded([summary(1)]);
    store.applyPending('w1', 'FB-1', 'planned');
    source.hold = true;
    const before = store.refresh();
    await settle();
    source.read(); // the tracker reads before the write lands, and answers after it was confirmed
    source.data.set('FB-1', summary(1, { status: 'planned' }));
    store.confirmPending('w1', summary(1, { status: 'planned' }));
    source.releaseAll();
    await before;
    assert.equal(store.findItem('FB-1')?.status, 'planned');
    source.data.set('FB-1', summary(1, { status: 'closed' })); // someone else changed it since
    source.hold = false;
    await store.refresh();
    assert.deepEqual(store.itemStatus('FB-1'), { status: 'closed', pending: false });
  });

  it('counts an item rejected by validation once, however many queries returned it', async () => {
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    store.setSource({
      listItems: async () => ({
        items: [],
        nextCursor: null,
        rejected: [
          { id: 'BAD-1', issues: ['status: invalid'] },
          { id: 'BAD-2', issues: ['votes: negative'] },
          { id: undefined, issues: ['id: missing'] },
        ],
      }),
    });
    await store.refresh();
    assert.deepEqual(store.rejected.map((r) => r.id), ['BAD-1', 'BAD-2', undefined]);
  });

  it('property: any interleaving of refreshes, writes, confirmations and refusals ends showing the tracker', async () => {
    const ids = ['FB-1', 'FB-2', 'FB-3'];
    const status = fc.constantFrom(...STATUSES);
    const step = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), item: fc.constantFrom(...ids), status }),
      fc.record({ kind: fc.constant('deliver' as const), accept: fc.boolean(), pick: fc.nat() }),
      fc.record({ kind: fc.constant('refreshStart' as const) }),
      fc.record({ kind: fc.constant('refreshRead' as const) }),
      fc.record({ kind: fc.constant('refreshAnswer' as const) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
        const { store, source } = await loaded(ids.map((id, n) => summary(n + 1, { id })));
        source.hold = true;
        const tracker = source.data;
        const queue: { entry: string; item: string; status: Status }[] = [];
        const refreshes: Promise<void>[] = [];
        let next = 0;
        // The outbox sends one write per item at a time, oldest first: deliver the oldest of some item.
        const deliver = (accept: boolean, pick: number) => {
          const heads = ids.map((id) => queue.find((w) => w.item === id)).filter((w) => w !== undefined);
          const write = heads[pick % heads.length];
          if (!write) {return;}
          queue.splice(queue.indexOf(write), 1);
          if (accept) {
            const item = { ...tracker.get(write.item)!, status: write.status };
            tracker.set(write.item, item);
            store.confirmPending(write.entry, item);
          } else {
            store.refusePending(write.entry);
          }
        };
        for (const s of steps) {
          if (s.kind === 'write') {
            const entry = `w${++next}`;
            queue.push({ entry, item: s.item, status: s.status });
            store.applyPending(entry, s.item, s.status);
          } else if (s.kind === 'deliver') {
            deliver(s.accept, s.pick);
          } else if (s.kind === 'refreshStart') {
            refreshes.push(store.refresh());
            await settle();
          } else if (s.kind === 'refreshRead') {
            source.read();
          } else {
            source.releaseAll();
            await settle();
          }
        }
        while (queue.length > 0) {deliver(true, 0);}
        source.releaseAll();
        await Promise.all(refreshes);
        const expected = new Map([...tracker.values()].map((i) => [i.id, i.status]));
        assert.deepEqual(shownStatuses(store), expected, 'once every write settled');
        source.hold = false;
        await store.refresh();
        assert.deepEqual(shownStatuses(store), expected, 'after one more refresh');
        assert.ok(ids.every((id) => !store.isPending(id)));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
