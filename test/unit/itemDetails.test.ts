// The session's cache of single items against a tracker whose answers the
// test lets go part by part: one request per part however many views ask,
// cached parts shown at once while revalidating, the last value kept through
// a failed revalidation, answers of a replaced connection dropped, the least
// recently asked item evicted, and confirmed writes folded in exactly once.
import * as assert from 'node:assert/strict';
import { DETAIL_CAPACITY, ItemDetails, NoConnection } from '../../src/core/itemDetails';
import { TrackerError } from '../../src/trackers/tracker';
import { HeldTracker, PARTS, comment, fullItem, link, tradeOff } from './detailFakes';
import { settle } from './outboxFakes';

function setup(options: { hold?: boolean } = {}) {
  const tracker = new HeldTracker(fullItem('FB-1'), fullItem('FB-2'));
  tracker.comments.set('FB-1', [comment('c1')]);
  tracker.links.set('FB-1', [link(1)]);
  tracker.tradeOffs.set('FB-1', [tradeOff('t1')]);
  tracker.hold = options.hold ?? true;
  let time = 1000;
  const details = new ItemDetails(() => time);
  details.setSource(tracker);
  const changes: string[] = [];
  details.onDidChange((id) => changes.push(id));
  return { tracker, details, changes, tick: (ms: number) => (time += ms) };
}

