import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { RestTracker } from '../../src/trackers/rest/restTracker';
import { TrackerError } from '../../src/trackers/tracker';

type Route = (url: URL, req: http.IncomingMessage, body: string) => [number, unknown];

let server: http.Server | undefined;
const urls: string[] = [];

async function tracker(route: Route): Promise<RestTracker> {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      urls.push(`${req.method} ${req.url}`);
      const [status, answer] = route(new URL(req.url ?? '/', 'http://x'), req, body);
      res.writeHead(status, { 'Content-Type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new RestTracker({ baseUrl: `http://127.0.0.1:${port}`, getToken: async () => 't' });
}

function comment(n: number): unknown {
  return { id: `c${n}`, author: { name: 'Ana', role: 'customer' }, body: `comment ${n}`, visibility: 'public', createdAt: '2024-05-01T10:00:00Z' };
}

describe('RestTracker (local server)', () => {
  afterEach(async () => {
    urls.length = 0;
    const closing = server;
    server = undefined;
    if (closing) {
      closing.closeAllConnections();
      await new Promise((resolve) => closing.close(resolve));
    }
  });

  it('declares what it can do', async () => {
    const t = await tracker(() => [200, {}]);
    assert.equal(t.kind, 'rest');
    assert.deepEqual(t.capabilities, { internalNotes: true, revenue: true, idempotencyKeys: true, textSearch: true });
  });

  it('maps the list query onto the contract parameters', async () => {
    const t = await tracker(() => [200, { items: [], nextCursor: null }]);
    await t.listItems({ limit: 20, cursor: 'abc', statuses: ['open', 'planned'], q: '  dark mode ', sort: 'newest', updatedSince: '2024-01-01T00:00:00Z' });
    await t.listItems({ statuses: [], q: '   ' });
    const first = new URL(urls[0].split(' ')[1], 'http://x');
    assert.equal(first.pathname, '/api/v1/items');
    assert.deepEqual(Object.fromEntries(first.searchParams), {
      limit: '20',
      cursor: 'abc',
      status: 'open,planned',
      q: 'dark mode',
      sort: 'newest',
      updatedSince: '2024-01-01T00:00:00Z',
    });
    assert.equal(urls[1], 'GET /api/v1/items');
  });

  it('encodes item ids in paths and refuses ids that are path steps', async () => {
    const t = await tracker(() => [404, { error: { code: 'not_found', message: 'No such item' } }]);
    const error = await t.getItem('a/b?c#d').catch((e: unknown) => e);
    assert.ok(error instanceof TrackerError && error.kind === 'notFound');
    assert.equal(urls[0], 'GET /api/v1/items/a%2Fb%3Fc%23d');
    for (const id of ['..', '.', '']) {
      await assert.rejects(t.getItem(id), (e: unknown) => e instanceof TrackerError && e.kind === 'rejected');
    }
    assert.equal(urls.length, 1);
  });

  it('follows comment cursors until the last page, oldest first', async () => {
    const t = await tracker((url) => {
      const page = Number(url.searchParams.get('cursor') ?? '0');
      const comments = [comment(page * 2), comment(page * 2 + 1)];
      return [200, { comments, nextCursor: page < 2 ? String(page + 1) : null }];
    });
    const comments = await t.listComments('FB-1');
    assert.deepEqual(comments.map((c) => c.id), ['c0', 'c1', 'c2', 'c3', 'c4', 'c5']);
    assert.equal(urls.length, 3);
    assert.ok(urls.every((u) => u.startsWith('GET /api/v1/items/FB-1/comments?limit=200')));
  });

  it('stops a comment cursor that repeats, and names a bad comment', async () => {
    const looping = await tracker(() => [200, { comments: [comment(1)], nextCursor: 'same' }]);
    await assert.rejects(looping.listComments('FB-1'), (e: unknown) => e instanceof TrackerError && e.kind === 'malformed');
    assert.equal(urls.length, 2);
    await new Promise((resolve) => server?.close(resolve));
    const bad = await tracker(() => [200, { comments: [comment(1), { ...(comment(2) as object), visibility: 'secret' }], nextCursor: null }]);
    await assert.rejects(bad.listComments('FB-1'), (e: unknown) => e instanceof TrackerError && /comments\[1\]\.visibility: /.test(e.message));
  });

  it('sends writes to the contract paths with their idempotency keys', async () => {
    const sha = 'a'.repeat(40);
    const link = { sha, repository: 'r', subject: 's', author: 'a', committedAt: '2024-05-01T10:00:00Z', url: null };
    const location = { repository: 'r', path: 'src/a.ts', startLine: 1, endLine: 2, commit: null };
    const seen: [string, string | undefined, string][] = [];
    const t = await tracker((url, req, body) => {
      seen.push([`${req.method} ${url.pathname}`, req.headers['idempotency-key'] as string | undefined, body]);
      if (url.pathname.endsWith('/comments')) {
        return [201, comment(9)];
      }
      if (url.pathname.endsWith('/links')) {
        return [201, { id: 'l1', ...link }];
      }
      return [201, { id: 't1', summary: 'Cache', rationale: 'r', location, author: 'a', createdAt: '2024-05-01T10:00:00Z' }];
    });
    assert.equal((await t.addComment('FB-1', { body: 'hi', visibility: 'internal' }, { idempotencyKey: 'k1' })).id, 'c9');
    assert.equal((await t.addLink('FB-1', link, { idempotencyKey: 'k2' })).id, 'l1');
    assert.equal((await t.addTradeOff('FB-1', { summary: 'Cache', rationale: 'r', location, author: 'a' }, { idempotencyKey: 'k3' })).id, 't1');
    assert.deepEqual(seen.map(([route, key]) => [route, key]), [
      ['POST /api/v1/items/FB-1/comments', 'k1'],
      ['POST /api/v1/items/FB-1/links', 'k2'],
      ['POST /api/v1/items/FB-1/tradeoffs', 'k3'],
    ]);
    assert.deepEqual(JSON.parse(seen[0][2]), { body: 'hi', visibility: 'internal' });
  });
});
