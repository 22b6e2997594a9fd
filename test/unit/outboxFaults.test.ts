// The outbox's promise, checked end to end: 1,000 replies through the REST
// adapter to the reference tracker while a third of the writes fail
// (connection dropped before and after the commit, 500, 429 with
// Retry-After, timeouts) and the outbox is restarted mid-flight. Then the
// tracker's own data is read back: every reply exactly once.
import * as assert from 'node:assert/strict';
import { Outbox } from '../../src/core/outbox';
import type { OutboxEntry } from '../../src/core/outbox';
import { Random } from '../../src/reference-tracker/random';
import { startReferenceTracker } from '../../src/reference-tracker/server';
import type { FaultOptions, RunningTracker } from '../../src/reference-tracker/server';
import { HttpClient } from '../../src/trackers/http';
import { RestTracker } from '../../src/trackers/rest/restTracker';
import { TrackerError } from '../../src/trackers/tracker';
import { MemoryStorage, settle, VirtualClock } from './outboxFakes';

const REPLIES = 1_000;
const ITEMS = 20;
const TIMEOUT_MS = 40;
const RETRY_AFTER_S = 2;

type FaultName = 'none' | 'dropBefore' | 'dropAfter' | 'server500' | 'rateLimited' | 'timeout';
const FAULTS: Readonly<Record<FaultName, FaultOptions>> = {
  none: {},
  dropBefore: { dropBeforeWrite: true },
  dropAfter: { dropAfterWrite: true },
  server500: { errorRate: 1 },
  rateLimited: { rateLimit: { retryAfterSeconds: RETRY_AFTER_S } },
  // The tracker still commits after the client gave up: an outcome-unknown failure.
  timeout: { latencyMs: TIMEOUT_MS * 2 },
};

function pickFault(rng: Random): FaultName {
  const roll = rng.next();
  const faulted: FaultName[] = ['dropBefore', 'dropAfter', 'server500', 'rateLimited', 'timeout'];
  return roll < 0.38 ? faulted[Math.floor((roll / 0.38) * faulted.length)] : 'none';
}

describe('Outbox under fault injection (reference tracker)', function () {
  this.timeout(120_000);
  let running: RunningTracker;

  before(async () => {
    running = await startReferenceTracker({ size: ITEMS, seed: 11 });
  });
  after(() => running.stop());

  it(`delivers ${REPLIES} replies exactly once through drops, 500s, 429s, timeouts and restarts`, async () => {
    const client = (timeoutMs: number) => new RestTracker(new HttpClient({ baseUrl: running.url, getToken: async () => running.token, timeoutMs }));
    const faulty = client(TIMEOUT_MS);
    const items = (await client(5_000).listItems({ limit: ITEMS })).items.map((i) => i.id);
    const before = await commentCounts(client(5_000), items);
    const rng = new Random(2024);
    const clock = new VirtualClock();
    const storage = new MemoryStorage();
    const counts: Record<FaultName, number> = { none: 0, dropBefore: 0, dropAfter: 0, server500: 0, rateLimited: 0, timeout: 0 };
    const lastAttempt = { at: -Infinity, limited: false };
    let restarts = 0;
    let restartWanted = false;
    // A restarted outbox does not know when its predecessor last wrote (a real restart takes longer than a second).
    let justRestarted = false;
    const violations: string[] = [];

    const send = async (entry: OutboxEntry, signal: AbortSignal): Promise<unknown> => {
      const fault = pickFault(rng);
      counts[fault]++;
      // (An assertion thrown here would read as a failed request: note it, check after.)
      const since = clock.time - lastAttempt.at;
      if (lastAttempt.limited && since < RETRY_AFTER_S * 1000) {
        violations.push(`attempt ${since} ms after a 429 with Retry-After: ${RETRY_AFTER_S}`);
      }
      if (since < 1000 && !justRestarted) {
        violations.push(`two writes ${since} ms apart`);
      }
      justRestarted = false;
      Object.assign(lastAttempt, { at: clock.time, limited: false });
      running.setFaults(FAULTS[fault]);
      restartWanted ||= rng.next() < 0.03; // restart while this request is in flight
      if (entry.request.kind !== 'comment') {
        throw new Error('only replies here');
      }
      try {
        return await faulty.addComment(entry.request.itemId, entry.request.body, { idempotencyKey: entry.idempotencyKey, signal });
      } catch (error) {
        // Only a 429 that reached the outbox binds it (a restart may have cut the request first).
        lastAttempt.limited = error instanceof TrackerError && error.kind === 'rateLimited';
        throw error;
      }
    };
    const make = () => new Outbox({ storage, send, now: clock.now, setTimer: clock.setTimer, random: () => rng.next() });

    let outbox = make();
    await outbox.start();
    let queued = 0;
    while (queued < REPLIES || outbox.entries().length > 0) {
      if (restartWanted) {
        restartWanted = false;
        restarts++;
        outbox.dispose(); // like a killed extension host: nothing more is saved
        outbox = make();
        justRestarted = true;
        await outbox.start();
      }
      if (queued < REPLIES) {
        await outbox.enqueue(running.url, { kind: 'comment', itemId: items[queued % ITEMS], body: { body: `fault reply #${queued}`, visibility: 'public' } });
        queued++;
      }
      assert.ok(outbox.entries().every((e) => e.state !== 'refused'), `refused: ${JSON.stringify(outbox.entries().find((e) => e.state === 'refused'))}`);
      await settle(1);
    }
    outbox.dispose();
    running.setFaults({});

    const seen = await replyCounts(client(5_000), items);
    const lost = Array.from({ length: REPLIES }, (_, n) => n).filter((n) => !seen.has(n));
    const duplicated = [...seen].filter(([, count]) => count > 1).map(([n]) => n);
    const attempts = Object.values(counts).reduce((a, b) => a + b, 0);
    const faulted = attempts - counts.none;
    const after = await commentCounts(client(5_000), items);
    console.log(
      `      replies ${REPLIES}, attempts ${attempts}, faulted ${faulted} (${((100 * faulted) / attempts).toFixed(1)}%: ` +
        `dropBefore ${counts.dropBefore}, dropAfter ${counts.dropAfter}, 500 ${counts.server500}, 429 ${counts.rateLimited}, timeout ${counts.timeout}), ` +
        `outbox restarts ${restarts}, lost ${lost.length}, duplicated ${duplicated.length}`,
    );
    assert.deepEqual(violations, [], 'pacing');
    assert.ok(faulted / attempts >= 0.3, 'at least 30% of writes faulted');
    assert.ok(restarts >= 5, `restarts: ${restarts}`);
    assert.deepEqual(lost, [], 'lost replies');
    assert.deepEqual(duplicated, [], 'duplicated replies');
    assert.equal(after - before, REPLIES, 'no other comment was written');
  });
});

async function replyCounts(tracker: RestTracker, items: readonly string[]): Promise<Map<number, number>> {
  const seen = new Map<number, number>();
  for (const id of items) {
    for (const comment of await tracker.listComments(id)) {
      const match = /^fault reply #(\d+)$/.exec(comment.body);
      if (match) {
        seen.set(Number(match[1]), (seen.get(Number(match[1])) ?? 0) + 1);
      }
    }
  }
  return seen;
}

async function commentCounts(tracker: RestTracker, items: readonly string[]): Promise<number> {
  let total = 0;
  for (const id of items) {
    total += (await tracker.listComments(id)).length;
  }
  return total;
}
