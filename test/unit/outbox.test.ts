// The outbox against a scripted sender and a manual clock: persisted before
// sending, one key for all attempts, backoff and Retry-After, refusals kept,
// one write per second per tracker, restarts and bad files.
import * as assert from 'node:assert/strict';
import { Outbox } from '../../src/core/outbox';
import type { OutboxDeps, OutboxEntry, WriteRequest } from '../../src/core/outbox';
import { TrackerError } from '../../src/trackers/tracker';
import { ManualClock, MemoryStorage, settle } from './outboxFakes';

const T = 'http://tracker.test';
const reply = (itemId: string, body = 'Thanks!'): WriteRequest => ({ kind: 'comment', itemId, body: { body, visibility: 'public' } });

type Outcome = unknown | ((entry: OutboxEntry) => unknown);

class ScriptedSender {
  readonly calls: { entry: OutboxEntry; at: number; stored: OutboxEntry[] }[] = [];
  private readonly script: Outcome[] = [];
  constructor(
    private readonly clock: ManualClock,
    private readonly storage: MemoryStorage,
  ) {}
  /** Outcomes in order: an Error is thrown, anything else is the result. */
  then(...outcomes: Outcome[]): this {
    this.script.push(...outcomes);
    return this;
  }
  readonly send = async (entry: OutboxEntry): Promise<unknown> => {
    this.calls.push({ entry, at: this.clock.time, stored: this.storage.stored() });
    const outcome = this.script.shift() ?? { ok: entry.id };
    if (outcome instanceof Error) {
      throw outcome;
    }
    return outcome;
  };
}

function setup(extra: Partial<OutboxDeps> = {}) {
  const clock = new ManualClock();
  const storage = new MemoryStorage();
  const sender = new ScriptedSender(clock, storage);
  const logs: string[] = [];
  const make = (more: Partial<OutboxDeps> = {}) =>
    new Outbox({ storage, send: sender.send, now: clock.now, setTimer: clock.setTimer, random: () => 0.5, log: (l) => logs.push(l), ...extra, ...more });
  return { clock, storage, sender, logs, make, outbox: make() };
}

const server500 = () => new TrackerError('server', 'boom (500)', { status: 500 });
const limited = (ms: number) => new TrackerError('rateLimited', 'slow down (429)', { status: 429, retryAfterMs: ms });

