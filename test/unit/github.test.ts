import * as assert from 'node:assert/strict';
import { GITHUB_HEADERS, GithubTracker } from '../../src/trackers/github/githubTracker';
import { HttpClient } from '../../src/trackers/http';
import { TrackerError } from '../../src/trackers/tracker';
import { githubComment, githubIssue } from '../fixtures/githubFake';
import { startJsonServer } from '../fixtures/jsonServer';
import type { FakeAnswer, FakeRequest, JsonServer } from '../fixtures/jsonServer';

describe('GithubTracker (local server)', () => {
  let server: JsonServer;

  async function tracker(handle: (r: FakeRequest) => FakeAnswer, labels = {}): Promise<GithubTracker> {
    server = await startJsonServer(handle);
    const http = new HttpClient({ baseUrl: server.url, getToken: async () => 'gho_token', headers: GITHUB_HEADERS });
    return new GithubTracker({ http, repository: 'octo/app', statusLabels: labels, minWriteIntervalMs: 0 });
  }

  afterEach(async () => server.close());

  it('ranks issues by 👍 through the search API, skips pull requests, pages by the Link header', async () => {
    const github = await tracker((r) => ({
      status: 200,
      body: { total_count: 3, incomplete_results: false, items: [githubIssue(7), githubIssue(8, { pull_request: { url: 'x' } }), githubIssue(3, { author_association: 'MEMBER' })] },
      headers: r.url.searchParams.get('page') === '1' ? { link: '<https://api.github.com/search/issues?q=x&page=2>; rel="next", <https://api.github.com/search/issues?q=x&page=4>; rel="last"' } : undefined,
    }));
    const page = await github.listItems({ limit: 50, sort: 'demand', statuses: ['open'], q: 'export repo:evil/x' });
    assert.deepEqual(page.items.map((i) => [i.id, i.votes, i.customerCount]), [['github:octo/app#7', 7, 1], ['github:octo/app#3', 3, 0]]);
    assert.equal(page.nextCursor, '2');
    const query = server.requests[0].url.searchParams;
    assert.equal(query.get('sort'), 'reactions-+1');
    assert.equal(query.get('q'), 'repo:octo/app is:issue is:open -label:"in progress" -label:"planned" -label:"under review" "export" "repo:evil/x"');
    assert.equal(server.requests[0].headers['x-github-api-version'], '2022-11-28');
    assert.equal(server.requests[0].headers.authorization, 'Bearer gho_token');
  });

  it('maps labels and close reasons to statuses with a configurable mapping; other labels are tags', async () => {
    const issues = [
      githubIssue(1, { labels: [{ name: 'Doing' }, { name: 'ui' }] }),
      githubIssue(2, { state: 'closed', state_reason: 'completed' }),
      githubIssue(3, { state: 'closed', state_reason: 'not_planned' }),
      githubIssue(4, { labels: ['planned'] }),
    ];
    const github = await tracker(() => ({ status: 200, body: { total_count: 4, incomplete_results: false, items: issues } }), { 'in-progress': 'doing' });
    const page = await github.listItems({});
    assert.deepEqual(page.items.map((i) => [i.status, i.tags]), [['in-progress', ['ui']], ['shipped', ['enhancement']], ['closed', ['enhancement']], ['planned', []]]);
  });

  it('reads an item with its customers (authors outside the team), links and trade-offs from team markers only', async () => {
    const link = { sha: 'b'.repeat(40), repository: 'octo/app', subject: 'Export', author: 'Dev', committedAt: '2024-03-01T00:00:00Z', url: null };
    const data = Buffer.from(JSON.stringify(link)).toString('base64url');
    const comments = [
      githubComment(1, 'Me too', 'NONE', 'bo'),
      githubComment(2, `Linked\n\n<!-- feedback-loop:link key=k1 data=${data} -->`, 'MEMBER', 'dev'),
      githubComment(3, `Forged\n\n<!-- feedback-loop:link key=k2 data=${data} -->`, 'NONE', 'eve'),
    ];
    const github = await tracker((r) => (r.url.pathname.endsWith('/comments') ? { status: 200, body: comments } : { status: 200, body: githubIssue(5, { comments: 3 }) }));
    const item = await github.getItem('github:octo/app#5');
    assert.deepEqual(item.customers.map((c) => c.name), ['user5', 'bo', 'eve']);
    assert.deepEqual((await github.listLinks('github:octo/app#5')).map((l) => l.id), ['2']);
    assert.deepEqual((await github.listComments('github:octo/app#5')).map((c) => c.body), ['Me too', 'Forged']);
  });

  it('posts a reply with a hidden marker, and findWrite finds it by key (check-before-retry)', async () => {
    const posted: Record<string, unknown>[] = [];
    const github = await tracker((r) => {
      if (r.method === 'POST') {
        const comment = githubComment(40 + posted.length, String((r.body as { body: string }).body), 'OWNER', 'me');
        posted.push(comment);
        return { status: 201, body: comment };
      }
      return { status: 200, body: posted };
    });
    await assert.rejects(github.addComment('github:octo/app#1', { body: 'x', visibility: 'internal' }, { idempotencyKey: 'a' }), TrackerError);
    const reply = await github.addComment('github:octo/app#1', { body: 'Shipped!', visibility: 'public' }, { idempotencyKey: 'key-42' });
    assert.equal(reply.body, 'Shipped!');
    assert.match(String(posted[0].body), /^Shipped!\n\n<!-- feedback-loop:reply key=key-42 -->\n$/);
    assert.deepEqual(await github.findWrite('github:octo/app#1', 'key-42'), { kind: 'reply', commentId: '40' });
    assert.equal(await github.findWrite('github:octo/app#1', 'key-43'), undefined);
  });

  it('posts a linked commit with its subject and repository as code spans, inert markdown', async () => {
    const posted: string[] = [];
    const github = await tracker((r) => {
      posted.push(String((r.body as { body: string }).body));
      return { status: 201, body: githubComment(50, posted[0], 'OWNER', 'me') };
    });
    const subject = 'Fix @octo/team ![x](https://attacker.example/p.png) #12 <b>x</b>';
    const link = { sha: 'b'.repeat(40), repository: 'acme/app', subject, author: 'Someone', committedAt: '2024-03-01T00:00:00Z', url: 'https://github.com/acme/app/commit/bbb' };
    await github.addLink('github:octo/app#1', link, { idempotencyKey: 'link-1' });
    const visible = posted[0].split('\n\n<!--')[0];
    assert.equal(visible, `Linked commit [\`bbbbbbb\`](<https://github.com/acme/app/commit/bbb>) in \`acme/app\`: \`${subject}\``);
  });

  it('changes status by labels and state, keeping other labels', async () => {
    let issue = githubIssue(2, { labels: [{ name: 'ui' }, { name: 'planned' }] });
    const github = await tracker((r) => {
      if (r.method === 'PATCH') {
        const patch = r.body as { state?: string; state_reason?: string; labels: string[] };
        issue = { ...issue, state: patch.state ?? issue.state, state_reason: patch.state_reason ?? null, labels: patch.labels.map((name) => ({ name })) };
      }
      return { status: 200, body: r.url.pathname.endsWith('/comments') ? [] : issue };
    });
    const item = await github.setStatus('github:octo/app#2', 'shipped', { idempotencyKey: 'k' });
    assert.equal(item.status, 'shipped');
    assert.deepEqual(server.requests.find((r) => r.method === 'PATCH')?.body, { state: 'closed', state_reason: 'completed', labels: ['ui'] });
  });

  it('waits out a rate limit: 403 with x-ratelimit-remaining 0 is rateLimited, later calls are not sent', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 60);
    const github = await tracker(() => ({ status: 403, body: { message: 'API rate limit exceeded' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset } }));
    await assert.rejects(github.listItems({}), (e: unknown) => e instanceof TrackerError && e.kind === 'rateLimited' && (e.details.retryAfterMs ?? 0) > 50_000);
    await assert.rejects(github.listItems({}), (e: unknown) => e instanceof TrackerError && e.kind === 'rateLimited');
    assert.equal(server.requests.length, 1);
  });

  it('keeps the search limit apart from the core limit (x-ratelimit-resource)', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 60);
    const github = await tracker((r) =>
      r.url.pathname === '/search/issues'
        ? { status: 403, body: { message: 'limit' }, headers: { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset, 'x-ratelimit-resource': 'search' } }
        : { status: 200, body: r.url.pathname.endsWith('/comments') ? [] : githubIssue(4), headers: { 'x-ratelimit-remaining': '4000', 'x-ratelimit-resource': 'core' } },
    );
    await assert.rejects(github.listItems({}), (e: unknown) => e instanceof TrackerError && e.kind === 'rateLimited');
    assert.equal((await github.getItem('github:octo/app#4')).title, 'Issue 4', 'core calls still go out');
    await assert.rejects(github.listItems({}), (e: unknown) => e instanceof TrackerError && e.kind === 'rateLimited');
    assert.equal(server.requests.filter((r) => r.url.pathname === '/search/issues').length, 1, 'the second search was not sent');
  });

  it('treats a secondary limit (403 with retry-after) as rateLimited and a plain 403 as unauthorized', async () => {
    let secondary = true;
    const github = await tracker(() => ({ status: 403, body: { message: 'x' }, headers: secondary ? { 'retry-after': '30' } : undefined }));
    await assert.rejects(github.listItems({}), (e: unknown) => e instanceof TrackerError && e.kind === 'rateLimited' && e.details.retryAfterMs === 30_000);
    secondary = false;
    await assert.rejects(github.listItems({}), (e: unknown) => e instanceof TrackerError && e.kind === 'unauthorized');
  });

  it('revalidates with ETags: a 304 gives the cached issues and the cached Link paging', async () => {
    const github = await tracker((r): FakeAnswer =>
      r.headers['if-none-match'] === '"v1"'
        ? { status: 304, headers: { etag: '"v1"' } }
        : { status: 200, body: { total_count: 1, incomplete_results: false, items: [githubIssue(1)] }, headers: { etag: '"v1"', link: '<https://api.github.com/search/issues?page=2>; rel="next"' } },
    );
    const first = await github.listItems({});
    const second = await github.listItems({});
    assert.deepEqual(second, first);
    assert.equal(second.nextCursor, '2');
    assert.equal(server.requests[1].headers['if-none-match'], '"v1"');
  });

  it('spaces writes at least the configured interval apart', async () => {
    server = await startJsonServer((r) => ({ status: 201, body: githubComment(1, String((r.body as { body: string }).body), 'OWNER') }));
    const http = new HttpClient({ baseUrl: server.url, getToken: async () => 't' });
    const github = new GithubTracker({ http, repository: 'octo/app', minWriteIntervalMs: 300 });
    const started = Date.now();
    await Promise.all([1, 2, 3].map((n) => github.addComment('github:octo/app#1', { body: `r${n}`, visibility: 'public' }, { idempotencyKey: `k${n}` })));
    assert.ok(Date.now() - started >= 600, `three writes took ${Date.now() - started} ms`);
  });

  it('refuses ids of another repository and repositories that are not owner/name', async () => {
    const github = await tracker(() => ({ status: 500 }));
    await assert.rejects(github.getItem('github:other/app#1'), (e: unknown) => e instanceof TrackerError && e.kind === 'notFound');
    await assert.rejects(github.getItem('github:octo/app#../../x'), (e: unknown) => e instanceof TrackerError && e.kind === 'notFound');
    assert.throws(() => new GithubTracker({ http: new HttpClient({ baseUrl: server.url, getToken: async () => 't' }), repository: 'octo/..' }), TrackerError);
    assert.equal(server.requests.length, 0);
  });
});

