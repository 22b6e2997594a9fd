// The GitHub adapter against GitHub's official OpenAPI description served by
// Prism: in mock mode every request we send must follow the description (else
// 422) and the description's own examples must parse; in proxy mode the fake
// GitHub of the unit tests is checked against the description too, so the unit
// tests' answers are honest.
import * as assert from 'node:assert/strict';
import { ensurePrism } from '../../scripts/prism/setup';
import { startPrism } from '../../scripts/prism/prism';
import type { PrismServer } from '../../scripts/prism/prism';
import { GITHUB_HEADERS, GithubTracker } from '../../src/trackers/github/githubTracker';
import { HttpClient } from '../../src/trackers/http';
import { TrackerError } from '../../src/trackers/tracker';
import { STATUSES, SORTS } from '../../src/core/model';
import { githubComment, githubIssue } from '../fixtures/githubFake';
import { startJsonServer } from '../fixtures/jsonServer';
import type { JsonServer } from '../fixtures/jsonServer';

function tracker(url: string): GithubTracker {
  const http = new HttpClient({ baseUrl: url, getToken: async () => 'gho_contract', headers: GITHUB_HEADERS });
  return new GithubTracker({ http, repository: 'octo/app', minWriteIntervalMs: 0 });
}

describe('GitHub adapter against GitHub’s OpenAPI description (Prism mock)', () => {
  let prism: PrismServer;
  before(async () => {
    await ensurePrism();
    prism = await startPrism('mock');
  });
  after(async () => prism?.stop());

  it('lists for every status and sort, with a filter and updatedSince, in requests Prism accepts', async () => {
    const github = tracker(prism.url);
    for (const status of STATUSES) {
      for (const sort of SORTS) {
        const page = await github.listItems({ statuses: [status], sort, limit: 100, q: 'dark "mode"', updatedSince: '2024-01-01T00:00:00Z' });
        assert.deepEqual(page.rejected, [], `the description's example issues parse (${status}, ${sort})`);
      }
    }
    const page = await github.listItems({ cursor: '3', limit: 1 });
    assert.ok(page.items.length + page.rejected.length <= 1 || page.rejected.length === 0);
  });

  it('reads an item (GitHub’s own example issue is a pull request, so it is refused), its comments, links and trade-offs', async () => {
    const github = tracker(prism.url);
    await assert.rejects(github.getItem('github:octo/app#1347'), (e: unknown) => e instanceof TrackerError && e.kind === 'notFound' && /pull request/.test(e.message));
    // Prism answers every page with the description's example Link header, whose
    // "next" is always page 2: after page 2 the adapter refuses the thread as
    // never ending rather than answer part of it. That error, and no other,
    // also says the example comments of both pages parsed.
    const item = { id: 'github:octo/app#1347' };
    const endless = (e: unknown): boolean => e instanceof TrackerError && /keeps paging the comments of #1347 without end/.test(e.message);
    await assert.rejects(github.listComments(item.id), endless);
    await assert.rejects(github.listLinks(item.id), endless);
    await assert.rejects(github.listTradeOffs(item.id), endless);
  });

  it('writes a reply, a link and a trade-off in requests Prism accepts', async () => {
    const github = tracker(prism.url);
    await github.addComment('github:octo/app#1', { body: 'Thanks!', visibility: 'public' }, { idempotencyKey: 'k-1' });
    await github.addLink('github:octo/app#1', { sha: 'c'.repeat(40), repository: 'octo/app', subject: 's', author: 'a', committedAt: '2024-01-01T00:00:00Z', url: null }, { idempotencyKey: 'k-2' });
    await github.addTradeOff(
      'github:octo/app#1',
      { summary: 'Cache', rationale: 'Speed', location: { repository: 'octo/app', path: 'src/a.ts', startLine: 1, endLine: 2, commit: null }, author: 'a' },
      { idempotencyKey: 'k-3' },
    );
    await assert.rejects(github.findWrite('github:octo/app#1', 'k-1'), (e: unknown) => e instanceof TrackerError && /keeps paging/.test(e.message));
    assert.ok(!prism.lines.some((line) => /Request did not pass the validation rules/.test(line)), prism.lines.filter((l) => /✖/.test(l)).join('\n'));
  });
});

describe('The unit tests’ fake GitHub against the description (Prism proxy with --errors)', () => {
  let upstream: JsonServer;
  let prism: PrismServer;
  before(async () => {
    await ensurePrism();
    const comments = [githubComment(1, 'Me too'), githubComment(2, 'Planned', 'MEMBER', 'dev')];
    let issue = githubIssue(1);
    upstream = await startJsonServer((r) => {
      if (r.url.pathname === '/search/issues') {
        return { status: 200, body: { total_count: 2, incomplete_results: false, items: [githubIssue(1), githubIssue(2, { state: 'closed', state_reason: 'completed' })] } };
      }
      if (r.url.pathname.endsWith('/comments')) {
        return r.method === 'POST' ? { status: 201, body: githubComment(3, String((r.body as { body: string }).body), 'OWNER', 'me') } : { status: 200, body: comments };
      }
      if (r.method === 'PATCH') {
        const patch = r.body as { state?: string; state_reason?: string; labels: string[] };
        issue = { ...issue, state: patch.state ?? issue.state, state_reason: patch.state_reason ?? null, labels: patch.labels.map((name, id) => ({ id, name })) };
        issue.closed_at = issue.state === 'closed' ? '2024-05-01T00:00:00Z' : null;
      }
      return { status: 200, body: issue };
    });
    prism = await startPrism({ proxy: upstream.url });
  });
  after(async () => {
    await prism?.stop();
    await upstream?.close();
  });

  it('lists, reads and replies through Prism, requests and answers both following the description', async () => {
    const github = tracker(prism.url);
    const page = await github.listItems({ sort: 'demand' });
    assert.deepEqual(page.items.map((i) => [i.id, i.status]), [['github:octo/app#1', 'open'], ['github:octo/app#2', 'shipped']]);
    const item = await github.getItem('github:octo/app#1');
    assert.deepEqual(item.customers.map((c) => c.name), ['user1', 'c1']);
    const reply = await github.addComment(item.id, { body: 'On it', visibility: 'public' }, { idempotencyKey: 'p-1' });
    assert.equal(reply.body, 'On it');
    for (const status of STATUSES) {
      const changed = await github.setStatus(item.id, status, { idempotencyKey: `s-${status}` });
      assert.equal(changed.status, status);
    }
    assert.ok(!prism.lines.some((line) => /did not pass the validation rules|violation/i.test(line)), prism.lines.filter((l) => /✖/.test(l)).join('\n'));
  });
});
