// The harness itself: the real workbench loads on Node 24, the extension is
// installed from the project folder, and its view container shows up.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { useSession } from './support/session';
import { extensionFolderName } from '../../scripts/realVscode/extensionInstall';
import { repoRoot } from '../../scripts/realVscode/paths';
import { openFeedbackView, sideBar } from './support/workbench';

describe('real VS Code harness', () => {
  const session = useSession({ name: 'smoke' });

  it('loads the workbench with the sample workspace open', async () => {
    const { page } = session();
    await sideBar(page).getByRole('treeitem', { name: /^README\.md/ }).waitFor();
    assert.match(await page.title(), /workspace/);
  });

  it('installs the extension from the project folder', async () => {
    const { codeServer } = session();
    const link = path.join(codeServer.extensionsDir, extensionFolderName(repoRoot));
    assert.equal(fs.realpathSync(link), fs.realpathSync(repoRoot));
  });

  it('shows the Feedback Loop view container', async () => {
    const { page } = session();
    await openFeedbackView(page);
    // A lone view's header is hidden, but it is there.
    await sideBar(page).locator('.pane-header[aria-label^="Feedback"]').waitFor({ state: 'attached' });
  });
});
