// Several connections at once (issue 14), as a user has them: two reference
// trackers (both with FB-1 … FB-120, other titles and votes) and GitHub
// behind Prism, each added with "Connect a Tracker…". A root per connection;
// Merge All ranks the items of all three together; one tracker stopped shows
// its error under its own root only; a reply to an item of the second
// tracker lands on the second only; Awaiting Reply gathers both trackers'
// items whose customer spoke last, and loses the one the user replies to.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { ensurePrism } from '../../scripts/prism/setup';
import { startPrism } from '../../scripts/prism/prism';
import type { PrismServer } from '../../scripts/prism/prism';
import { STATUSES } from '../../src/core/model';
import { startReferenceTracker } from '../../src/reference-tracker/server';
import type { RunningTracker } from '../../src/reference-tracker/server';
import { sampleGithubWorld, startGithubServer } from '../fixtures/githubServer';
import type { JsonServer } from '../fixtures/jsonServer';
import { saveScreenshot } from './support/artifacts';
import { connectionRow, groupRow, scrollTo, setExpanded, TrackerReader, visibleItemRows } from './support/feedbackView';
import { useSession } from './support/session';
import { answerQuickInput, eventually, openFeedbackView, runCommand, sideBar, treeRow, webviewFrame, workbenchAtRest } from './support/workbench';

const SUITE = 'connections';
/** Small enough that each status group holds all of a tracker's items of that status in its first page. */
const SIZE = 120;
const world = sampleGithubWorld('octo/app');
const GITHUB_OPEN_VOTES = [40, 25, 12, 7];

let dataDir: string | undefined;
const trackers: { a?: RunningTracker; b?: RunningTracker } = {};
let upstream: JsonServer | undefined;
let prism: PrismServer | undefined;
/** Filled in by the first `before` (Prism's port), read when the session's `before` starts code-server. */
const settings: Record<string, unknown> = {};
const env: Record<string, string> = { FEEDBACK_LOOP_GITHUB_TOKEN: 'gho_e2e_token' };

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A reference tracker's connection is named for its host (core/connections/registry.ts suggestName). */
const nameOf = (tracker: RunningTracker): string => new URL(tracker.url).host;

function running(key: 'a' | 'b'): RunningTracker {
  const tracker = trackers[key];
  assert.ok(tracker, `tracker ${key} runs`);
  return tracker;
}

/**
 * Closes every row of the Feedback view with its title bar's Collapse All:
 * the tree is virtualised, so an open root's rows can push the next root out
 * of what is rendered, and a root scrolled past is covered by its sticky copy.
 */
async function closeRoots(page: Page): Promise<void> {
  const header = sideBar(page).locator('.pane-header', { hasText: /^Feedback/ }).first();
  await header.hover();
  await header.getByRole('button', { name: 'Collapse All' }).click();
  await eventually(
    () => sideBar(page).locator('[role="treeitem"][aria-level="1"][aria-expanded="true"]').count(),
    (open) => open === 0,
    'every root closed',
  );
}

/** The connections' root rows as rendered: their accessible names ("<name>, <state>"), level 1. */
async function rootNames(page: Page): Promise<string[]> {
  return sideBar(page)
    .locator('[role="treeitem"][aria-level="1"]')
    .evaluateAll((rows) => rows.map((row) => (row.getAttribute('aria-label') ?? '').replace(/, has actions$/, '')));
}

