// The adapters' own paging loops (the comments of one item) against trackers
// that never stop: each read ends, with an error naming the tracker, instead
// of returning a silently cut or repeated thread.
import * as assert from 'node:assert/strict';
import { CannyTracker } from '../../src/trackers/canny/cannyTracker';
import { GITHUB_HEADERS, GithubTracker } from '../../src/trackers/github/githubTracker';
import { HttpClient } from '../../src/trackers/http';
import { TrackerError } from '../../src/trackers/tracker';
import { CANNY_KEY } from '../fixtures/cannyFake';
import { githubComment } from '../fixtures/githubFake';
import { startJsonServer } from '../fixtures/jsonServer';
import type { FakeAnswer, FakeRequest, JsonServer } from '../fixtures/jsonServer';

async function failure(promise: Promise<unknown>): Promise<TrackerError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TrackerError, `expected a TrackerError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the read to fail');
}

describe('Adapters against trackers that page without end', () => {
  let server: JsonServer;
  afterEach(async () => server.close());

  async function canny(handle: (r: FakeRequest) => FakeAnswer): Promise<CannyTracker> {
    server = await startJsonServer(handle);
    return new CannyTracker({ http: new HttpClient({ baseUrl: server.url, getToken: async () => undefined }), getApiKey: async () => CANNY_KEY });
  }

  async function github(handle: (r: FakeRequest) => FakeAnswer): Promise<GithubTracker> {
    server = await startJsonServer(handle);
    const http = new HttpClient({ baseUrl: server.url, getToken: async () => 't', headers: GITHUB_HEADERS });
    return new GithubTracker({ http, repository: 'octo/app', minWriteIntervalMs: 0 });
  }

  const cannyComment = (n: number) => ({ id: `c${n}`, author: null, created: '2024-01-01T00:00:00.000Z', internal: false, value: `comment ${n}` });
  const host = () => new URL(server.url).host;

  it('Canny: stops at a page of comments it already sent (skip ignored) and names the tracker', async () => {
    const tracker = await canny(() => ({ status: 200, body: { hasMore: true, comments: Array.from({ length: 100 }, (_, n) => cannyComment(n)) } }));
    const error = await failure(tracker.listComments('canny:p1'));
    assert.match(error.message, new RegExp(`Tracker at ${host()}.*comments of canny:p1`));
    assert.equal(server.requests.length, 2);
  });

  it('Canny: stops a thread that never ends after a bounded number of pages', async () => {
    const tracker = await canny((r) => {
      const skip = Number((r.body as { skip: number }).skip);
      return { status: 200, body: { hasMore: true, comments: Array.from({ length: 100 }, (_, n) => cannyComment(skip + n)) } };
    });
    const error = await failure(tracker.listComments('canny:p1'));
    assert.match(error.message, new RegExp(`Tracker at ${host()}`));
    assert.ok(server.requests.length <= 100, `${server.requests.length} requests`);
  });

  it('GitHub: stops at a next link that does not move forward, and names the tracker', async () => {
    const tracker = await github((r) => ({
      status: 200,
      body: [githubComment(Number(r.url.searchParams.get('page')), 'hello')],
      headers: { link: `<${server.url}/repos/octo/app/issues/1/comments?page=1>; rel="next"` },
    }));
    const error = await failure(tracker.listComments('github:octo/app#1'));
    assert.match(error.message, new RegExp(`Tracker at ${host()}.*comments of #1`));
  });

  it('GitHub: stops a thread that never ends after a bounded number of pages', async () => {
    const tracker = await github((r) => {
      const page = Number(r.url.searchParams.get('page'));
      return { status: 200, body: [githubComment(page, 'hello')], headers: { link: `<${server.url}/x?page=${page + 1}>; rel="next"` } };
    });
    const error = await failure(tracker.listComments('github:octo/app#1'));
    assert.match(error.message, new RegExp(`Tracker at ${host()}`));
    assert.ok(server.requests.length <= 100, `${server.requests.length} requests`);
  });
});
