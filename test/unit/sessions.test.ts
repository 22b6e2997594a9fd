// FeedbackSessions (issue 14): a session per connection, in the list's order.
// A rename keeps the session and its lists; a reconnect rebuilds one session
// and leaves the others' lists; a ref finds its connection's item even when
// another connection has an item of the same id.
import * as assert from 'node:assert/strict';
import type { SessionsChange } from '../../src/core/sessions';
import { FeedbackSessions } from '../../src/core/sessions';
import { summary } from './fakeItems';
import { RankingSource, connectionOver } from './multiFakes';

const VIEW = { grouping: 'status', sort: 'demand', filter: '' } as const;

function setup() {
  const attached: string[] = [];
  const detached: string[] = [];
  const sessions = new FeedbackSessions({
    viewOptions: VIEW,
    attach: (_session, id) => {
      attached.push(id);
      return { dispose: () => detached.push(id) };
    },
  });
  const changes: SessionsChange[] = [];
  sessions.onDidChange((change) => changes.push(change));
  return { sessions, attached, detached, changes };
}

/** Two REST servers that both have FB-1 and FB-2, with other titles. */
function twoServers() {
  const a = new RankingSource([summary(1, { title: 'A one' }), summary(2, { title: 'A two' })]);
  const b = new RankingSource([summary(1, { title: 'B one' }), summary(2, { title: 'B two' })]);
  return { a: connectionOver('rest-aaaaaaaa', 'Server A', a), b: connectionOver('rest-bbbbbbbb', 'Server B', b) };
}

