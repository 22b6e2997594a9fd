// The reference tracker's read side over real HTTP on loopback: auth, paging,
// filters, sorting, ETags, errors, and the sample data it promises.
import * as assert from 'node:assert/strict';
import { commentSchema, errorBodySchema, itemSchema, itemSummarySchema, STATUSES } from '../../src/core/model';
import type { ItemSummary } from '../../src/core/model';
import type { RunningTracker } from '../../src/reference-tracker/server';
import { startReferenceTracker } from '../../src/reference-tracker/server';
import { toUsd } from '../../src/reference-tracker/money';

let tracker: RunningTracker;

function call(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (!headers.has('authorization')) {
    headers.set('authorization', `Bearer ${tracker.token}`);
  }
  return fetch(`${tracker.url}/api/v1${path}`, { ...init, headers });
}

async function json(path: string, init?: RequestInit): Promise<{ status: number; body: unknown; res: Response }> {
  const res = await call(path, init);
  return { status: res.status, body: await res.json(), res };
}

async function page(path: string): Promise<{ items: ItemSummary[]; nextCursor: string | null }> {
  const { status, body } = await json(path);
  assert.equal(status, 200, JSON.stringify(body));
  const { items, nextCursor } = body as { items: unknown[]; nextCursor: string | null };
  return { items: items.map((item) => itemSummarySchema.parse(item)), nextCursor };
}

/** Every item of a query, following cursors. */
async function walk(query: string): Promise<ItemSummary[]> {
  const all: ItemSummary[] = [];
  let cursor: string | null = null;
  do {
    const sep = query.includes('?') ? '&' : '?';
    const next: { items: ItemSummary[]; nextCursor: string | null } = await page(cursor === null ? query : `${query}${sep}cursor=${encodeURIComponent(cursor)}`);
    all.push(...next.items);
    cursor = next.nextCursor;
  } while (cursor !== null);
  return all;
}

function assertError(status: number, body: unknown, expectedStatus: number, code?: string): void {
  assert.equal(status, expectedStatus, JSON.stringify(body));
  const parsed = errorBodySchema.parse(body);
  if (code !== undefined) {
    assert.equal(parsed.error.code, code);
  }
}

