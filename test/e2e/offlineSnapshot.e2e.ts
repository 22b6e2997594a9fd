// Issue 12, "Offline-first": the last-known items are kept on disk; a window
// reloaded while the tracker is down shows them at once, marked stale, under
// the error row; when the tracker is back, Retry brings fresh items.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { visibleItemRows, waitForItems } from './support/feedbackView';
import { useSession } from './support/session';
import { eventually, openFeedbackView, reloadWorkbench, sideBar } from './support/workbench';

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

  it('shows the last items, marked stale, under the error row after a reload with the tracker down', async () => {
    const { page } = session();
    await openFeedbackView(page);
    await waitForItems(page);
    const before = await visibleItemRows(page);
    await eventually(async () => snapshotFiles(session().runDir), (files) => files.length === 1, 'the snapshot on disk');

    await session().stopTracker();
    await reloadWorkbench(page);
    // After a reload the workbench restores the side bar by itself; clicking meanwhile would close it.
    await sideBar(page).locator('.composite.title', { hasText: 'Feedback Loop' }).waitFor({ timeout: 10_000 }).catch(() => openFeedbackView(page));

    await errorRow().waitFor();
    const stale = await eventually(() => visibleItemRows(page), (rows) => rows.length > 0 && rows.every((r) => r.stale), 'stale items from the snapshot');
    assert.deepEqual(
      stale.map((r) => r.name.replace(/ · stale$/, '')),
      before.slice(0, stale.length).map((r) => r.name),
      'the last items, in the same order',
    );
    const first = await sideBar(page).getByRole('treeitem').first().getAttribute('aria-label');
    assert.match(first ?? '', /^Tracker at 127\.0\.0\.1:\d+ is not reachable/, 'the error row comes first');
    await eventually(async () => (await viewHeader().textContent()) ?? '', (text) => /Stale · synced \d/.test(text), 'the view marked “Stale · synced HH:MM”');
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
