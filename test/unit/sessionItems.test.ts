// SessionItems (issue 14): the features' window onto every connection's items.
// By ref, an item is its connection's even when another connection has an
// item of the same id; by item id, it is the first connection's that has it,
// which with one connection is exactly the session of before. Changes of
// every session are heard through one subscription, sessions coming and going.
import * as assert from 'node:assert/strict';
import { NoConnection } from '../../src/core/itemDetails';
import { SessionItems } from '../../src/core/sessionItems';
import { FeedbackSessions } from '../../src/core/sessions';
import type { SessionConnection } from '../../src/core/session';
import { HeldTracker, fullItem } from './detailFakes';

const VIEW = { grouping: 'status', sort: 'demand', filter: '' } as const;

function connection(id: string, tracker: HeldTracker): SessionConnection {
  return { id, label: id, tracker: async () => tracker };
}

/** Two REST servers: both have FB-1, each with its own title; only B has FB-2. */
async function twoServers() {
  const a = new HeldTracker(fullItem('FB-1', { title: 'A one' }));
  const b = new HeldTracker(fullItem('FB-1', { title: 'B one' }), fullItem('FB-2', { title: 'B two' }));
  const sessions = new FeedbackSessions({ viewOptions: VIEW });
  sessions.sync([connection('rest-aaaaaaaa', a), connection('rest-bbbbbbbb', b)]);
  await Promise.all(sessions.list().map((e) => e.session.store.refresh()));
  return { a, b, sessions };
}

describe('SessionItems', () => {
  it('finds an item by ref in its own connection, never in another that has an item of that id', async () => {
    const { sessions } = await twoServers();
    const items = new SessionItems(sessions, 'ref');
    assert.equal(items.findItem('rest-aaaaaaaa/FB-1')?.title, 'A one');
    assert.equal(items.findItem('rest-bbbbbbbb/FB-1')?.title, 'B one');
    assert.equal(items.findItem('rest-aaaaaaaa/FB-2'), undefined);
    assert.equal(items.findItem('rest-cccccccc/FB-1'), undefined, 'a connection this workspace does not have');
    assert.equal(items.findItem('FB-1'), undefined, 'a bare id is no ref');
    assert.equal(items.resolve('rest-bbbbbbbb/FB-2')?.session, sessions.get('rest-bbbbbbbb'));
    assert.equal((await items.summary('rest-bbbbbbbb/FB-2')).title, 'B two');
    await assert.rejects(items.summary('rest-cccccccc/FB-2'), NoConnection);
    assert.deepEqual(
      items.entries().map((e) => e.key),
      ['rest-aaaaaaaa/FB-1', 'rest-bbbbbbbb/FB-1', 'rest-bbbbbbbb/FB-2'],
    );
  });

  it('by item id: the first connection that has the item, else the first; with one connection, that one', async () => {
    const { sessions } = await twoServers();
    const items = new SessionItems(sessions, 'itemId');
    assert.equal(items.findItem('FB-1')?.title, 'A one');
    assert.equal(items.findItem('FB-2')?.title, 'B two', 'only the second has it');
    assert.equal(items.resolve('FB-9')?.connectionId, 'rest-aaaaaaaa');
    assert.deepEqual(
      items.allItems().map((i) => i.title),
      ['A one', 'B two'],
      'each id once, the first connection’s',
    );
    sessions.remove('rest-aaaaaaaa');
    assert.equal(items.findItem('FB-1')?.title, 'B one');
  });

  it('names the connections that have an item of an id, and the tracker’s id of a key', async () => {
    const { sessions } = await twoServers();
    const items = new SessionItems(sessions, 'ref');
    assert.deepEqual(
      items.holders('FB-1').map((c) => c.id),
      ['rest-aaaaaaaa', 'rest-bbbbbbbb'],
    );
    assert.deepEqual(
      items.holders('FB-2').map((c) => c.name),
      ['rest-bbbbbbbb'],
    );
    assert.deepEqual(items.holders('FB-9'), []);
    assert.equal(items.idOf('rest-bbbbbbbb/github:octo/app#12'), 'github:octo/app#12');
    assert.equal(new SessionItems(sessions, 'itemId').idOf('FB-1'), 'FB-1');
  });

  it('loads and reads details in the item’s connection', async () => {
    const { sessions, a, b } = await twoServers();
    const items = new SessionItems(sessions, 'ref');
    await items.details.load('rest-bbbbbbbb/FB-1');
    assert.equal(b.callsOf('item', 'FB-1'), 1);
    assert.equal(a.callsOf('item'), 0);
    assert.equal(items.details.get('rest-bbbbbbbb/FB-1')?.item.value?.title, 'B one');
    assert.equal(items.details.get('rest-aaaaaaaa/FB-1'), undefined);
    await items.details.load('rest-cccccccc/FB-1'); // nothing to load from, nothing thrown
  });

  it('hears every session’s changes by key, follows sessions added and replaced, and no longer hears those removed', async () => {
    const { sessions } = await twoServers();
    const items = new SessionItems(sessions, 'ref');
    const details: string[] = [];
    let lists = 0;
    items.onDidChangeDetail((key) => details.push(key));
    items.onDidChangeLists(() => lists++);
    await items.details.load('rest-bbbbbbbb/FB-2');
    assert.ok(details.includes('rest-bbbbbbbb/FB-2'));
    const c = new HeldTracker(fullItem('FB-7'));
    sessions.add(connection('rest-cccccccc', c));
    assert.ok(lists > 0, 'a connection added changes what the lists show');
    details.length = 0;
    await items.details.load('rest-cccccccc/FB-7');
    assert.ok(details.includes('rest-cccccccc/FB-7'), 'a session added later is heard');
    const removed = sessions.get('rest-bbbbbbbb')!;
    sessions.remove('rest-bbbbbbbb');
    details.length = 0;
    await removed.details.load('FB-2');
    assert.equal(details.length, 0, 'a removed session is not heard');
    sessions.replace(connection('rest-aaaaaaaa', new HeldTracker(fullItem('FB-1', { title: 'A again' }))));
    await items.details.load('rest-aaaaaaaa/FB-1');
    assert.equal(items.details.get('rest-aaaaaaaa/FB-1')?.item.value?.title, 'A again');
    assert.ok(details.includes('rest-aaaaaaaa/FB-1'), 'the replacing session is heard');
    items.dispose();
  });

  it('tells which connection refreshed', async () => {
    const { sessions } = await twoServers();
    const items = new SessionItems(sessions, 'itemId');
    const refreshed: string[] = [];
    items.onDidRefresh(({ connectionId }) => refreshed.push(connectionId));
    await sessions.get('rest-bbbbbbbb')!.store.refresh();
    assert.deepEqual(refreshed, ['rest-bbbbbbbb']);
  });
});