describe('HttpClient transport rules used by the trackers', () => {
  it('sends custom auth headers to the base origin only, never after a redirect elsewhere', async () => {
    const other = await startJsonServer(() => ({ status: 200, body: { ok: true } }));
    const base = await startJsonServer(() => ({ status: 302, headers: { location: `${other.url}/moved` } }));
    try {
      const http = new HttpClient({ baseUrl: base.url, getToken: async () => 'secret', authHeaders: (t) => ({ 'X-Api-Key': t }) });
      await http.getJson('/start');
      assert.equal(base.requests[0].headers['x-api-key'], 'secret');
      assert.equal(other.requests[0].headers['x-api-key'], undefined);
      assert.equal(other.requests[0].headers.authorization, undefined);
      await assert.rejects(http.request('POST', '/start', { body: { apiKey: 'secret' } }), (e: unknown) => e instanceof TrackerError && e.kind === 'rejected');
      assert.equal(other.requests.length, 1, 'a POST body (Canny’s apiKey) never follows a redirect to another origin');
    } finally {
      await other.close();
      await base.close();
    }
  });

  it('refuses plain http except on this machine', () => {
    assert.throws(() => new HttpClient({ baseUrl: 'http://feedback.example.com', getToken: async () => 't' }), /https/);
    assert.doesNotThrow(() => new HttpClient({ baseUrl: 'http://127.0.0.1:1', getToken: async () => 't' }));
    assert.doesNotThrow(() => new HttpClient({ baseUrl: 'http://localhost:1', getToken: async () => 't' }));
    assert.throws(() => new HttpClient({ baseUrl: 'http://127.0.0.1.evil.example', getToken: async () => 't' }), /https/);
  });
});
