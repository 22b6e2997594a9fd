// Issue 12, "Offline-first": the last-known items, and the items last opened
// with their threads, are kept on disk; a window reloaded while the tracker is
// down shows them at once, marked stale, under the error row, and opens a kept
// item's panel with its thread; when the tracker is back, Retry brings fresh items.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { itemRow, TrackerReader, visibleItemRows, waitForItems } from './support/feedbackView';
import { useSession } from './support/session';
import { eventually, openFeedbackView, reloadWorkbench, sideBar, webviewFrame } from './support/workbench';
import type { Comment, FeedbackItem } from '../../src/core/model';

/** Snapshot files the extension wrote anywhere under the run folder (its storage is in code-server's user data). */
function snapshotFiles(dir: string): string[] {
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const parent = entry.parentPath;
    if (entry.isFile() && path.basename(parent) === 'snapshots' && /^[0-9a-f]{24}\.json$/.test(entry.name)) {
      found.push(path.join(parent, entry.name));
    }
  }
  return found;
}

describe('Feedback view offline', () => {
  const session = useSession({ name: 'offline-snapshot' });
  const errorRow = () => sideBar(session().page).getByRole('treeitem', { name: /^Tracker at .* is not reachable/ });
  const viewHeader = () => sideBar(session().page).locator('.pane-header', { hasText: 'Feedback' }).first();
  const tracker = new TrackerReader(() => {
    const running = session().tracker;
    assert.ok(running, 'the tracker runs');
    return running;
  });
  let opened: { item: FeedbackItem; comments: Comment[] };

  it('shows the last items, marked stale, under the error row after a reload with the tracker down', async () => {
    const { page } = session();
    await openFeedbackView(page);
    await waitForItems(page);
    const before = await visibleItemRows(page);
    // An item opened with its thread is kept too.
    const [top] = await tracker.topItems('open', 1);
    opened = { item: await tracker.item(top.id), comments: await tracker.comments(top.id) };
    assert.ok(opened.comments.length > 0, 'an item with a thread');
    await itemRow(page, opened.item.title).first().click();
    await (await webviewFrame(page, 'h1', opened.item.title)).getByText(opened.comments[0].author.name).first().waitFor();
    const [file] = await eventually(async () => snapshotFiles(session().runDir), (files) => files.length === 1, 'the snapshot on disk');
    await eventually(
      async () => fs.readFileSync(file, 'utf8'),
      (text) => text.includes(`{"item":{"id":${JSON.stringify(opened.item.id)}`),
      'the opened item in the snapshot',
    );

    await session().stopTracker();
    await reloadWorkbench(page);
    // After a reload the workbench restores the side bar by itself; clicking meanwhile would close it.
    await sideBar(page).locator('.composite.title', { hasText: 'Feedback Loop' }).waitFor({ timeout: 10_000 }).catch(() => openFeedbackView(page));

    await errorRow().waitFor();
    const stale = await eventually(() => visibleItemRows(page), (rows) => rows.length > 0 && rows.every((r) => r.stale), 'stale items from the snapshot');
    assert.deepEqual(
      stale.map((r) => r.name.replace(/, stale$/, '')),
      before.slice(0, stale.length).map((r) => r.name),
      'the last items, in the same order',
    );
    const first = await sideBar(page).getByRole('treeitem').first().getAttribute('aria-label');
    assert.match(first ?? '', /^Tracker at 127\.0\.0\.1:\d+ is not reachable/, 'the error row comes first');
    await eventually(async () => (await viewHeader().textContent()) ?? '', (text) => /Stale · synced \d/.test(text), 'the view marked “Stale · synced HH:MM”');

    // The panel of the kept item: its description and thread, marked as the last version loaded.
    await itemRow(page, opened.item.title).first().click();
    const panel = await webviewFrame(page, 'h1', opened.item.title);
    await panel.getByText(opened.comments[0].author.name).first().waitFor();
    await panel.locator('.banner-warning', { hasText: 'not reachable' }).waitFor();
    assert.equal(await panel.locator('section.loading').count(), 0, 'nothing left loading');
  });

  it('shows fresh items when the tracker is back and the user retries', async () => {
    const { page } = session();
    await session().restartTracker();
    await errorRow().click(); // the error row's command is the retry
    await errorRow().waitFor({ state: 'detached' });
    await eventually(() => visibleItemRows(page), (rows) => rows.length > 0 && rows.every((r) => !r.stale), 'fresh items again');
    await eventually(async () => (await viewHeader().textContent()) ?? '', (text) => /Synced \d/.test(text) && !/Stale/.test(text), 'the view marked “Synced HH:MM”');
  });
});
