// Issue 12: a background refresh answered 304 is cheap — the page is not
// validated again, and the store sees the very same items (nothing to redraw).
import * as assert from 'node:assert/strict';
import { RestTracker } from '../../src/trackers/rest/restTracker';
import { startJsonServer } from '../fixtures/jsonServer';
import type { JsonServer } from '../fixtures/jsonServer';
import { items } from './fakeItems';

describe('RestTracker answered 304 Not Modified', () => {
  let server: JsonServer;
  let version = 1;
  afterEach(() => server?.close());

  async function tracker(): Promise<RestTracker> {
    server = await startJsonServer((request) => {
      const etag = `"v${version}"`;
      if (request.headers['if-none-match'] === etag) {
        return { status: 304, headers: { etag } };
      }
      const page = items(3).map((i) => ({ ...i, votes: i.votes + version }));
      return { status: 200, body: { items: page, nextCursor: null }, headers: { etag } };
    });
    return new RestTracker({ baseUrl: server.url, getToken: async () => 't' });
  }

  it('revalidates with the ETag and answers the same parsed items, not copies', async () => {
    version = 1;
    const rest = await tracker();
    const first = await rest.listItems({ limit: 100 });
    const second = await rest.listItems({ limit: 100 });
    assert.equal(server.requests[1].headers['if-none-match'], '"v1"');
    assert.equal(second.items.length, 3);
    assert.ok(second.items.every((item, i) => item === first.items[i]), 'the same objects: nothing was parsed again');
  });

  it('answers the new items once the tracker has a new version', async () => {
    version = 1;
    const rest = await tracker();
    const first = await rest.listItems({ limit: 100 });
    version = 2;
    const second = await rest.listItems({ limit: 100 });
    assert.equal(second.items[0].votes, first.items[0].votes + 1);
  });
});
