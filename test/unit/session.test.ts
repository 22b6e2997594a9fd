// The one source of truth for items: the session reads lists and details
// through the current connection only, drops both when it changes, and folds
// what the tracker confirms through the real outbox into the item's details
// (only the connected tracker's writes, only answers that are what was
// written). Property test: any interleaving of loads, changes on the
// tracker, confirmed writes and answers never loses a confirmed write and
// ends with the tracker's state.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { NoConnection } from '../../src/core/itemDetails';
import { newCommitLinkSchema, newTradeOffSchema } from '../../src/core/model';
import type { WriteRequest } from '../../src/core/outbox';
import { Outbox } from '../../src/core/outbox';
import type { OutboxEntry } from '../../src/core/outbox';
import { FeedbackSession } from '../../src/core/session';
import type { SessionConnection } from '../../src/core/session';
import { TrackerError } from '../../src/trackers/tracker';
import { propertyRuns } from '../support/propertySeed';
import { HeldTracker, PARTS, comment, fullItem, link, tradeOff } from './detailFakes';
import { ManualClock, MemoryStorage, settle } from './outboxFakes';

const T = 'http://tracker.test';
const VIEW = { grouping: 'status', sort: 'demand', filter: '' } as const;

function connection(tracker: HeldTracker, id = T): SessionConnection {
  return { id, label: 'Test tracker', tracker: async () => tracker };
}

/** Times the tracker stamps its changes with, each later than the last. */
function trackerClock(): () => string {
  let seconds = 0;
  return () => new Date(Date.parse('2025-03-01T00:00:00Z') + ++seconds * 1000).toISOString();
}

/** What a tracker answers a write with, having stored it. */
function land(tracker: HeldTracker, entry: OutboxEntry, stamp: () => string): unknown {
  const { request } = entry;
  const { itemId } = request;
  switch (request.kind) {
    case 'comment': {
      const written = { ...comment(`r-${entry.id}`, request.body.body, 'team'), visibility: request.body.visibility };
      tracker.comments.set(itemId, [...(tracker.comments.get(itemId) ?? []), written]);
      return written;
    }
    case 'link': {
      const written = { id: `l-${entry.id}`, ...request.body };
      tracker.links.set(itemId, [...(tracker.links.get(itemId) ?? []), written]);
      return written;
    }
    case 'tradeoff': {
      const written = { id: `t-${entry.id}`, createdAt: '2025-01-02T00:00:00Z', ...request.body };
      tracker.tradeOffs.set(itemId, [...(tracker.tradeOffs.get(itemId) ?? []), written]);
      return written;
    }
    case 'status': {
      const written = { ...tracker.items.get(itemId)!, status: request.body.status, updatedAt: stamp() };
      tracker.items.set(itemId, written);
      return written;
    }
  }
}

async function setup(options: { answer?: (entry: OutboxEntry) => unknown } = {}) {
  const tracker = new HeldTracker(fullItem('FB-1'), fullItem('FB-2'));
  tracker.comments.set('FB-1', [comment('c1')]);
  tracker.links.set('FB-1', [link(1)]);
  tracker.tradeOffs.set('FB-1', [tradeOff('t1')]);
  const session = new FeedbackSession(VIEW);
  session.connect(connection(tracker));
  const clock = new ManualClock();
  const stamp = trackerClock();
  const send = async (entry: OutboxEntry) => {
    const written = land(tracker, entry, stamp);
    return options.answer ? options.answer(entry) : written;
  };
  const outbox = new Outbox({ storage: new MemoryStorage(), send, now: clock.now, setTimer: clock.setTimer, random: () => 0.5 });
  const refused: string[] = [];
  const following = session.followWrites(outbox, (itemId, status, reason) => refused.push(`${itemId} ${status}: ${reason}`));
  /** Queues a write and lets the outbox send it (one write per second per tracker). */
  const write = async (request: WriteRequest, to = T) => {
    await outbox.enqueue(to, request);
    await clock.advance(1000);
  };
  return { tracker, session, outbox, clock, refused, following, write, stamp };
}

