// Issue 15's Linear figures: reading 1,000 issues with their customer needs
// through the real adapter (LinearTracker.listItems, following nextCursor,
// at the store's full-read page size) from a loopback server. Budgets: at most
// 10 requests; parse + validate at most 300 ms.
//
// The server answers pre-built JSON, not test/fixtures/linearFake.ts: the fake
// executes every request against the schema with @graphql-tools/mock, which
// takes longer than what is measured and would drown the client's figures.
// So the answers are checked once instead: the adapter's ISSUES document is
// executed against Linear's published schema with the pre-built issues as its
// data, and must give back exactly the pre-built answer (every field the
// document asks for, of the schema's types, and nothing else).
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema, graphql } from 'graphql';
import { HttpClient } from '../../src/trackers/http';
import type { JsonAnswer } from '../../src/trackers/http';
import { ISSUES, ISSUES_PER_PAGE } from '../../src/trackers/linear/linearQueries';
import { linearAuthHeaders, linearLimitResetMs, linearRefusal, LinearTracker } from '../../src/trackers/linear/linearTracker';
import { linearSchemaText } from '../../test/fixtures/linearFake';
import { medianMs } from './timing';

type Row = (name: string, value: string, budget: string) => void;

const ISSUE_COUNT = 1_000;
const CUSTOMER_COUNT = 150;
/**
 * The page size the store reads a whole list with (FULL_READ_PAGE_SIZE in
 * core/store/pageLoader.ts: tag and company grouping, and the first read).
 * The adapter asks Linear for at most ISSUES_PER_PAGE (a page's query cost,
 * linearQueries.ts), so the server pages by that.
 */
const PAGE_SIZE = 200;

