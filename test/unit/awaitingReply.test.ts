// "Awaiting Reply" (issue 14): items whose last comment is a customer's,
// longest-waiting first, with the wait in ms.
import * as assert from 'node:assert/strict';
import { awaitingReply } from '../../src/core/awaitingReply';
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
});
