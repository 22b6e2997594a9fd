// Merge All (issue 14): one set of group rows, each group's rows the
// connections' rows merged by rank down to the cut, each naming its
// connection; Load more reads the connection at the cut; a connection's error
// or loading shows as a row naming it above the others' rows. The property
// test drives real stores over ranking trackers, Load more after Load more,
// against sorting every tracker's items together.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import type { ViewOptions } from '../../src/core/feedbackStore';
import { FeedbackStore, PAGE_SIZE } from '../../src/core/feedbackStore';
import type { ItemSummary, Status } from '../../src/core/model';
import { ComposedTree } from '../../src/core/multiTree';
import type { ConnectionLists, MultiTreeNode } from '../../src/core/multiTree';
import { compareFor } from '../../src/core/ranking';
import { propertyRuns } from '../support/propertySeed';
import { summary } from './fakeItems';
import { RankingSource, describeError } from './multiFakes';

const VIEW: ViewOptions = { grouping: 'status', sort: 'demand', filter: '' };
const IDS = ['rest-aaaaaaaa', 'rest-bbbbbbbb', 'github-cccccccc'];
const NAMES = ['Server A', 'Server B', 'octo/app'];

/** `count` items FB-1…, the same ids in every tracker, titled by tracker; votes `votes(n)`. */
function trackerItems(t: number, count: number, votes: (n: number) => number, status: Status = 'open'): ItemSummary[] {
  return Array.from({ length: count }, (_, i) => summary(i + 1, { status, votes: votes(i), title: `${NAMES[t]} ${i + 1}` }));
}

async function stores(data: readonly ItemSummary[][], view = VIEW): Promise<{ stores: FeedbackStore[]; sources: RankingSource[] }> {
  const sources = data.map((d) => new RankingSource(d));
  const made = sources.map((source) => {
    const store = new FeedbackStore(view);
    store.setSource(source);
    return store;
  });
  await Promise.all(made.map((s) => s.refresh()));
  return { stores: made, sources };
}

function merged(made: readonly FeedbackStore[]): ComposedTree {
  const lists: ConnectionLists[] = made.map((store, i) => ({ connection: { id: IDS[i], name: NAMES[i] }, store }));
  return new ComposedTree(lists, { mergeAll: true, describeError });
}

const groupOf = (tree: ComposedTree, key: string): MultiTreeNode => tree.roots().find((n) => n.kind === 'group' && n.key === key) ?? assert.fail(`no group ${key}`);
const itemRows = (nodes: MultiTreeNode[]) => nodes.flatMap((n) => (n.kind === 'item' ? [n] : []));

