// The Feedback view of several connections (issue 14), a root per connection:
// one connection shows today's rows exactly; several show a root each with
// that connection's rows of today below, ids prefixed so two connections'
// FB-12 never share a row id; one connection failing shows its error under
// its own root only; the view's options reach every connection.
import * as assert from 'node:assert/strict';
import type { ViewOptions } from '../../src/core/feedbackStore';
import { FeedbackStore, PAGE_SIZE } from '../../src/core/feedbackStore';
import type { ItemSummary } from '../../src/core/model';
import { ComposedTree } from '../../src/core/multiTree';
import type { ConnectionLists, MultiTreeNode } from '../../src/core/multiTree';
import { FeedbackSessions } from '../../src/core/sessions';
import { groupChildren, rootNodes } from '../../src/core/treeModel';
import { items, summary } from './fakeItems';
import { RankingSource, connectionOver, describeError } from './multiFakes';

const VIEW: ViewOptions = { grouping: 'status', sort: 'demand', filter: '' };

/** Items of every status, some tagged, enough open ones for a second page. */
function tracker(prefix: string): ItemSummary[] {
  return [
    ...items(PAGE_SIZE + 20, 'open').map((i) => ({ ...i, title: `${prefix} ${i.title}`, tags: i.votes % 2 ? ['ui'] : ['api', 'ui'] })),
    summary(500, { status: 'planned', title: `${prefix} planned`, tags: ['api'] }),
    summary(501, { status: 'shipped', title: `${prefix} shipped`, companies: ['Acme'] }),
  ];
}

async function loadedStore(source: RankingSource, view: ViewOptions = VIEW): Promise<FeedbackStore> {
  const store = new FeedbackStore(view);
  store.setSource(source);
  await store.refresh();
  return store;
}

function lists(id: string, name: string, store: FeedbackStore): ConnectionLists {
  return { connection: { id, name }, store };
}

/** Every row the view could show, walking the tree from its roots. */
function walk(tree: ComposedTree): MultiTreeNode[] {
  const out: MultiTreeNode[] = [];
  const visit = (nodes: MultiTreeNode[]) => {
    for (const node of nodes) {
      out.push(node);
      visit(tree.children(node));
    }
  };
  visit(tree.roots());
  return out;
}

describe('ComposedTree: one connection', () => {
  for (const mergeAll of [false, true]) {
    it(`shows today's rows exactly${mergeAll ? ' (Merge All changes nothing)' : ''}`, async () => {
      const store = await loadedStore(new RankingSource(tracker('A')));
      await store.loadMore('status:open');
      store.applyPending('e1', 'FB-3', 'planned');
      const linkCount = (id: string) => (id === 'FB-2' ? 2 : 0);
      const tree = new ComposedTree([{ ...lists('rest-aaaaaaaa', 'A', store), linkCount }], { mergeAll, describeError });
      const roots = tree.roots();
      assert.deepEqual(roots, rootNodes(store, describeError));
      for (const node of roots) {
        const group = store.groups().find((g) => node.kind === 'group' && g.key === node.key);
        assert.deepEqual(tree.children(node), group ? groupChildren(group, store.stale, describeError, linkCount, (id) => store.isPending(id)) : []);
      }
      assert.ok(walk(tree).some((n) => n.kind === 'item' && n.pending && n.item.id === 'FB-3'));
      assert.ok(walk(tree).every((n) => !('connection' in n)), 'no row names a connection');
    });
  }

  it('shows nothing without a connection', () => {
    assert.deepEqual(new ComposedTree([], { mergeAll: false, describeError }).roots(), []);
  });
});

