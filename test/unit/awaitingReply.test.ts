// "Awaiting Reply" (issue 14): items whose last comment is a customer's,
// longest-waiting first, with the wait in ms.
import * as assert from 'node:assert/strict';
import { AWAITING_GROUP_KEY, answeredSince, awaitingReply, awaitingReplyGroup, replyStateFromThread } from '../../src/core/awaitingReply';
import type { Comment } from '../../src/core/model';
import type { OutboxEntry } from '../../src/core/outbox';
import type { ReplyState } from '../../src/core/awaitingReply';
import { summary } from './fakeItems';

const NOW = Date.parse('2026-03-10T12:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function item(id: string, lastCommentAt: string | undefined, lastCommentRole: ReplyState['lastCommentRole']): ReplyState {
  return { id, lastCommentAt, lastCommentRole };
}

function waits(items: readonly ReplyState[], now = NOW): [string, number][] {
  return awaitingReply(items, now).map(({ item: { id }, waitingMs }) => [id, waitingMs]);
}

describe('awaiting reply', () => {
  it('lists the items whose last comment is a customer’s, longest-waiting first, with the wait', () => {
    const items = [item('FB-1', '2026-03-09T12:00:00Z', 'customer'), item('FB-2', '2026-03-07T12:00:00Z', 'customer'), item('FB-3', '2026-03-10T11:00:00Z', 'customer')];
    assert.deepEqual(waits(items), [
      ['FB-2', 3 * DAY],
      ['FB-1', DAY],
      ['FB-3', HOUR],
    ]);
  });

  it('leaves out items the team answered last, and items that carry no such data', () => {
    const items = [
      item('answered', '2026-03-01T00:00:00Z', 'team'),
      item('no data', undefined, undefined),
      item('no time', undefined, 'customer'),
      item('no role', '2026-03-01T00:00:00Z', undefined),
      item('unreadable time', 'last Tuesday', 'customer'),
      item('waits', '2026-03-10T00:00:00Z', 'customer'),
    ];
    assert.deepEqual(waits(items), [['waits', 12 * HOUR]]);
    assert.deepEqual(awaitingReply([], NOW), []);
  });

  it('orders equal waits by id, by code unit, and keeps the same id from two connections in the order given', () => {
    const at = '2026-03-08T12:00:00Z';
    const first = { ...item('FB-2', at, 'customer'), connection: 'github' };
    const second = { ...item('FB-2', at, 'customer'), connection: 'canny' };
    const ranked = awaitingReply([item('FB-3', at, 'customer'), first, item('FB-10', at, 'customer'), second], NOW);
    assert.deepEqual(ranked.map(({ item: { id } }) => id), ['FB-10', 'FB-2', 'FB-2', 'FB-3']);
    assert.equal(ranked[1].item, first);
    assert.equal(ranked[2].item, second);
  });

  it('compares times across zones as instants', () => {
    const items = [item('utc', '2026-03-10T09:00:00Z', 'customer'), item('paris', '2026-03-10T10:30:00+02:00', 'customer')];
    assert.deepEqual(waits(items), [
      ['paris', 3.5 * HOUR],
      ['utc', 3 * HOUR],
    ]);
  });

  it('waits 0 for a comment ahead of now (another clock), still ranked by its time', () => {
    const items = [item('later', '2026-03-10T12:10:00Z', 'customer'), item('sooner', '2026-03-10T12:05:00Z', 'customer')];
    assert.deepEqual(waits(items), [
      ['sooner', 0],
      ['later', 0],
    ]);
  });

  it('hands back the summaries themselves, whatever else they carry', () => {
    const full = { ...summary(7), lastCommentAt: '2026-03-10T10:00:00Z', lastCommentRole: 'customer' as const };
    const [only] = awaitingReply([full, summary(8)], NOW);
    assert.equal(only.item, full);
    assert.equal(only.waitingMs, 2 * HOUR);
  });

  it('makes the pinned group: each item once, longest-waiting first, waits in whole minutes, answered items left out', () => {
    const a = { id: 'rest-aaaaaaaa', name: 'Server A' };
    const asked = (n: number, at: string) => ({ connection: a, item: summary(n, { lastCommentAt: at, lastCommentRole: 'customer' }) });
    const items = [asked(1, '2026-03-09T11:59:30Z'), asked(2, '2026-03-07T12:00:00Z'), asked(1, '2026-03-09T11:59:30Z'), asked(3, '2026-03-10T10:00:00Z'), { connection: a, item: summary(4, { lastCommentAt: '2026-03-01T00:00:00Z', lastCommentRole: 'team' }) }];
    const group = awaitingReplyGroup(items, NOW, ({ item }) => item.id === 'FB-3', 'Awaiting Reply');
    assert.equal(group.key, AWAITING_GROUP_KEY);
    assert.deepEqual(
      group.rows.map(({ item, waitingMs }) => [item.id, waitingMs]),
      [
        ['FB-2', 3 * DAY],
        ['FB-1', DAY],
      ],
      'a day and 30 s shows as a day',
    );
  });

  it('keeps two connections’ items of one id apart: a row each, each answered only by a reply to its connection', () => {
    const a = { id: 'rest-aaaaaaaa', name: 'Server A' };
    const b = { id: 'rest-bbbbbbbb', name: 'Server B' };
    const asked = (connection: typeof a, at: string) => ({ connection, item: summary(12, { lastCommentAt: at, lastCommentRole: 'customer' }) });
    const both = [asked(a, '2026-03-09T12:00:00Z'), asked(b, '2026-03-08T12:00:00Z')];
    assert.deepEqual(
      awaitingReplyGroup(both, NOW, () => false, 'Awaiting Reply').rows.map((r) => [r.connection.id, r.item.id]),
      [
        ['rest-bbbbbbbb', 'FB-12'],
        ['rest-aaaaaaaa', 'FB-12'],
      ],
    );
    const reply: OutboxEntry = {
      id: 'e', idempotencyKey: 'k', tracker: 'rest-bbbbbbbb', createdAt: '2026-03-10T00:00:00Z', attempts: 0, state: 'pending',
      request: { kind: 'comment', itemId: 'FB-12', body: { body: 'On it', visibility: 'public' } },
    };
    const answered = ({ connection, item }: (typeof both)[number]) => answeredSince(item, [reply], undefined, connection.id);
    assert.deepEqual(
      awaitingReplyGroup(both, NOW, answered, 'Awaiting Reply').rows.map((r) => r.connection.id),
      ['rest-aaaaaaaa'],
      'the reply to B’s FB-12 answers B’s only',
    );
  });

  it('counts as answered a public reply in the outbox (not a refused one or a note) and a team reply in the thread since', () => {
    const waiting = { id: 'FB-1', lastCommentAt: '2026-03-09T12:00:00Z', lastCommentRole: 'customer' as const };
    const entry = (visibility: 'public' | 'internal', state: OutboxEntry['state'], itemId = 'FB-1'): OutboxEntry => ({
      id: 'e', idempotencyKey: 'k', tracker: 't', createdAt: '2026-03-10T00:00:00Z', attempts: 0, state,
      request: { kind: 'comment', itemId, body: { body: 'On it', visibility } },
    });
    const comment = (role: 'team' | 'customer', createdAt: string, visibility: 'public' | 'internal' = 'public'): Comment => ({ id: createdAt, author: { name: 'A', role }, body: 'b', visibility, createdAt });
    assert.equal(answeredSince(waiting, [entry('public', 'pending')], undefined), true);
    assert.equal(answeredSince(waiting, [entry('public', 'sending')], undefined), true);
    assert.equal(answeredSince(waiting, [entry('public', 'refused')], undefined), false, 'refused: it will not land');
    assert.equal(answeredSince(waiting, [entry('internal', 'pending')], undefined), false, 'a note answers no customer');
    assert.equal(answeredSince(waiting, [entry('public', 'pending', 'FB-2')], undefined), false);
    assert.equal(answeredSince(waiting, [], [comment('team', '2026-03-09T13:00:00Z')]), true);
    assert.equal(answeredSince(waiting, [], [comment('team', '2026-03-08T13:00:00Z')]), false, 'answered before the customer spoke');
    assert.equal(answeredSince(waiting, [], [comment('team', '2026-03-09T13:00:00Z', 'internal')]), false);
  });

  it('reads who spoke last from the thread where the summary does not say, public comments only', () => {
    const comment = (role: 'team' | 'customer', createdAt: string, visibility: 'public' | 'internal' = 'public'): Comment => ({ id: createdAt, author: { name: 'A', role }, body: 'b', visibility, createdAt });
    const silent = summary(1);
    const thread = [comment('team', '2026-03-08T10:00:00Z'), comment('customer', '2026-03-09T10:00:00Z'), comment('team', '2026-03-09T11:00:00Z', 'internal')];
    assert.deepEqual(waits([replyStateFromThread(silent, thread)]), [['FB-1', 26 * HOUR]], 'the customer spoke last where customers read');
    assert.deepEqual(waits([replyStateFromThread(silent, [...thread, comment('team', '2026-03-09T12:00:00Z')])]), [], 'answered');
    assert.equal(replyStateFromThread(silent, undefined), silent, 'thread not read: nothing known');
    assert.deepEqual(waits([replyStateFromThread(silent, [])]), [], 'no comment yet');
    const said = summary(2, { lastCommentAt: '2026-03-01T00:00:00Z', lastCommentRole: 'team' });
    assert.equal(replyStateFromThread(said, thread), said, 'the tracker’s own word stands');
  });
});