describe('FeedbackSessions', () => {
  it('keeps a session per connection in the order added, each reading its own tracker', async () => {
    const { sessions, attached, changes } = setup();
    const { a, b } = twoServers();
    sessions.add(a);
    sessions.add(b);
    assert.deepEqual(
      sessions.list().map((e) => [e.id, e.name]),
      [
        ['rest-aaaaaaaa', 'Server A'],
        ['rest-bbbbbbbb', 'Server B'],
      ],
    );
    assert.deepEqual(attached, ['rest-aaaaaaaa', 'rest-bbbbbbbb']);
    assert.deepEqual(
      changes.map((c) => c.added),
      [['rest-aaaaaaaa'], ['rest-bbbbbbbb']],
    );
    await Promise.all(sessions.list().map((e) => e.session.store.refresh()));
    assert.equal(sessions.findItem({ connection: 'rest-aaaaaaaa', id: 'FB-1' })?.title, 'A one');
    assert.equal(sessions.findItem('rest-bbbbbbbb/FB-1')?.title, 'B one');
    assert.equal(sessions.sessionOf('rest-bbbbbbbb/FB-2'), sessions.get('rest-bbbbbbbb'));
    assert.equal(sessions.findItem('rest-cccccccc/FB-1'), undefined);
    assert.equal(sessions.sessionOf('not a ref'), undefined);
  });

  it('refuses a second session of one id and an id a ref cannot carry', () => {
    const { sessions } = setup();
    const { a } = twoServers();
    sessions.add(a);
    assert.throws(() => sessions.add(a), /exists already/);
    assert.throws(() => sessions.add({ ...a, id: 'http://127.0.0.1:3000' }), RangeError);
    assert.equal(sessions.size, 1);
  });

  it('adds at a place, as the registry lists the connections', () => {
    const { sessions } = setup();
    const { a, b } = twoServers();
    sessions.add(b);
    sessions.add(a, 0);
    assert.deepEqual(
      sessions.list().map((e) => e.id),
      ['rest-aaaaaaaa', 'rest-bbbbbbbb'],
    );
  });

  it('renames the label only: the session, its lists and what the tracker’s messages call it follow', async () => {
    const { sessions, changes } = setup();
    const { a } = twoServers();
    const session = sessions.add(a);
    await session.store.refresh();
    const loaded = session.store.groups();
    assert.equal(sessions.rename('rest-aaaaaaaa', 'Support server'), true);
    assert.equal(sessions.get('rest-aaaaaaaa'), session);
    assert.equal(session.store.groups()[0].items, loaded[0].items);
    assert.equal(session.connection?.label, 'Support server');
    assert.equal(sessions.entry('rest-aaaaaaaa')?.name, 'Support server');
    assert.deepEqual(changes.at(-1)?.renamed, ['rest-aaaaaaaa']);
    const count = changes.length;
    sessions.rename('rest-aaaaaaaa', 'Support server');
    assert.equal(changes.length, count, 'the same name again changes nothing');
    assert.equal(sessions.rename('rest-cccccccc', 'x'), false);
  });

  it('names a renamed connection in the store’s paging error', async () => {
    const { sessions } = setup();
    const endless = { listItems: async () => ({ items: [summary(1)], nextCursor: 'same', rejected: [] }) };
    const session = sessions.add(connectionOver('rest-aaaaaaaa', 'Old name', endless));
    sessions.rename('rest-aaaaaaaa', 'New name');
    await session.store.refresh();
    assert.match(String(session.store.error), /^PagingError: New name:/);
  });

  it('rebuilds one session on reconnect and leaves the others’ lists alone', async () => {
    const { sessions, detached, changes } = setup();
    const { a, b } = twoServers();
    const first = sessions.add(a);
    const second = sessions.add(b);
    await Promise.all([first.store.refresh(), second.store.refresh()]);
    const secondGroups = second.store.groups();
    let heardOld = 0;
    first.store.onDidChange(() => heardOld++);
    const rebuilt = sessions.replace({ ...a, label: 'Server A again' });
    assert.notEqual(rebuilt, first);
    first.store.setSource(undefined);
    assert.equal(heardOld, 0, 'the old session is disposed: nobody hears it');
    assert.deepEqual(detached, ['rest-aaaaaaaa']);
    assert.equal(rebuilt.store.lastSyncedAt, undefined, 'loaded again when shown');
    assert.equal(sessions.get('rest-bbbbbbbb'), second);
    assert.equal(second.store.groups()[0].items, secondGroups[0].items);
    assert.deepEqual(
      sessions.list().map((e) => [e.id, e.name]),
      [
        ['rest-aaaaaaaa', 'Server A again'],
        ['rest-bbbbbbbb', 'Server B'],
      ],
    );
    assert.deepEqual(changes.at(-1)?.replaced, ['rest-aaaaaaaa']);
    assert.throws(() => sessions.replace(connectionOver('rest-cccccccc', 'C', new RankingSource([]))), /No session/);
  });

  it('removes a session and disposes it with what was attached to it', () => {
    const { sessions, detached, changes } = setup();
    const { a, b } = twoServers();
    sessions.add(a);
    sessions.add(b);
    assert.equal(sessions.remove('rest-aaaaaaaa'), true);
    assert.equal(sessions.remove('rest-aaaaaaaa'), false);
    assert.deepEqual(detached, ['rest-aaaaaaaa']);
    assert.deepEqual(
      sessions.list().map((e) => e.id),
      ['rest-bbbbbbbb'],
    );
    assert.deepEqual(changes.at(-1)?.removed, ['rest-aaaaaaaa']);
  });

  it('follows the connection list in one change: added, removed, renamed, reordered, the kept sessions kept', () => {
    const { sessions, detached, changes } = setup();
    const { a, b } = twoServers();
    const c = connectionOver('rest-cccccccc', 'Server C', new RankingSource([]));
    sessions.sync([a, b]);
    const kept = sessions.get('rest-bbbbbbbb');
    changes.length = 0;
    sessions.sync([c, { ...b, label: 'Server B, renamed' }]);
    assert.deepEqual(
      sessions.list().map((e) => [e.id, e.name]),
      [
        ['rest-cccccccc', 'Server C'],
        ['rest-bbbbbbbb', 'Server B, renamed'],
      ],
    );
    assert.equal(sessions.get('rest-bbbbbbbb'), kept);
    assert.deepEqual(detached, ['rest-aaaaaaaa']);
    assert.deepEqual(changes, [{ added: ['rest-cccccccc'], removed: ['rest-aaaaaaaa'], renamed: ['rest-bbbbbbbb'], replaced: [], reordered: false }]);
    sessions.sync([{ ...b, label: 'Server B, renamed' }, c]);
    assert.deepEqual(changes.at(-1), { added: [], removed: [], renamed: [], replaced: [], reordered: true });
    const count = changes.length;
    sessions.sync([{ ...b, label: 'Server B, renamed' }, c]);
    assert.equal(changes.length, count, 'the same list changes nothing');
  });

  it('makes a session anew when its connection’s client is another (reconnected, new settings), keeping the others', async () => {
    const { sessions, detached, changes } = setup();
    const { a, b } = twoServers();
    sessions.sync([a, b]);
    const [first, second] = sessions.list().map((e) => e.session);
    changes.length = 0;
    const reconnected = connectionOver('rest-aaaaaaaa', 'Server A', new RankingSource([summary(5, { title: 'A five' })]));
    sessions.sync([reconnected, b]);
    assert.notEqual(sessions.get('rest-aaaaaaaa'), first);
    assert.equal(sessions.get('rest-bbbbbbbb'), second);
    assert.deepEqual(detached, ['rest-aaaaaaaa']);
    assert.deepEqual(changes, [{ added: [], removed: [], renamed: [], replaced: ['rest-aaaaaaaa'], reordered: false }]);
    await sessions.get('rest-aaaaaaaa')!.store.refresh();
    assert.equal(sessions.findItem('rest-aaaaaaaa/FB-5')?.title, 'A five', 'it reads the new client');
    sessions.sync([reconnected, b]);
    assert.equal(changes.length, 1, 'the same client again changes nothing');
  });

  it('sets the view’s options on every session, and on sessions made later', async () => {
    const { sessions } = setup();
    const { a, b } = twoServers();
    sessions.add(a);
    await sessions.setViewOptions({ grouping: 'tag', filter: 'one' });
    sessions.add(b);
    for (const { session } of sessions.list()) {
      assert.deepEqual(session.store.viewOptions, { grouping: 'tag', sort: 'demand', filter: 'one' });
    }
  });

  it('disposes every session once', () => {
    const { sessions, detached } = setup();
    const { a, b } = twoServers();
    sessions.add(a);
    sessions.add(b);
    sessions.dispose();
    assert.deepEqual(detached, ['rest-aaaaaaaa', 'rest-bbbbbbbb']);
    assert.equal(sessions.size, 0);
  });
});
