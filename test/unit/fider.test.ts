import * as assert from 'node:assert/strict';
import { FiderTracker } from '../../src/trackers/fider/fiderTracker';
import { HttpClient } from '../../src/trackers/http';
import { TrackerError } from '../../src/trackers/tracker';
import { FIDER_KEY, fiderPost, startFiderFake } from '../fixtures/fiderFake';
import type { FiderData } from '../fixtures/fiderFake';
import type { JsonServer } from '../fixtures/jsonServer';

describe('FiderTracker (local fake of Fider’s API v1)', () => {
  let server: JsonServer;
  let data: FiderData;
  let clock = 0;

  async function tracker(): Promise<FiderTracker> {
    server = await startFiderFake(data);
    const http = new HttpClient({ baseUrl: server.url, getToken: async () => FIDER_KEY });
    return new FiderTracker(http, 'https://feedback.example.com', () => clock);
  }

  beforeEach(() => {
    data = { posts: [], comments: {} };
    clock = 0;
  });
  afterEach(async () => server.close());

  it('pages a whole list on the client, at most 100 rows, most votes first, one read per refresh', async () => {
    for (let n = 1; n <= 250; n++) {
      data.posts.push(fiderPost(n));
    }
    const fider = await tracker();
    const first = await fider.listItems({ limit: 500, sort: 'demand', statuses: ['open'] });
    assert.equal(first.items.length, 100);
    assert.equal(first.items[0].votes, 250);
    assert.equal(first.items[0].id, `fider:${new URL(server.url).host}#250`);
    assert.equal(first.items[0].url, 'https://feedback.example.com/posts/250/post-250');
    const second = await fider.listItems({ limit: 100, sort: 'demand', statuses: ['open'], cursor: first.nextCursor });
    const third = await fider.listItems({ limit: 100, sort: 'demand', statuses: ['open'], cursor: second.nextCursor });
    assert.deepEqual([second.items.length, third.items.length, third.nextCursor], [100, 50, null]);
    assert.equal(server.requests.length, 1);
    assert.equal(server.requests[0].url.search, '?view=all&limit=all');
    clock = 10_000;
    await fider.listItems({ sort: 'demand' });
    assert.equal(server.requests.length, 2, 'a later refresh reads afresh');
  });

  it('does not share a list whose read was cancelled with the refresh that superseded it', async () => {
    data.posts.push(fiderPost(1));
    const fider = await tracker();
    const cancelled = new AbortController();
    const superseded = fider.listItems({ sort: 'demand', signal: cancelled.signal });
    cancelled.abort();
    const next = await fider.listItems({ sort: 'demand', signal: new AbortController().signal });
    assert.deepEqual(next.items.map((i) => i.votes), [1]);
    await superseded.catch(() => undefined);
    assert.equal(server.requests.length, 2, 'the cancelled read was not shared: the next one asked again');
  });

  it('maps statuses (started → in progress, declined and duplicate → closed) and leaves deleted posts out', async () => {
    data.posts.push(fiderPost(1, { status: 'started' }), fiderPost(2, { status: 'duplicate' }), fiderPost(3, { status: 'declined' }));
    const fider = await tracker();
    const page = await fider.listItems({ sort: 'newest' });
    assert.deepEqual(page.items.map((i) => [i.title, i.status]), [['Post 3', 'closed'], ['Post 2', 'closed'], ['Post 1', 'in-progress']]);
  });

  it('changes status with a response text, replies, and finds the reply by its key', async () => {
    data.posts.push(fiderPost(4));
    const fider = await tracker();
    const id = `fider:${new URL(server.url).host}#4`;
    const item = await fider.setStatus(id, 'shipped', { idempotencyKey: 'k', note: 'Out in 2.0' });
    assert.equal(item.status, 'shipped');
    const put = server.requests.find((r) => r.method === 'PUT');
    assert.deepEqual(put?.body, { status: 'completed', text: 'Out in 2.0' });
    await fider.addComment(id, { body: 'Thanks!', visibility: 'public' }, { idempotencyKey: 'reply-1' });
    assert.deepEqual((await fider.listComments(id)).map((c) => [c.body, c.author.role]), [['Thanks!', 'team']]);
    assert.deepEqual(await fider.findWrite(id, 'reply-1'), { kind: 'reply', commentId: '500' });
  });

  it('refuses what Fider cannot do: internal notes and “under review”', async () => {
    data.posts.push(fiderPost(1));
    const fider = await tracker();
    const id = `fider:${new URL(server.url).host}#1`;
    await assert.rejects(fider.addComment(id, { body: 'x', visibility: 'internal' }, { idempotencyKey: 'a' }), (e: unknown) => e instanceof TrackerError && e.kind === 'rejected');
    await assert.rejects(fider.setStatus(id, 'under-review', { idempotencyKey: 'b' }), (e: unknown) => e instanceof TrackerError && e.kind === 'rejected');
    assert.ok(!fider.capabilities.settableStatuses?.includes('under-review'), 'and says so in its capabilities');
    assert.equal(fider.capabilities.internalNotes, false);
    assert.equal(server.requests.length, 0);
  });

  it('reports a wrong key as unauthorized', async () => {
    server = await startFiderFake(data);
    const fider = new FiderTracker(new HttpClient({ baseUrl: server.url, getToken: async () => 'nope' }), 'https://x.example');
    await assert.rejects(fider.listItems({}), (e: unknown) => e instanceof TrackerError && e.kind === 'unauthorized');
  });
});