describe('Item details', () => {
  it('makes one request per part for loads that overlap, and settles them all with that answer', async () => {
    const { tracker, details } = setup();
    const first = details.load('FB-1');
    const second = details.load('FB-1');
    const item = details.item('FB-1');
    assert.deepEqual(PARTS.map((p) => tracker.callsOf(p)), [1, 1, 1, 1]);
    let settled = 0;
    void Promise.all([first, second]).then(() => settled++);
    await settle();
    assert.equal(settled, 0, 'nothing answered yet');
    tracker.answer();
    await Promise.all([first, second]);
    assert.equal((await item).title, 'Title FB-1');
    assert.deepEqual(details.get('FB-1')?.comments.value?.map((c) => c.id), ['c1']);
    assert.deepEqual(PARTS.map((p) => tracker.callsOf(p)), [1, 1, 1, 1], 'still one per part');
  });

  it('shows each part as it lands, loading until then', async () => {
    const { tracker, details, changes } = setup();
    const load = details.load('FB-1');
    assert.deepEqual(PARTS.map((p) => details.get('FB-1')?.[p].loading), [true, true, true, true]);
    const before = changes.length;
    tracker.answer({ part: 'comments' });
    await settle();
    assert.ok(changes.length > before && changes.every((id) => id === 'FB-1'), 'said when the part landed');
    const detail = details.get('FB-1');
    assert.deepEqual(detail?.comments, { value: [comment('c1')], fetchedAt: 1000, loading: false });
    assert.equal(detail?.item.value, undefined);
    assert.equal(detail?.item.loading, true);
    tracker.answer();
    await load;
    assert.equal(details.get('FB-1')?.item.value?.description, 'Description of FB-1');
  });

  it('shows the cached parts at once and fetches them again', async () => {
    const { tracker, details, tick } = setup({ hold: false });
    await details.load('FB-1');
    tracker.hold = true;
    tracker.items.set('FB-1', fullItem('FB-1', { title: 'Renamed', updatedAt: '2025-02-01T00:00:00Z' }));
    tick(500);
    const again = details.load('FB-1');
    const cached = details.get('FB-1');
    assert.deepEqual(cached?.item, { value: fullItem('FB-1'), fetchedAt: 1000, loading: true }, 'the cached item, shown while revalidating');
    assert.deepEqual(PARTS.map((p) => tracker.callsOf(p)), [2, 2, 2, 2]);
    tracker.answer();
    await again;
    assert.deepEqual(details.get('FB-1')?.item, { value: tracker.items.get('FB-1'), fetchedAt: 1500, loading: false });
  });

  it('keeps the last value when a revalidation fails, with the error, and clears the error once one succeeds', async () => {
    const { tracker, details, tick } = setup({ hold: false });
    await details.load('FB-1');
    tracker.hold = true;
    tick(500);
    const failing = details.load('FB-1');
    const down = new TrackerError('unreachable', 'ECONNREFUSED');
    tracker.fail(down, { part: 'comments' });
    tracker.answer();
    await failing;
    assert.deepEqual(details.get('FB-1')?.comments, { value: [comment('c1')], fetchedAt: 1000, loading: false, error: down });
    assert.equal(details.get('FB-1')?.item.error, undefined, 'the other parts are not affected');
    const retry = details.load('FB-1');
    assert.equal(details.get('FB-1')?.comments.error, down, 'the error stays shown while retrying');
    tracker.answer();
    await retry;
    assert.deepEqual(details.get('FB-1')?.comments, { value: [comment('c1')], fetchedAt: 1500, loading: false });
  });

  it('keeps a failed first fetch as an error without a value; item() rejects with it', async () => {
    const { tracker, details } = setup();
    const load = details.load('FB-1');
    const gone = new TrackerError('notFound', 'no such item (404)', { status: 404 });
    tracker.fail(gone, { part: 'item' });
    tracker.answer();
    await load;
    assert.deepEqual(details.get('FB-1')?.item, { value: undefined, fetchedAt: undefined, loading: false, error: gone });
    const asked = details.item('FB-1');
    tracker.fail(gone);
    await assert.rejects(asked, (error) => error === gone);
  });

  it('answers item() from the cache without a request, else asks for the item alone', async () => {
    const { tracker, details } = setup({ hold: false });
    assert.equal((await details.item('FB-2')).id, 'FB-2');
    assert.deepEqual(PARTS.map((p) => tracker.callsOf(p)), [1, 0, 0, 0]);
    await details.item('FB-2');
    assert.equal(tracker.callsOf('item'), 1);
  });

  it('says "not connected" for every part without a source', async () => {
    const details = new ItemDetails();
    await details.load('FB-1');
    const detail = details.get('FB-1');
    assert.ok(PARTS.every((p) => detail?.[p].error instanceof NoConnection && !detail[p].loading));
    await assert.rejects(details.item('FB-1'), NoConnection);
  });

  it('drops what a replaced source answers, aborts its requests, and asks the new source', async () => {
    const { tracker, details, changes } = setup();
    const old = details.load('FB-1');
    await settle();
    changes.length = 0;
    const next = new HeldTracker(fullItem('FB-1', { title: 'From the new tracker' }));
    details.setSource(next);
    assert.deepEqual(changes, ['FB-1'], 'views of the item are told it is gone');
    assert.equal(details.get('FB-1'), undefined);
    assert.ok(tracker.calls.every((c) => c.signal?.aborted === true));
    tracker.answer(); // a client that ignores the abort and answers anyway
    await old;
    assert.equal(details.get('FB-1'), undefined, 'the old answer is not shown');
    assert.deepEqual(changes, ['FB-1'], 'and not announced');
    await details.load('FB-1');
    assert.equal(details.get('FB-1')?.item.value?.title, 'From the new tracker');
    assert.equal(next.callsOf('item'), 1, 'not joined to the old request');
  });

  it('keeps the most recently asked items up to its capacity', async () => {
    const { details } = setup({ hold: false });
    const tracker = new HeldTracker(...Array.from({ length: DETAIL_CAPACITY + 2 }, (_, n) => fullItem(`FB-${n}`)));
    details.setSource(tracker);
    for (let n = 0; n < DETAIL_CAPACITY; n++) {
      await details.item(`FB-${n}`);
    }
    await details.load('FB-0'); // asked again: now the most recent
    await details.item(`FB-${DETAIL_CAPACITY}`);
    assert.ok(details.get('FB-0'), 'recently asked: kept');
    assert.equal(details.get('FB-1'), undefined, 'least recently asked: dropped');
    assert.ok(details.get('FB-2'));
    await details.item(`FB-${DETAIL_CAPACITY + 1}`);
    assert.equal(details.get('FB-2'), undefined);
    assert.equal([...Array(DETAIL_CAPACITY + 2).keys()].filter((n) => details.get(`FB-${n}`)).length, DETAIL_CAPACITY);
  });

  it('folds in a confirmed comment, link and trade-off once their part was fetched, each once', async () => {
    const { details, changes } = setup({ hold: false });
    await details.load('FB-1');
    changes.length = 0;
    details.addComment('FB-1', comment('c2', 'Our reply', 'team'));
    details.addComment('FB-1', comment('c2', 'Our reply', 'team'));
    details.addLink('FB-1', link(2));
    details.addLink('FB-1', link(2));
    details.addLink('FB-1', { ...link(1), id: 'other id, same commit' });
    details.addLink('FB-1', link(1, 'acme/other'));
    details.addTradeOff('FB-1', tradeOff('t2'));
    details.addTradeOff('FB-1', tradeOff('t1'));
    const detail = details.get('FB-1');
    assert.deepEqual(detail?.comments.value?.map((c) => c.id), ['c1', 'c2']);
    assert.deepEqual(detail?.links.value?.map((l) => `${l.repository}@${l.sha.slice(-1)}`), ['acme/app@1', 'acme/app@2', 'acme/other@1']);
    assert.deepEqual(detail?.tradeOffs.value?.map((t) => t.id), ['t1', 't2']);
    assert.ok(changes.length >= 4 && changes.every((id) => id === 'FB-1'));
  });

  it('sets the item a write answered with only once the item was fetched', async () => {
    const { details, tracker } = setup({ hold: false });
    details.setItem(fullItem('FB-2', { status: 'planned' }));
    assert.equal(details.get('FB-2'), undefined, 'never fetched: nothing cached');
    await details.load('FB-1');
    details.setItem(fullItem('FB-1', { status: 'shipped' }));
    assert.equal(details.get('FB-1')?.item.value?.status, 'shipped');
    assert.equal(details.get('FB-1')?.item.fetchedAt, 1000);
    assert.equal(tracker.callsOf('item'), 1);
  });

  it('ignores writes to parts never fetched: the next load reads them with the write in', async () => {
    const { details, tracker } = setup();
    details.addComment('FB-1', comment('c9'));
    assert.equal(details.get('FB-1'), undefined);
    const load = details.load('FB-1');
    details.addComment('FB-1', comment('c9')); // still loading, no value yet
    assert.equal(details.get('FB-1')?.comments.value, undefined);
    tracker.fail(new Error('down'), { part: 'comments' });
    tracker.answer();
    await load;
    details.addComment('FB-1', comment('c9')); // failed, no value
    assert.equal(details.get('FB-1')?.comments.value, undefined);
    tracker.comments.set('FB-1', [comment('c1'), comment('c9')]);
    tracker.hold = false;
    await details.load('FB-1');
    assert.deepEqual(details.get('FB-1')?.comments.value?.map((c) => c.id), ['c1', 'c9'], 'once, from the tracker');
  });

  it('keeps writes confirmed while a revalidation is in flight, when its answer was read before them', async () => {
    const { tracker, details } = setup({ hold: false });
    await details.load('FB-1');
    tracker.hold = true;
    const again = details.load('FB-1');
    tracker.read(); // the tracker reads the item's parts …
    tracker.comments.set('FB-1', [comment('c1'), comment('c2', 'Our reply', 'team')]); // … then our writes land and are confirmed
    details.addComment('FB-1', comment('c2', 'Our reply', 'team'));
    tracker.links.set('FB-1', [link(1), link(2)]);
    details.addLink('FB-1', link(2));
    tracker.tradeOffs.set('FB-1', [tradeOff('t1'), tradeOff('t2')]);
    details.addTradeOff('FB-1', tradeOff('t2'));
    assert.deepEqual(details.get('FB-1')?.comments.value?.map((c) => c.id), ['c1', 'c2'], 'shown at once');
    tracker.answer(); // the answers read before the writes
    await again;
    const detail = details.get('FB-1');
    assert.deepEqual(detail?.comments.value?.map((c) => c.id), ['c1', 'c2']);
    assert.deepEqual(detail?.links.value?.map((l) => l.id), ['L1', 'L2']);
    assert.deepEqual(detail?.tradeOffs.value?.map((t) => t.id), ['t1', 't2']);
  });

  it('keeps a write confirmed during the first fetch, and shows it once when the answer already has it', async () => {
    const { tracker, details } = setup();
    const first = details.load('FB-1');
    tracker.read({ part: 'comments' }); // read before the reply
    tracker.comments.set('FB-1', [comment('c1'), comment('c2')]);
    details.addComment('FB-1', comment('c2'));
    tracker.links.set('FB-1', [link(1), link(2)]); // read after the link: the answer has it
    details.addLink('FB-1', link(2));
    tracker.answer();
    await first;
    assert.deepEqual(details.get('FB-1')?.comments.value?.map((c) => c.id), ['c1', 'c2']);
    assert.deepEqual(details.get('FB-1')?.links.value?.map((l) => l.id), ['L1', 'L2']);
    tracker.hold = false;
    tracker.comments.set('FB-1', [comment('c1')]); // deleted on the tracker since: a new fetch shows it gone
    await details.load('FB-1');
    assert.deepEqual(details.get('FB-1')?.comments.value?.map((c) => c.id), ['c1'], 'applied to the fetch it landed during only');
  });

  it('shows whichever is newer of a status write’s answer and a fetched item', async () => {
    const older = fullItem('FB-1', { status: 'planned', updatedAt: '2025-01-02T00:00:00Z' });
    const newer = fullItem('FB-1', { status: 'shipped', updatedAt: '2025-01-03T00:00:00Z' });
    const { tracker, details } = setup({ hold: false });
    tracker.items.set('FB-1', newer);
    await details.load('FB-1');
    details.setItem(older); // a write answered before a change the fetch already saw
    assert.equal(details.get('FB-1')?.item.value?.status, 'shipped');
    tracker.hold = true;
    tracker.items.set('FB-1', fullItem('FB-1'));
    const stale = details.load('FB-1');
    tracker.read({ part: 'item' }); // read before the write below: older than it
    details.setItem({ ...newer, status: 'closed', updatedAt: '2025-01-04T00:00:00Z' });
    tracker.answer();
    await stale;
    assert.equal(details.get('FB-1')?.item.value?.status, 'closed', 'the answer read before the write does not undo it');
    tracker.hold = false;
    tracker.items.set('FB-1', fullItem('FB-1', { status: 'open', updatedAt: '2025-01-05T00:00:00Z' }));
    await details.load('FB-1');
    assert.equal(details.get('FB-1')?.item.value?.status, 'open', 'a later change on the tracker shows');
  });

  it('aborts its requests and announces nothing once disposed', async () => {
    const { tracker, details, changes } = setup();
    const load = details.load('FB-1');
    details.dispose();
    const before = changes.length;
    assert.ok(tracker.calls.every((c) => c.signal?.aborted === true));
    tracker.answer();
    await load;
    assert.equal(changes.length, before);
    assert.equal(details.get('FB-1'), undefined);
  });

  it('counts an item() answered from the cache as asking for the item', async () => {
    const tracker = new HeldTracker(...Array.from({ length: DETAIL_CAPACITY + 1 }, (_, n) => fullItem(`FB-${n}`)));
    const details = new ItemDetails();
    details.setSource(tracker);
    for (let n = 0; n < DETAIL_CAPACITY; n++) {
      await details.item(`FB-${n}`);
    }
    await details.item('FB-0'); // asked again, answered from the cache
    await details.item(`FB-${DETAIL_CAPACITY}`);
    assert.ok(details.get('FB-0'), 'the item just asked for is kept');
    assert.equal(details.get('FB-1'), undefined, 'the least recently asked for went');
  });

  it('lists the items fetched with their threads, most recently asked first, for the offline snapshot', async () => {
    const tracker = new HeldTracker(fullItem('FB-1'), fullItem('FB-2'));
    const details = new ItemDetails(() => 42);
    details.setSource(tracker);
    await details.load('FB-1');
    await details.load('FB-2');
    await details.item('FB-1'); // asked again: the most recent
    assert.deepEqual(details.fetched().map((f) => [f.item.id, f.fetchedAt]), [['FB-1', 42], ['FB-2', 42]]);
  });

  it('restores saved items until the tracker answers, keeps them when it cannot, and never over what it knows', async () => {
    const tracker = new HeldTracker(fullItem('FB-1', { title: 'Fresh' }));
    tracker.hold = true;
    const details = new ItemDetails();
    details.setSource(tracker);
    const saved = { item: fullItem('FB-1', { title: 'Saved' }), comments: [comment('c1', 'kept')], fetchedAt: 7 };
    details.restore([saved]);
    assert.equal(details.get('FB-1')?.item.value?.title, 'Saved');
    const load = details.load('FB-1');
    tracker.fail(new Error('ECONNREFUSED'));
    await load;
    assert.equal(details.get('FB-1')?.item.value?.title, 'Saved', 'kept when the tracker cannot answer');
    assert.equal(details.get('FB-1')?.comments.value?.[0].body, 'kept');
    assert.ok(details.get('FB-1')?.item.error instanceof Error, 'marked by the failure');

    tracker.hold = false;
    await details.load('FB-1');
    details.restore([saved]);
    assert.equal(details.get('FB-1')?.item.value?.title, 'Fresh', 'a restore never replaces what the tracker answered');
  });
});