describe('ComposedTree: a root per connection', () => {
  it('shows a root per connection, in order, with that connection’s rows of today below it', async () => {
    const a = await loadedStore(new RankingSource(tracker('A')));
    const b = await loadedStore(new RankingSource(tracker('B')));
    const tree = new ComposedTree([lists('rest-aaaaaaaa', 'Server A', a), lists('rest-bbbbbbbb', 'Server B', b)], { mergeAll: false, describeError });
    const roots = tree.roots();
    assert.deepEqual(roots, [
      { kind: 'connection', id: 'rest-aaaaaaaa', connection: { id: 'rest-aaaaaaaa', name: 'Server A' }, state: { kind: 'items', count: PAGE_SIZE + 2, hasMore: true, stale: false } },
      { kind: 'connection', id: 'rest-bbbbbbbb', connection: { id: 'rest-bbbbbbbb', name: 'Server B' }, state: { kind: 'items', count: PAGE_SIZE + 2, hasMore: true, stale: false } },
    ]);
    for (const [root, store] of [
      [roots[0], a],
      [roots[1], b],
    ] as const) {
      const connection = root.kind === 'connection' ? root.connection : assert.fail();
      const below = tree.children(root);
      assert.deepEqual(
        below,
        rootNodes(store, describeError).map((n) => ({ ...n, id: `${connection.id}/${n.id}`, connection })),
      );
      const open = below.find((n) => n.kind === 'group' && n.key === 'status:open')!;
      const rows = tree.children(open);
      const group = store.groups().find((g) => g.key === 'status:open')!;
      assert.deepEqual(
        rows,
        groupChildren(group, false, describeError, undefined, () => false).map((n) => ({ ...n, id: `${connection.id}/${n.id}`, connection })),
      );
      assert.ok(rows.every((n) => n.kind !== 'item' || n.item.title.startsWith(connection.name.slice(-1))), 'each root lists its own tracker’s items');
    }
  });

  it('never gives two rows one id, though both trackers have FB-1 … FB-122', async () => {
    for (const grouping of ['status', 'tag', 'company'] as const) {
      const view = { ...VIEW, grouping };
      const a = await loadedStore(new RankingSource(tracker('A')), view);
      const b = await loadedStore(new RankingSource(tracker('B')), view);
      const ids = walk(new ComposedTree([lists('rest-aaaaaaaa', 'A', a), lists('rest-bbbbbbbb', 'B', b)], { mergeAll: false, describeError })).map((n) => n.id);
      assert.ok(ids.length > 2 * PAGE_SIZE, grouping);
      assert.equal(new Set(ids).size, ids.length, grouping);
    }
  });

  it('shows one connection’s failure under its own root and leaves the other’s rows as they were', async () => {
    const good = await loadedStore(new RankingSource(tracker('A')));
    const failing = new RankingSource(tracker('B'));
    failing.failWith = new Error('Server B: 503 Service Unavailable');
    const bad = await loadedStore(failing);
    const alone = new ComposedTree([lists('rest-aaaaaaaa', 'A', good), lists('rest-cccccccc', 'C', await loadedStore(new RankingSource(tracker('C'))))], { mergeAll: false, describeError });
    const tree = new ComposedTree([lists('rest-aaaaaaaa', 'A', good), lists('rest-bbbbbbbb', 'B', bad)], { mergeAll: false, describeError });
    const [rootA, rootB] = tree.roots();
    assert.deepEqual(rootB.kind === 'connection' && rootB.state, { kind: 'error', message: 'Server B: 503 Service Unavailable', stale: false });
    assert.deepEqual(tree.children(rootB), [{ kind: 'error', id: 'rest-bbbbbbbb/error', message: 'Server B: 503 Service Unavailable', stale: false, connection: { id: 'rest-bbbbbbbb', name: 'B' } }]);
    assert.deepEqual(tree.children(rootA), alone.children(alone.roots()[0]));
    assert.deepEqual(rootA, alone.roots()[0]);
  });

  it('says a root is loading until its connection’s first lists arrive, and keeps the stale items after a failed refresh', async () => {
    const source = new RankingSource(tracker('A'));
    const store = new FeedbackStore(VIEW);
    store.setSource(source);
    const other = await loadedStore(new RankingSource(tracker('B')));
    const state = () => {
      const [root] = new ComposedTree([lists('rest-aaaaaaaa', 'A', store), lists('rest-bbbbbbbb', 'B', other)], { mergeAll: false, describeError }).roots();
      return root.kind === 'connection' ? root.state : assert.fail(root.kind);
    };
    assert.deepEqual(state(), { kind: 'loading' });
    const loading = store.refresh();
    assert.deepEqual(state(), { kind: 'loading' });
    await loading;
    assert.equal(state().kind, 'items');
    source.failWith = new Error('offline');
    await store.refresh();
    assert.deepEqual(state(), { kind: 'error', message: 'offline', stale: true });
  });

  it('counts an item shown under several tags once', async () => {
    const store = await loadedStore(new RankingSource(tracker('A')), { ...VIEW, grouping: 'tag' });
    const other = await loadedStore(new RankingSource([]), { ...VIEW, grouping: 'tag' });
    const [root] = new ComposedTree([lists('rest-aaaaaaaa', 'A', store), lists('rest-bbbbbbbb', 'B', other)], { mergeAll: false, describeError }).roots();
    const shown = new Set(store.groups().flatMap((g) => g.items.map((i) => i.id)));
    assert.deepEqual(root.kind === 'connection' && root.state, { kind: 'items', count: shown.size, hasMore: true, stale: false });
  });
});

