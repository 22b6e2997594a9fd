// Awaiting Reply's background reading of threads, for trackers whose lists do
// not say who spoke last: bounded, open items only, one request at a time,
// read again only when the item changed.
import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/core/events';
import type { ItemDetail } from '../../src/core/itemDetails';
import type { ItemSummary } from '../../src/core/model';
import type { RefreshEnd } from '../../src/core/store/shownLists';
import { ThreadReading, threadsToRead } from '../../src/core/threadReading';
import { summary } from './fakeItems';

const READ_AT = Date.parse('2026-01-05T00:00:00Z');

describe('threads read in the background for Awaiting Reply', () => {
  it('names the open items whose tracker does not say who spoke last, never read or changed since, at most the limit', () => {
    const items = [
      summary(1), // never read
      summary(2, { lastCommentRole: 'customer', lastCommentAt: '2026-01-02T00:00:00Z' }), // the list says
      summary(3, { lastCommentRole: null, lastCommentAt: null }), // the list says: no comment
      summary(4, { status: 'shipped' }),
      summary(5, { status: 'closed' }),
      summary(6), // read after its last change
      summary(7, { updatedAt: '2026-01-06T00:00:00Z' }), // changed after it was read
      summary(8, { status: 'in-progress' }),
      summary(9, { status: 'planned' }),
    ];
    const readAt = (id: string): number | undefined => (id === 'FB-6' || id === 'FB-7' ? READ_AT : undefined);
    assert.deepEqual(threadsToRead(items, readAt), ['FB-1', 'FB-7', 'FB-8', 'FB-9']);
    assert.deepEqual(threadsToRead(items, readAt, 2), ['FB-1', 'FB-7']);
  });

  it('reads them one at a time after a refresh, none after a failed one, and stops when a newer refresh starts over', async () => {
    const refreshed = new Emitter<RefreshEnd>();
    let items: ItemSummary[] = Array.from({ length: 5 }, (_, i) => summary(i + 1));
    const read = new Map<string, number>();
    const started: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    const pending: (() => void)[] = [];
    const reading = new ThreadReading({
      store: { allItems: () => items, onDidRefresh: refreshed.event },
      details: {
        get: (id) => (read.has(id) ? ({ comments: { value: [], fetchedAt: read.get(id), loading: false } } as unknown as ItemDetail) : undefined),
        loadThread: (id) => {
          started.push(id);
          mostInFlight = Math.max(mostInFlight, ++inFlight);
          return new Promise<void>((resolve) =>
            pending.push(() => {
              inFlight--;
              read.set(id, READ_AT);
              resolve();
            }),
          );
        },
      },
      limit: 3,
    });
    const settle = async (): Promise<void> => {
      while (pending.length > 0) {
        pending.shift()!();
        await new Promise((resolve) => setImmediate(resolve));
      }
    };

    refreshed.fire({ error: new Error('offline'), changed: false });
    await settle();
    assert.equal(started.length, 0, 'nothing is read after a failed refresh');

    refreshed.fire({ error: undefined, changed: true });
    await settle();
    assert.deepEqual(started, ['FB-1', 'FB-2', 'FB-3'], 'the first three, in order');
    assert.equal(mostInFlight, 1, 'one request at a time');

    refreshed.fire({ error: undefined, changed: false });
    await settle();
    assert.deepEqual(started.slice(3), ['FB-4', 'FB-5'], 'the threads already read are not read again');

    // Two refreshes in a row: the newer reading takes over (ItemDetails asks once for a thread already on its way).
    items = Array.from({ length: 9 }, (_, i) => summary(i + 1));
    refreshed.fire({ error: undefined, changed: true });
    refreshed.fire({ error: undefined, changed: true });
    await settle();
    assert.deepEqual([...new Set(started.slice(5))], ['FB-6', 'FB-7', 'FB-8'], 'the next three, once the newer reading took over');

    reading.dispose();
    items = [summary(20)];
    refreshed.fire({ error: undefined, changed: true });
    await settle();
    assert.ok(!started.includes('FB-20'), 'nothing is read once disposed');
  });
});