const reply = (itemId: string, body = 'Thanks!'): WriteRequest => ({ kind: 'comment', itemId, body: { body, visibility: 'public' } });
const linkWrite = (itemId: string, n: number): WriteRequest => ({ kind: 'link', itemId, body: newCommitLinkSchema.parse(link(n)) });
const tradeOffWrite = (itemId: string): WriteRequest => ({ kind: 'tradeoff', itemId, body: { ...newTradeOffSchema.parse(tradeOff('new')), summary: 'Chose speed' } });

describe('Feedback session', () => {
  it('reads lists and details through the connection, and the row before the details', async () => {
    const { session, tracker } = await setup();
    await session.store.refresh();
    assert.deepEqual(session.store.allItems().map((i) => i.id).sort(), ['FB-1', 'FB-2']);
    tracker.items.set('FB-1', fullItem('FB-1', { title: 'Renamed on the tracker' }));
    assert.equal((await session.summary('FB-1')).title, 'Title FB-1', 'the row as the list shows it');
    assert.equal(tracker.callsOf('item'), 0);
    assert.equal((await session.item('FB-1')).title, 'Renamed on the tracker');
    assert.deepEqual(await session.capabilities(), { internalNotes: true });
    const found = await session.search('', new AbortController().signal);
    assert.equal(found.length, 2);
  });

  it('drops the old connection’s details and lists when it changes', async () => {
    const { session, tracker } = await setup();
    await session.details.load('FB-1');
    await session.store.refresh();
    const changed: unknown[] = [];
    session.onDidChangeConnection((c) => changed.push(c?.id));
    const other = new HeldTracker(fullItem('FB-1', { title: 'Elsewhere' }));
    session.connect(connection(other, 'http://other.test'));
    assert.deepEqual(changed, ['http://other.test']);
    assert.equal(session.details.get('FB-1'), undefined);
    assert.equal(session.store.findItem('FB-1'), undefined);
    assert.equal((await session.item('FB-1')).title, 'Elsewhere');
    session.connect(undefined);
    assert.equal(await session.capabilities(), undefined);
    await assert.rejects(session.item('FB-1'), NoConnection);
    await assert.rejects(session.search('x', new AbortController().signal), NoConnection);
    assert.equal(tracker.callsOf('item'), 1);
  });

  it('has no capabilities when the tracker client cannot be made', async () => {
    const session = new FeedbackSession(VIEW);
    session.connect({ id: T, label: 'Broken', tracker: async () => Promise.reject(new Error('no token')) });
    assert.equal(await session.capabilities(), undefined);
    await session.details.load('FB-1');
    assert.equal(session.details.get('FB-1')?.item.error instanceof Error, true);
  });

  describe('following the outbox', () => {
    it('folds a confirmed reply, link and trade-off into the fetched item, without fetching again', async () => {
      const { session, tracker, write } = await setup();
      await session.details.load('FB-1');
      const changes: string[] = [];
      session.details.onDidChange((id) => changes.push(id));
      await write(reply('FB-1', 'On its way'));
      await write(linkWrite('FB-1', 2));
      await write(tradeOffWrite('FB-1'));
      const detail = session.details.get('FB-1');
      assert.deepEqual(detail?.comments.value?.map((c) => c.body), ['Comment c1', 'On its way']);
      assert.deepEqual(detail?.links.value?.map((l) => l.subject), ['Commit 1', 'Commit 2']);
      assert.deepEqual(detail?.tradeOffs.value?.map((t) => t.summary), ['Trade-off t1', 'Chose speed']);
      assert.deepEqual(changes, ['FB-1', 'FB-1', 'FB-1']);
      assert.deepEqual(PARTS.map((p) => tracker.callsOf(p)), [1, 1, 1, 1]);
    });

    it('shows a status change pending at once, then the item the tracker confirmed, in the list and the details', async () => {
      const { session, outbox, clock } = await setup();
      await session.store.refresh();
      await session.details.load('FB-1');
      await outbox.enqueue(T, { kind: 'status', itemId: 'FB-1', body: { status: 'planned' } });
      assert.deepEqual(session.store.itemStatus('FB-1'), { status: 'planned', pending: true });
      assert.equal(session.details.get('FB-1')?.item.value?.status, 'open', 'details wait for the tracker');
      await clock.advance(1000);
      assert.deepEqual(session.store.itemStatus('FB-1'), { status: 'planned', pending: false });
      assert.equal(session.details.get('FB-1')?.item.value?.status, 'planned');
      assert.equal(session.details.get('FB-1')?.item.value?.updatedAt, '2025-03-01T00:00:01.000Z');
    });

    it('puts a refused status change back and says why', async () => {
      const { session, outbox, clock, refused } = await setup({
        answer: () => {
          throw new TrackerError('rejected', 'not allowed', { status: 422 });
        },
      });
      await session.store.refresh();
      await outbox.enqueue(T, { kind: 'status', itemId: 'FB-1', body: { status: 'shipped' } });
      await clock.advance(1000);
      assert.deepEqual(session.store.itemStatus('FB-1'), { status: 'open', pending: false });
      assert.deepEqual(refused, ['FB-1 shipped: not allowed']);
    });

    it('ignores another tracker’s confirmations', async () => {
      const { session, write } = await setup();
      await session.details.load('FB-1');
      await write(reply('FB-1', 'Sent to the other tracker'), 'http://other.test');
      await write({ kind: 'status', itemId: 'FB-1', body: { status: 'closed' } }, 'http://other.test');
      assert.deepEqual(session.details.get('FB-1')?.comments.value?.map((c) => c.id), ['c1']);
      assert.equal(session.details.get('FB-1')?.item.value?.status, 'open');
    });

    it('ignores an answer that is not what was written (validated)', async () => {
      const answers = new Map<string, unknown>([
        ['comment', { id: 'x', body: 'no author or date' }],
        ['link', { ...link(3), sha: 'not-a-sha' }],
        ['tradeoff', { ...tradeOff('t9'), location: { repository: 'r', path: 'a.ts', startLine: 5, endLine: 1, commit: null } }],
        ['status', fullItem('FB-2', { status: 'closed' })],
      ]);
      const { session, write } = await setup({ answer: (entry) => answers.get(entry.request.kind) });
      await session.details.load('FB-1');
      await session.details.load('FB-2');
      await write(reply('FB-1'));
      await write(linkWrite('FB-1', 3));
      await write(tradeOffWrite('FB-1'));
      await write({ kind: 'status', itemId: 'FB-1', body: { status: 'closed' } });
      await write({ kind: 'status', itemId: 'FB-1', body: { status: 'planned' } });
      const detail = session.details.get('FB-1');
      assert.deepEqual(detail?.comments.value?.map((c) => c.id), ['c1']);
      assert.deepEqual(detail?.links.value?.map((l) => l.id), ['L1']);
      assert.deepEqual(detail?.tradeOffs.value?.map((t) => t.id), ['t1']);
      assert.equal(detail?.item.value?.status, 'open');
      assert.equal(session.details.get('FB-2')?.item.value?.status, 'open', 'another item’s answer is not taken for it');
    });

    it('stops folding in once no longer followed', async () => {
      const { session, write, following } = await setup();
      await session.details.load('FB-1');
      following.dispose();
      await write(reply('FB-1'));
      assert.deepEqual(session.details.get('FB-1')?.comments.value?.map((c) => c.id), ['c1']);
    });
  });

  it('property: any interleaving of loads, tracker changes, confirmed writes and answers never loses a confirmed write, and ends with the tracker’s state', async () => {
    const ids = ['FB-1', 'FB-2'];
    const item = fc.constantFrom(...ids);
    const step = fc.oneof(
      { arbitrary: fc.record({ kind: fc.constant('load' as const), item }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant('change' as const), item, what: fc.constantFrom('comment', 'title', 'link', 'tradeOff') }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant('write' as const), item, what: fc.constantFrom('comment', 'comment', 'link', 'tradeoff', 'status') }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant('read' as const), pick: fc.nat() }), weight: 2 },
      { arbitrary: fc.record({ kind: fc.constant('answer' as const), pick: fc.nat() }), weight: 4 },
      { arbitrary: fc.record({ kind: fc.constant('fail' as const), pick: fc.nat() }), weight: 1 },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 4, maxLength: 40, size: 'max' }), async (steps) => {
        const { session, tracker, write, stamp } = await setup();
        tracker.hold = true;
        const loads: Promise<void>[] = [];
        const loaded = new Set<string>();
        const kept = new KeptWrites(session.details);
        let n = 0;
        for (const s of steps) {
          switch (s.kind) {
            case 'load':
              loads.push(session.details.load(s.item));
              loaded.add(s.item);
              await settle();
              break;
            case 'change':
              changeOnTracker(tracker, s.item, s.what, ++n, stamp);
              break;
            case 'write':
              await write(writeOf(s.item, s.what, ++n));
              break;
            case 'read':
              tracker.nth(s.pick)?.read();
              break;
            case 'answer':
              tracker.nth(s.pick)?.answer();
              await settle();
              break;
            case 'fail':
              tracker.nth(s.pick)?.fail(new TrackerError('unreachable', 'ECONNREFUSED'));
              await settle();
              break;
          }
          kept.check(ids);
        }
        tracker.answer();
        await Promise.all(loads);
        kept.check(ids);
        tracker.hold = false;
        for (const id of ids) {
          if (!loaded.has(id)) {
            assert.equal(session.details.get(id), undefined, `${id} never loaded: nothing folded in`);
            continue;
          }
          await session.details.load(id);
          const detail = session.details.get(id);
          assert.deepEqual(detail?.item.value, tracker.items.get(id));
          assert.deepEqual(detail?.comments.value, tracker.comments.get(id) ?? []);
          assert.deepEqual(detail?.links.value, tracker.links.get(id) ?? []);
          assert.deepEqual(detail?.tradeOffs.value, tracker.tradeOffs.get(id) ?? []);
          assert.ok(PARTS.every((p) => !detail?.[p].loading && detail?.[p].error === undefined));
        }
        session.dispose();
      }),
      { numRuns: propertyRuns(100) },
    );
  });
});