describe('ComposedTree: the view’s options reach every connection', () => {
  async function twoSessions(a = tracker('A'), b = tracker('B')) {
    const sessions = new FeedbackSessions({ viewOptions: VIEW });
    sessions.add(connectionOver('rest-aaaaaaaa', 'A', new RankingSource(a)));
    sessions.add(connectionOver('rest-bbbbbbbb', 'B', new RankingSource(b)));
    await Promise.all(sessions.list().map((e) => e.session.store.refresh()));
    const tree = (mergeAll: boolean) =>
      new ComposedTree(
        sessions.list().map((e) => lists(e.id, e.name, e.session.store)),
        { mergeAll, describeError },
      );
    return { sessions, tree };
  }

  it('groups by tag under every root and in Merge All', async () => {
    const { sessions, tree } = await twoSessions();
    await sessions.setViewOptions({ grouping: 'tag' });
    const byRoot = tree(false);
    for (const root of byRoot.roots()) {
      assert.deepEqual(
        byRoot.children(root).map((n) => n.kind === 'group' && n.key),
        ['tag:ui', 'tag:api', 'tag:'],
      );
    }
    assert.deepEqual(
      tree(true)
        .roots()
        .map((n) => n.kind === 'group' && n.key),
      ['tag:ui', 'tag:api', 'tag:'],
    );
  });

  it('filters every connection: a filter row under each root, one in Merge All, and only matching rows', async () => {
    const { sessions, tree } = await twoSessions();
    await sessions.setViewOptions({ filter: 'planned' });
    const byRoot = tree(false);
    for (const root of byRoot.roots()) {
      const below = byRoot.children(root);
      assert.deepEqual(below[0], { kind: 'filter', id: `${root.id}/filter`, filter: 'planned', connection: root.kind === 'connection' ? root.connection : undefined });
      assert.deepEqual(
        below.filter((n) => n.kind === 'group').map((n) => n.kind === 'group' && n.key),
        ['status:planned'],
      );
    }
    const merged = tree(true);
    const roots = merged.roots();
    assert.deepEqual(roots[0], { kind: 'filter', id: 'filter', filter: 'planned' });
    assert.deepEqual(
      roots.slice(1).map((n) => n.kind === 'group' && n.key),
      ['status:planned'],
    );
    assert.deepEqual(
      merged.children(roots[1]).map((n) => n.kind === 'item' && n.item.title),
      ['A planned', 'B planned'],
    );
  });

  it('sorts every connection by the view’s sort, and Merge All ranks by it too', async () => {
    // B's item is the newer (an offset, compared as an instant), A's the more demanded.
    const dated = (title: string, votes: number, createdAt: string) => summary(500, { status: 'planned', title, votes, createdAt });
    const { sessions, tree } = await twoSessions([dated('A planned', 90, '2026-01-01T00:00:00Z')], [dated('B planned', 10, '2026-02-01T00:00:00+01:00')]);
    const ranked = () => {
      const merged = tree(true);
      return merged.children(merged.roots().find((n) => n.kind === 'group' && n.key === 'status:planned')!).map((n) => n.kind === 'item' && [n.item.title, n.connection?.name]);
    };
    assert.deepEqual(ranked(), [
      ['A planned', 'A'],
      ['B planned', 'B'],
    ]);
    await sessions.setViewOptions({ sort: 'newest', filter: 'planned' });
    for (const { session } of sessions.list()) {
      assert.equal(session.store.viewOptions.sort, 'newest');
    }
    assert.deepEqual(ranked(), [
      ['B planned', 'B'],
      ['A planned', 'A'],
    ]);
  });
});
