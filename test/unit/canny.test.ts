import * as assert from 'node:assert/strict';
import { CannyTracker } from '../../src/trackers/canny/cannyTracker';
import { HttpClient } from '../../src/trackers/http';
import { TrackerError } from '../../src/trackers/tracker';
import { CANNY_KEY, cannyPost, startCannyFake } from '../fixtures/cannyFake';
import type { CannyData } from '../fixtures/cannyFake';
import type { JsonServer } from '../fixtures/jsonServer';

describe('CannyTracker (local fake of the documented API)', () => {
  let server: JsonServer;
  let data: CannyData;

  async function tracker(key = CANNY_KEY): Promise<CannyTracker> {
    server = await startCannyFake(data);
    const http = new HttpClient({ baseUrl: server.url, getToken: async () => undefined });
    return new CannyTracker({ http, getApiKey: async () => key, boardID: 'b1', authorID: 'admin1' });
  }

  beforeEach(() => {
    data = { boards: [{ id: 'b1', name: 'Features' }], posts: [], comments: [], votes: [] };
  });
  afterEach(async () => server.close());

  it('lists posts by score with skip/limit paging, namespaced ids, summed monthlySpend as revenue', async () => {
    for (let n = 1; n <= 5; n++) {
      data.posts.push(cannyPost(n, { companies: [{ id: 'a', name: 'Acme', monthlySpend: 100 }, { id: 'b', name: 'Bolt', monthlySpend: n }] }));
    }
    data.posts.push(cannyPost(9, { board: { id: 'other', name: 'Other' } }));
    const canny = await tracker();
    const first = await canny.listItems({ limit: 2, sort: 'demand' });
    assert.deepEqual(first.items.map((i) => i.votes), [5, 4]);
    assert.equal(first.items[0].id, `canny:${String(data.posts[4].id)}`);
    assert.deepEqual(first.items[0].revenue, { amount: 105, currency: 'USD' });
    assert.equal(first.nextCursor, '2');
    const rest = await canny.listItems({ limit: 10, sort: 'demand', cursor: first.nextCursor });
    assert.deepEqual(rest.items.map((i) => i.votes), [3, 2, 1]);
    assert.equal(rest.nextCursor, null);
    const sent = server.requests[0].body as Record<string, unknown>;
    assert.deepEqual([sent.boardID, sent.sort, sent.limit, sent.skip], ['b1', 'score', 2, 0]);
  });

  it('maps Canny status names both ways and filters by them', async () => {
    data.posts.push(cannyPost(1, { status: 'in progress' }), cannyPost(2, { status: 'complete' }));
    const canny = await tracker();
    const page = await canny.listItems({ statuses: ['shipped'] });
    assert.deepEqual(page.items.map((i) => i.status), ['shipped']);
    assert.equal((server.requests[0].body as Record<string, unknown>).status, 'complete');
    await canny.setStatus(page.items[0].id, 'in-progress', { idempotencyKey: 'k1', notifyVoters: true, note: 'Back on it' });
    const change = server.requests.find((r) => r.url.pathname.endsWith('posts/change_status'))?.body as Record<string, unknown>;
    assert.deepEqual([change.status, change.shouldNotifyVoters, change.commentValue, change.changerID], ['in progress', true, 'Back on it', 'admin1']);
  });

  it('keeps internal notes internal, reads customers from votes, and finds a write by its key', async () => {
    data.posts.push(cannyPost(1));
    data.votes.push({ id: 'v1', postID: data.posts[0].id, voter: { id: 'u2', name: 'Bo', companies: [{ id: 'c', name: 'Bolt', monthlySpend: 50 }] } });
    const canny = await tracker();
    const id = `canny:${String(data.posts[0].id)}`;
    const item = await canny.getItem(id);
    assert.deepEqual(item.customers, [{ id: 'canny:u2', name: 'Bo', company: 'Bolt', revenue: { amount: 50, currency: 'USD' } }]);
    await canny.addComment(id, { body: 'Only us', visibility: 'internal' }, { idempotencyKey: 'key-1' });
    assert.equal(data.comments[0].internal, true);
    assert.equal(String(data.comments[0].value).replace(/[\u200b\u200c\u200d\u2060\u2063]/g, ''), 'Only us', 'the marker is invisible in Canny');
    const comments = await canny.listComments(id);
    assert.deepEqual(comments.map((c) => [c.body, c.visibility]), [['Only us', 'internal']]);
    assert.deepEqual(await canny.findWrite(id, 'key-1'), { kind: 'reply', commentId: 'c1' });
    assert.equal(await canny.findWrite(id, 'key-2'), undefined);
  });

  it('stores links as internal marked comments and reads them back', async () => {
    data.posts.push(cannyPost(1));
    const canny = await tracker();
    const id = `canny:${String(data.posts[0].id)}`;
    const link = { sha: 'a'.repeat(40), repository: 'acme/app', subject: 'Fix export', author: 'Dev', committedAt: '2024-03-01T00:00:00Z', url: null };
    await canny.addLink(id, link, { idempotencyKey: 'link-1' });
    assert.deepEqual(await canny.listLinks(id), [{ id: 'c1', ...link }]);
    assert.deepEqual(await canny.listComments(id), []);
  });

  it('turns a wrong key into unauthorized and never puts the key in a URL', async () => {
    const canny = await tracker('wrong');
    await assert.rejects(canny.listItems({}), (e: unknown) => e instanceof TrackerError && e.kind === 'unauthorized');
    assert.ok(server.requests.every((r) => !r.url.href.includes('wrong')));
  });

  it('finds the writing user by e-mail and lists boards (the connect steps)', async () => {
    const canny = await tracker();
    assert.deepEqual(await canny.findUser('dev@acme.example'), { id: 'admin1', name: 'Dev' });
    assert.deepEqual(await canny.listBoards(), [{ id: 'b1', name: 'Features' }]);
    await assert.rejects(canny.findUser('nobody@acme.example'), (e: unknown) => e instanceof TrackerError && e.kind === 'notFound' && /user not found/.test(e.message));
  });

  it('refuses to write without a Canny user, before any request', async () => {
    server = await startCannyFake(data);
    const http = new HttpClient({ baseUrl: server.url, getToken: async () => undefined });
    const readOnly = new CannyTracker({ http, getApiKey: async () => CANNY_KEY });
    await assert.rejects(readOnly.addComment('canny:p1', { body: 'x', visibility: 'public' }, { idempotencyKey: 'k' }), /Canny user/);
    assert.equal(server.requests.length, 0);
  });

  it('refuses an id of another tracker without a request', async () => {
    const canny = await tracker();
    await assert.rejects(canny.getItem('github:o/r#1'), (e: unknown) => e instanceof TrackerError && e.kind === 'notFound');
    assert.equal(server.requests.length, 0);
  });
});
