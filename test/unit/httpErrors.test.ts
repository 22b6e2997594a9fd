import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import * as z from 'zod/mini';
import { HttpClient } from '../../src/trackers/http';
import { parseRetryAfter } from '../../src/trackers/httpErrors';
import { TrackerError } from '../../src/trackers/tracker';

const TOKEN = 'tok-secret-456';
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let server: http.Server | undefined;
const seen: http.IncomingMessage[] = [];

async function serve(handler: Handler): Promise<HttpClient> {
  server = http.createServer((req, res) => {
    seen.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new HttpClient({ baseUrl: `http://127.0.0.1:${port}`, getToken: async () => TOKEN, timeoutMs: 2000 });
}

function reply(status: number, body: string, headers: http.OutgoingHttpHeaders = {}): Handler {
  return (_req, res) => res.writeHead(status, { 'Content-Type': 'application/json', ...headers }).end(body);
}

function errorBody(code: string, message: string): string {
  return JSON.stringify({ error: { code, message } });
}

async function failure(promise: Promise<unknown>): Promise<TrackerError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TrackerError, `expected a TrackerError, got ${String(error)}`);
    assert.ok(!inspect(error, { depth: 20, showHidden: true }).includes(TOKEN), 'the token leaked into the error');
    return error;
  }
  assert.fail('expected the request to fail');
}

const anything = z.unknown();

