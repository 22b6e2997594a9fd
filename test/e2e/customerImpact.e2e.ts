// Customer impact, as a developer sees it before a pull request, in a real VS
// Code against the reference tracker: a trade-off on FB-3 over the export
// function of the sample workspace, then an edit of its line that history
// links to FB-12 ("Quote CSV fields that hold commas (FB-12)"). The Customer
// Impact view in Source Control lists both items with their reasons, the
// editor shows a lens over the changed line, and Copy Customer Impact puts the
// markdown block on the clipboard, which the test reads back. A second
// repository in the workspace adds its own reason. Then typing
// without saving updates the view, and Add Trailers for Affected Items fills the
// commit message box.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { saveScreenshot } from './support/artifacts';
import { TrackerReader } from './support/feedbackView';
import { useSession } from './support/session';
import { STEP_TIMEOUT_MS, eventually, markTradeOff, openFeedbackView, runCommand, selectLines, sideBar, treeRow, workbenchAtRest } from './support/workbench';

const EXPORT_FILE = { name: 'export.ts', text: 'export function exportInvoices' };

describe('Customer impact', () => {
  // VS Code in a browser saves after a second by default; as on the desktop, edits stay unsaved here until Ctrl+S.
  const session = useSession({ name: 'customer-impact', settings: { 'files.autoSave': 'off' }, prepareWorkspace: addLedgerRepository });
  const tracker = new TrackerReader(() => {
    const running = session().tracker;
    assert.ok(running, 'the tracker runs');
    return running;
  });

  it('lists the items a change touches, with their reasons, in the editor too, and copies them as markdown', async () => {
    const { page } = session();
    const [linked, tradedOff] = [await tracker.item('FB-12'), await tracker.item('FB-3')];
    await openFeedbackView(page);

    // A trade-off on FB-3 over the export function (lines 3–5).
    await selectLines(page, EXPORT_FILE, 3, 5);
    await markTradeOff(page, { id: 'FB-3', title: tradedOff.title }, 'Commas only, not tabs', 'Tabs never occur in invoice rows.');
    await page.locator('.review-widget', { hasText: 'Commas only, not tabs' }).waitFor({ timeout: STEP_TIMEOUT_MS });

    // Line 4 was last changed by the commit that names FB-12: rewrite it and save.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(':4');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.type(' // joined with commas');
    await page.keyboard.press('Control+S');

    await runCommand(page, 'Source Control: Focus on Customer Impact View');
    const impactPane = sideBar(page).locator('.pane', { has: page.locator('.pane-header', { hasText: 'Customer Impact' }) });
    // The tree renders only the rows in sight: the other Source Control views make room.
    for (const title of ['Changes', 'Graph']) {
      const header = sideBar(page).locator('.pane-header[aria-expanded="true"]', { hasText: title }).first();
      if (await header.isVisible()) {
        await header.click({ position: { x: 8, y: 10 } }); // the chevron: a header's middle may hold its actions
        await sideBar(page).locator('.pane-header[aria-expanded="false"]', { hasText: title }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
      }
    }
    const linkedRow = treeRow(page, new RegExp(`^${escape(linked.title)}, FB-12, `));
    const tradedOffRow = treeRow(page, new RegExp(`^${escape(tradedOff.title)}, FB-3, `));
    await linkedRow.waitFor({ timeout: STEP_TIMEOUT_MS });
    await tradedOffRow.waitFor({ timeout: STEP_TIMEOUT_MS });
    await treeRow(page, /^line 4 of export\.ts last changed in [0-9a-f]{7}/).waitFor({ timeout: STEP_TIMEOUT_MS });
    await treeRow(page, /^trade-off on lines 3–5 of export\.ts/).waitFor({ timeout: STEP_TIMEOUT_MS });
    // The second repository's change, under the same item, named by its repository.
    await treeRow(page, /^line 2 of ledger\.ts last changed in [0-9a-f]{7}, ledger$/).waitFor({ timeout: STEP_TIMEOUT_MS });
    // Ranked by demand, as the Feedback view ranks them.
    const order = await eventually(
      () => impactPane.locator('[role="treeitem"][aria-level="1"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('aria-label') ?? '')),
      (names) => names.length === 2,
      'two impacted items',
    );
    const ranked = [linked, tradedOff].sort((a, b) => b.votes - a.votes || b.customerCount - a.customerCount).map((item) => item.title);
    assert.deepEqual(order.map((name) => (name.startsWith(linked.title) ? linked.title : tradedOff.title)), ranked);

    // Over the changed line, the lens counts both.
    await page.locator('.monaco-editor .codelens-decoration', { hasText: '2 requests' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await workbenchAtRest(page);
    await saveScreenshot(page, 'customer-impact', 'view-and-lens');

    // Copy Customer Impact: the block on the clipboard names both items and the trade-off.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.evaluate(() => navigator.clipboard.writeText(''));
    await runCommand(page, 'Feedback Loop: Copy Customer Impact');
    const copied = await eventually(() => page.evaluate(() => navigator.clipboard.readText()), (text) => text.includes('FB-12'), 'the customer impact on the clipboard');
    assert.match(copied, /^### Customer impact/m);
    assert.match(copied, /\*\*FB-12\*\*/);
    assert.match(copied, /\*\*FB-3\*\*/);
    assert.match(copied, /Trade-off: Commas only, not tabs/);
  });

  it('follows typing before a save, and adds the items’ trailers to the commit message', async () => {
    const { page } = session();
    // Typing, not saved: after a pause, line 1 (also last changed by the FB-12 commit) joins its reasons.
    await page.locator('.monaco-editor .view-lines', { hasText: 'export function exportInvoices' }).click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('End');
    await page.keyboard.type(' // quotes commas');
    const typedLine = treeRow(page, /^line 1 of export\.ts last changed in [0-9a-f]{7}/);
    await typedLine.waitFor({ timeout: STEP_TIMEOUT_MS });
    // A change on disk reads the repository again; the unsaved typing stays in the impact.
    const theme = path.join(session().workspace, 'src', 'theme.ts');
    fs.writeFileSync(theme, fs.readFileSync(theme, 'utf8').replace('#d4d4d4', '#e0e0e0'));
    await treeRow(page, /^line 1 of theme\.ts last changed in [0-9a-f]{7}/).waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.ok(await typedLine.isVisible(), 'the unsaved line of export.ts is still among the reasons after the repository was read again');
    const tabs = await page.locator('.tabs-container .tab').evaluateAll((all) => all.map((tab) => `${tab.getAttribute('aria-label')}: ${tab.className}`));
    assert.ok(tabs.some((tab) => tab.startsWith('export.ts') && tab.includes('dirty')), `export.ts is still unsaved: ${JSON.stringify(tabs)}`);

    // Add Trailers for Affected Items: both items, kept as offered, land in the commit message box.
    await runCommand(page, 'Feedback Loop: Add Trailers for Affected Items');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'FB-12' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('.quick-input-widget input').press('Enter');
    // Each repository's message names the items its own changes touch: the ledger's, FB-12 only.
    const boxes = page.locator('.scm-editor .monaco-editor');
    const messages = await eventually(
      async () => (await boxes.allInnerTexts()).map((text) => text.replace(/\s+/g, ' ')).sort(),
      (texts) => texts.some((text) => text.includes('Feedback: rest:FB-3')) && texts.some((text) => text.includes('Feedback: rest:FB-12') && !text.includes('FB-3')),
      'the trailers in both repositories’ commit message boxes',
    );
    assert.equal(messages.length, 2, 'one box per repository');
  });
});

/**
 * A second repository in the workspace, `ledger/`, as a vendored library has:
 * its line 2 last changed by a commit that names FB-12, and rewritten (not
 * committed) before VS Code opens.
 */
async function addLedgerRepository(workspace: string): Promise<void> {
  const dir = path.join(workspace, 'ledger');
  fs.mkdirSync(dir);
  const when = '2026-01-20T10:00:00Z';
  const env = { ...process.env, GIT_AUTHOR_NAME: 'Ada Example', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada Example', GIT_COMMITTER_EMAIL: 'ada@example.com', GIT_AUTHOR_DATE: when, GIT_COMMITTER_DATE: when, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]): void => void execFileSync('git', args, { cwd: dir, env });
  git('init', '--quiet', '--initial-branch=main');
  fs.writeFileSync(path.join(dir, 'ledger.ts'), 'export const total = (rows: number[]) =>\n  rows.reduce((a, b) => a + b, 0);\n');
  git('add', '--all');
  git('commit', '--quiet', '--no-verify', '-m', 'Total the ledger\n\nFeedback: rest:FB-12');
  fs.writeFileSync(path.join(dir, 'ledger.ts'), 'export const total = (rows: number[]) =>\n  Math.round(rows.reduce((a, b) => a + b, 0) * 100) / 100;\n');
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
