// The reference tracker against a web page in the user's browser: DNS
// rebinding (a page of evil.example whose name now points at 127.0.0.1 sends
// `Host: evil.example:port`) and unauthenticated reads of an item's web page.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { itemSchema } from '../../src/core/model';
import type { RunningTracker } from '../../src/reference-tracker/server';
import { startReferenceTracker } from '../../src/reference-tracker/server';

const TOKEN = 'host-test-token';
let tracker: RunningTracker;

/** A GET with the Host header set by hand (fetch would not let us). */
function get(path: string, host: string, headers: http.OutgoingHttpHeaders = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port: tracker.port, path, headers: { host, ...headers } }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    request.on('error', reject);
  });
}

async function itemUrl(id: string): Promise<string> {
  const answer = await fetch(`${tracker.url}/api/v1/items/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const url = itemSchema.parse(await answer.json()).url;
  assert.ok(url);
  return url;
}

const pathOf = (url: string) => {
  const parsed = new URL(url);
  return `${parsed.pathname}${parsed.search}`;
};

describe('reference tracker: Host header and item pages', () => {
  before(async () => {
    tracker = await startReferenceTracker({ token: TOKEN, size: 20 });
  });
  after(() => tracker.stop());

  it('answers only to the host:port it bound to (or localhost), on every route', async () => {
    const auth = { authorization: `Bearer ${TOKEN}` };
    const page = pathOf(await itemUrl('FB-1'));
    for (const host of [`127.0.0.1:${tracker.port}`, `localhost:${tracker.port}`, `LOCALHOST:${tracker.port}`]) {
      assert.equal((await get('/api/v1/items?limit=1', host, auth)).status, 200, host);
      assert.equal((await get(page, host)).status, 200, host);
    }
    for (const host of [`evil.example:${tracker.port}`, 'evil.example', '127.0.0.1', `127.0.0.1:${tracker.port + 1}`, `127.0.0.1.evil.example:${tracker.port}`]) {
      for (const path of ['/api/v1/items?limit=1', page, '/nothing']) {
        const answer = await get(path, host, auth);
        assert.equal(answer.status, 421, `${host} ${path}: ${answer.status}`);
        assert.doesNotMatch(answer.body, /FB-1|evil/, 'no data, and the Host is not echoed');
      }
    }
  });

  it('serves an item’s page only through the link the API gives, which does not hold the API token', async () => {
    const url = await itemUrl('FB-2');
    assert.ok(!url.includes(TOKEN), url);
    assert.match(url, new RegExp(`^${tracker.url}/items/FB-2\\?key=[A-Za-z0-9_-]{16,}$`));
    const html = await fetch(url);
    assert.equal(html.status, 200);
    assert.equal(html.headers.get('referrer-policy'), 'no-referrer', 'the key never leaves in a Referer');
    const other = new URL(await itemUrl('FB-3')).searchParams.get('key');
    for (const bad of ['/items/FB-2', '/items/FB-2?key=', '/items/FB-2?key=wrong', `/items/FB-2?key=${other}`, `/items/FB-2?key=${TOKEN}`]) {
      const answer = await fetch(`${tracker.url}${bad}`);
      assert.equal(answer.status, 403, bad);
      assert.doesNotMatch(await answer.text(), /Title|Description|Customers/, bad);
    }
  });
});
