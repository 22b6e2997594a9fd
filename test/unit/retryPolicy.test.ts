// Which failures the outbox retries, and how long it waits.
import * as assert from 'node:assert/strict';
import { backoffDelay, classifyFailure, DEFAULT_RETRY_POLICY } from '../../src/core/retryPolicy';
import { TrackerError } from '../../src/trackers/tracker';
import type { TrackerErrorKind } from '../../src/trackers/tracker';

const error = (kind: TrackerErrorKind, status?: number, retryAfterMs?: number) => new TrackerError(kind, `${kind} ${status ?? ''}`, { status, retryAfterMs });

describe('retry policy', () => {
  it('retries network failures, timeouts, 5xx and 429', () => {
    for (const e of [error('unreachable'), error('server', 500), error('server', 503), error('rateLimited', 429), error('cancelled')]) {
      assert.equal(classifyFailure(e).retry, true, e.message);
    }
  });

  it('gives up on 400, 401, 403, 404, 410, 422 and on answers that break the contract', () => {
    const final = [error('rejected', 400), error('unauthorized', 401), error('unauthorized', 403), error('notFound', 404), error('rejected', 410), error('rejected', 422), error('malformed')];
    for (const e of final) {
      const verdict = classifyFailure(e);
      assert.equal(verdict.retry, false, e.message);
      assert.equal(verdict.reason, e.message);
    }
  });

  it('retries 408 and 425 (they mean "later"), and errors it does not know', () => {
    assert.equal(classifyFailure(error('rejected', 408)).retry, true);
    assert.equal(classifyFailure(error('rejected', 425)).retry, true);
    assert.deepEqual(classifyFailure(new Error('weird')), { retry: true, reason: 'weird' });
    assert.equal(classifyFailure('a string').retry, true);
  });

  it('carries Retry-After', () => {
    assert.deepEqual(classifyFailure(error('rateLimited', 429, 7000)), { retry: true, reason: 'rateLimited 429', retryAfterMs: 7000 });
  });

  it('draws the backoff below an exponential ceiling (full jitter), capped', () => {
    const policy = DEFAULT_RETRY_POLICY;
    assert.equal(backoffDelay(1, policy, () => 0.999), 999);
    assert.equal(backoffDelay(3, policy, () => 0.5), 2000);
    assert.equal(backoffDelay(40, policy, () => 0.999), Math.floor(0.999 * policy.maxDelayMs));
    assert.equal(backoffDelay(5, policy, () => 0), 0);
  });

  it('never waits less than Retry-After', () => {
    assert.equal(backoffDelay(1, DEFAULT_RETRY_POLICY, () => 0.1, 30_000), 30_000);
    assert.equal(backoffDelay(12, DEFAULT_RETRY_POLICY, () => 1, 1_000), DEFAULT_RETRY_POLICY.maxDelayMs);
  });
});