/** Our writes (ids starting r-, l-, t-) once shown stay shown; the item shown never goes back to an older version. */
class KeptWrites {
  private readonly shown = new Map<string, Set<string>>();
  private readonly newest = new Map<string, string>();
  constructor(private readonly details: FeedbackSession['details']) {}

  check(ids: readonly string[]): void {
    for (const id of ids) {
      const detail = this.details.get(id);
      const now = new Set([...(detail?.comments.value ?? []), ...(detail?.links.value ?? []), ...(detail?.tradeOffs.value ?? [])].map((x) => x.id));
      const before = this.shown.get(id) ?? new Set<string>();
      for (const written of before) {
        assert.ok(now.has(written), `${id}: confirmed write ${written} no longer shown`);
      }
      this.shown.set(id, new Set([...before, ...[...now].filter((x) => /^[rlt]-/.test(x))]));
      const updatedAt = detail?.item.value?.updatedAt;
      const newest = this.newest.get(id);
      if (updatedAt !== undefined) {
        assert.ok(newest === undefined || Date.parse(updatedAt) >= Date.parse(newest), `${id}: went back from ${newest} to ${updatedAt}`);
        this.newest.set(id, updatedAt);
      }
    }
  }
}

function writeOf(itemId: string, what: 'comment' | 'link' | 'tradeoff' | 'status', n: number): WriteRequest {
  switch (what) {
    case 'comment':
      return reply(itemId, `reply ${n}`);
    case 'link':
      return linkWrite(itemId, 1000 + n);
    case 'tradeoff':
      return tradeOffWrite(itemId);
    case 'status':
      return { kind: 'status', itemId, body: { status: n % 2 === 0 ? 'planned' : 'shipped' } };
  }
}

function changeOnTracker(tracker: HeldTracker, id: string, what: 'comment' | 'title' | 'link' | 'tradeOff', n: number, stamp: () => string): void {
  switch (what) {
    case 'comment':
      tracker.comments.set(id, [...(tracker.comments.get(id) ?? []), comment(`x${n}`, `Customer ${n}`)]);
      return;
    case 'title':
      tracker.items.set(id, { ...tracker.items.get(id)!, title: `Renamed ${n}`, updatedAt: stamp() });
      return;
    case 'link':
      tracker.links.set(id, [...(tracker.links.get(id) ?? []), link(100 + n)]);
      return;
    case 'tradeOff':
      tracker.tradeOffs.set(id, [...(tracker.tradeOffs.get(id) ?? []), tradeOff(`y${n}`)]);
      return;
  }
}
