import * as assert from 'node:assert/strict';
import * as dns from 'node:dns';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import * as path from 'node:path';
import type { AddressInfo } from 'node:net';
import * as z from 'zod/mini';
import { HttpClient } from '../../src/trackers/http';
import type { HttpClientOptions } from '../../src/trackers/http';
import { TrackerError } from '../../src/trackers/tracker';

const TOKEN = 'tok-secret-123';

interface TestServer {
  readonly url: string;
  readonly requests: http.IncomingMessage[];
  readonly bodies: string[];
  close(): Promise<void>;
}

async function serve(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void): Promise<TestServer> {
  const requests: http.IncomingMessage[] = [];
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    bodies,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

function json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function client(url: string, options: Partial<HttpClientOptions> = {}): HttpClient {
  return new HttpClient({ baseUrl: url, getToken: async () => TOKEN, timeoutMs: 2000, ...options });
}

async function failure(promise: Promise<unknown>): Promise<TrackerError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TrackerError, `expected a TrackerError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the request to fail');
}

const anything = z.unknown();
const servers: TestServer[] = [];
async function track(server: Promise<TestServer>): Promise<TestServer> {
  const s = await server;
  servers.push(s);
  return s;
}

describe('HttpClient', () => {
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('sends the token, accepts JSON, and logs one line per request without the token', async () => {
    const server = await track(serve((_req, res) => json(res, 200, { ok: true })));
    const lines: string[] = [];
    const body = await client(server.url, { log: (l) => lines.push(l), userAgent: 'fl-test' }).get('/api/v1/items', anything, { query: { limit: 5, q: undefined } });
    assert.deepEqual(body, { ok: true });
    const req = server.requests[0];
    assert.equal(req.headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(req.headers['user-agent'], 'fl-test');
    assert.equal(req.url, '/api/v1/items?limit=5');
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^GET \/api\/v1\/items\?limit=5 200 \d+ms$/);
  });

  it('keeps the path of the base URL and sends no Authorization without a token', async () => {
    const server = await track(serve((_req, res) => json(res, 200, [])));
    await client(`${server.url}/feedback/?ignored=1#x`, { getToken: async () => undefined }).get('/api/v1/items', anything);
    await client(server.url, { getToken: async () => '' }).get('/api/v1/items', anything);
    assert.equal(server.requests[0].url, '/feedback/api/v1/items');
    assert.equal(server.requests[0].headers.authorization, undefined);
    assert.equal(server.requests[1].headers.authorization, undefined);
  });

  it('refuses base URLs that are not http or https, or that carry credentials', () => {
    for (const bad of ['file:///etc/passwd', 'ftp://host/x', 'javascript:alert(1)', 'not a url', 'http://user:pw@host/']) {
      assert.throws(() => client(bad), (e: unknown) => e instanceof TrackerError && e.kind === 'rejected', bad);
    }
  });

  it('sends writes with the body, Content-Type and Idempotency-Key', async () => {
    const server = await track(serve((_req, res) => json(res, 201, { id: 'c1' })));
    const created = await client(server.url).post('/api/v1/items/FB-1/comments', { body: 'hi' }, z.object({ id: z.string() }), { idempotencyKey: 'key-1' });
    assert.deepEqual(created, { id: 'c1' });
    const req = server.requests[0];
    assert.equal(req.method, 'POST');
    assert.equal(req.headers['idempotency-key'], 'key-1');
    assert.equal(req.headers['content-type'], 'application/json');
    assert.equal(server.bodies[0], '{"body":"hi"}');
  });

  it('times out a tracker that does not answer: unreachable', async () => {
    const server = await track(serve(() => undefined));
    const started = Date.now();
    const error = await failure(client(server.url, { timeoutMs: 150 }).get('/api/v1/items', anything));
    assert.equal(error.kind, 'unreachable');
    assert.match(error.message, /did not answer GET \/api\/v1\/items within 1 s/);
    assert.ok(Date.now() - started < 1500);
  });

  it('times out a tracker that starts answering and then stalls', async () => {
    const server = await track(
      serve((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"items": [');
      }),
    );
    const error = await failure(client(server.url, { timeoutMs: 150 }).get('/api/v1/items', anything));
    assert.equal(error.kind, 'unreachable');
  });

  it('cancels a request in flight and one already aborted', async () => {
    const server = await track(serve(() => undefined));
    const controller = new AbortController();
    const pending = client(server.url).get('/api/v1/items', anything, { signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    assert.equal((await failure(pending)).kind, 'cancelled');
    const before = server.requests.length;
    const error = await failure(client(server.url).get('/api/v1/items', anything, { signal: AbortSignal.abort() }));
    assert.equal(error.kind, 'cancelled');
    assert.equal(server.requests.length, before);
  });

  it('follows a same-origin redirect with the token', async () => {
    const server = await track(
      serve((req, res) => (req.url === '/old' ? res.writeHead(302, { Location: '/new' }).end() : json(res, 200, { at: req.url }))),
    );
    assert.deepEqual(await client(server.url).get('/old', anything), { at: '/new' });
    assert.equal(server.requests[1].headers.authorization, `Bearer ${TOKEN}`);
  });

  it('drops the Authorization header on a redirect to another origin', async () => {
    const other = await track(serve((_req, res) => json(res, 200, { elsewhere: true })));
    const server = await track(serve((_req, res) => res.writeHead(307, { Location: `${other.url}/steal` }).end()));
    assert.deepEqual(await client(server.url).get('/api/v1/items', anything), { elsewhere: true });
    assert.equal(server.requests[0].headers.authorization, `Bearer ${TOKEN}`);
    assert.equal(other.requests.length, 1);
    assert.equal(other.requests[0].headers.authorization, undefined);
  });

  it('does not send a write on to another origin, nor follow a redirect to another scheme or in a loop', async () => {
    const other = await track(serve((_req, res) => json(res, 201, {})));
    const server = await track(
      serve((req, res) => {
        const to = req.url === '/write' ? `${other.url}/x` : req.url === '/file' ? 'file:///etc/passwd' : '/loop';
        res.writeHead(307, { Location: to }).end();
      }),
    );
    const c = client(server.url);
    assert.equal((await failure(c.post('/write', {}, anything, { idempotencyKey: 'k' }))).kind, 'rejected');
    assert.equal(other.requests.length, 0);
    assert.equal((await failure(c.get('/file', anything))).kind, 'rejected');
    const loop = await failure(c.get('/loop', anything));
    assert.match(loop.message, /too many redirects/);
  });
});

describe('HttpClient against a tracker that lies about time', () => {
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('waits out an announced rate-limit reset for at most an hour', async () => {
    const server = await track(serve((_req, res) => json(res, 200, {}, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '999999999999' })));
    const c = client(server.url);
    await c.get('/api/v1/items', anything);
    const error = await failure(c.get('/api/v1/items', anything));
    assert.equal(error.kind, 'rateLimited');
    assert.equal(server.requests.length, 1, 'refused without asking');
    assert.ok((error.details.retryAfterMs ?? Infinity) <= 3_600_000, String(error.details.retryAfterMs));
  });
});

