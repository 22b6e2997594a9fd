// Every fault option of the reference tracker, observed from a client over
// real HTTP: slowness, 5xx, 429, dropped writes, broken answers, and stop()
// while requests are in flight.
import * as assert from 'node:assert/strict';
import { errorBodySchema, itemSchema, itemSummarySchema } from '../../src/core/model';
import type { RunningTracker } from '../../src/reference-tracker/server';
import { startReferenceTracker } from '../../src/reference-tracker/server';

let tracker: RunningTracker;

function call(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${tracker.url}/api/v1${path}`, {
    ...init,
    headers: { authorization: `Bearer ${tracker.token}`, 'content-type': 'application/json', ...init.headers },
  });
}

function postComment(key: string, body = 'after a fault'): Promise<Response> {
  return call('/items/FB-2/comments', { method: 'POST', headers: { 'idempotency-key': key }, body: JSON.stringify({ body, visibility: 'public' }) });
}

async function commentCount(): Promise<number> {
  return itemSchema.parse(await (await call('/items/FB-2')).json()).commentCount;
}

describe('reference tracker: faults', () => {
  beforeEach(async () => {
    tracker = await startReferenceTracker({ size: 50 });
  });
  afterEach(() => tracker.stop());

  it('adds latency to every request', async () => {
    tracker.setFaults({ latencyMs: 150 });
    const started = Date.now();
    assert.equal((await call('/items?limit=1')).status, 200);
    assert.ok(Date.now() - started >= 140, `took ${Date.now() - started} ms`);
  });

  it('answers every request 429 with Retry-After while rate limited, then recovers', async () => {
    tracker.setFaults({ rateLimit: { retryAfterSeconds: 7 } });
    for (const path of ['/items', '/items/FB-1']) {
      const res = await call(path);
      assert.equal(res.status, 429);
      assert.equal(res.headers.get('retry-after'), '7');
      assert.equal(errorBodySchema.parse(await res.json()).error.code, 'rate_limited');
    }
    const write = await postComment('rl');
    assert.equal(write.status, 429);
    tracker.setFaults({});
    assert.equal((await call('/items')).status, 200);
  });

  it('answers the configured share of requests with 500', async () => {
    const failures = async (rate: number) => {
      tracker.setFaults({ errorRate: rate });
      let failed = 0;
      for (let i = 0; i < 100; i++) {
        const res = await call('/items?limit=1');
        if (res.status === 500) {
          assert.equal(errorBodySchema.parse(await res.json()).error.code, 'injected_failure');
          failed++;
        } else {
          assert.equal(res.status, 200);
          await res.arrayBuffer();
        }
      }
      return failed;
    };
    assert.equal(await failures(0), 0);
    assert.equal(await failures(1), 100);
    const half = await failures(0.5);
    assert.ok(half > 25 && half < 75, `${half} of 100 failed`);
  });

  it('applies faults given at start', async () => {
    const faulty = await startReferenceTracker({ size: 5, faults: { errorRate: 1 } });
    try {
      const res = await fetch(`${faulty.url}/api/v1/items`, { headers: { authorization: `Bearer ${faulty.token}` } });
      assert.equal(res.status, 500);
    } finally {
      await faulty.stop();
    }
  });

  it('drops the connection before a write and does not commit it', async () => {
    const before = await commentCount();
    tracker.setFaults({ dropBeforeWrite: true });
    await assert.rejects(postComment('drop-before'));
    assert.equal((await call('/items/FB-2')).status, 200, 'reads still work');
    tracker.setFaults({});
    assert.equal(await commentCount(), before);
    assert.equal((await postComment('drop-before')).status, 201, 'the retry is the first write');
  });

  it('commits a write, then drops the connection; the retry with the same key gets the first result', async () => {
    const before = await commentCount();
    tracker.setFaults({ dropAfterWrite: true });
    await assert.rejects(postComment('drop-after'));
    tracker.setFaults({});
    assert.equal(await commentCount(), before + 1);
    const retry = await postComment('drop-after');
    assert.equal(retry.status, 200);
    assert.equal(await commentCount(), before + 1);
  });

  it('refuses writes with 422 and the configured reason, commits nothing, and leaves reads alone', async () => {
    const before = itemSchema.parse(await (await call('/items/FB-2')).json()).status;
    const wanted = before === 'planned' ? 'closed' : 'planned';
    tracker.setFaults({ refuseWrites: 'Planned items need an owner' });
    const res = await call('/items/FB-2', { method: 'PATCH', headers: { 'idempotency-key': 'r1' }, body: JSON.stringify({ status: wanted }) });
    assert.equal(res.status, 422);
    assert.deepEqual(errorBodySchema.parse(await res.json()).error, { code: 'refused', message: 'Planned items need an owner' });
    assert.equal((await postComment('r2')).status, 422);
    assert.equal(itemSchema.parse(await (await call('/items/FB-2')).json()).status, before, 'nothing committed');
    tracker.setFaults({});
    assert.equal((await postComment('r3')).status, 201);
  });

  it('answers broken JSON on reads when malformed is json, and leaves writes alone', async () => {
    tracker.setFaults({ malformed: 'json' });
    for (const path of ['/items', '/items/FB-1', '/items/FB-1/comments']) {
      const res = await call(path);
      assert.equal(res.status, 200);
      await assert.rejects(res.json() as Promise<unknown>, SyntaxError, path);
    }
    assert.equal((await postComment('malformed')).status, 201);
  });

  it('answers JSON that breaks the schema in exactly one field when malformed is schema', async () => {
    tracker.setFaults({ malformed: 'schema' });
    const page = (await (await call('/items?limit=10')).json()) as { items: unknown[] };
    const results = page.items.map((item) => itemSummarySchema.safeParse(item));
    assert.equal(results.filter((r) => !r.success).length, 1);
    const bad = results.find((r) => !r.success);
    assert.deepEqual(bad?.error?.issues.map((i) => i.path), [['votes']]);
    const item = await (await call('/items/FB-1')).json();
    assert.equal(itemSchema.safeParse(item).success, false);
    const links = (await (await call('/items/FB-1/links')).json()) as { links: unknown };
    assert.equal(Array.isArray(links.links), false);
  });

  it('stops promptly while requests wait on latency, without answering them', async () => {
    tracker.setFaults({ latencyMs: 10_000 });
    const pending = call('/items').then(
      () => 'answered',
      () => 'dropped',
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await tracker.stop();
    assert.ok(Date.now() - started < 1000, `stop took ${Date.now() - started} ms`);
    assert.equal(await pending, 'dropped');
  });
});
