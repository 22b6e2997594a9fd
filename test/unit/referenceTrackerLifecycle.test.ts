// The reference tracker's lifetime: persistence across restarts, a bad data
// file, determinism of the seed, the same port after stop(), and start-up
// time at 10,000 items.
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { commentSchema, itemSchema } from '../../src/core/model';
import { DataFile } from '../../src/reference-tracker/dataFile';
import type { ReferenceTrackerOptions, RunningTracker } from '../../src/reference-tracker/server';
import { startReferenceTracker } from '../../src/reference-tracker/server';

async function get(tracker: RunningTracker, apiPath: string): Promise<Response> {
  return fetch(`${tracker.url}/api/v1${apiPath}`, { headers: { authorization: `Bearer ${tracker.token}` } });
}

async function postComment(tracker: RunningTracker, key: string, body: string): Promise<Response> {
  return fetch(`${tracker.url}/api/v1/items/FB-4/comments`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tracker.token}`, 'idempotency-key': key, 'content-type': 'application/json' },
    body: JSON.stringify({ body, visibility: 'internal' }),
  });
}

/** The first page without urls, which name the port. */
async function firstPage(options: ReferenceTrackerOptions): Promise<unknown[]> {
  const tracker = await startReferenceTracker(options);
  try {
    const { items } = (await (await get(tracker, '/items?limit=50')).json()) as { items: Record<string, unknown>[] };
    return items.map(({ url: _url, ...rest }) => rest);
  } finally {
    await tracker.stop();
  }
}

describe('reference tracker: lifecycle', () => {
  let dir: string;
  const running: RunningTracker[] = [];
  const start = async (options: ReferenceTrackerOptions) => {
    const tracker = await startReferenceTracker(options);
    running.push(tracker);
    return tracker;
  };

  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'reference-tracker-'));
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((t) => t.stop()));
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('writes the data file at start and holds every answered write on disk', async () => {
    const dataFile = path.join(dir, 'nested', 'data.json');
    const tracker = await start({ dataFile, size: 30 });
    const initial = JSON.parse(await fs.readFile(dataFile, 'utf8')) as { items: unknown[] };
    assert.equal(initial.items.length, 30);
    assert.equal((await postComment(tracker, 'p1', 'on disk before the answer')).status, 201);
    assert.match(await fs.readFile(dataFile, 'utf8'), /on disk before the answer/);
    assert.deepEqual(await fs.readdir(path.dirname(dataFile)), ['data.json'], 'no temp files left');
  });

  it('keeps writes and idempotency keys across a restart with the same data file', async () => {
    const dataFile = path.join(dir, 'data.json');
    const first = await start({ dataFile, size: 30, seed: 5 });
    const created = commentSchema.parse(await (await postComment(first, 'restart-key', 'survives restarts')).json());
    const patched = await fetch(`${first.url}/api/v1/items/FB-4`, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${first.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'in-progress' }),
    });
    assert.equal(patched.status, 200);
    await first.stop();

    // A different size and seed are ignored: the file wins.
    const second = await start({ dataFile, size: 300, seed: 99 });
    const item = itemSchema.parse(await (await get(second, '/items/FB-4')).json());
    assert.equal(item.status, 'in-progress');
    assert.equal(((await (await get(second, '/items?limit=200')).json()) as { items: unknown[] }).items.length, 30);
    const replay = await postComment(second, 'restart-key', 'survives restarts');
    assert.equal(replay.status, 200);
    assert.deepEqual(await replay.json(), created);
    assert.equal((await postComment(second, 'restart-key', 'another body')).status, 422);
    const next = commentSchema.parse(await (await postComment(second, 'new-key', 'new')).json());
    assert.notEqual(next.id, created.id, 'ids keep counting after a restart');
  });

  it('coalesces concurrent saves, each resolving on disk, and writes nothing after close', async () => {
    const file = path.join(dir, 'coalesced.json');
    let state = 0;
    let snapshots = 0;
    const dataFile = new DataFile(file, () => {
      snapshots++;
      return JSON.stringify({ state });
    });
    const saves = Array.from({ length: 20 }, () => {
      state++;
      return dataFile.save();
    });
    await Promise.all(saves);
    assert.ok(snapshots <= 2, `${snapshots} snapshots for 20 saves`);
    assert.deepEqual(JSON.parse(await fs.readFile(file, 'utf8')), { state: 20 });
    await dataFile.close();
    state = 99;
    await assert.rejects(dataFile.save(), /closed/);
    assert.deepEqual(JSON.parse(await fs.readFile(file, 'utf8')), { state: 20 });
  });

  it('refuses a data file that breaks the schema, naming the file and the field', async () => {
    const dataFile = path.join(dir, 'bad.json');
    await fs.writeFile(dataFile, JSON.stringify({ version: 1, nextId: 1, items: [{ id: 'FB-1', votes: 'many' }], idempotency: [] }));
    await assert.rejects(startReferenceTracker({ dataFile }), (error: Error) => {
      assert.match(error.message, /bad\.json/);
      assert.match(error.message, /items\[0\]\.votes/);
      return true;
    });
    await fs.writeFile(dataFile, '{ not json');
    await assert.rejects(startReferenceTracker({ dataFile }), /bad\.json: not valid JSON/);
  });

  it('gives the same first page for the same seed, and another for another seed', async () => {
    const a = await firstPage({ seed: 42 });
    const b = await firstPage({ seed: 42 });
    const c = await firstPage({ seed: 43 });
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
  });

  it('starts again on the same port after stop()', async () => {
    const first = await startReferenceTracker({ size: 5 });
    assert.equal((await get(first, '/items')).status, 200);
    await first.stop();
    const second = await start({ size: 5, port: first.port, token: 'fixed' });
    assert.equal(second.port, first.port);
    assert.equal(second.url, first.url);
    assert.equal((await get(second, '/items')).status, 200);
  });

  it('starts with 10,000 items in well under a few seconds and still pages them', async () => {
    const started = Date.now();
    const tracker = await start({ size: 10_000 });
    const elapsed = Date.now() - started;
    assert.ok(elapsed < 3000, `start took ${elapsed} ms`);
    const page = (await (await get(tracker, '/items?limit=200&q=export')).json()) as { items: unknown[]; nextCursor: string | null };
    assert.equal(page.items.length, 200);
    assert.notEqual(page.nextCursor, null);
    assert.equal((await get(tracker, '/items/FB-10000')).status, 200);
  });
});