describe('Outbox', () => {
  it('stores a write before its first attempt, sends it with its key, and removes it once confirmed', async () => {
    const { outbox, sender, storage, clock } = setup();
    const confirmed: unknown[] = [];
    outbox.onDidConfirm((c) => confirmed.push(c.result));
    const entry = await outbox.enqueue(T, reply('FB-1'));
    await clock.advance(0);
    assert.equal(sender.calls.length, 1);
    assert.deepEqual(sender.calls[0].stored.map((e) => e.id), [entry.id], 'on disk before the request');
    assert.equal(sender.calls[0].entry.idempotencyKey, entry.idempotencyKey);
    assert.deepEqual(confirmed, [{ ok: entry.id }]);
    assert.deepEqual(outbox.entries(), []);
    assert.deepEqual(storage.stored(), []);
  });

  it('retries a transient failure with the same key after a jittered backoff', async () => {
    const { outbox, sender, clock } = setup();
    sender.then(server500(), new TrackerError('unreachable', 'timed out', { code: 'ETIMEDOUT' }));
    const entry = await outbox.enqueue(T, reply('FB-1'));
    await clock.advance(0);
    const [pending] = outbox.entries();
    assert.equal(pending.state, 'pending');
    assert.equal(pending.lastError, 'boom (500)');
    assert.equal(Date.parse(pending.nextAttemptAt ?? ''), clock.time + 500, 'half of the 1 s ceiling (random 0.5)');
    await clock.advance(60_000);
    assert.equal(sender.calls.length, 3);
    assert.ok(sender.calls.every((c) => c.entry.idempotencyKey === entry.idempotencyKey));
    assert.ok(sender.calls[2].at - sender.calls[1].at >= 1000, 'second backoff: ceiling 2 s, drawn 1 s');
    assert.deepEqual(outbox.entries(), []);
  });

  // Retry Now overrides it (the user asked): outboxHostile.test.ts.
  it('waits at least Retry-After before retrying on its own', async () => {
    const { outbox, sender, clock } = setup();
    sender.then(limited(30_000));
    await outbox.enqueue(T, reply('FB-1'));
    await clock.advance(0);
    const first = sender.calls[0].at;
    await clock.advance(29_999);
    assert.equal(sender.calls.length, 1, 'nothing before Retry-After');
    await clock.advance(1);
    assert.equal(sender.calls.length, 2);
    assert.equal(sender.calls[1].at - first, 30_000);
  });

  for (const status of [400, 401, 403, 404, 410, 422]) {
    it(`keeps a write the tracker refuses for good (${status}) with its reason, and does not retry it`, async () => {
      const { outbox, sender, clock, storage } = setup();
      const kind = status === 404 ? 'notFound' : status === 401 || status === 403 ? 'unauthorized' : 'rejected';
      sender.then(new TrackerError(kind, `no (${status})`, { status }));
      await outbox.enqueue(T, reply('FB-1'));
      await clock.advance(3_600_000);
      assert.equal(sender.calls.length, 1);
      const [refused] = outbox.entries();
      assert.equal(refused.state, 'refused');
      assert.equal(refused.lastError, `no (${status})`);
      assert.equal(storage.stored()[0].state, 'refused', 'kept on disk too');
    });
  }

  it('re-arms a refused write when the user retries it by id', async () => {
    const { outbox, sender, clock } = setup();
    sender.then(new TrackerError('unauthorized', 'bad token (401)', { status: 401 }));
    const entry = await outbox.enqueue(T, reply('FB-1'));
    await clock.advance(5_000);
    outbox.retryNow();
    await clock.advance(5_000);
    assert.equal(sender.calls.length, 1, 'retry-all leaves refused writes alone');
    outbox.retryNow(entry.id);
    await clock.advance(0);
    assert.equal(sender.calls.length, 2);
    assert.deepEqual(outbox.entries(), []);
  });

  it('sends at most one write per second per tracker, and trackers independently', async () => {
    const { outbox, sender, clock } = setup();
    await outbox.enqueue(T, reply('FB-1'));
    await outbox.enqueue(T, reply('FB-2'));
    await outbox.enqueue(T, reply('FB-3'));
    await outbox.enqueue('http://other.test', reply('FB-9'));
    await clock.advance(10_000);
    const at = (tracker: string) => sender.calls.filter((c) => c.entry.tracker === tracker).map((c) => c.at);
    const mine = at(T);
    assert.equal(mine.length, 3);
    assert.ok(mine[1] - mine[0] >= 1000 && mine[2] - mine[1] >= 1000, `spacing ${mine.join(', ')}`);
    assert.equal(at('http://other.test')[0], mine[0], 'another tracker does not wait');
  });

  it('keeps the order of writes to one item: a later reply waits for an earlier one that is backing off', async () => {
    const { outbox, sender, clock } = setup();
    sender.then(server500());
    await outbox.enqueue(T, reply('FB-1', 'first'));
    await outbox.enqueue(T, reply('FB-1', 'second'));
    await clock.advance(60_000);
    const bodies = sender.calls.map((c) => (c.entry.request.body as { body: string }).body);
    assert.deepEqual(bodies, ['first', 'first', 'second']);
  });

  it('does no I/O during start(), and resumes stored writes (one caught mid-send included) on a later tick', async () => {
    const first = setup();
    first.sender.then(new Promise(() => undefined)); // never answers: the process "dies" mid-send
    await first.outbox.enqueue(T, reply('FB-1'));
    await first.outbox.enqueue(T, reply('FB-2'));
    await first.clock.advance(0);
    assert.equal(first.storage.stored()[0].state, 'sending');
    first.outbox.dispose();

    const again = first.make();
    await again.start();
    assert.equal(first.sender.calls.length, 1, 'start() itself sends nothing');
    assert.deepEqual(again.entries().map((e) => e.state), ['pending', 'pending']);
    await first.clock.advance(5_000);
    assert.equal(first.sender.calls.length, 3);
    assert.equal(first.sender.calls[1].entry.idempotencyKey, first.sender.calls[0].entry.idempotencyKey, 'same key after restart');
    assert.deepEqual(again.entries(), []);
  });

  it('loads the valid entries of a damaged file, sets the file aside and names the bad fields', async () => {
    const { storage, make, logs, clock, sender } = setup();
    const good = { id: 'a', idempotencyKey: 'key-aaaaaaaa', tracker: T, request: reply('FB-1'), createdAt: '2025-01-01T00:00:00Z', attempts: 0, state: 'pending' };
    storage.text = JSON.stringify([good, { ...good, id: 'b', attempts: 'many' }]);
    const outbox = make();
    await outbox.start();
    assert.deepEqual(outbox.entries().map((e) => e.id), ['a']);
    assert.equal(storage.asideReasons.length, 1);
    assert.match(storage.asideReasons[0], /\[1\]\.attempts/);
    assert.ok(logs.some((l) => l.includes('[1].attempts') && l.includes('outbox.bad.json')), logs.join('\n'));
    await clock.advance(0);
    assert.equal(sender.calls.length, 1);
  });

  it('sets aside a file that is not a list at all, and starts empty', async () => {
    const { storage, make } = setup();
    storage.text = JSON.stringify({ hello: 'world' });
    const outbox = make();
    await outbox.start();
    assert.deepEqual(outbox.entries(), []);
    assert.equal(storage.asideReasons.length, 1);
  });

  it('refuses to queue what it cannot store, and what is not a valid write', async () => {
    const { outbox, storage, sender, clock } = setup();
    storage.failNextSave = true;
    await assert.rejects(outbox.enqueue(T, reply('FB-1')), /disk full/);
    await assert.rejects(outbox.enqueue(T, reply('FB-1', '')), /the write to queue: body\.body/);
    await clock.advance(10_000);
    assert.equal(sender.calls.length, 0);
    assert.deepEqual(outbox.entries(), []);
  });

  it('discards an entry (stored too), cancelling it when in flight', async () => {
    const { storage, clock } = setup();
    let signal: AbortSignal | undefined;
    const outbox = new Outbox({
      storage,
      now: clock.now,
      setTimer: clock.setTimer,
      send: (_entry, s) => {
        signal = s;
        return new Promise(() => undefined);
      },
    });
    const entry = await outbox.enqueue(T, reply('FB-1'));
    await clock.advance(0);
    await outbox.discard(entry.id);
    assert.equal(signal?.aborted, true);
    assert.deepEqual(outbox.entries(), []);
    assert.deepEqual(storage.stored(), []);
  });

  it('waits while the tracker is not connected, counting no attempts', async () => {
    let connected = false;
    const { outbox, sender, clock } = setup({ canSend: () => connected });
    await outbox.enqueue(T, reply('FB-1'));
    await clock.advance(60_000);
    assert.equal(sender.calls.length, 0);
    assert.equal(outbox.entries()[0].attempts, 0);
    connected = true;
    outbox.retryNow();
    await clock.advance(0);
    assert.equal(sender.calls.length, 1);
  });

  it('checks before resending when a verify hook is given, and does not resend what landed', async () => {
    const verified: number[] = [];
    const { outbox, sender, clock } = setup({
      verify: async (entry) => {
        verified.push(entry.attempts);
        return { found: true, result: 'landed' };
      },
    });
    const results: unknown[] = [];
    outbox.onDidConfirm((c) => results.push(c.result));
    sender.then(new TrackerError('unreachable', 'socket hang up'));
    await outbox.enqueue(T, reply('FB-1'));
    await clock.advance(10_000);
    assert.deepEqual(verified, [2], 'not before the first attempt');
    assert.equal(sender.calls.length, 1);
    assert.deepEqual(results, ['landed']);
  });

  it('reports sending at once, then the outcome, through onDidChange', async () => {
    const { outbox, clock } = setup();
    await outbox.start();
    const states: string[] = [];
    outbox.onDidChange(() => states.push(outbox.entries().map((e) => e.state).join(',') || 'empty'));
    await outbox.enqueue(T, reply('FB-1'));
    await clock.advance(0);
    await settle();
    assert.deepEqual(states, ['pending', 'sending', 'empty']);
  });

  it('moves entries queued under a tracker’s id of before the registry to its connection, stored so, and sends them', async () => {
    const { storage, make, clock, sender } = setup({ canSend: (tracker) => tracker === 'rest-k2x7aaaa' });
    const before = make({ canSend: () => false });
    await before.enqueue(T, reply('FB-1'));
    await before.enqueue('github:octo/app', reply('FB-2'));
    before.dispose();
    const outbox = make();
    await outbox.start();
    await clock.advance(60_000);
    assert.equal(sender.calls.length, 0, 'no connection has the old id');
    const changes: string[] = [];
    outbox.onDidChange(() => changes.push(outbox.entries().map((e) => e.tracker).join(',')));
    assert.equal(await outbox.retarget(new Map([[T, 'rest-k2x7aaaa']])), 1);
    assert.equal(changes[0], 'rest-k2x7aaaa,github:octo/app');
    assert.deepEqual(
      storage.stored().map((e) => e.tracker),
      ['rest-k2x7aaaa', 'github:octo/app'],
    );
    await clock.advance(0);
    assert.deepEqual(
      sender.calls.map((c) => [c.entry.tracker, c.entry.request.itemId]),
      [['rest-k2x7aaaa', 'FB-1']],
    );
    assert.equal(await outbox.retarget(new Map([[T, 'rest-k2x7aaaa']])), 0, 'nothing left to move');
  });
});
