// What a user does with the Feedback view, in a real VS Code against the
// reference tracker (300 seeded items; "Open" holds more than one page of 100).
// The tests read the tracker directly to know what the view must show.
import * as assert from 'node:assert/strict';
import { HOSTILE_ITEM_ID } from '../../src/reference-tracker/hostile';
import { GROUP_LABELS, TrackerReader, groupRow, itemRow, scrollTo, setExpanded, visibleItemRows, waitForItems } from './support/feedbackView';
import { useSession } from './support/session';
import { answerQuickInput, eventually, framesLoaded, openFeedbackView, runCommand, treeRow, webviewFrame } from './support/workbench';

/** Slower than any click-to-paint: what shows before it was not read from the tracker. */
const SLOW_TRACKER_MS = 8_000;

describe('Feedback view', () => {
  const session = useSession({ name: 'feedback-view' });
  const tracker = new TrackerReader(() => {
    const running = session().tracker;
    assert.ok(running, 'the tracker runs');
    return running;
  });

  before(async () => {
    await openFeedbackView(session().page);
    await waitForItems(session().page);
  });

  it('shows the status groups and the items ranked by demand', async () => {
    const { page } = session();
    const top = await tracker.topItems('open', 5);
    await itemRow(page, top[0].title).first().waitFor();
    const rows = await visibleItemRows(page);
    assert.ok(rows.length >= 5, `expected several item rows, saw ${rows.length}`);
    assert.ok(rows[0].name.startsWith(`${top[0].title}, ${top[0].votes} votes, `), `first row: ${rows[0].name}`);
    const votes = rows.map((r) => r.votes);
    assert.deepEqual(votes, [...votes].sort((a, b) => b - a), 'items are ranked by votes');
    assert.match(rows[0].name, /, \d+ customers?(, [$€£]?[\d.,]+k? a month)?/);

    // Collapse every group to see them all, then expand them again from the
    // bottom up so each click lands on a row that stays where it is.
    for (const label of GROUP_LABELS) {
      await setExpanded(groupRow(page, label), false);
    }
    for (const label of [...GROUP_LABELS].reverse()) {
      await setExpanded(groupRow(page, label), true);
    }
    await itemRow(page, top[0].title).first().waitFor();
  });

  it('opens an item in a panel with its title, customers and thread', async () => {
    const { page } = session();
    const [top] = await tracker.topItems('open', 1);
    const item = await tracker.item(top.id);
    const comments = await tracker.comments(top.id);
    await itemRow(page, item.title).first().click();
    const panel = await webviewFrame(page, 'h1', item.title);
    for (const customer of item.customers.slice(0, 3)) {
      await panel.getByText(customer.name, { exact: false }).first().waitFor();
    }
    if (comments.length > 0) {
      await panel.getByText(comments[0].author.name).first().waitFor();
    }
  });

  it('shows the row at once while the tracker is slow, then each part as it arrives', async () => {
    const { page } = session();
    const [, second] = await tracker.topItems('open', 2);
    const item = await tracker.item(second.id);
    assert.ok(item.customers.length > 0, 'an item with customers');
    session().tracker?.setFaults({ latencyMs: SLOW_TRACKER_MS });
    try {
      const clickedAt = Date.now();
      await itemRow(page, item.title).first().click();
      const panel = await webviewFrame(page, 'h1', item.title);
      // The tracker has not answered yet: what the tree knew is shown, the rest says it is loading.
      await panel.locator('section.description.loading').waitFor();
      await panel.locator('section.comments.loading').waitFor();
      const shownAfter = Date.now() - clickedAt;
      assert.ok(shownAfter < SLOW_TRACKER_MS, `the title shown ${shownAfter} ms after the click, before the tracker answered`);
      assert.ok(((await panel.locator('.stats').textContent()) ?? '').includes(item.votes.toLocaleString('en-US')), 'the votes the row showed');
    } finally {
      session().tracker?.setFaults({});
    }
    const panel = await webviewFrame(page, 'h1', item.title);
    await panel.getByText(item.customers[0].name, { exact: false }).first().waitFor();
    assert.equal(await panel.locator('section.loading').count(), 0, 'no section loading once the tracker answered');
  });

  it('filters by text, then clears the filter', async () => {
    const { page } = session();
    const [target] = await tracker.topItems('under-review', 1);
    const expected = await tracker.search(target.title);
    assert.ok(expected.length > 0 && expected.length < 20, `a selective filter: ${expected.length} matches`);
    await runCommand(page, 'Feedback Loop: Filter Items…');
    await answerQuickInput(page, target.title);
    await treeRow(page, /^Filter: “/).waitFor();
    await itemRow(page, target.title).first().waitFor();
    const titles = await eventually(
      async () => (await visibleItemRows(page)).map((r) => r.title).sort(),
      (seen) => seen.length === expected.length,
      `the ${expected.length} matching items`,
    );
    assert.deepEqual(titles, expected.map((i) => i.title).sort());

    await runCommand(page, 'Feedback Loop: Clear Filter');
    await treeRow(page, /^Filter: /).waitFor({ state: 'detached' });
    await groupRow(page, 'Open').waitFor();
    assert.match((await groupRow(page, 'Open').getAttribute('aria-label')) ?? '', /^Open 100\+ items/);
  });

  it('loads more items under a group that holds more than one page', async () => {
    const { page } = session();
    const open = groupRow(page, 'Open');
    await open.waitFor();
    assert.match((await open.getAttribute('aria-label')) ?? '', /^Open 100\+ items/);
    const loadMore = treeRow(page, /^Load more/);
    await scrollTo(page, loadMore);
    await loadMore.click();
    await loadMore.waitFor({ state: 'detached' });
    await page.keyboard.press('Home');
    const label = await eventually(
      async () => (await groupRow(page, 'Open').getAttribute('aria-label')) ?? '',
      (name) => /^Open (?!100\+)\d+ items/.test(name),
      'the Open group to count every item',
    );
    assert.ok(Number(/^Open (\d+)/.exec(label)?.[1]) > 100, label);
  });

  it('renders the hostile item FB-7 as text and runs none of its script', async () => {
    const { page, dialogs } = session();
    const hostile = await tracker.item(HOSTILE_ITEM_ID);
    await runCommand(page, 'Feedback Loop: Filter Items…');
    await answerQuickInput(page, 'Export fails');
    const row = itemRow(page, hostile.title).first();
    await row.click();
    const panel = await webviewFrame(page, 'h1', '<img src=x onerror=');
    assert.equal(await panel.locator('h1').first().textContent(), hostile.title);
    await framesLoaded(page); // any injected handler (onerror, onload) has had its chance to run
    let panelFramesChecked = 0;
    for (const frame of page.frames()) {
      // A frame detached meanwhile (a webview reloading) cannot be asked; the rest must be clean.
      const seen = await frame
        .evaluate(() => ({
          pwned: (window as unknown as { __feedbackPwned?: unknown }).__feedbackPwned,
          h1: document.querySelector('h1')?.textContent ?? null,
        }))
        .catch(() => undefined);
      assert.equal(seen?.pwned, undefined, `window.__feedbackPwned was set in ${frame.url()}`);
      panelFramesChecked += seen?.h1 === hostile.title ? 1 : 0;
    }
    assert.ok(panelFramesChecked >= 1, 'the panel frame itself was among the frames checked');
    assert.deepEqual(dialogs, []);
    await runCommand(page, 'Feedback Loop: Clear Filter');
  });
});