describe('ComposedTree: Merge All', () => {
  it('ranks the connections’ rows of a group together, each naming its connection, down to the cut', async () => {
    // A: 150 open items, votes 300, 298, … 2 (two pages, one loaded); B: 60 items, votes 301, 296, … 6 (all loaded).
    const { stores: made } = await stores([trackerItems(0, 150, (i) => 300 - 2 * i), trackerItems(1, 60, (i) => 301 - 5 * i)]);
    const tree = merged(made);
    const group = groupOf(tree, 'status:open');
    const rows = tree.children(group);
    const items = itemRows(rows);
    // A's last loaded item (the 100th, 102 votes) is the cut: B's rows below it wait for A's next page.
    assert.equal(items.at(-1)?.item.votes, 102);
    assert.equal(items.at(-1)?.connection?.id, 'rest-aaaaaaaa');
    assert.deepEqual(
      items.map((n) => n.item.votes),
      [...items.map((n) => n.item.votes)].sort((x, y) => y - x),
    );
    assert.equal(items.filter((n) => n.connection?.id === 'rest-aaaaaaaa').length, PAGE_SIZE);
    assert.equal(items.filter((n) => n.connection?.id === 'rest-bbbbbbbb').length, 40, 'B’s 20 rows under 102 votes are held back');
    assert.ok(group.kind === 'group' && group.count === items.length && group.hasMore);
    assert.deepEqual(items[0], {
      kind: 'item',
      id: 'status:open/rest-bbbbbbbb/FB-1',
      item: made[1].groups()[0].items[0],
      label: '▲301 Server B 1',
      commits: 0,
      stale: false,
      pending: false,
      connection: { id: 'rest-bbbbbbbb', name: 'Server B' },
    });
    assert.deepEqual(rows.at(-1), { kind: 'loadMore', id: 'status:open/loadMore', groupKey: 'status:open', loading: false, error: undefined, connection: { id: 'rest-aaaaaaaa', name: 'Server A' } });
    // Load more of A: now every row is loaded and shown.
    await made[0].loadMore('status:open');
    const after = merged(made);
    const all = itemRows(after.children(groupOf(after, 'status:open')));
    assert.equal(all.length, 210);
    assert.ok(after.children(groupOf(after, 'status:open')).every((n) => n.kind !== 'loadMore'));
  });

  it('never gives two rows one id, though every tracker has FB-1 … FB-120', async () => {
    for (const grouping of ['status', 'tag', 'company'] as const) {
      const data = [0, 1, 2].map((t) => trackerItems(t, 120, (i) => 500 - i).map((item) => ({ ...item, tags: ['ui', 'api'], companies: ['Acme'] })));
      const { stores: made } = await stores(data, { ...VIEW, grouping });
      const tree = merged(made);
      const ids: string[] = [];
      for (const root of tree.roots()) {
        ids.push(root.id, ...tree.children(root).map((n) => n.id));
      }
      assert.ok(ids.length > 250, grouping);
      assert.equal(new Set(ids).size, ids.length, grouping);
    }
  });

  it('shows a failing connection’s error at the top, naming it, and every row of the others', async () => {
    const { stores: made, sources } = await stores([trackerItems(0, 30, (i) => 100 - i), trackerItems(1, 30, (i) => 99 - i), trackerItems(2, 30, (i) => 98 - i)]);
    const before = merged(made);
    const rowsBefore = itemRows(before.children(groupOf(before, 'status:open')));
    sources[1].failWith = new Error('Server B: 401 Unauthorized');
    await made[1].refresh();
    const tree = merged(made);
    const roots = tree.roots();
    assert.deepEqual(roots[0], { kind: 'error', id: 'rest-bbbbbbbb/error', message: 'Server B: 401 Unauthorized', stale: true, connection: { id: 'rest-bbbbbbbb', name: 'Server B' } });
    const staleB = rowsBefore.map((n) => (n.connection?.id === 'rest-bbbbbbbb' ? { ...n, stale: true } : n));
    assert.deepEqual(itemRows(tree.children(groupOf(tree, 'status:open'))), staleB, 'B’s last good rows stay, marked stale; A’s and C’s are untouched');
    // A connection that never loaded: its error row, and the others' rows only.
    const fresh = new FeedbackStore(VIEW);
    const down = new RankingSource([]);
    down.failWith = new Error('no route to host');
    fresh.setSource(down);
    await fresh.refresh();
    const withDown = merged([made[0], fresh]);
    const downRoots = withDown.roots();
    assert.equal(downRoots[0].kind === 'error' && downRoots[0].connection?.name, 'Server B');
    assert.deepEqual(
      itemRows(withDown.children(groupOf(withDown, 'status:open'))).map((n) => n.item),
      made[0].groups()[0].items,
    );
  });

  it('says which connection is still loading, above the rows the others have', async () => {
    const { stores: made } = await stores([trackerItems(0, 5, (i) => 10 - i)]);
    const slow = new FeedbackStore(VIEW);
    slow.setSource({ listItems: () => new Promise(() => undefined) });
    void slow.refresh();
    const tree = merged([made[0], slow]);
    const roots = tree.roots();
    assert.deepEqual(roots[0], { kind: 'loading', id: 'rest-bbbbbbbb/loading', connection: { id: 'rest-bbbbbbbb', name: 'Server B' } });
    assert.equal(itemRows(tree.children(groupOf(tree, 'status:open'))).length, 5);
  });

  it('says the list is empty only when every connection answered with nothing', async () => {
    const { stores: made } = await stores([[], []], { ...VIEW, filter: 'nothing matches' });
    assert.deepEqual(merged(made).roots(), [
      { kind: 'filter', id: 'filter', filter: 'nothing matches' },
      { kind: 'empty', id: 'empty', filter: 'nothing matches' },
    ]);
  });

  it('keeps today’s group order: statuses in order, tags by their best place, the untagged last', async () => {
    const tagged = (t: number, tags: string[][]) => tags.map((list, i) => summary(i + 1, { tags: list, votes: 100 - i, title: `${NAMES[t]} ${i}` }));
    const { stores: made } = await stores([tagged(0, [['ui'], ['ui'], ['api'], []]), tagged(1, [['docs'], ['docs'], ['docs'], ['api'], []])], { ...VIEW, grouping: 'tag' });
    assert.deepEqual(
      merged(made)
        .roots()
        .map((n) => n.kind === 'group' && n.key),
      ['tag:ui', 'tag:docs', 'tag:api', 'tag:'],
    );
    const { stores: byStatus } = await stores([trackerItems(0, 3, (i) => i, 'planned'), trackerItems(1, 3, (i) => i, 'open')]);
    assert.deepEqual(
      merged(byStatus)
        .roots()
        .map((n) => n.kind === 'group' && n.key),
      ['status:open', 'status:under-review', 'status:planned', 'status:in-progress', 'status:shipped', 'status:closed'],
    );
  });
});