describe('Several connections: two reference trackers and GitHub at once', function () {
  before(async function () {
    this.timeout(180_000);
    await ensurePrism();
    upstream = await startGithubServer(world);
    prism = await startPrism({ proxy: upstream.url });
    settings['feedbackLoop.github.apiUrl'] = prism.url;
    env.FEEDBACK_LOOP_GITHUB_API_URL = prism.url;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedback-loop-connections-'));
    trackers.a = await startReferenceTracker({ size: SIZE, seed: 1, dataFile: path.join(dataDir, 'a.json') });
    trackers.b = await startReferenceTracker({ size: SIZE, seed: 2, dataFile: path.join(dataDir, 'b.json') });
  });
  after(async () => {
    await trackers.a?.stop();
    await trackers.b?.stop();
    await prism?.stop();
    await upstream?.close();
    if (dataDir) {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });

  const session = useSession({ name: SUITE, tracker: false, settings, env });
  const readerA = new TrackerReader(() => running('a'));
  const readerB = new TrackerReader(() => running('b'));

  async function connectRest(page: Page, tracker: RunningTracker): Promise<void> {
    await runCommand(page, 'Feedback Loop: Connect a Tracker…');
    await answerQuickInput(page, 'Feedback Loop REST');
    await answerQuickInput(page, tracker.url);
    await answerQuickInput(page, tracker.token);
  }

  it('connects two reference trackers and GitHub: a root each, with its items', async () => {
    const { page } = session();
    await openFeedbackView(page);
    await connectRest(page, running('a'));
    await connectRest(page, running('b'));
    await runCommand(page, 'Feedback Loop: Connect a Tracker…');
    await answerQuickInput(page, 'GitHub Issues');
    await answerQuickInput(page, 'octo/app');
    const names = [nameOf(running('a')), nameOf(running('b')), 'octo/app'];
    await saveScreenshot(page, SUITE, 'three connections, the first open');
    await closeRoots(page);
    const roots = await eventually(
      () => rootNames(page),
      (rows) => names.every((name) => rows.some((row) => new RegExp(`^${escape(name)}, \\d+\\+? items?`).test(row))),
      'three roots, each with its items',
    );
    assert.deepEqual(
      roots.filter((row) => names.some((name) => row.startsWith(`${name}, `))).map((row) => row.slice(0, row.indexOf(','))),
      names,
      'in the order connected',
    );
    await workbenchAtRest(page);
    await saveScreenshot(page, SUITE, 'three roots');
  });

  it('ranks the items of all three together with Merge All, each row naming its connection', async () => {
    const { page } = session();
    await runCommand(page, 'Feedback Loop: Merge All Connections');
    const open = groupRow(page, 'Open');
    await eventually(() => rootNames(page), (rows) => !rows.some((row) => row.startsWith(`${nameOf(running('a'))}, `)), 'no root per connection');
    await setExpanded(open, true);
    const expected = [...(await readerA.topItems('open', 100)), ...(await readerB.topItems('open', 100))].map((item) => item.votes).concat(GITHUB_OPEN_VOTES);
    const ranked = [...expected].sort((x, y) => y - x);
    const rows = await eventually(() => visibleItemRows(page), (shown) => shown.length >= 8, 'the merged Open group’s rows');
    assert.deepEqual(
      rows.slice(0, 8).map((row) => row.votes),
      ranked.slice(0, 8),
      'the first rows are the most voted of every connection',
    );
    const named = new Set(rows.map((row) => row.name.slice(row.name.lastIndexOf(', ') + 2)));
    assert.ok(named.size >= 2 && [...named].every((name) => [nameOf(running('a')), nameOf(running('b')), 'octo/app'].includes(name)), `rows name their connections: ${[...named].join(' | ')}`);
    await workbenchAtRest(page);
    await saveScreenshot(page, SUITE, 'merge all');
    await runCommand(page, 'Feedback Loop: Merge All Connections');
    await connectionRow(page, nameOf(running('a'))).waitFor();
    await closeRoots(page);
  });

  it('shows a stopped tracker’s error under its own root only, and the others’ items as they were', async () => {
    const { page } = session();
    const b = running('b');
    const nameB = nameOf(b);
    const restart = { port: b.port, token: b.token, dataFile: path.join(dataDir!, 'b.json') };
    await b.stop();
    trackers.b = undefined;
    await runCommand(page, 'Feedback Loop: Refresh');
    const failed = await eventually(() => rootNames(page), (rows) => rows.some((row) => row.startsWith(`${nameB}, failed`)), 'the stopped tracker’s root saying it failed');
    assert.equal(failed.filter((row) => /, failed/.test(row)).length, 1, `one root failed: ${failed.join(' | ')}`);
    assert.ok(failed.some((row) => row.startsWith(`${nameOf(running('a'))}, `) && /\d+\+? items?/.test(row)), 'the first tracker’s root is as it was');
    assert.ok(failed.some((row) => /^octo\/app, \d+\+? items?/.test(row)), 'GitHub’s root is as it was');
    await workbenchAtRest(page);
    await saveScreenshot(page, SUITE, 'one tracker stopped');
    trackers.b = await startReferenceTracker(restart);
    await runCommand(page, 'Feedback Loop: Refresh');
    await eventually(() => rootNames(page), (rows) => !rows.some((row) => /, failed/.test(row)), 'every root back');
  });

  it('sends a reply to an item of the second tracker to the second tracker only', async () => {
    const { page } = session();
    const fromA = new Map((await readerA.topItems('open', 100)).map((item) => [item.id, item.title]));
    const titles = new Set(fromA.values());
    // An item of B whose title A has under no id, so that its row is B's.
    const item = (await readerB.topItems('open', 100)).find((candidate) => fromA.has(candidate.id) && !titles.has(candidate.title));
    assert.ok(item, 'B has an item whose id A has too, under another title');
    // Every root closed: the one Open group shown once B's root opens is B's.
    await setExpanded(connectionRow(page, nameOf(running('b'))), true);
    await setExpanded(groupRow(page, 'Open'), true);
    const row = treeRow(page, new RegExp(`^${escape(item.title)}, `)).first();
    await scrollTo(page, row);
    await row.click();
    const frame = await webviewFrame(page, '.conversation-header', item.title);
    const reply = `For the second tracker only (${Date.now().toString(36)}).`;
    await frame.locator('.composer-input').fill(reply);
    await frame.locator('.composer-input').press('Control+Enter');
    await eventually(async () => (await readerB.comments(item.id)).filter((c) => c.body === reply).length, (n) => n === 1, 'the reply on the second tracker, once');
    assert.equal((await readerA.comments(item.id)).filter((c) => c.body === reply).length, 0, `the first tracker’s ${item.id} has no such reply`);
    await saveScreenshot(page, SUITE, 'reply to the second tracker');
    await closeRoots(page);
  });

  it('pins Awaiting Reply with every connection’s items whose customer spoke last, and loses the one replied to', async () => {
    const { page } = session();
    // GitHub's lists do not say who spoke last: its open issues' threads are read in the background, and a
    // comment by someone outside the repository's owners, members and collaborators is a customer's.
    const team = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);
    const githubWaiting = world.issues.filter((issue) => {
      const last = world.comments[Number(issue.number)]?.at(-1);
      return issue.state === 'open' && last !== undefined && !team.has(String(last.author_association));
    });
    assert.ok(githubWaiting.length >= 1, 'the GitHub repository has an open issue whose customer spoke last');
    const waiting = async (): Promise<unknown[]> => {
      const all = (await Promise.all([readerA, readerB].flatMap((reader) => STATUSES.map((status) => reader.topItems(status, 100))))).flat();
      return [...all.filter((i) => i.lastCommentRole === 'customer' && typeof i.lastCommentAt === 'string'), ...githubWaiting];
    };
    const count = async (): Promise<number> => {
      const names = await rootNames(page);
      const label = names.find((name) => name.startsWith('Awaiting Reply '));
      return Number(/ (\d+) items?/.exec(label ?? '')?.[1] ?? NaN);
    };
    const expected = (await waiting()).length;
    assert.ok(expected >= 3, `the trackers have items awaiting a reply (${expected})`);
    await closeRoots(page);
    // The views loaded before the reply of the test above: refreshed, they read what the trackers say now.
    await runCommand(page, 'Feedback Loop: Refresh');
    await eventually(count, (n) => n === expected, `Awaiting Reply counting ${expected} items`);
    const group = treeRow(page, /^Awaiting Reply \d+ items?/).first();
    await setExpanded(group, true);
    const first = await eventually(
      () => sideBar(page).locator('[role="treeitem"][aria-level="2"]').first().getAttribute('aria-label'),
      (name) => /, waiting \d+ (min|h|d|mo|y), /.test(name ?? ''),
      'a row under Awaiting Reply, naming its wait and its connection',
    );
    const title = first!.slice(0, first!.indexOf(', '));
    await saveScreenshot(page, SUITE, 'awaiting reply');
    await sideBar(page).locator('[role="treeitem"][aria-level="2"]').first().click();
    const frame = await webviewFrame(page, '.conversation-header', title);
    await frame.locator('.composer-input').fill(`Thank you for waiting (${Date.now().toString(36)}).`);
    await frame.locator('.composer-input').press('Control+Enter');
    await eventually(count, (n) => n === expected - 1, 'one item fewer awaiting a reply');
    await workbenchAtRest(page);
    await saveScreenshot(page, SUITE, 'awaiting reply after the reply');
  });
  // Last: it leaves this window on another folder.
  it('offers a connection of another workspace in Connect a Tracker…: picked, its items show with nothing to enter', async () => {
    const { page, codeServer } = session();
    // Another folder in the same VS Code: another workspace (its own connections), the same machine (its known connections, its secrets).
    const other = fs.mkdtempSync(path.join(dataDir!, 'other-workspace-'));
    await page.goto(codeServer.folderUrl(other));
    await openFeedbackView(page);
    await runCommand(page, 'Feedback Loop: Connect a Tracker…');
    const offered = page.locator('.quick-input-widget .monaco-list-row', { hasText: nameOf(running('a')) }).first();
    await offered.waitFor();
    await saveScreenshot(page, SUITE, 'connect offers the connections of other workspaces');
    await answerQuickInput(page, nameOf(running('a')));
    const [top] = await readerA.topItems('open', 1);
    await eventually(() => visibleItemRows(page), (rows) => rows.some((row) => row.title === top.title), `the first tracker's top item, "${top.title}"`);
    assert.equal(await page.locator('.quick-input-widget').isVisible(), false, 'no token or key was asked for');
    await workbenchAtRest(page);
    await saveScreenshot(page, SUITE, 'reused in another workspace');
  });
});