interface Page {
  readonly issues: { nodes: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
}

export async function linearBench(row: Row): Promise<void> {
  const issues = Array.from({ length: ISSUE_COUNT }, (_, i) => wireIssue(i + 1));
  const pages = pagesOf(issues);
  await checkAgainstSchema(pages);
  const bodies = pages.map((page) => JSON.stringify({ data: page }));

  const server = await startPageServer(bodies);
  try {
    // Over loopback, as in use: the requests it takes, and the wall time (server and sockets included).
    const client = new HttpClient({ baseUrl: server.url, getToken: async () => 'lin_api_bench', authHeaders: linearAuthHeaders, refusal: linearRefusal, limitResetMs: linearLimitResetMs });
    const before = server.requests();
    const read = await readAll(new LinearTracker({ http: client, teamId: 'team-1' }));
    const requests = server.requests() - before;
    assert.equal(read.items, ISSUE_COUNT, 'every issue was read');
    assert.equal(read.rejected, 0, 'no issue was rejected');
    const wall = await medianMs(async () => readAll(new LinearTracker({ http: client, teamId: 'team-1' })));

    // The adapter's own work on the same answers, the network taken out: JSON.parse, the zod checks, the mapping to items.
    const parseAndValidate = await medianMs(async () => readAll(new LinearTracker({ http: answering(bodies), teamId: 'team-1' })), 15);
    const jsonOnly = await medianMs(async () => bodies.forEach((b) => JSON.parse(b)), 15);

    const needs = issues.reduce((n, issue) => n + issue.needs.nodes.length, 0);
    const mb = (bodies.reduce((n, b) => n + Buffer.byteLength(b), 0) / 1e6).toFixed(1);
    const count = (n: number): string => n.toLocaleString('en-US');
    row(`Linear: ${count(ISSUE_COUNT)} issues, ${count(needs)} needs (${mb} MB): requests`, String(requests), '≤ 10');
    row('  parse + validate (JSON.parse, zod, mapping)', `${parseAndValidate.toFixed(1)} ms`, '≤ 300 ms');
    row('  … of which JSON.parse', `${jsonOnly.toFixed(1)} ms`, '—');
    row('  total over loopback (wall, incl. server)', `${wall.toFixed(0)} ms`, '—');
  } finally {
    await server.close();
  }
}

/** Every page through listItems, following nextCursor as the store does. */
async function readAll(tracker: LinearTracker): Promise<{ items: number; rejected: number }> {
  let items = 0;
  let rejected = 0;
  let cursor: string | null = null;
  do {
    const page = await tracker.listItems({ limit: PAGE_SIZE, cursor });
    items += page.items.length;
    rejected += page.rejected.length;
    cursor = page.nextCursor;
  } while (cursor !== null);
  return { items, rejected };
}

/** An issue as the ISSUES document asks for it, with one to five customer needs (all of them: no further page). */
function wireIssue(n: number) {
  const needs = Array.from({ length: 1 + ((n * 7) % 5) }, (_, k) => {
    const c = (n * 31 + k * 17) % CUSTOMER_COUNT;
    // Some needs' customers were deleted (null); some customers have no revenue set.
    const customer = (n + k) % 23 === 0 ? null : { id: `customer-${c}`, name: `Customer ${c} Inc.`, revenue: c % 4 === 0 ? null : 1_000 + c * 250 };
    return { id: `need-${n}-${k}`, customer };
  });
  const day = String(1 + (n % 28)).padStart(2, '0');
  return {
    id: `5c8f0b2e-0000-4000-8000-${String(n).padStart(12, '0')}`,
    identifier: `ENG-${n}`,
    title: `Customer request ${n}: export the monthly report as CSV with the filters applied`,
    url: `https://linear.app/acme/issue/ENG-${n}/customer-request-${n}`,
    createdAt: `2026-01-${day}T09:00:00.000Z`,
    updatedAt: `2026-02-${day}T17:30:00.000Z`,
    state: [{ type: 'backlog', name: 'Backlog' }, { type: 'unstarted', name: 'Todo' }, { type: 'started', name: 'In Progress' }, { type: 'completed', name: 'Done' }][n % 4],
    labels: { nodes: n % 3 === 0 ? [{ name: 'export' }, { name: 'reports' }] : [{ name: 'feedback' }] },
    needs: { nodes: needs, pageInfo: { hasNextPage: false, endCursor: needs.at(-1)?.id ?? null } },
  };
}

/** Pages of ISSUES_PER_PAGE, the cursor being the index after the page (as the fake Linear pages). */
function pagesOf(issues: readonly unknown[]): Page[] {
  const pages: Page[] = [];
  for (let start = 0; start < issues.length; start += ISSUES_PER_PAGE) {
    const end = Math.min(issues.length, start + ISSUES_PER_PAGE);
    pages.push({ issues: { nodes: issues.slice(start, end), pageInfo: { hasNextPage: end < issues.length, endCursor: String(end) } } });
  }
  return pages;
}

/** Each pre-built page is what Linear's schema gives for the adapter's document: same fields, same types. */
async function checkAgainstSchema(pages: readonly Page[]): Promise<void> {
  const schema = buildSchema(linearSchemaText());
  for (const page of pages) {
    const variables = { filter: { and: [{ team: { id: { eq: 'team-1' } } }] }, first: ISSUES_PER_PAGE, after: null, orderBy: 'updatedAt' };
    const result = await graphql({ schema, source: ISSUES, rootValue: { issues: () => page.issues }, variableValues: variables });
    assert.deepEqual(result.errors ?? [], [], 'the pre-built answer fits the schema');
    assert.deepEqual(JSON.parse(JSON.stringify(result.data)), page, 'the pre-built answer holds exactly what ISSUES asks for');
  }
}

/** A loopback server answering the ISSUES page its `after` variable names. */
async function startPageServer(bodies: readonly string[]): Promise<{ url: string; requests(): number; close(): Promise<void> }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c: Buffer) => (text += c.toString()));
    req.on('end', () => {
      requests++;
      res.writeHead(200, { 'Content-Type': 'application/json' }).end(bodies[pageIndex(JSON.parse(text))]);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function pageIndex(body: unknown): number {
  const after = (body as { variables?: { after?: unknown } }).variables?.after;
  return typeof after === 'string' ? Number(after) / ISSUES_PER_PAGE : 0;
}

/** A real HttpClient (its parse and errors) whose requests answer the page the cursor names, parsed from its text: no socket. */
function answering(bodies: readonly string[]): HttpClient {
  const client = new HttpClient({ baseUrl: 'http://127.0.0.1:9', getToken: async () => 'k' });
  const request = async (_method: string, _path: string, options: { body?: unknown }): Promise<JsonAnswer> => ({
    body: JSON.parse(bodies[pageIndex(options.body)]) as unknown,
    source: 'POST /graphql',
    fromCache: false,
    headers: {},
  });
  Object.assign(client, { request });
  return client;
}
