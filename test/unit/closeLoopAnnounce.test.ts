// Close the loop with several connections (issue 14): the status change that
// follows a prepared announcement goes to the connection of the item the
// reply went to, never to another connection's item of the same id.
import * as assert from 'node:assert/strict';
import { Outbox } from '../../src/core/outbox';
import { queueShippedStatus } from '../../src/core/closeLoop/announce';
import { ShipLog } from '../../src/core/closeLoop/shipLog';
import { ManualClock, MemoryStorage } from './outboxFakes';

const first = 'rest-aaaaaaaa';
const second = 'rest-bbbbbbbb';

function outbox(): Outbox {
  const clock = new ManualClock();
  // The clock never advances: nothing is sent, only what was queued (and for whom) is seen.
  return new Outbox({ storage: new MemoryStorage(), send: () => Promise.resolve({}), now: clock.now, setTimer: clock.setTimer, random: () => 0.5, log: () => undefined });
}

/** Both connections have FB-12; only the second's shipped and had its announcement prepared. */
function shipLog(): ShipLog {
  const log = ShipLog.fromJSON(undefined);
  log.offer(second, [{ itemId: 'FB-12', release: 'v1.2.0', kind: 'tag', repository: '/repo', shas: ['a'.repeat(40)] }], '2026-11-29T20:00:00.000Z');
  log.update(second, 'FB-12', { prepared: 'v1.2.0' });
  return log;
}

describe('close the loop across connections', () => {
  it('queues the status change for the connection of the item replied to', async () => {
    const log = shipLog();
    const queue = outbox();
    assert.equal(await queueShippedStatus(log, queue, { tracker: second, itemId: 'FB-12' }), true);
    assert.deepEqual(
      queue.entries().map((e) => [e.tracker, e.request.kind, e.request.itemId]),
      [[second, 'status', 'FB-12']],
    );
    assert.equal(log.item(second, 'FB-12').announced, 'v1.2.0');
    assert.equal(log.item(second, 'FB-12').prepared, null);
  });

  it('queues nothing for the same id of another connection, whose announcement was never prepared', async () => {
    const log = shipLog();
    const queue = outbox();
    assert.equal(await queueShippedStatus(log, queue, { tracker: first, itemId: 'FB-12' }), false);
    assert.equal(await queueShippedStatus(log, queue, undefined), false);
    assert.deepEqual(queue.entries(), []);
    assert.equal(log.item(second, 'FB-12').prepared, 'v1.2.0');
  });

  it('queues it once: a second reply is only a reply', async () => {
    const log = shipLog();
    const queue = outbox();
    await queueShippedStatus(log, queue, { tracker: second, itemId: 'FB-12' });
    assert.equal(await queueShippedStatus(log, queue, { tracker: second, itemId: 'FB-12' }), false);
    assert.equal(queue.entries().length, 1);
  });
});
