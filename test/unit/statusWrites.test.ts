// The outbox → store link for status changes: what is queued shows at once,
// what the tracker confirms shows the item it returned, what it refuses goes
// back with its reason (said once), what is discarded goes back silently.
import * as assert from 'node:assert/strict';
import { FeedbackStore } from '../../src/core/feedbackStore';
import { Outbox } from '../../src/core/outbox';
import type { OutboxEntry } from '../../src/core/outbox';
import { followStatusWrites } from '../../src/core/statusWrites';
import { TrackerError } from '../../src/trackers/tracker';
import { summary } from './fakeItems';
import { ManualClock, MemoryStorage, settle } from './outboxFakes';

const T = 'http://tracker.test';

async function setup(send: (entry: OutboxEntry) => Promise<unknown>) {
  const clock = new ManualClock();
  const outbox = new Outbox({ storage: new MemoryStorage(), send, now: clock.now, setTimer: clock.setTimer, random: () => 0.5 });
  const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
  store.setSource({ listItems: async (q) => ({ items: [summary(1)].filter((i) => q.statuses?.includes(i.status) ?? true), nextCursor: null, rejected: [] }) });
  await store.refresh();
  const refused: string[] = [];
  const link = followStatusWrites({ outbox, store, currentTracker: () => T, refused: (itemId, status, reason) => refused.push(`${itemId} → ${status}: ${reason}`) });
  return { clock, outbox, store, refused, link };
}

const planned = { kind: 'status' as const, itemId: 'FB-1', body: { status: 'planned' as const } };

describe('Status writes shown through the store', () => {
  it('shows a queued status change as pending before it is sent', async () => {
    let sent = 0;
    const { outbox, store } = await setup(async () => {
      sent++;
      return new Promise(() => undefined);
    });
    await outbox.enqueue(T, planned);
    assert.equal(sent, 0, 'not sent yet');
    assert.deepEqual(store.itemStatus('FB-1'), { status: 'planned', pending: true });
  });

  it('shows the item the tracker returned once it confirms', async () => {
    const { outbox, store, clock } = await setup(async () => ({ ...summary(1, { status: 'planned', title: 'From the tracker' }), description: '', customers: [], commentCount: 0 }));
    await outbox.enqueue(T, planned);
    await clock.advance(1);
    assert.deepEqual(store.itemStatus('FB-1'), { status: 'planned', pending: false });
    assert.equal(store.findItem('FB-1')?.title, 'From the tracker');
  });

  it('ignores a returned item that is not one (validated), and still shows the confirmed status', async () => {
    const { outbox, store, clock } = await setup(async () => ({ id: 'FB-1', status: 'nonsense' }));
    await outbox.enqueue(T, planned);
    await clock.advance(1);
    assert.deepEqual(store.itemStatus('FB-1'), { status: 'planned', pending: false });
    assert.equal(store.findItem('FB-1')?.title, 'Item 1');
  });

  it('puts the row back when the tracker refuses, and says why once', async () => {
    const { outbox, store, clock, refused } = await setup(async () => {
      throw new TrackerError('rejected', 'Status transition not allowed', { status: 422 });
    });
    await outbox.enqueue(T, planned);
    await clock.advance(1);
    await settle();
    assert.deepEqual(store.itemStatus('FB-1'), { status: 'open', pending: false });
    assert.deepEqual(refused, ['FB-1 → planned: Status transition not allowed']);
    outbox.retryNow(outbox.entries()[0].id); // the user tries again: pending again, refused again, said again
    assert.equal(store.isPending('FB-1'), true);
    await clock.advance(2_000);
    assert.equal(refused.length, 2);
  });

  it('puts the row back silently when the write is discarded, and leaves other trackers’ writes alone', async () => {
    const { outbox, store } = await setup(async () => new Promise(() => undefined));
    await outbox.enqueue('http://other.test', planned);
    assert.equal(store.isPending('FB-1'), false);
    const entry = await outbox.enqueue(T, planned);
    await outbox.discard(entry.id);
    assert.equal(store.isPending('FB-1'), false);
  });
});
