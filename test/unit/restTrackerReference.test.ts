// The REST adapter against the real reference tracker on loopback: the two
// sides of TRACKER-API.md checked against each other, faults included.
import * as assert from 'node:assert/strict';
import { startReferenceTracker } from '../../src/reference-tracker/server';
import type { RunningTracker } from '../../src/reference-tracker/server';
import type { ItemSummary } from '../../src/core/model';
import { HttpClient } from '../../src/trackers/http';
import { RestTracker } from '../../src/trackers/rest/restTracker';
import { TrackerError } from '../../src/trackers/tracker';
import type { ListItemsQuery, TrackerErrorKind } from '../../src/trackers/tracker';

async function kindOf(promise: Promise<unknown>): Promise<TrackerErrorKind> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TrackerError, String(error));
    return error.kind;
  }
  assert.fail('expected a TrackerError');
}

describe('RestTracker against the reference tracker', () => {
  let running: RunningTracker;
  let tracker: RestTracker;
  const log: string[] = [];

  async function listAll(query: ListItemsQuery = {}): Promise<ItemSummary[]> {
    const all: ItemSummary[] = [];
    let cursor: string | null = null;
    do {
      const page = await tracker.listItems({ ...query, limit: 70, cursor });
      assert.deepEqual(page.rejected, []);
      all.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor !== null);
    return all;
  }

  before(async () => {
    running = await startReferenceTracker({ size: 300, seed: 7 });
    const http = new HttpClient({ baseUrl: running.url, getToken: async () => running.token, timeoutMs: 3000, log: (l) => log.push(l) });
    tracker = new RestTracker(http);
  });
  after(() => running.stop());
  afterEach(() => running.setFaults({}));

  it('lists every item over all pages, once each', async () => {
    const ids = (await listAll()).map((i) => i.id);
    assert.equal(ids.length, 300);
    assert.equal(new Set(ids).size, 300);
    assert.ok(ids.includes('FB-1') && ids.includes('FB-300'));
  });

  it('filters by status, sorts, and searches text', async () => {
    const planned = await listAll({ statuses: ['planned', 'shipped'] });
    assert.ok(planned.length > 0 && planned.length < 300);
    assert.ok(planned.every((i) => i.status === 'planned' || i.status === 'shipped'));
    const byDemand = await listAll({ sort: 'demand' });
    assert.ok(byDemand.every((item, n) => n === 0 || byDemand[n - 1].votes >= item.votes));
    const newest = await listAll({ sort: 'newest' });
    assert.ok(newest.every((item, n) => n === 0 || newest[n - 1].createdAt >= item.createdAt));
    const word = byDemand[0].title.split(/\s+/).find((w) => w.length > 4) ?? byDemand[0].title;
    const found = await listAll({ q: word });
    assert.ok(found.some((i) => i.id === byDemand[0].id), `searching "${word}"`);
    assert.ok(found.length < 300);
  });

  it('reads an item, its comments (all pages), links and trade-offs', async () => {
    const item = await tracker.getItem('FB-1');
    assert.equal(item.id, 'FB-1');
    const comments = await tracker.listComments('FB-1');
    assert.equal(comments.length, item.commentCount);
    assert.ok(comments.every((c, n) => n === 0 || comments[n - 1].createdAt <= c.createdAt));
    assert.ok(Array.isArray(await tracker.listLinks('FB-1')));
    assert.ok(Array.isArray(await tracker.listTradeOffs('FB-1')));
    assert.equal(await kindOf(tracker.getItem('FB-99999')), 'notFound');
  });

  it('collects comments over several pages', async () => {
    const before = await tracker.listComments('FB-7');
    for (let batch = 0; batch < 5; batch++) {
      await Promise.all(
        Array.from({ length: 50 }, (_, n) =>
          tracker.addComment('FB-7', { body: `note ${batch * 50 + n}`, visibility: 'internal' }, { idempotencyKey: `many-${batch}-${n}` }),
        ),
      );
    }
    log.length = 0;
    const after = await tracker.listComments('FB-7');
    assert.equal(after.length, before.length + 250);
    assert.equal(new Set(after.map((c) => c.id)).size, after.length);
    assert.equal(log.filter((l) => l.startsWith('GET /api/v1/items/FB-7/comments')).length, Math.ceil(after.length / 200));
  });

  it('answers an unchanged item from the ETag cache (304)', async () => {
    log.length = 0;
    const first = await tracker.getItem('FB-2');
    const second = await tracker.getItem('FB-2');
    assert.deepEqual(second, first);
    assert.match(log[0], /^GET \/api\/v1\/items\/FB-2 200 /);
    assert.match(log[1], /^GET \/api\/v1\/items\/FB-2 304 /);
  });

  it('reports a wrong token as unauthorized, without showing it', async () => {
    const wrong = new RestTracker({ baseUrl: running.url, getToken: async () => 'wrong-token-xyz' });
    try {
      await wrong.listItems({});
      assert.fail('expected 401');
    } catch (error) {
      assert.ok(error instanceof TrackerError && error.kind === 'unauthorized' && error.details.status === 401);
      assert.ok(!error.message.includes('wrong-token-xyz'));
    }
  });

  it('reports rate limits with the wait, and server errors', async () => {
    running.setFaults({ rateLimit: { retryAfterSeconds: 3 } });
    const limited = await tracker.listItems({}).catch((e: unknown) => e);
    assert.ok(limited instanceof TrackerError && limited.kind === 'rateLimited');
    assert.equal(limited.details.retryAfterMs, 3000);
    running.setFaults({ errorRate: 1 });
    assert.equal(await kindOf(tracker.getItem('FB-3')), 'server');
  });

  it('reports broken JSON as malformed, naming the source', async () => {
    running.setFaults({ malformed: 'json' });
    const error = await tracker.listItems({ limit: 5 }).catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError && error.kind === 'malformed');
    assert.match(error.message, /GET \/api\/v1\/items that is not JSON/);
  });

  it('leaves out an item that breaks the schema and keeps the others', async () => {
    running.setFaults({ malformed: 'schema' });
    const page = await tracker.listItems({ limit: 50 });
    assert.equal(page.items.length, 49);
    assert.equal(page.rejected.length, 1);
    assert.equal(page.rejected[0].index, 0);
    assert.match(page.rejected[0].issues.join('\n'), /^items\[0\]\.(votes|id): /);
    assert.equal(await kindOf(tracker.getItem('FB-4')), 'malformed');
  });

  it('reports connections dropped on writes as unreachable, and a retry with the same key writes once', async () => {
    const before = (await tracker.listComments('FB-5')).length;
    running.setFaults({ dropBeforeWrite: true });
    const reply = { body: 'We shipped a fix, thank you.', visibility: 'public' as const };
    assert.equal(await kindOf(tracker.addComment('FB-5', reply, { idempotencyKey: 'k-before' })), 'unreachable');
    running.setFaults({ dropAfterWrite: true });
    assert.equal(await kindOf(tracker.addComment('FB-5', reply, { idempotencyKey: 'k-after' })), 'unreachable');
    running.setFaults({});
    const retried = await tracker.addComment('FB-5', reply, { idempotencyKey: 'k-after' });
    const again = await tracker.addComment('FB-5', reply, { idempotencyKey: 'k-after' });
    assert.equal(again.id, retried.id);
    const comments = await tracker.listComments('FB-5');
    assert.equal(comments.length, before + 1, 'the dropped-before write never happened; the dropped-after one happened once');
    assert.equal(comments.at(-1)?.id, retried.id);
  });

  it('changes the status with PATCH and refuses a reused key with another body', async () => {
    const item = await tracker.setStatus('FB-6', 'in-progress', { idempotencyKey: 's-1' });
    assert.equal(item.status, 'in-progress');
    assert.equal((await tracker.getItem('FB-6')).status, 'in-progress');
    assert.equal(await kindOf(tracker.setStatus('FB-6', 'closed', { idempotencyKey: 's-1' })), 'rejected');
  });
});
