// Trade-offs across connections (issue 14): how `.feedback/tradeoffs.json`
// names an item so that a teammate's workspace (other connection ids) finds
// it, and that a trade-off is queued for its item's connection only.
import * as assert from 'node:assert/strict';
import { Outbox } from '../../src/core/outbox';
import { NoConnection } from '../../src/core/itemDetails';
import type { ItemSummary, NewTradeOff } from '../../src/core/model';
import { sessionTradeOffItems } from '../../src/features/tradeoffs/tradeoffItems';
import { parseStoredItemId, resolveStoredItemId, storedItemKey, tradeOffConnectionOf } from '../../src/core/tradeoffs/tradeoffItem';
import type { TradeOffConnection } from '../../src/core/tradeoffs/tradeoffItem';
import { enqueueTradeOff, storedItemIdOf, tradeOffTarget, UnknownTradeOffItem } from '../../src/core/tradeoffs/tradeoffWrite';
import { ManualClock, MemoryStorage } from './outboxFakes';

const body: NewTradeOff = {
  summary: 'Cache prices for 5 minutes',
  rationale: 'Live prices cost a request per row.',
  author: 'ada',
  location: { repository: 'app', path: 'src/prices.ts', startLine: 3, endLine: 4, commit: null },
};

const restA: TradeOffConnection = { id: 'rest-aaaaaaaa', kind: 'rest', scope: undefined };
const restB: TradeOffConnection = { id: 'rest-bbbbbbbb', kind: 'rest', scope: undefined };
const githubApp: TradeOffConnection = { id: 'github-cccccccc', kind: 'github', scope: 'octo/app' };
const githubWeb: TradeOffConnection = { id: 'github-dddddddd', kind: 'github', scope: 'octo/web' };
const fider: TradeOffConnection = { id: 'fider-eeeeeeee', kind: 'fider', scope: 'feedback.example.com' };

function outbox(): Outbox {
  const clock = new ManualClock();
  // Nothing is sent in these tests: the clock never advances, so only what was queued, and for whom, is seen.
  return new Outbox({ storage: new MemoryStorage(), send: () => Promise.resolve({}), now: clock.now, setTimer: clock.setTimer, random: () => 0.5, log: () => undefined });
}

