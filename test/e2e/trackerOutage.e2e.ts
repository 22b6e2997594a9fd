// The tracker goes away and comes back: the view keeps the last good items
// (marked stale) under an error row that names the reason, and a retry after
// the tracker returns on the same port brings everything back.
import * as assert from 'node:assert/strict';
import { visibleItemRows, waitForItems } from './support/feedbackView';
import { useSession } from './support/session';
import { eventually, openFeedbackView, runCommand, sideBar } from './support/workbench';

describe('Feedback view when the tracker goes away', () => {
  const session = useSession({ name: 'tracker-outage' });

  /** The error row; its label starts with the reason. */
  const errorRow = () => sideBar(session().page).getByRole('treeitem', { name: /^Tracker at .* is not reachable/ });

  it('keeps the items as stale under an error row that names the reason', async () => {
    const { page } = session();
    await openFeedbackView(page);
    await waitForItems(page);
    const before = await visibleItemRows(page);
    assert.ok(before.every((row) => !row.stale), 'fresh items are not stale');

    await session().stopTracker();
    await runCommand(page, 'Feedback Loop: Refresh');
    await errorRow().waitFor();
    const first = await sideBar(page).getByRole('treeitem').first().getAttribute('aria-label');
    assert.match(first ?? '', /^Tracker at 127\.0\.0\.1:\d+ is not reachable \(ECONNREFUSED\)/);
    const stale = await eventually(() => visibleItemRows(page), (rows) => rows.length > 0 && rows.every((r) => r.stale), 'stale items');
    assert.deepEqual(
      stale.map((r) => r.name.replace(/, stale$/, '')),
      before.slice(0, stale.length).map((r) => r.name),
      'the last good items stay, in the same order',
    );
  });

  it('recovers when the tracker is back on the same port and the user retries', async () => {
    const { page } = session();
    await session().restartTracker();
    await errorRow().click(); // the error row's command is the retry
    await errorRow().waitFor({ state: 'detached' });
    await eventually(() => visibleItemRows(page), (rows) => rows.length > 0 && rows.every((r) => !r.stale), 'fresh items again');
  });
});
