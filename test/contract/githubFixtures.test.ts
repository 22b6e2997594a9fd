// The GitHub adapter on GitHub's real, recorded answers (@octokit/fixtures),
// where they cover what we call: search results, issues with their Link
// paging, a created issue, and a validation error.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as z from 'zod';
import { fixturesDir } from '../../scripts/prism/paths';
import { ensurePrism } from '../../scripts/prism/setup';
import { GITHUB_HEADERS, GithubTracker } from '../../src/trackers/github/githubTracker';
import { HttpClient } from '../../src/trackers/http';
import { TrackerError } from '../../src/trackers/tracker';
import { startJsonServer } from '../fixtures/jsonServer';
import type { FakeAnswer, JsonServer } from '../fixtures/jsonServer';

const recordingSchema = z.array(
  z.object({ method: z.string(), path: z.string(), status: z.number(), response: z.unknown(), headers: z.record(z.string(), z.unknown()) }),
);
type Recording = z.infer<typeof recordingSchema>[number];

function scenario(name: string): Recording[] {
  return recordingSchema.parse(JSON.parse(fs.readFileSync(path.join(fixturesDir, name, 'normalized-fixture.json'), 'utf8')));
}

/** A recorded answer as served: its status, body and (string) headers, the rate-limit reset made current. */
function replay(recording: Recording, body: unknown = recording.response): FakeAnswer {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(recording.headers)) {
    if (typeof value === 'string' && !['content-length', 'transfer-encoding', 'connection', 'content-encoding'].includes(name)) {
      headers[name] = value;
    }
  }
  headers['x-ratelimit-reset'] = String(Math.floor(Date.now() / 1000) + 3600);
  return { status: recording.status, body, headers };
}

describe('GitHub adapter on @octokit/fixtures recordings', () => {
  let server: JsonServer | undefined;
  before(async () => ensurePrism());
  afterEach(async () => server?.close());

  async function tracker(answer: (pathname: string, method: string) => FakeAnswer, repository = 'octokit-fixture-org/search-issues'): Promise<GithubTracker> {
    server = await startJsonServer((r) => answer(r.url.pathname, r.method));
    return new GithubTracker({ http: new HttpClient({ baseUrl: server.url, getToken: async () => 't', headers: GITHUB_HEADERS }), repository, minWriteIntervalMs: 0 });
  }

  it('search-issues: every recorded issue parses and maps to an item', async () => {
    const [search] = scenario('search-issues');
    const github = await tracker(() => replay(search));
    const page = await github.listItems({ sort: 'demand' });
    assert.deepEqual(page.rejected, []);
    assert.deepEqual(page.items.map((i) => i.id), ['github:octokit-fixture-org/search-issues#2', 'github:octokit-fixture-org/search-issues#1']);
    assert.ok(page.items.every((i) => i.url?.startsWith('https://github.com/octokit-fixture-org/search-issues/issues/')));
  });

  it('paginate-issues: recorded issue pages and their Link headers page the list', async () => {
    const pages = scenario('paginate-issues');
    const github = await tracker(() => {
      const first = pages[0];
      return replay(first, { total_count: 13, incomplete_results: false, items: first.response });
    }, 'octokit-fixture-org/paginate-issues');
    const page = await github.listItems({ limit: 3 });
    assert.equal(page.items.length, 3);
    assert.deepEqual(page.rejected, []);
    assert.equal(page.nextCursor, '2', 'the recorded Link header names page 2 as next');
  });

  it('add-labels-to-issue: a recorded created issue reads as an item', async () => {
    const [created] = scenario('add-labels-to-issue');
    const github = await tracker((pathname) => (pathname.endsWith('/comments') ? { status: 200, body: [] } : replay(created)), 'octokit-fixture-org/add-labels-to-issue');
    const item = await github.getItem('github:octokit-fixture-org/add-labels-to-issue#1');
    assert.equal(item.status, 'open');
    assert.equal(item.customers.length, item.customerCount);
  });

  it('errors: a recorded 422 Validation Failed is rejected, with GitHub’s message', async () => {
    const [failed] = scenario('errors');
    const github = await tracker(() => replay(failed));
    await assert.rejects(github.addComment('github:octokit-fixture-org/search-issues#1', { body: 'x', visibility: 'public' }, { idempotencyKey: 'k' }), (e: unknown) => {
      return e instanceof TrackerError && e.kind === 'rejected' && e.details.status === 422 && /Validation Failed/.test(e.message);
    });
  });
});