describe('trade-offs across connections', () => {
  describe('enqueueTradeOff', () => {
    it('queues a trade-off on the second connection’s item (same kind, same item id) for the second only', async () => {
      const queue = outbox();
      const ref = await enqueueTradeOff(queue, 'rest-bbbbbbbb/FB-12', body, [restA, restB]);
      assert.deepEqual(ref, { connection: 'rest-bbbbbbbb', id: 'FB-12' });
      assert.deepEqual(
        queue.entries().map((e) => [e.tracker, e.request.kind, e.request.itemId]),
        [['rest-bbbbbbbb', 'tradeoff', 'FB-12']],
      );
    });

    it('queues nothing for a connection this workspace does not have, and says so', async () => {
      const queue = outbox();
      await assert.rejects(enqueueTradeOff(queue, 'rest-zzzzzzzz/FB-12', body, [restA, restB]), UnknownTradeOffItem);
      await assert.rejects(enqueueTradeOff(queue, 'linear:0b7c', body, [restA, githubApp]), UnknownTradeOffItem);
      await assert.rejects(enqueueTradeOff(queue, 'github:octo/other#3', body, [restA, githubApp]), UnknownTradeOffItem);
      await assert.rejects(enqueueTradeOff(queue, 'FB-12', body, []), UnknownTradeOffItem);
      assert.deepEqual(queue.entries(), []);
    });

    it('queues a stored id (scripted use) for the connection it resolves to', async () => {
      const queue = outbox();
      await enqueueTradeOff(queue, 'github:github:octo/web#7', body, [restA, githubApp, githubWeb]);
      assert.deepEqual(
        queue.entries().map((e) => [e.tracker, e.request.itemId]),
        [['github-dddddddd', 'github:octo/web#7']],
      );
    });
  });

  describe('the stored item id', () => {
    it('is the tracker’s id with one connection, as the file always had it', () => {
      assert.equal(storedItemIdOf({ connection: 'rest-aaaaaaaa', id: 'FB-12' }, [restA]), 'FB-12');
      assert.equal(storedItemIdOf({ connection: 'github-cccccccc', id: 'github:octo/app#12' }, [githubApp]), 'github:octo/app#12');
    });

    it('is kind-qualified, as a trailer, with several', () => {
      assert.equal(storedItemIdOf({ connection: 'rest-bbbbbbbb', id: 'FB-12' }, [githubApp, restB]), 'rest:FB-12');
      assert.equal(storedItemIdOf({ connection: 'github-cccccccc', id: 'github:octo/app#12' }, [githubApp, restB]), 'github:github:octo/app#12');
    });

    it('is not made for a connection that is not here', () => {
      assert.equal(storedItemIdOf({ connection: 'rest-zzzzzzzz', id: 'FB-12' }, [restA]), undefined);
    });

    it('reads back every form: qualified, a kind-carrying id, a bare REST id', () => {
      assert.deepEqual(parseStoredItemId('rest:FB-12'), { kind: 'rest', id: 'FB-12' });
      assert.deepEqual(parseStoredItemId('FB-12'), { kind: 'rest', id: 'FB-12' });
      assert.deepEqual(parseStoredItemId('github:github:octo/app#12'), { kind: 'github', id: 'github:octo/app#12' });
      assert.deepEqual(parseStoredItemId('github:octo/app#12'), { kind: 'github', id: 'github:octo/app#12' });
      assert.deepEqual(parseStoredItemId('canny:553c3ef8'), { kind: 'canny', id: 'canny:553c3ef8' });
      assert.deepEqual(parseStoredItemId('fider:fider:feedback.example.com#7'), { kind: 'fider', id: 'fider:feedback.example.com#7' });
      // Not a kind: the whole text is a REST id.
      assert.deepEqual(parseStoredItemId('jira:FB-1'), { kind: 'rest', id: 'jira:FB-1' });
      assert.deepEqual(parseStoredItemId('rest:'), { kind: 'rest', id: 'rest:' });
    });
  });

  describe('resolving a stored id in another workspace', () => {
    it('finds the connection of the kind whose scope holds the item, whatever the ids and order', () => {
      // A teammate's workspace: its own ids, another order.
      const theirs = [githubWeb, restB, githubApp];
      assert.deepEqual(resolveStoredItemId('github:github:octo/app#12', theirs), { connection: 'github-cccccccc', id: 'github:octo/app#12' });
      assert.deepEqual(resolveStoredItemId('github:octo/APP#12', theirs), { connection: 'github-cccccccc', id: 'github:octo/APP#12' });
      assert.deepEqual(resolveStoredItemId('rest:FB-12', theirs), { connection: 'rest-bbbbbbbb', id: 'FB-12' });
      assert.deepEqual(resolveStoredItemId('fider:feedback.example.com#7', [restA, fider]), { connection: 'fider-eeeeeeee', id: 'fider:feedback.example.com#7' });
    });

    it('takes the first of several connections that could hold it', () => {
      assert.deepEqual(resolveStoredItemId('rest:FB-12', [restA, restB]), { connection: 'rest-aaaaaaaa', id: 'FB-12' });
      assert.deepEqual(resolveStoredItemId('FB-12', [githubApp, restB, restA]), { connection: 'rest-bbbbbbbb', id: 'FB-12' });
    });

    it('matches any id of its kind where the connection’s scope is not known', () => {
      const environment: TradeOffConnection = { id: 'environment-0123456789ab', kind: 'github', scope: undefined };
      assert.deepEqual(resolveStoredItemId('github:octo/app#12', [environment]), { connection: 'environment-0123456789ab', id: 'github:octo/app#12' });
    });

    it('names nothing when no connection here is of its kind or scope: unknown', () => {
      assert.equal(resolveStoredItemId('github:github:octo/other#1', [githubApp, githubWeb]), undefined);
      assert.equal(resolveStoredItemId('rest:FB-12', [githubApp]), undefined);
      assert.equal(resolveStoredItemId('linear:5b6d', [restA]), undefined);
      assert.equal(storedItemKey('linear:5b6d', [restA]), undefined);
      assert.equal(storedItemKey('rest:FB-12', [githubApp, restB]), 'rest-bbbbbbbb/FB-12');
    });

    it('takes each connection’s scope from its record: GitHub’s repository, Fider’s host; none known without a record', () => {
      const github = { id: 'github-cccccccc', name: 'App', kind: 'github' as const, settings: { repository: 'octo/App', apiUrl: 'https://api.github.com' } };
      const fiderRecord = { id: 'fider-eeeeeeee', name: 'Ideas', kind: 'fider' as const, settings: { baseUrl: 'https://feedback.example.com:8443/' } };
      const ideas = tradeOffConnectionOf({ id: fiderRecord.id, kind: 'fider', record: fiderRecord });
      assert.deepEqual(tradeOffConnectionOf({ id: github.id, kind: 'github', record: github }), { id: 'github-cccccccc', kind: 'github', scope: 'octo/App' });
      assert.deepEqual(ideas, { id: 'fider-eeeeeeee', kind: 'fider', scope: 'feedback.example.com:8443' });
      assert.deepEqual(tradeOffConnectionOf({ id: 'sample', kind: 'rest', record: undefined }), { id: 'sample', kind: 'rest', scope: undefined });
      // Fider's ids carry the host with its port, as the adapter makes them (URL.host).
      assert.deepEqual(resolveStoredItemId('fider:feedback.example.com:8443#7', [restA, ideas]), { connection: 'fider-eeeeeeee', id: 'fider:feedback.example.com:8443#7' });
      assert.equal(resolveStoredItemId('fider:feedback.example.com#7', [restA, ideas]), undefined);
    });

    it('takes a ref only for a connection of this workspace', () => {
      assert.deepEqual(tradeOffTarget('rest-bbbbbbbb/FB-12', [restA, restB]), { connection: 'rest-bbbbbbbb', id: 'FB-12' });
      // A connection removed since: nothing, not the same id of another connection.
      assert.equal(tradeOffTarget('rest-zzzzzzzz/FB-12', [restA]), undefined);
      assert.deepEqual(tradeOffTarget('FB-12', [restA]), { connection: 'rest-aaaaaaaa', id: 'FB-12' });
    });
  });
});

describe('sessionTradeOffItems', () => {
  const item = { id: 'FB-12', title: 'Dark mode' } as ItemSummary;
  const items = sessionTradeOffItems({
    sessions: { list: () => [], entry: () => undefined },
    // Only the second connection's FB-12 is loaded: a stored name must reach it by its ref, not by its bare id.
    byRef: {
      findItem: (ref) => (ref === 'rest-bbbbbbbb/FB-12' ? item : undefined),
      summary: (ref) => (ref === 'rest-bbbbbbbb/FB-12' ? Promise.resolve(item) : Promise.reject(new Error(`read ${ref}`))),
    },
    connections: () => [githubApp, restB],
  });

  it('reads a stored name through the session of the connection it resolves to', async () => {
    assert.equal(items.refOf('rest:FB-12'), 'rest-bbbbbbbb/FB-12');
    assert.equal(items.find('rest:FB-12'), item);
    assert.equal(await items.summary('rest:FB-12'), item);
  });

  it('reads nothing for a name no connection here holds', async () => {
    assert.equal(items.refOf('linear:5b6d'), undefined);
    assert.equal(items.find('linear:5b6d'), undefined);
    await assert.rejects(items.summary('linear:5b6d'), NoConnection);
  });
});
