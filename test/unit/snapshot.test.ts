// Issue 12, "Offline-first": the last-known items, bounded, validated, shown
// stale until the tracker answers, and set aside when the file is unreadable.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ItemSource, ItemSourceQuery } from '../../src/core/feedbackStore';
import { FeedbackStore } from '../../src/core/feedbackStore';
import type { ItemSummary } from '../../src/core/model';
import { readSnapshot, snapshotSchema, snapshotText } from '../../src/core/snapshot';
import type { Snapshot } from '../../src/core/snapshot';
import { rootNodes } from '../../src/core/treeModel';
import { SnapshotStorage } from '../../src/platform/snapshotStorage';
import { propertyRuns } from '../support/propertySeed';
import { items, summary } from './fakeItems';
import { comment, fullItem } from './detailFakes';

class FakeSource implements ItemSource {
  failWith: Error | undefined;
  constructor(public data: ItemSummary[]) {}
  async listItems(query: ItemSourceQuery) {
    if (this.failWith) {
      throw this.failWith;
    }
    const matching = this.data.filter((i) => !query.statuses || query.statuses.includes(i.status));
    return { items: matching.slice(0, query.limit), nextCursor: null, rejected: [] };
  }
}

const describeError = (e: unknown) => (e instanceof Error ? e.message : String(e));
const SYNCED = new Date('2026-11-28T10:42:00Z');

async function storeWith(data: ItemSummary[]) {
  const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
  const source = new FakeSource(data);
  store.setSource(source);
  await store.refresh();
  return { store, source };
}

function snapshotOf(store: FeedbackStore, maxBytes = 20 * 1024 * 1024): Snapshot {
  const text = snapshotText({ groups: store.groups(), grouping: 'status', sort: 'demand', syncedAt: SYNCED }, maxBytes);
  assert.ok(text);
  const read = readSnapshot(text);
  assert.ok(read.ok, read.ok ? '' : read.reason);
  return read.snapshot;
}

