// Awaiting Reply, as a user sees it: the pinned group at the top of the
// Feedback view lists the loaded items whose last public comment is a
// customer's, longest-waiting first, each with its wait; a reply sent from the
// Conversation view takes the item out at once.
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { STATUSES } from '../../src/core/model';
import type { ItemSummary } from '../../src/core/model';
import { saveScreenshot } from './support/artifacts';
import { setExpanded, TrackerReader, waitForItems } from './support/feedbackView';
import { useSession } from './support/session';
import { STEP_TIMEOUT_MS, eventually, openFeedbackView, sideBar, treeRow, webviewFrame, workbenchAtRest } from './support/workbench';

/** The rows the Feedback view loads per status group before "Load more" (core/store/groups.ts PAGE_SIZE). */
const FIRST_PAGE = 100;
const GROUP = /^Awaiting Reply \d+ items?/;

interface GroupRows {
  readonly label: string;
  /** The group row's aria-expanded: a failure says whether the group was closed or open and empty. */
  readonly expanded: string | null;
  readonly rows: string[];
}

/** The Awaiting Reply group row's name and the names of the rows rendered under it, in order. */
async function awaitingRows(page: Page): Promise<GroupRows> {
  return sideBar(page)
    .getByRole('treeitem')
    .evaluateAll((rows) => {
      const named = rows.map((row) => ({
        level: row.getAttribute('aria-level'),
        expanded: row.getAttribute('aria-expanded'),
        name: (row.getAttribute('aria-label') ?? '').replace(/, has actions$/, ''),
      }));
      const start = named.findIndex((row) => row.level === '1' && row.name.startsWith('Awaiting Reply '));
      if (start < 0) {
        return { label: '', expanded: null, rows: [] };
      }
      const end = named.findIndex((row, index) => index > start && row.level === '1');
      return { label: named[start].name, expanded: named[start].expanded, rows: named.slice(start + 1, end < 0 ? undefined : end).map((row) => row.name) };
    });
}

function countOf(label: string): number {
  return Number(/ (\d+) items?/.exec(label)?.[1] ?? NaN);
}

describe('Awaiting Reply', () => {
  const session = useSession({ name: 'awaiting-reply' });
  const tracker = new TrackerReader(() => {
    const running = session().tracker;
    assert.ok(running, 'the tracker runs');
    return running;
  });

  /** What the view loaded (each status group's first page), awaiting a reply, longest-waiting first. */
  async function expectedWaiting(): Promise<ItemSummary[]> {
    const loaded = (await Promise.all(STATUSES.map((status) => tracker.topItems(status, FIRST_PAGE)))).flat();
    return loaded
      .filter((item) => item.lastCommentRole === 'customer' && typeof item.lastCommentAt === 'string')
      .sort((a, b) => Date.parse(a.lastCommentAt!) - Date.parse(b.lastCommentAt!) || (a.id < b.id ? -1 : 1));
  }

  it('lists the items whose customer spoke last, longest-waiting first, with the wait', async () => {
    const { page } = session();
    await openFeedbackView(page);
    await waitForItems(page);
    const expected = await expectedWaiting();
    assert.ok(expected.length >= 3, `the seed has items awaiting a reply (${expected.length})`);

    // Pinned first, closed, with its count.
    const group = treeRow(page, GROUP).first();
    await group.waitFor({ timeout: STEP_TIMEOUT_MS });
    const [firstTopLevel] = await sideBar(page).locator('[role="treeitem"][aria-level="1"]').evaluateAll((rows) => rows.map((row) => row.getAttribute('aria-label') ?? ''));
    assert.match(firstTopLevel, GROUP, 'Awaiting Reply is the first group');
    assert.equal(await group.getAttribute('aria-expanded'), 'false', 'it starts closed');
    await eventually(() => group.getAttribute('aria-label'), (label) => countOf(label ?? '') === expected.length, `the group counting ${expected.length} items`);

    await setExpanded(group, true);
    const shown = await eventually(() => awaitingRows(page), ({ rows }) => rows.length >= 3, 'rows under Awaiting Reply');
    for (const [index, row] of shown.rows.slice(0, 3).entries()) {
      assert.ok(row.startsWith(`${expected[index].title}, `), `row ${index + 1} is ${expected[index].id} "${expected[index].title}": ${row}`);
      assert.match(row, /, waiting \d+ (min|h|d|mo|y)(,|$)/, `row ${index + 1} says how long the customer has waited`);
    }
    await workbenchAtRest(page);
    await saveScreenshot(page, 'awaiting-reply', 'group');
  });

  it('loses the item the user replies to, at once', async () => {
    const { page } = session();
    const [first] = await expectedWaiting();
    const before = countOf((await awaitingRows(page)).label);
    const row = treeRow(page, new RegExp(`^${first.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}, .*, waiting `)).first();
    await row.click();
    const frame = await webviewFrame(page, '.conversation-header', first.id);
    const reply = `We are on it, thank you for waiting (${Date.now().toString(36)}).`;
    await frame.locator('.composer-input').fill(reply);
    await frame.locator('.composer-input').press('Control+Enter');

    const after = await eventually(
      () => awaitingRows(page),
      ({ label, rows }) => countOf(label) === before - 1 && !rows.some((name) => name.startsWith(`${first.title}, `)),
      `${first.id} out of Awaiting Reply`,
    );
    assert.equal(countOf(after.label), before - 1);
    await eventually(async () => (await tracker.comments(first.id)).filter((c) => c.body === reply).length, (n) => n === 1, 'the reply on the tracker once');
    // The tracker now says the team spoke last: the item stays out after the next refresh.
    assert.equal((await tracker.item(first.id)).lastCommentRole, 'team');
  });
});
