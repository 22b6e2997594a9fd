// The outbox against a hostile tracker and a misbehaving clock (issue 13):
// absurd Retry-After values, a wall clock stepped back, bursts of writes.
// Time is a ManualClock (the monotonic clock and the timers); the wall clock
// is that time plus an offset the test can step.
import * as assert from 'node:assert/strict';
import { Outbox } from '../../src/core/outbox';
import type { OutboxDeps, OutboxEntry, WriteRequest } from '../../src/core/outbox';
import { TrackerError } from '../../src/trackers/tracker';
import { ManualClock, MemoryStorage, settle } from './outboxFakes';

const T = 'http://tracker.test';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const MAX_TIMER_MS = 2 ** 31 - 1;
const reply = (itemId: string): WriteRequest => ({ kind: 'comment', itemId, body: { body: `to ${itemId}`, visibility: 'public' } });
const limited = (ms: number) => new TrackerError('rateLimited', 'slow down (429)', { status: 429, retryAfterMs: ms });
const server500 = () => new TrackerError('server', 'boom (500)', { status: 500 });

function setup(extra: Partial<OutboxDeps> = {}) {
  const clock = new ManualClock();
  const wall = { offset: 0 };
  const storage = new MemoryStorage();
  const timers: number[] = [];
  const calls: { entry: OutboxEntry; at: number }[] = [];
  const script: unknown[] = [];
  const deps: OutboxDeps = {
    storage,
    send: async (entry) => {
      calls.push({ entry, at: clock.time });
      const outcome = script.shift() ?? { ok: entry.id };
      if (outcome instanceof Error) {
        throw outcome;
      }
      return outcome;
    },
    now: () => clock.time + wall.offset,
    monotonic: clock.now,
    setTimer: (callback, ms) => {
      timers.push(ms);
      return clock.setTimer(callback, ms);
    },
    random: () => 0.5,
    ...extra,
  };
  return { clock, wall, storage, timers, calls, script, outbox: new Outbox(deps), deps };
}

describe('Outbox against hostile trackers and clocks', () => {
  it('caps a Retry-After of 10⁹ s at an hour and never arms a timer past setTimeout’s range', async () => {
    const { outbox, clock, calls, script, timers } = setup();
    script.push(limited(1e12));
    await outbox.enqueue(T, reply('FB-1'));
    await clock.advance(0);
    assert.equal(outbox.entries()[0].state, 'pending');
    assert.ok(timers.every((ms) => ms <= HOUR), `timers armed: ${timers.join(', ')}`);
    await clock.advance(HOUR);
    assert.equal(calls.length, 2, 'retried once the hour is over');
    assert.ok(timers.every((ms) => ms <= MAX_TIMER_MS));
  });

  it('never leaves a write stuck “sending” on a Retry-After of 9·10¹² s, and Retry Now sends it at once', async () => {
    const { outbox, clock, calls, script, storage } = setup();
    script.push(limited(9e15));
    await outbox.enqueue(T, reply('FB-1'));
    await clock.advance(0);
    assert.equal(outbox.entries()[0].state, 'pending');
    assert.equal(storage.stored()[0].state, 'pending');
    outbox.retryNow();
    await clock.advance(0);
    assert.equal(calls.length, 2);
    assert.deepEqual(outbox.entries(), []);
  });

  it('lets Retry Now override the wait the tracker asked for', async () => {
    const { outbox, clock, calls, script } = setup();
    script.push(limited(30_000), limited(30_000));
    const entry = await outbox.enqueue(T, reply('FB-1'));
    await clock.advance(0);
    outbox.retryNow(entry.id);
    await clock.advance(0);
    assert.equal(calls.length, 2, 'retry one');
    outbox.retryNow();
    await clock.advance(0);
    assert.equal(calls.length, 3, 'retry all');
  });

  it('paces and backs off by the monotonic clock: a wall clock stepped back a day stalls nothing', async () => {
    const { outbox, clock, wall, calls, script } = setup();
    script.push(server500(), server500());
    await outbox.enqueue(T, reply('FB-1'));
    await outbox.enqueue(T, reply('FB-2'));
    await clock.advance(0);
    assert.equal(calls.length, 1);
    wall.offset = -DAY;
    await clock.advance(5_000);
    const items = calls.map((c) => c.entry.request.itemId);
    assert.ok(items.includes('FB-2'), `the next write waited for the wall clock: ${items.join(', ')}`);
    assert.ok(items.filter((i) => i === 'FB-1').length >= 2, `the backoff waited for the wall clock: ${items.join(', ')}`);
    const spacing = calls.slice(1).map((c, n) => c.at - calls[n].at);
    assert.ok(spacing.every((ms) => ms >= 1000), `still one write per second: ${spacing.join(', ')}`);
    const [pending] = outbox.entries();
    assert.ok(pending === undefined || Date.parse(pending.nextAttemptAt ?? '') < clock.time, 'stored times follow the wall clock');
  });

  it('cuts a stored wait longer than any the outbox sets (the wall clock was ahead) to an hour on restart', async () => {
    const { storage, clock, calls, deps } = setup();
    const stored = {
      id: 'a',
      idempotencyKey: 'key-aaaaaaaa',
      tracker: T,
      request: reply('FB-1'),
      createdAt: new Date(clock.time).toISOString(),
      attempts: 1,
      state: 'pending',
      nextAttemptAt: new Date(clock.time + 2 * DAY).toISOString(),
    };
    storage.text = JSON.stringify([stored]);
    const outbox = new Outbox(deps);
    await outbox.start();
    await clock.advance(HOUR);
    assert.equal(calls.length, 1);
    assert.deepEqual(outbox.entries(), []);
  });

  it('writes a burst of writes in a few saves, not one save per write', async () => {
    const gate = { open: () => undefined as void, saving: 0 };
    const { storage, outbox } = setup({ canSend: () => false });
    const save = storage.save.bind(storage);
    storage.save = async (entries) => {
      gate.saving++;
      await new Promise<void>((resolve) => (gate.open = resolve));
      return save(entries);
    };
    await outbox.start();
    const queued = Array.from({ length: 20 }, (_, n) => outbox.enqueue(T, reply(`FB-${n}`)));
    for (let rounds = 0; rounds < 50 && storage.stored().length < 20; rounds++) {
      await settle();
      gate.open();
    }
    await Promise.all(queued);
    assert.equal(storage.stored().length, 20, 'every write is stored');
    assert.ok(storage.saves <= 3, `${storage.saves} saves for 20 writes`);
  });
});