describe('HttpClient errors', () => {
  afterEach(async () => {
    seen.length = 0;
    const closing = server;
    server = undefined;
    if (closing) {
      closing.closeAllConnections();
      await new Promise((resolve) => closing.close(resolve));
    }
  });

  it('maps statuses to kinds and includes the tracker message', async () => {
    const cases: [number, string][] = [
      [401, 'unauthorized'],
      [403, 'unauthorized'],
      [404, 'notFound'],
      [409, 'rejected'],
      [422, 'rejected'],
      [500, 'server'],
      [503, 'server'],
    ];
    let status = 0;
    const c = await serve((_req, res) => reply(status, errorBody('some_code', `told you ${status}`))(_req, res));
    for (const [code, kind] of cases) {
      status = code;
      const error = await failure(c.get('/api/v1/items/FB-9', anything));
      assert.equal(error.kind, kind, `status ${code}`);
      assert.equal(error.details.status, code);
      assert.equal(error.details.code, 'some_code');
      assert.match(error.message, new RegExp(`^Tracker at 127\\.0\\.0\\.1:\\d+ .*\\(${code}\\): told you ${code}\\.$`));
    }
  });

  it('reads a status without an error body, and strips control characters from tracker text', async () => {
    const c = await serve((req, res) =>
      req.url?.endsWith('html') ? reply(502, '<html>Bad gateway</html>')(req, res) : reply(400, errorBody('x', 'line\u001b[31m\nnext\u202eevil'))(req, res),
    );
    const html = await failure(c.get('/html', anything));
    assert.equal(html.kind, 'server');
    assert.match(html.message, /failed on GET \/html \(502\)\.$/);
    const hostile = await failure(c.get('/x', anything));
    assert.ok(!/[\u0000-\u001f\u202e]/.test(hostile.message), JSON.stringify(hostile.message));
    assert.match(hostile.message, /line \[31m next evil/);
  });

  it('turns 429 into rateLimited with Retry-After in seconds', async () => {
    const c = await serve(reply(429, errorBody('rate_limited', 'slow down'), { 'Retry-After': '7' }));
    const error = await failure(c.get('/api/v1/items', anything));
    assert.equal(error.kind, 'rateLimited');
    assert.equal(error.details.retryAfterMs, 7000);
    assert.ok(error.transient);
    assert.match(error.message, /slow down; try again in 7 s/);
  });

  it('turns 429 into rateLimited with Retry-After as an HTTP date', async () => {
    const at = new Date(Date.now() + 30_000).toUTCString();
    const c = await serve(reply(429, '', { 'Retry-After': at }));
    const error = await failure(c.get('/api/v1/items', anything));
    assert.equal(error.kind, 'rateLimited');
    const ms = error.details.retryAfterMs ?? -1;
    assert.ok(ms > 28_000 && ms <= 30_000, String(ms));
  });

  it('parses Retry-After values exactly', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    assert.equal(parseRetryAfter('120', now), 120_000);
    assert.equal(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', now), 10_000);
    assert.equal(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', now), 0);
    assert.equal(parseRetryAfter('soon', now), undefined);
    assert.equal(parseRetryAfter(undefined, now), undefined);
  });

  it('caps Retry-After at an hour and ignores values that are neither seconds nor an HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const hour = 3_600_000;
    assert.equal(parseRetryAfter('1000000000', now), hour, '10⁹ s');
    assert.equal(parseRetryAfter('9000000000000', now), hour, '9·10¹² s');
    assert.equal(parseRetryAfter('9'.repeat(400), now), hour, 'beyond a double');
    assert.equal(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', now), hour);
    assert.equal(parseRetryAfter('0', now), 0);
    for (const bad of ['-5', '1.5', '+5', '1e3', '12/31/2025', '2025-06-01', 'Wed, 99 Foo 2025 nonsense GMT']) {
      assert.equal(parseRetryAfter(bad, now), undefined, bad);
    }
  });

  it('caps the wait of a 429 and of a rate-limit reset at an hour, and says so', async () => {
    const c = await serve(reply(429, '', { 'Retry-After': '9000000000000' }));
    const error = await failure(c.get('/api/v1/items', anything));
    assert.equal(error.details.retryAfterMs, 3_600_000);
    assert.match(error.message, /try again in 3600 s/);
    const first = server;
    first?.closeAllConnections();
    await new Promise((resolve) => first?.close(resolve));
    const reset = await serve(reply(403, '', { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '999999999999' }));
    assert.equal((await failure(reset.get('/api/v1/items', anything))).details.retryAfterMs, 3_600_000);
  });

  it('answers 304 from the ETag cache', async () => {
    const c = await serve((req, res) => {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { ETag: '"v1"' }).end();
      } else {
        reply(200, JSON.stringify({ n: 1 }), { ETag: '"v1"' })(req, res);
      }
    });
    const first = await c.getJson('/api/v1/items', { query: { limit: 2 } });
    const second = await c.getJson('/api/v1/items', { query: { limit: 2 } });
    assert.deepEqual([first.fromCache, second.fromCache], [false, true]);
    assert.deepEqual(second.body, { n: 1 });
    assert.equal(seen[0].headers['if-none-match'], undefined);
    assert.equal(seen[1].headers['if-none-match'], '"v1"');
    await c.getJson('/api/v1/items', { query: { limit: 3 } });
    assert.equal(seen[2].headers['if-none-match'], undefined, 'the cache is per URL');
  });

  it('reports a 304 with nothing cached as malformed', async () => {
    const c = await serve((_req, res) => res.writeHead(304).end());
    assert.equal((await failure(c.get('/api/v1/items', anything))).kind, 'malformed');
  });

  it('reports a body that is not JSON, naming the source', async () => {
    const c = await serve(reply(200, '<html>hello</html>'));
    const error = await failure(c.get('/api/v1/items', anything));
    assert.equal(error.kind, 'malformed');
    assert.match(error.message, /answer to GET \/api\/v1\/items that is not JSON/);
  });

  it('reports a body that fails the schema, naming the field and the source', async () => {
    const c = await serve(reply(200, JSON.stringify({ votes: 'many' })));
    const error = await failure(c.get('/api/v1/items/FB-1', z.object({ votes: z.number() })));
    assert.equal(error.kind, 'malformed');
    assert.equal(error.details.source, 'GET /api/v1/items/FB-1');
    assert.match(error.message, /malformed answer to GET \/api\/v1\/items\/FB-1: votes: /);
  });

  it('reports a refused connection as unreachable', async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const c = new HttpClient({ baseUrl: `http://127.0.0.1:${port}`, getToken: async () => TOKEN });
    const error = await failure(c.get('/api/v1/items', anything));
    assert.equal(error.kind, 'unreachable');
    assert.equal(error.message, `Tracker at 127.0.0.1:${port} is not reachable (ECONNREFUSED).`);
  });

  it('reports a connection dropped during a write as unreachable, without the token', async () => {
    const c = await serve((req) => req.socket.destroy());
    const error = await failure(c.post('/api/v1/items/FB-1/comments', { body: 'x' }, anything, { idempotencyKey: 'k' }));
    assert.equal(error.kind, 'unreachable');
    assert.ok(error.transient);
    assert.match(error.message, /not reachable \((ECONNRESET|socket hang up)\)/);
  });

  it('refuses a token that cannot be sent in a header, without showing it', async () => {
    const c = new HttpClient({ baseUrl: 'http://127.0.0.1:9', getToken: async () => 'abc\r\nX-Evil: 1' });
    const error = await failure(c.get('/api/v1/items', anything));
    assert.equal(error.kind, 'unauthorized');
    assert.ok(!error.message.includes('abc'));
  });
});
