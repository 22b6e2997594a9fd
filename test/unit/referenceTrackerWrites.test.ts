// The reference tracker's writes over real HTTP: validation with the core
// schemas, idempotency keys, what a write changes, and body limits.
import * as assert from 'node:assert/strict';
import { commentSchema, commitLinkSchema, errorBodySchema, itemSchema, tradeOffSchema } from '../../src/core/model';
import type { RunningTracker } from '../../src/reference-tracker/server';
import { startReferenceTracker } from '../../src/reference-tracker/server';

let tracker: RunningTracker;

async function send(method: string, path: string, body: unknown, key?: string): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { authorization: `Bearer ${tracker.token}`, 'content-type': 'application/json' };
  if (key !== undefined) {
    headers['idempotency-key'] = key;
  }
  const res = await fetch(`${tracker.url}/api/v1${path}`, { method, headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const get = (path: string) => send('GET', path, undefined);

function errorOf(body: unknown): { code: string; message: string } {
  return errorBodySchema.parse(body).error;
}

const link = {
  sha: 'a'.repeat(40),
  repository: 'github.com/acme/app',
  subject: 'Fix CSV export of emoji rows (FB-12)',
  author: 'Jordan',
  committedAt: '2025-05-01T10:00:00Z',
  url: null,
};

const tradeOff = {
  summary: 'Export streams rows instead of buffering',
  rationale: 'Memory stays flat for **large** exports; ordering is by id only.',
  location: { repository: 'github.com/acme/app', path: 'src/export.ts', startLine: 10, endLine: 42, commit: null },
  author: 'Jordan',
};

describe('reference tracker: writes', () => {
  beforeEach(async () => {
    tracker = await startReferenceTracker();
  });
  afterEach(() => tracker.stop());

  it('adds a comment, bumping updatedAt and commentCount', async () => {
    const before = itemSchema.parse((await get('/items/FB-12')).body);
    const { status, body } = await send('POST', '/items/FB-12/comments', { body: 'Fixed in 2.3 🎉', visibility: 'public' }, 'k1');
    assert.equal(status, 201);
    const comment = commentSchema.parse(body);
    assert.equal(comment.body, 'Fixed in 2.3 🎉');
    assert.equal(comment.author.role, 'team');
    const after = itemSchema.parse((await get('/items/FB-12')).body);
    assert.equal(after.commentCount, before.commentCount + 1);
    assert.ok(Date.parse(after.updatedAt) > Date.parse(before.updatedAt));
    const top = (await get('/items?sort=updated&limit=1')).body as { items: { id: string }[] };
    assert.equal(top.items[0]?.id, 'FB-12');
  });

  it('says who spoke last where customers read it: a public reply is the team’s word, an internal note is not', async () => {
    const summaryOf = async (): Promise<ReturnType<typeof itemSchema.parse>> => itemSchema.parse((await get('/items/FB-12')).body);
    await send('POST', '/items/FB-12/comments', { body: 'Looking into it', visibility: 'public' }, 'r1');
    const replied = await summaryOf();
    assert.equal(replied.lastCommentRole, 'team');
    const comments = (await get('/items/FB-12/comments?limit=100')).body as { comments: { createdAt: string; visibility: string }[] };
    assert.equal(replied.lastCommentAt, comments.comments.filter((c) => c.visibility === 'public').at(-1)?.createdAt);
    await send('POST', '/items/FB-12/comments', { body: 'Ask the billing team', visibility: 'internal' }, 'r2');
    assert.equal((await summaryOf()).lastCommentAt, replied.lastCommentAt, 'an internal note answers no customer');
  });

  it('replays the first answer with status 200 for the same key and body, and never writes twice', async () => {
    const first = await send('POST', '/items/FB-5/comments', { body: 'once', visibility: 'internal' }, 'same-key');
    assert.equal(first.status, 201);
    // Same body with keys in another order is the same request.
    const again = await send('POST', '/items/FB-5/comments', { visibility: 'internal', body: 'once' }, 'same-key');
    assert.equal(again.status, 200);
    assert.deepEqual(again.body, first.body);
    const item = itemSchema.parse((await get('/items/FB-5')).body);
    const comments = (await get('/items/FB-5/comments?limit=200')).body as { comments: { body: string }[] };
    assert.equal(comments.comments.filter((c) => c.body === 'once').length, 1);
    assert.equal(item.commentCount, comments.comments.length);
  });

  it('writes once when the same key arrives many times at once', async () => {
    const before = itemSchema.parse((await get('/items/FB-8')).body).commentCount;
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => send('POST', '/items/FB-8/comments', { body: 'burst', visibility: 'public' }, 'burst-key')),
    );
    assert.deepEqual(answers.map((a) => a.status).sort(), [200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    assert.ok(answers.every((a) => JSON.stringify(a.body) === JSON.stringify(answers[0]?.body)));
    assert.equal(itemSchema.parse((await get('/items/FB-8')).body).commentCount, before + 1);
  });

  it('answers 422 for a reused key with another body, or on another path', async () => {
    assert.equal((await send('POST', '/items/FB-5/comments', { body: 'one', visibility: 'public' }, 'k')).status, 201);
    const other = await send('POST', '/items/FB-5/comments', { body: 'two', visibility: 'public' }, 'k');
    assert.equal(other.status, 422);
    assert.equal(errorOf(other.body).code, 'idempotency_key_reused');
    const otherPath = await send('POST', '/items/FB-6/comments', { body: 'one', visibility: 'public' }, 'k');
    assert.equal(otherPath.status, 422);
  });

  it('lets a refused write be corrected and sent again under the same key', async () => {
    assert.equal((await send('POST', '/items/FB-5/comments', { body: '', visibility: 'public' }, 'fix-me')).status, 422);
    assert.equal((await send('POST', '/items/FB-5/comments', { body: 'ok', visibility: 'public' }, 'fix-me')).status, 201);
  });

  it('validates bodies with the core schemas and names the field', async () => {
    const cases: [string, string, unknown, RegExp][] = [
      ['POST', '/items/FB-1/comments', { body: '', visibility: 'public' }, /body/],
      ['POST', '/items/FB-1/comments', { body: 'x'.repeat(10_001), visibility: 'public' }, /body/],
      ['POST', '/items/FB-1/comments', { body: 'hi', visibility: 'secret' }, /visibility/],
      ['PATCH', '/items/FB-1', { status: 'done' }, /status/],
      ['POST', '/items/FB-1/links', { ...link, sha: 'XYZ' }, /sha/],
      ['POST', '/items/FB-1/tradeoffs', { ...tradeOff, location: { ...tradeOff.location, endLine: 2 } }, /location\.endLine/],
      ['POST', '/items/FB-1/tradeoffs', { ...tradeOff, summary: 's'.repeat(201) }, /summary/],
    ];
    for (const [method, path, body, field] of cases) {
      const answer = await send(method, path, body);
      assert.equal(answer.status, 422, `${method} ${path} ${JSON.stringify(body).slice(0, 60)}`);
      const error = errorOf(answer.body);
      assert.equal(error.code, 'invalid_body');
      assert.match(error.message, field);
    }
  });

  it('answers 400 for a body that is not JSON and 413 for one over 1 MB', async () => {
    const broken = await send('POST', '/items/FB-1/comments', '{"body":');
    assert.equal(broken.status, 400);
    assert.equal(errorOf(broken.body).code, 'invalid_json');
    const huge = await send('POST', '/items/FB-1/comments', { body: 'x'.repeat(1_100_000), visibility: 'public' });
    assert.equal(huge.status, 413);
    assert.equal(errorOf(huge.body).code, 'payload_too_large');
  });

  it('changes the status and answers the item', async () => {
    const before = itemSchema.parse((await get('/items/FB-20')).body);
    const target = before.status === 'shipped' ? 'closed' : 'shipped';
    const { status, body } = await send('PATCH', '/items/FB-20', { status: target }, 'status-1');
    assert.equal(status, 200);
    const after = itemSchema.parse(body);
    assert.equal(after.status, target);
    assert.ok(Date.parse(after.updatedAt) > Date.parse(before.updatedAt));
    const shipped = (await get(`/items?status=${target}&limit=200`)).body as { items: { id: string }[] };
    assert.ok(shipped.items.some((i) => i.id === 'FB-20'));
  });

  it('adds a link once per sha: the same sha twice answers the existing link', async () => {
    const first = await send('POST', '/items/FB-12/links', link, 'l1');
    assert.equal(first.status, 201);
    const created = commitLinkSchema.parse(first.body);
    const second = await send('POST', '/items/FB-12/links', { ...link, subject: 'amended' }, 'l2');
    assert.equal(second.status, 200);
    assert.deepEqual(second.body, created);
    const list = (await get('/items/FB-12/links')).body as { links: unknown[] };
    assert.deepEqual(list.links, [created]);
  });

  it('adds a trade-off with an id and createdAt', async () => {
    const { status, body } = await send('POST', '/items/FB-12/tradeoffs', tradeOff, 't1');
    assert.equal(status, 201);
    const created = tradeOffSchema.parse(body);
    assert.equal(created.summary, tradeOff.summary);
    const list = (await get('/items/FB-12/tradeoffs')).body as { tradeoffs: unknown[] };
    assert.deepEqual(list.tradeoffs, [created]);
  });

  it('answers 404 for writes to unknown items and 405 for writes the contract does not have', async () => {
    const unknown = await send('POST', '/items/FB-100000/comments', { body: 'x', visibility: 'public' });
    assert.equal(unknown.status, 404);
    assert.equal(errorOf(unknown.body).code, 'item_not_found');
    assert.equal((await send('POST', '/items', { title: 'new' })).status, 405);
    assert.equal((await send('PATCH', '/items/FB-1/comments', {})).status, 405);
  });
});
