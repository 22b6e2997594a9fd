// A fresh install with nothing configured: the view explains itself and offers
// sample data; one click starts the bundled sample tracker and items appear.
// This suite installs the packaged .vsix, as users do, so the package is
// proven to hold everything that runs.
import * as assert from 'node:assert/strict';
import { groupRow, visibleItemRows, waitForItems } from './support/feedbackView';
import { useSession } from './support/session';
import { openFeedbackView, sideBar } from './support/workbench';

describe('First run with nothing configured', () => {
  const session = useSession({ name: 'first-run', tracker: false, install: 'vsix' });

  it('shows the welcome view with its two ways in', async () => {
    const { page } = session();
    await openFeedbackView(page);
    await sideBar(page).getByRole('button', { name: 'Connect a Tracker' }).waitFor();
    await sideBar(page).getByRole('button', { name: 'Try with Sample Data' }).waitFor();
    assert.equal(await sideBar(page).getByRole('treeitem').count(), 0, 'no rows before a tracker is chosen');
  });

  it('shows sample items after "Try with Sample Data"', async () => {
    const { page } = session();
    await sideBar(page).getByRole('button', { name: 'Try with Sample Data' }).click();
    await waitForItems(page);
    await groupRow(page, 'Open').waitFor();
    assert.ok((await visibleItemRows(page)).length > 5);
  });
});
