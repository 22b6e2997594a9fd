// The pinned groups' rows (issue 14): with one connection, today's rows of a
// pinned group exactly; with several, each row names its connection and two
// connections' FB-12 are two rows with two ids.
import * as assert from 'node:assert/strict';
import { AWAITING_GROUP_KEY } from '../../src/core/awaitingReply';
import { pinnedChildren, pinnedGroupNode } from '../../src/core/pinnedGroups';
import type { PinnedGroup } from '../../src/core/pinnedGroups';
import { groupChildren, groupNode } from '../../src/core/treeModel';
import { summary } from './fakeItems';

const A = { id: 'rest-aaaaaaaa', name: 'Server A' };
const B = { id: 'rest-bbbbbbbb', name: 'Server B' };

describe('pinned groups', () => {
  it('with one connection, are today’s group row and rows exactly', () => {
    const items = [summary(2), summary(1)];
    const group: PinnedGroup = { key: AWAITING_GROUP_KEY, label: 'Awaiting Reply', rows: [{ connection: A, item: items[0], waitingMs: 120_000 }, { connection: A, item: items[1], waitingMs: 60_000 }] };
    const view = { key: AWAITING_GROUP_KEY, label: 'Awaiting Reply', status: undefined, items, hasMore: false, loadingMore: false, loadMoreError: undefined, waitingMs: new Map([['FB-2', 120_000], ['FB-1', 60_000]]) };
    const linkCount = (id: string) => (id === 'FB-1' ? 2 : 0);
    for (const stale of [false, true]) {
      assert.deepEqual(pinnedGroupNode(group, () => stale), groupNode(view, stale));
      const rows = pinnedChildren(group, { single: true, stale: () => stale, linkCount: (_c, id) => linkCount(id), isPending: (_c, id) => id === 'FB-2' });
      assert.deepEqual(rows, groupChildren(view, stale, String, linkCount, (id) => id === 'FB-2'));
    }
  });

  it('with several, gives each row its connection and an id of its own, stale and pending as its connection says', () => {
    const group: PinnedGroup = { key: AWAITING_GROUP_KEY, label: 'Awaiting Reply', rows: [{ connection: A, item: summary(12) }, { connection: B, item: summary(12) }] };
    const rows = pinnedChildren(group, { single: false, stale: (c) => c === B.id, isPending: (c) => c === A.id });
    assert.deepEqual(
      rows.map((r) => [r.id, r.kind === 'item' && [r.connection?.name, r.stale, r.pending]]),
      [
        [`${AWAITING_GROUP_KEY}/rest-aaaaaaaa/FB-12`, ['Server A', false, true]],
        [`${AWAITING_GROUP_KEY}/rest-bbbbbbbb/FB-12`, ['Server B', true, false]],
      ],
    );
    assert.equal(pinnedGroupNode(group, (c) => c === B.id).stale, true, 'stale when one of its rows is');
    assert.equal(pinnedGroupNode(group, () => false).count, 2);
  });
});