describe('reference tracker: reads', () => {
  before(async () => {
    tracker = await startReferenceTracker({ token: 'secret-token' });
  });
  after(() => tracker.stop());

  describe('auth', () => {
    it('answers 401 with an error body without a token, with a wrong token, or with another scheme', async () => {
      for (const authorization of ['', 'Bearer wrong', 'Bearer secret-token-longer', 'Basic secret-token', 'secret-token']) {
        const { status, body, res } = await json('/items', { headers: { authorization } });
        assertError(status, body, 401, 'unauthorized');
        assert.equal(res.headers.get('www-authenticate'), 'Bearer');
      }
    });

    it('accepts the right token', async () => {
      assert.equal((await call('/items?limit=1')).status, 200);
    });
  });

  describe('paging', () => {
    it('walks all 300 items exactly once, in pages of the requested size', async () => {
      const first = await page('/items?limit=70');
      assert.equal(first.items.length, 70);
      const all = await walk('/items?limit=70');
      assert.equal(all.length, 300);
      assert.equal(new Set(all.map((i) => i.id)).size, 300);
      assert.deepEqual(all.slice(0, 70), first.items);
    });

    it('defaults to 50 items and ends with a null cursor', async () => {
      const first = await page('/items');
      assert.equal(first.items.length, 50);
      assert.notEqual(first.nextCursor, null);
      const last = await page('/items?limit=200&cursor=' + encodeURIComponent((await page('/items?limit=200')).nextCursor ?? ''));
      assert.equal(last.items.length, 100);
      assert.equal(last.nextCursor, null);
    });

    it('refuses limits outside 1–200 and junk', async () => {
      for (const limit of ['0', '201', '-1', 'abc', '1.5', '']) {
        const { status, body } = await json(`/items?limit=${limit}`);
        assertError(status, body, 400, 'invalid_query');
      }
      assert.equal((await page('/items?limit=200')).items.length, 200);
      assert.equal((await page('/items?limit=1')).items.length, 1);
    });

    it('refuses a cursor made for another query, and a forged one', async () => {
      const { nextCursor } = await page('/items?status=open&limit=10');
      assert.ok(nextCursor);
      const other = await json(`/items?status=planned&limit=10&cursor=${encodeURIComponent(nextCursor)}`);
      assertError(other.status, other.body, 400, 'invalid_cursor');
      const forged = await json('/items?cursor=not-a-cursor');
      assertError(forged.status, forged.body, 400, 'invalid_cursor');
      // The page size may change between pages of one query.
      assert.equal((await page(`/items?status=open&limit=5&cursor=${encodeURIComponent(nextCursor)}`)).items.length, 5);
    });
  });

  describe('filters and sorting', () => {
    it('sorts by demand: votes desc, then revenue in USD desc, then id', async () => {
      const all = await walk('/items?limit=200');
      for (let i = 1; i < all.length; i++) {
        const [a, b] = [all[i - 1] as ItemSummary, all[i] as ItemSummary];
        const order = b.votes - a.votes || toUsd(b.revenue) - toUsd(a.revenue);
        assert.ok(order < 0 || (order === 0 && Number(a.id.slice(3)) < Number(b.id.slice(3))), `${a.id} before ${b.id}`);
      }
      assert.ok((all[0] as ItemSummary).votes >= 100, 'a few items have hundreds of votes');
    });

    it('sorts by newest and by updated', async () => {
      for (const [sort, field] of [['newest', 'createdAt'], ['updated', 'updatedAt']] as const) {
        const all = await walk(`/items?sort=${sort}&limit=200`);
        assert.equal(all.length, 300);
        for (let i = 1; i < all.length; i++) {
          assert.ok(Date.parse((all[i - 1] as ItemSummary)[field]) >= Date.parse((all[i] as ItemSummary)[field]), `${sort} at ${i}`);
        }
      }
      const { status, body } = await json('/items?sort=random');
      assertError(status, body, 400, 'invalid_query');
    });

    it('filters by a comma list of statuses and refuses unknown ones', async () => {
      const all = await walk('/items?status=planned,shipped&limit=200');
      assert.ok(all.length > 0);
      assert.ok(all.every((i) => i.status === 'planned' || i.status === 'shipped'));
      const everything = await walk('/items?limit=200');
      assert.equal(all.length, everything.filter((i) => i.status === 'planned' || i.status === 'shipped').length);
      const { status, body } = await json('/items?status=open,done');
      assertError(status, body, 400, 'invalid_query');
      assert.match((body as { error: { message: string } }).error.message, /done/);
    });

    it('searches title, description and tags, case-insensitively', async () => {
      const byTitle = await walk('/items?q=DARK%20MODE&limit=200');
      assert.ok(byTitle.some((i) => i.id === 'FB-2'));
      for (const found of byTitle) {
        const item = itemSchema.parse((await json(`/items/${found.id}`)).body);
        assert.match(`${item.title}\n${item.description}`, /dark mode/i, found.id);
      }
      const byTag = await walk('/items?q=accessibility&limit=200');
      const tagged = (await walk('/items?limit=200')).filter((i) => i.tags.includes('accessibility'));
      for (const item of tagged) {
        assert.ok(byTag.some((i) => i.id === item.id), `${item.id} found by its tag`);
      }
      const byDescription = await walk('/items?q=' + encodeURIComponent('我们的团队'));
      assert.ok(byDescription.length > 0);
      assert.equal((await page('/items?q=zzzz-no-such-text')).items.length, 0);
    });

    it('filters by updatedSince and refuses a non-timestamp', async () => {
      const all = await walk('/items?limit=200');
      const since = '2025-01-01T00:00:00Z';
      const recent = await walk(`/items?limit=200&updatedSince=${since}`);
      assert.equal(recent.length, all.filter((i) => Date.parse(i.updatedAt) >= Date.parse(since)).length);
      assert.ok(recent.length > 0 && recent.length < 300);
      const { status, body } = await json('/items?updatedSince=yesterday');
      assertError(status, body, 400, 'invalid_query');
    });
  });

  describe('ETags', () => {
    it('tags every read and answers 304 without a body for the current tag', async () => {
      for (const path of ['/items?limit=5', '/items/FB-1', '/items/FB-1/comments', '/items/FB-1/links', '/items/FB-1/tradeoffs']) {
        const first = await call(path);
        const etag = first.headers.get('etag');
        assert.ok(etag, path);
        const again = await call(path, { headers: { 'if-none-match': etag } });
        assert.equal(again.status, 304, path);
        assert.equal(await again.text(), '');
        const stale = await call(path, { headers: { 'if-none-match': '"stale"' } });
        assert.equal(stale.status, 200, path);
      }
    });

    it('changes the tag when the data changes', async () => {
      const before = (await call('/items/FB-9')).headers.get('etag');
      const write = await call('/items/FB-9/comments', { method: 'POST', body: JSON.stringify({ body: 'hi', visibility: 'public' }) });
      assert.equal(write.status, 201);
      const after = await call('/items/FB-9', { headers: { 'if-none-match': before ?? '' } });
      assert.equal(after.status, 200);
      assert.notEqual(after.headers.get('etag'), before);
    });
  });

  describe('items and errors', () => {
    it('answers an item that follows the schema, with derived counts and a url that opens a page', async () => {
      const { status, body } = await json('/items/FB-3');
      assert.equal(status, 200);
      const item = itemSchema.parse(body);
      assert.equal(item.customerCount, item.customers.length);
      assert.ok(item.commentCount > 50, 'FB-3 has more comments than one page');
      assert.match(item.url ?? '', new RegExp(`^${tracker.url}/items/FB-3\\?key=`), 'with its page key: referenceTrackerHost.test.ts');
      const html = await fetch(item.url ?? '');
      assert.equal(html.status, 200);
      assert.match(html.headers.get('content-type') ?? '', /text\/html/);
      assert.match(html.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    });

    it('pages comments oldest first', async () => {
      const first = await json('/items/FB-3/comments');
      const { comments, nextCursor } = first.body as { comments: unknown[]; nextCursor: string };
      assert.equal(comments.length, 50);
      const rest = await json(`/items/FB-3/comments?cursor=${encodeURIComponent(nextCursor)}`);
      const all = [...comments, ...(rest.body as { comments: unknown[] }).comments].map((c) => commentSchema.parse(c));
      assert.equal(all.length, (itemSchema.parse((await json('/items/FB-3')).body)).commentCount);
      for (let i = 1; i < all.length; i++) {
        assert.ok(Date.parse((all[i - 1] as { createdAt: string }).createdAt) <= Date.parse((all[i] as { createdAt: string }).createdAt));
      }
      const crossed = await json(`/items/FB-4/comments?cursor=${encodeURIComponent(nextCursor)}`);
      assertError(crossed.status, crossed.body, 400, 'invalid_cursor');
    });

    it('answers 404 with an error body for unknown items and routes, 405 for wrong methods', async () => {
      for (const path of ['/items/FB-99999', '/items/FB-99999/comments', '/nothing', '/items/FB-1/votes']) {
        const { status, body } = await json(path);
        assertError(status, body, 404);
      }
      const wrongMethod = await json('/items', { method: 'DELETE' });
      assertError(wrongMethod.status, wrongMethod.body, 405, 'method_not_allowed');
      assert.equal((await fetch(`${tracker.url}/items/FB-99999`)).status, 403, 'a web page without its key says nothing, not even "no such item"');
    });
  });

  describe('sample data', () => {
    it('holds every status, one group over 100 items, companies reused and three currencies', async () => {
      const all = await walk('/items?limit=200');
      for (const status of STATUSES) {
        assert.ok(all.some((i) => i.status === status), status);
      }
      assert.ok(all.filter((i) => i.status === 'open').length > 100);
      const companies = new Map<string, number>();
      for (const company of all.flatMap((i) => i.companies ?? [])) {
        companies.set(company, (companies.get(company) ?? 0) + 1);
      }
      assert.ok(companies.size >= 60 && companies.size <= 100, `${companies.size} companies`);
      assert.ok([...companies.values()].some((n) => n >= 5), 'companies recur across items');
      assert.deepEqual(new Set(all.flatMap((i) => (i.revenue ? [i.revenue.currency] : []))), new Set(['USD', 'EUR', 'GBP']));
      assert.ok(all.some((i) => i.revenue === null));
    });

    it('makes FB-7 hostile in title, description, comments and customers, and escapes it on the web page', async () => {
      const item = itemSchema.parse((await json('/items/FB-7')).body);
      assert.match(item.title, /onerror=/);
      assert.match(item.description, /<script>/);
      assert.match(item.description, /javascript:/);
      const comments = (await json('/items/FB-7/comments')).body as { comments: { body: string }[] };
      assert.ok(comments.comments.some((c) => c.body.includes('<svg onload')));
      const html = await (await fetch(item.url ?? '')).text();
      assert.doesNotMatch(html, /<script>|<img|<svg|<iframe|<b onmouseover/);
      assert.match(html, /&#60;script&#62;/);
    });
  });
});