/** Per tracker: items with few vote values (ties across and within trackers), two statuses and three tags. */
const trackers = fc.array(
  // `size: 'max'`: lists long enough for second and third pages, not only the few items fast-check draws by default.
  fc.array(fc.record({ votes: fc.integer({ min: 0, max: 12 }), open: fc.boolean(), tags: fc.subarray(['a', 'b', 'c']) }), { maxLength: 2 * PAGE_SIZE + 60, size: 'max' }),
  { minLength: 2, maxLength: 3 },
);

describe('ComposedTree: Merge All against sorting everything', () => {
  it('shows the first rows of every tracker’s items ranked together, Load more after Load more, to the end', async () => {
    let loadsMore = 0;
    await fc.assert(
      fc.asyncProperty(trackers, fc.constantFrom('status' as const, 'tag' as const), async (specs, grouping) => {
        const data = specs.map((spec, t) =>
          spec.map((s, i) => summary(i + 1, { votes: s.votes, status: s.open ? 'open' : 'planned', tags: s.tags, customerCount: i % 3, title: `${NAMES[t]} ${i}` })),
        );
        const { stores: made } = await stores(data, { ...VIEW, grouping });
        const compare = compareFor('demand');
        // What a group should show: each tracker's items of that group, as it ranks them, stably sorted together.
        const truth = (key: string) => data.flatMap((items) => [...items].sort(compare).filter((i) => inGroup(i, key))).sort(compare);
        for (let step = 0; ; step++) {
          assert.ok(step < 100, 'Load more never reached the end');
          const tree = merged(made);
          const next = tree
            .roots()
            .filter((n) => n.kind === 'group')
            .flatMap((group) => {
              const key = group.kind === 'group' ? group.key : '';
              const rows = tree.children(group);
              const items = itemRows(rows);
              assert.deepEqual(
                items.map((n) => n.item),
                truth(key).slice(0, items.length),
                key,
              );
              const more = rows.find((n) => n.kind === 'loadMore');
              if (!more) {
                assert.equal(items.length, truth(key).length, `${key}: every row shown at the end`);
                return [];
              }
              // Load more reads the connection whose last loaded row is the cut: the last row shown.
              if (items.length > 0) {
                assert.equal(more.connection?.id, items.at(-1)?.connection?.id);
              }
              return [{ key, connection: IDS.indexOf(more.connection!.id) }];
            });
          if (next.length === 0) {
            return;
          }
          loadsMore++;
          await Promise.all(next.map(({ key, connection }) => made[connection].loadMore(key)));
        }
      }),
      { numRuns: propertyRuns(40) },
    );
    assert.ok(loadsMore >= 20, `only ${loadsMore} rounds of Load more: the lists are too short to page`);
  });
});

function inGroup(item: ItemSummary, key: string): boolean {
  if (key.startsWith('status:')) {
    return key === `status:${item.status}`;
  }
  const tag = key.slice('tag:'.length);
  return tag === '' ? item.tags.length === 0 : item.tags.includes(tag);
}