describe('Offline snapshot', () => {
  it('round-trips the first page of every group shown', async () => {
    const { store } = await storeWith([...items(150, 'open'), summary(900, { status: 'planned' })]);
    const snapshot = snapshotOf(store);
    assert.equal(snapshot.syncedAt, SYNCED.toISOString());
    const open = snapshot.groups.find((g) => g.key === 'status:open')!;
    assert.equal(open.items.length, 100);
    assert.deepEqual(open.items[0], store.groups().find((g) => g.key === 'status:open')!.items[0]);
    assert.equal(snapshot.groups.find((g) => g.key === 'status:planned')!.items[0].id, 'FB-900');
  });

  it('stays within its size bound, the longest groups losing rows first', async () => {
    const { store } = await storeWith([...items(100, 'open'), ...items(5, 'planned').map((i, n) => ({ ...i, id: `P-${n}` }))]);
    const full = snapshotText({ groups: store.groups(), grouping: 'status', sort: 'demand', syncedAt: SYNCED }, 1e9)!;
    const bound = Math.floor(Buffer.byteLength(full) / 3);
    const text = snapshotText({ groups: store.groups(), grouping: 'status', sort: 'demand', syncedAt: SYNCED }, bound);
    assert.ok(text && Buffer.byteLength(text) <= bound, 'within the bound');
    const read = readSnapshot(text);
    assert.ok(read.ok);
    const open = read.snapshot.groups.find((g) => g.key === 'status:open')!;
    assert.ok(open.items.length > 0 && open.items.length < 100, `open keeps ${open.items.length}`);
    assert.equal(open.hasMore, true);
    assert.equal(read.snapshot.groups.find((g) => g.key === 'status:planned')!.items.length, 5, 'short groups keep their rows');
    assert.equal(snapshotText({ groups: store.groups(), grouping: 'status', sort: 'demand', syncedAt: SYNCED }, 100), undefined);
  });

  it('keeps the items last opened with their threads, dropping them before any row when over the bound', async () => {
    const { store } = await storeWith(items(20, 'open'));
    const opened = [1, 2, 3].map((n) => ({ item: fullItem(`FB-${n}`), comments: [comment(`c${n}`, `thread of ${n}`)], fetchedAt: SYNCED.getTime() }));
    const shown = { groups: store.groups(), grouping: 'status' as const, sort: 'demand' as const, syncedAt: SYNCED, opened };
    const read = readSnapshot(snapshotText(shown, 1e9)!);
    assert.ok(read.ok);
    assert.deepEqual(read.snapshot.opened?.map((o) => [o.item.id, o.comments[0].body, o.fetchedAt]), opened.map((o) => [o.item.id, o.comments[0].body, SYNCED.toISOString()]));

    const withoutOpened = Buffer.byteLength(snapshotText({ ...shown, opened: [] }, 1e9)!);
    const tight = readSnapshot(snapshotText(shown, withoutOpened + 10)!);
    assert.ok(tight.ok);
    assert.deepEqual(tight.snapshot.opened, [], 'the opened items went');
    assert.equal(tight.snapshot.groups.find((g) => g.key === 'status:open')!.items.length, 20, 'every row stayed');
  });

  it('refuses a file that is not JSON or not a snapshot, naming why', () => {
    assert.match((readSnapshot('{"version":1,') as { reason: string }).reason, /not JSON/);
    const bad = readSnapshot(JSON.stringify({ version: 1, syncedAt: SYNCED.toISOString(), grouping: 'status', sort: 'demand', groups: [{ key: 'k', label: 'l', status: null, hasMore: false, items: [{ id: 3 }] }] }));
    assert.equal(bad.ok, false);
    assert.match((bad as { reason: string }).reason, /groups\.0\.items\.0/);
  });

  it('property: reads as zod’s runtime parser does (the compiled one is only faster)', async () => {
    const { store } = await storeWith([summary(1, { companies: ['Acme'] }), summary(2, { status: 'planned', revenue: null })]);
    const valid = JSON.parse(snapshotText({ groups: store.groups(), grouping: 'status', sort: 'demand', syncedAt: SYNCED }, 1e6)!) as unknown;
    const paths = pathsOf(valid);
    const change = fc.record({ path: fc.constantFrom(...paths), value: fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)) });
    fc.assert(
      fc.property(fc.array(change, { minLength: 1, maxLength: 3 }), (changes) => {
        const json = structuredClone(valid);
        for (const { path: at, value } of changes) {
          setAt(json, at, value);
        }
        const text = JSON.stringify(json);
        const runtime = snapshotSchema.safeParse(JSON.parse(text));
        const read = readSnapshot(text);
        assert.equal(read.ok, runtime.success);
        if (read.ok && runtime.success) {
          assert.deepEqual(read.snapshot, runtime.data);
        } else if (!read.ok && !runtime.success) {
          const issue = runtime.error.issues[0];
          assert.equal(read.reason, `${issue.path.join('.') || 'the file'}: ${issue.message}`);
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('shows the snapshot at once, stale, then the tracker’s items when it answers', async () => {
    const { store: before } = await storeWith(items(3, 'open'));
    const snapshot = snapshotOf(before);
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    const source = new FakeSource([summary(1, { title: 'Fresh title' })]);
    store.setSource(source);
    assert.equal(store.showSnapshot(snapshot), true);
    assert.equal(store.stale, true, 'marked stale until the tracker answers');
    assert.equal(store.fromSnapshot, true);
    assert.equal(store.lastSyncedAt?.toISOString(), SYNCED.toISOString());
    assert.equal(store.groups().find((g) => g.key === 'status:open')!.items.length, 3);
    await store.refresh();
    assert.equal(store.stale, false);
    assert.equal(store.fromSnapshot, false);
    assert.deepEqual(store.groups().find((g) => g.key === 'status:open')!.items.map((i) => i.title), ['Fresh title']);
  });

  it('keeps "more" on a group the snapshot cut, and "Load more" there asks the tracker', async () => {
    const text = snapshotText({ groups: [{ key: 'status:open', label: 'open', status: 'open', items: items(100), hasMore: true }], grouping: 'status', sort: 'demand', syncedAt: SYNCED }, 1e7)!;
    const read = readSnapshot(text);
    assert.ok(read.ok);
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    store.setSource(new FakeSource(items(150, 'open')));
    store.showSnapshot(read.snapshot);
    const open = () => store.groups().find((g) => g.key === 'status:open')!;
    assert.deepEqual([open().items.length, open().hasMore], [100, true]);
    await store.loadMore('status:open');
    assert.equal(store.fromSnapshot, false, 'the tracker answered');
    assert.equal(store.stale, false);
  });

  it('keeps the snapshot under the error row when the tracker cannot be reached', async () => {
    const { store: before } = await storeWith(items(3, 'open'));
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    const source = new FakeSource([]);
    source.failWith = new Error('Tracker at 127.0.0.1:4000 is not reachable (ECONNREFUSED)');
    store.setSource(source);
    store.showSnapshot(snapshotOf(before));
    await store.refresh();
    const roots = rootNodes(store, describeError);
    assert.deepEqual(roots.slice(0, 2).map((n) => n.kind), ['error', 'group']);
    assert.equal(roots[0].kind === 'error' && roots[0].stale, true);
    assert.equal(store.stale, true);
  });

  it('is not shown over items already loaded, nor for another grouping or sort, nor without a tracker', async () => {
    const { store: before } = await storeWith(items(3, 'open'));
    const snapshot = snapshotOf(before);
    const { store: loaded } = await storeWith([summary(7)]);
    assert.equal(loaded.showSnapshot(snapshot), false);
    assert.equal(loaded.stale, false);
    const byTag = new FeedbackStore({ grouping: 'tag', sort: 'demand', filter: '' });
    byTag.setSource(new FakeSource([]));
    assert.equal(byTag.showSnapshot(snapshot), false);
    const none = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    assert.equal(none.showSnapshot(snapshot), false);
  });
});

describe('SnapshotStorage', () => {
  let folder: string;
  beforeEach(() => (folder = fs.mkdtempSync(path.join(os.tmpdir(), 'snapshot-'))));
  afterEach(() => fs.rmSync(folder, { recursive: true, force: true }));

  const text = () => snapshotText({ groups: [{ key: 'status:open', label: 'open', status: 'open', items: items(2), hasMore: false }], grouping: 'status', sort: 'demand', syncedAt: SYNCED }, 1e6)!;

  it('writes atomically (no temporary file left) and reads back a validated snapshot', async () => {
    const lines: string[] = [];
    const storage = new SnapshotStorage(() => path.join(folder, 'deep', 's.json'), (line) => lines.push(line));
    assert.equal(await storage.read(1e6), undefined, 'nothing stored yet');
    await storage.write(text());
    assert.deepEqual(fs.readdirSync(path.join(folder, 'deep')), ['s.json']);
    const read = await storage.read(1e6);
    assert.equal(read?.groups[0].items.length, 2);
    assert.deepEqual(lines, []);
  });

  it('sets an unreadable file aside and shows nothing from it', async () => {
    const lines: string[] = [];
    const file = path.join(folder, 's.json');
    fs.writeFileSync(file, '{"version":1,"syncedAt":');
    const storage = new SnapshotStorage(() => file, (line) => lines.push(line));
    assert.equal(await storage.read(1e6), undefined);
    assert.equal(fs.existsSync(file), false);
    const aside = fs.readdirSync(folder).filter((n) => n.startsWith('s.json.unreadable-'));
    assert.equal(aside.length, 1);
    assert.match(lines.join('\n'), /not JSON/);
  });

  it('removes temporary files a crash left, and ignores a file over the bound', async () => {
    const file = path.join(folder, 's.json');
    fs.writeFileSync(`${file}.0123456789ab.tmp`, 'half');
    const storage = new SnapshotStorage(() => file);
    await storage.write(text());
    assert.equal(await storage.read(10), undefined, 'over the bound: not read');
    assert.ok(fs.existsSync(file), 'and not set aside either');
    assert.deepEqual(fs.readdirSync(folder), ['s.json']);
  });
});

/** Every path into a JSON value (the value itself excluded), as keys and indexes. */
function pathsOf(value: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (typeof value !== 'object' || value === null) {
    return [];
  }
  return Object.entries(value).flatMap(([key, child]) => {
    const here = [...at, Array.isArray(value) ? Number(key) : key];
    return [here, ...pathsOf(child, here)];
  });
}

/** Sets (or, with undefined, deletes) the value at `at`, where the path still leads somewhere. */
function setAt(root: unknown, at: readonly (string | number)[], value: unknown): void {
  let node = root as Record<string | number, unknown>;
  for (const key of at.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null) {
      return;
    }
    node = next as Record<string | number, unknown>;
  }
  const last = at[at.length - 1];
  if (value === undefined) {
    delete node[last];
  } else {
    node[last] = value;
  }
}