// A remote tracker, for real: an https server for "tracker.test" on 127.0.0.1.
// For these tests only, the global https agent trusts its self-signed
// certificate (test/fixtures/tls, valid until 2126) and resolves the name here.
describe('HttpClient redirects from a remote https tracker', () => {
  const tls = path.join(__dirname, '..', 'fixtures', 'tls');
  const added = {
    ca: fs.readFileSync(path.join(tls, 'redirectTest.crt')),
    lookup: (hostname: string, options: dns.LookupOptions, callback: (...args: unknown[]) => void) => {
      if (hostname !== 'tracker.test') {
        dns.lookup(hostname, options, callback as never);
      } else if (options.all) {
        callback(null, [{ address: '127.0.0.1', family: 4 }]);
      } else {
        callback(null, '127.0.0.1', 4);
      }
    },
  };
  let remote: https.Server;
  let remoteUrl = '';
  let redirectTo = (_path: string): string => '';
  const remoteRequests: string[] = [];

  before(async () => {
    Object.assign(https.globalAgent.options, added);
    remote = https.createServer({ cert: added.ca, key: fs.readFileSync(path.join(tls, 'redirectTest.key')) }, (req, res) => {
      remoteRequests.push(req.url ?? '');
      const to = redirectTo(req.url ?? '');
      return to ? res.writeHead(302, { Location: to }).end() : json(res, 200, { at: req.url });
    });
    await new Promise<void>((resolve) => remote.listen(0, '127.0.0.1', resolve));
    remoteUrl = `https://tracker.test:${(remote.address() as AddressInfo).port}`;
  });
  after(async () => {
    remote.closeAllConnections();
    await new Promise((resolve) => remote.close(resolve));
    for (const key of Object.keys(added)) {
      delete (https.globalAgent.options as Record<string, unknown>)[key];
    }
    await Promise.all(servers.splice(0).map((s) => s.close()));
  });

  it('follows its own https redirects, and refuses one down to http or into this machine or a private network', async () => {
    const local = await track(serve((_req, res) => json(res, 200, { local: true })));
    const port = new URL(local.url).port;
    const targets: Record<string, string> = {
      '/downgrade': `http://127.0.0.1:${port}/admin`,
      '/localhost': `http://localhost:${port}/admin`,
      '/mapped': `http://[::ffff:127.0.0.1]:${port}/admin`,
      '/decimal': `http://2130706433:${port}/admin`,
      '/private': 'https://192.168.0.1/admin',
      '/link-local': 'https://169.254.169.254/latest/meta-data',
      '/ula': 'https://[fd00::1]/admin',
      '/loopback-https': `https://127.0.0.1:${port}/admin`,
    };
    redirectTo = (at) => (at === '/old' ? '/new' : (targets[at] ?? ''));
    const c = client(remoteUrl, { timeoutMs: 500 });
    assert.deepEqual(await c.get('/old', anything), { at: '/new' }, 'a same-origin redirect is followed');
    for (const from of Object.keys(targets)) {
      const error = await failure(c.get(from, anything));
      assert.equal(error.kind, 'rejected', `${from}: ${error.message}`);
      assert.match(error.message, /redirected GET/);
    }
    assert.equal(local.requests.length, 0, 'nothing reached the local server');
  });
});
