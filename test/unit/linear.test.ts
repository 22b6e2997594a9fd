import * as assert from 'node:assert/strict';
import { ISSUES_PER_PAGE, NEEDS_IN_LIST } from '../../src/trackers/linear/linearQueries';
import { itemSchema, MAX_QUOTE_LENGTH, MAX_SOURCE_URL_LENGTH } from '../../src/core/model';
import { toPanelItem } from '../../src/platform/panelData';
import { HttpClient } from '../../src/trackers/http';
import { commentIdOf, linearAuthHeaders, linearLimitResetMs, linearRefusal, LinearTracker } from '../../src/trackers/linear/linearTracker';
import { TrackerError } from '../../src/trackers/tracker';
import { fakeIssue, startLinearFake } from '../fixtures/linearFake';
import type { LinearData, LinearFake } from '../fixtures/linearFake';

describe('LinearTracker (mock Linear built from the published schema)', function () {
  this.timeout(30_000);
  let server: LinearFake;
  let data: LinearData;

  async function tracker(options: { now?: () => number } = {}): Promise<LinearTracker> {
    server = await startLinearFake(data);
    const http = new HttpClient({
      baseUrl: server.url,
      getToken: async () => 'lin_api_key',
      authHeaders: linearAuthHeaders,
      refusal: linearRefusal,
      limitResetMs: (headers) => linearLimitResetMs(headers),
    });
    return new LinearTracker({ http, teamId: 'team-1', ...options });
  }

  // Linear's revenue is annual; ours is a month's: $14,400 a year is $1,200 a month.
  const acme = { id: 'cust-acme', name: 'Acme', revenue: 14_400, tier: 'Enterprise' };
  const bolt = { id: 'cust-bolt', name: 'Bolt', revenue: 3_600 };

  beforeEach(() => {
    data = {
      teamId: 'team-1',
      issues: [],
      states: [
        { id: 'st-todo-2', type: 'unstarted', position: 2 },
        { id: 'st-todo-1', type: 'unstarted', position: 1 },
        { id: 'st-done', type: 'completed', position: 5 },
      ],
    };
  });
  afterEach(async () => server.close());

  it('ranks by customer requests and the distinct customers’ summed revenue a month, with labels as tags', async () => {
    data.issues.push(
      fakeIssue(1, {
        labels: ['export'],
        needs: [
          { id: 'n1', customer: acme, body: 'We need CSV', url: 'https://support.example/t/1' },
          { id: 'n2', customer: acme },
          { id: 'n3', customer: bolt },
          { id: 'n4', customer: null },
        ],
      }),
    );
    const linear = await tracker();
    const [item] = (await linear.listItems({})).items;
    assert.deepEqual(
      [item.id, item.votes, item.customerCount, item.revenue, item.tags, item.companies],
      ['linear:issue-1', 4, 2, { amount: 1500, currency: 'USD' }, ['export'], ['Acme', 'Bolt']],
    );
    const detail = await linear.getItem(item.id);
    assert.deepEqual(detail.customers.map((c) => [c.id, c.name, c.revenue?.amount]), [['linear:cust-acme', 'Acme', 1200], ['linear:cust-bolt', 'Bolt', 300]]);
    assert.equal(detail.description, 'About Request 1');
    assert.equal(server.requests[0].headers.authorization, 'lin_api_key', 'a personal API key goes without Bearer');
  });

  it('gives each customer its tier, and each need with a body as a quote with its source, under its customer', async () => {
    const long = `${'x'.repeat(MAX_QUOTE_LENGTH - 2)}😀 and more`;
    data.issues.push(
      fakeIssue(1, {
        needs: [
          { id: 'n1', customer: acme, body: 'We need CSV\nfor audits', url: 'https://support.example/t/1' },
          { id: 'n2', customer: bolt, body: 'Same here', url: 'javascript:alert(1)' },
          { id: 'n3', customer: acme, body: 'And PDF' },
          { id: 'n4', customer: acme, url: 'https://support.example/t/4' },
          { id: 'n5', customer: bolt, body: '   ' },
          { id: 'n6', customer: bolt, body: long, url: `https://support.example/${'p'.repeat(MAX_SOURCE_URL_LENGTH)}` },
          { id: 'n7', customer: null, body: 'Orphan' },
        ],
      }),
    );
    const linear = await tracker();
    const detail = await linear.getItem('linear:issue-1');
    assert.ok(itemSchema.safeParse(detail).success, 'the item stays within core’s caps (the session and the snapshot parse it)');
    const [acmeRow, boltRow] = detail.customers;
    assert.deepEqual([acmeRow.tier, boltRow.tier], ['Enterprise', null]);
    assert.deepEqual(acmeRow.requests, [
      { quote: 'We need CSV\nfor audits', sourceUrl: 'https://support.example/t/1' },
      { quote: 'And PDF', sourceUrl: null },
    ], 'a need without a body gives no quote');
    assert.deepEqual(boltRow.requests?.map((r) => r.sourceUrl), ['javascript:alert(1)', null], 'a URL longer than the cap is no link');
    const cut = boltRow.requests?.[1].quote ?? '';
    assert.equal(cut.length, MAX_QUOTE_LENGTH - 1, 'cut before the emoji, not inside it');
    assert.ok(cut.endsWith('x…'));
    const request = server.requests.find((r) => /FeedbackLoopIssue\(/.test(JSON.stringify(r.body)))?.body as { query: string };
    assert.match(request.query, /body url customer \{ id name revenue tier \{ displayName \} \}/);

    // The panel opens only web pages: the javascript: source gets no button.
    const panel = toPanelItem(detail);
    assert.deepEqual(panel.customers.map((c) => [c.name, c.tier, c.requests.map((r) => r.sourceUrl)]), [
      ['Acme', 'Enterprise', ['https://support.example/t/1', null]],
      ['Bolt', null, [null, null]],
    ]);
  });

  it('counts every need of an issue with more than a list page reads, in the list and the panel', async () => {
    const many = Array.from({ length: NEEDS_IN_LIST * 2 + 5 }, (_, n) => ({ id: `n${n}`, customer: n % 2 ? acme : bolt, body: `ask ${n}` }));
    data.issues.push(fakeIssue(1, { needs: many }), fakeIssue(2, { needs: many.slice(0, 2) }));
    const linear = await tracker();
    const { items } = await linear.listItems({});
    assert.deepEqual(items.map((i) => [i.id, i.votes, i.customerCount]), [['linear:issue-1', many.length, 2], ['linear:issue-2', 2, 2]]);
    const needPages = server.requests.filter((r) => (r.body as { query: string }).query.includes('FeedbackLoopNeeds'));
    assert.equal(needPages.length, 1, 'one more request for the issue with more needs, none for the other');
    const detail = await linear.getItem('linear:issue-1');
    assert.equal(detail.customers.flatMap((c) => c.requests ?? []).length, many.length);
  });

  it('pages with first/after and filters by team, state type and updatedAt', async () => {
    for (let n = 1; n <= 5; n++) {
      data.issues.push(fakeIssue(n));
    }
    const linear = await tracker();
    const first = await linear.listItems({ limit: 2, sort: 'updated' });
    assert.deepEqual(first.items.map((i) => i.id), ['linear:issue-1', 'linear:issue-2']);
    const rest = await linear.listItems({ limit: 10, cursor: first.nextCursor, sort: 'updated' });
    assert.deepEqual(rest.items.map((i) => i.id), ['linear:issue-3', 'linear:issue-4', 'linear:issue-5']);
    assert.equal(rest.nextCursor, null);
    const since = await linear.listItems({ updatedSince: '2026-01-13T00:00:00.000Z', sort: 'updated' });
    assert.deepEqual(since.items.map((i) => i.id), ['linear:issue-4', 'linear:issue-5']);
    const variables = (server.requests[1].body as { variables: { first: number; after: string } }).variables;
    assert.deepEqual([variables.first, variables.after], [10, '2']);
  });

  it('ranks by requests, then revenue, across all of Linear’s pages, and hands the ranking out in pages of its own', async () => {
    const need = (n: number, customer: typeof acme | typeof bolt) => ({ id: `n-${n}-${customer.id}`, customer });
    data.issues.push(
      fakeIssue(1, { needs: [need(1, bolt)] }),
      fakeIssue(2, { needs: [need(2, acme), need(2, bolt)] }),
      fakeIssue(3, { needs: [] }),
      fakeIssue(4, { needs: [need(4, bolt), need(4, acme)] }),
      fakeIssue(5, { needs: [need(5, acme)] }),
      fakeIssue(6, { needs: [need(6, acme), need(6, bolt), { id: 'n-6-gone', customer: null }] }),
    );
    for (let n = 7; n <= ISSUES_PER_PAGE + 10; n++) {
      data.issues.push(fakeIssue(n)); // more than one Linear page
    }
    let clock = 0;
    const linear = await tracker({ now: () => clock });
    const first = await linear.listItems({ limit: 3 });
    // 3 requests; 2 requests from the same customers: as Linear lists them; 1 request: Acme's $1,200 a month over Bolt's $300.
    assert.deepEqual(first.items.map((i) => i.id), ['linear:issue-6', 'linear:issue-2', 'linear:issue-4']);
    const read = server.requests.length;
    assert.equal(read, 2, 'every page of the scope read once');
    const next = await linear.listItems({ limit: 3, cursor: first.nextCursor });
    assert.deepEqual(next.items.map((i) => i.id), ['linear:issue-5', 'linear:issue-1', next.items[2].id]);
    assert.equal(server.requests.length, read, 'the next page comes from the same read');
    clock += 10_000;
    await linear.listItems({ limit: 3 });
    assert.equal(server.requests.length, read + 2, 'a first page later reads again');
    await assert.rejects(linear.listItems({ limit: 3, cursor: 'MjAyNi0wMS0xMA' }), (e: unknown) => e instanceof TrackerError && e.kind === 'rejected');
  });

  it('does not share a ranked read that was cancelled with the refresh that superseded it', async () => {
    data.issues.push(fakeIssue(1, { needs: [{ id: 'n1', customer: acme }] }));
    const linear = await tracker();
    const cancelled = new AbortController();
    const superseded = linear.listItems({ signal: cancelled.signal });
    cancelled.abort();
    const next = await linear.listItems({ signal: new AbortController().signal });
    assert.deepEqual(next.items.map((i) => i.id), ['linear:issue-1']);
    await superseded.catch(() => undefined);
    assert.equal(server.requests.length, 2, 'the cancelled read was not shared: the next one asked again');
  });

  it('maps workflow state types to statuses and filters by them', async () => {
    const types = ['triage', 'backlog', 'unstarted', 'started', 'completed', 'canceled'];
    types.forEach((stateType, n) => data.issues.push(fakeIssue(n + 1, { stateType })));
    const linear = await tracker();
    assert.deepEqual((await linear.listItems({})).items.map((i) => i.status), ['open', 'open', 'planned', 'in-progress', 'shipped', 'closed']);
    assert.deepEqual((await linear.listItems({ statuses: ['open'] })).items.map((i) => i.id), ['linear:issue-1', 'linear:issue-2']);
  });

  it('moves an issue to its team’s first state of the chosen type, and refuses “under review”', async () => {
    data.issues.push(fakeIssue(1));
    const linear = await tracker();
    const item = await linear.setStatus('linear:issue-1', 'planned', { idempotencyKey: 'k1' });
    assert.equal(item.status, 'planned');
    const update = server.requests.find((r) => /issueUpdate/.test(JSON.stringify(r.body)))?.body as { variables: { stateId: string } };
    assert.equal(update.variables.stateId, 'st-todo-1');
    await assert.rejects(linear.setStatus('linear:issue-1', 'under-review', { idempotencyKey: 'k2' }), (e: unknown) => e instanceof TrackerError && e.kind === 'rejected');
  });

  it('posts a reply as a comment whose id comes from the key, and finds it again', async () => {
    data.issues.push(fakeIssue(1));
    const linear = await tracker();
    const reply = await linear.addComment('linear:issue-1', { body: 'Shipped next week', visibility: 'public' }, { idempotencyKey: 'reply-1' });
    assert.equal(reply.id, commentIdOf('reply-1'));
    assert.deepEqual((await linear.listComments('linear:issue-1')).map((c) => [c.body, c.author.role]), [['Shipped next week', 'team']]);
    assert.deepEqual(await linear.findWrite('linear:issue-1', 'reply-1'), { kind: 'reply', commentId: reply.id });
    await assert.rejects(linear.addComment('linear:issue-1', { body: 'x', visibility: 'internal' }, { idempotencyKey: 'r2' }), /no internal notes/);
  });

  it('a retried link or trade-off updates the one attachment its url names instead of adding a second', async () => {
    data.issues.push(fakeIssue(1));
    const linear = await tracker();
    const link = { sha: 'a'.repeat(40), repository: 'acme/app', subject: 'Fix export', author: 'Dev', committedAt: '2026-03-01T00:00:00Z', url: null };
    await linear.addLink('linear:issue-1', link, { idempotencyKey: 'link-1' });
    await linear.addLink('linear:issue-1', link, { idempotencyKey: 'link-1' });
    const tradeOff = { summary: 'No streaming', rationale: 'Later', author: 'Dev', location: { repository: 'acme/app', path: 'src/a.ts', startLine: 3, endLine: 4, commit: null } };
    await linear.addTradeOff('linear:issue-1', tradeOff, { idempotencyKey: 'to-1' });
    await linear.addTradeOff('linear:issue-1', tradeOff, { idempotencyKey: 'to-1' });
    assert.equal(data.issues[0].attachments.length, 2);
    assert.deepEqual(await linear.listLinks('linear:issue-1'), [{ id: 'att-1', ...link }]);
    assert.deepEqual((await linear.listTradeOffs('linear:issue-1')).map((t) => [t.id, t.summary, t.location]), [['att-2', 'No streaming', tradeOff.location]]);
    assert.deepEqual(await linear.findWrite('linear:issue-1', 'to-1'), { kind: 'tradeoff', commentId: 'att-2' });
  });

  it('turns RATELIMITED (in a 400 or a 200) into rateLimited with the reset Linear announced', async () => {
    data.issues.push(fakeIssue(1));
    const linear = await tracker();
    const reset = String(Date.now() + 30_000);
    const body = { errors: [{ message: 'Rate limit exceeded', extensions: { code: 'RATELIMITED' } }] };
    for (const status of [400, 200]) {
      server.refuseNext({ status, body, headers: { 'x-ratelimit-requests-remaining': '5', 'x-ratelimit-requests-reset': reset } });
      await assert.rejects(linear.listItems({}), (e: unknown) => e instanceof TrackerError && e.kind === 'rateLimited' && (e.details.retryAfterMs ?? 0) > 20_000);
    }
  });

  it('waits out a spent request budget without sending', async () => {
    data.issues.push(fakeIssue(1));
    const linear = await tracker();
    server.refuseNext({ status: 200, body: { data: { issues: { nodes: [], pageInfo: { hasNextPage: false, endCursor: null } } } }, headers: { 'x-ratelimit-requests-remaining': '0', 'x-ratelimit-requests-reset': String(Date.now() + 60_000) } });
    await linear.listItems({ sort: 'updated' });
    const sent = server.requests.length;
    await assert.rejects(linear.listItems({ sort: 'updated' }), (e: unknown) => e instanceof TrackerError && e.kind === 'rateLimited');
    assert.equal(server.requests.length, sent);
  });

  it('refuses an id of another tracker without a request, and reads a GraphQL “not found”', async () => {
    const linear = await tracker();
    await assert.rejects(linear.getItem('canny:abc'), (e: unknown) => e instanceof TrackerError && e.kind === 'notFound');
    assert.equal(server.requests.length, 0);
    await assert.rejects(linear.getItem('linear:nope'), (e: unknown) => e instanceof TrackerError && e.kind === 'notFound');
  });
});
