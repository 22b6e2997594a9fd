// Linking commits, as a user does, in a real VS Code against the reference
// tracker: start work on an item, edit a file, commit from the Source Control
// view with the proposed trailer, see the commit on the item's panel and on
// the tracker; hover a reference in a file and open the item from it.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { linkListSchema } from '../../src/core/model';
import type { CommitLink } from '../../src/core/model';
import { saveScreenshot } from './support/artifacts';
import { TrackerReader } from './support/feedbackView';
import { useSession } from './support/session';
import { STEP_TIMEOUT_MS, eventually, openFeedbackView, openFile, runCommand, webviewFrame } from './support/workbench';

const ITEM = 'FB-12';
const HOVERED = 'FB-5';
const SUBJECT = 'Skip empty rows in the invoice export';

describe('Commit links', () => {
  const session = useSession({ name: 'commit-links', settings: { 'git.enableSmartCommit': true, 'git.suggestSmartCommit': false } });
  const tracker = new TrackerReader(() => {
    const running = session().tracker;
    assert.ok(running, 'the tracker runs');
    return running;
  });

  async function trackerLinks(id: string): Promise<CommitLink[]> {
    const running = session().tracker;
    assert.ok(running);
    const response = await fetch(`${running.url}/api/v1/items/${id}/links`, { headers: { authorization: `Bearer ${running.token}` } });
    return linkListSchema.parse(await response.json()).links;
  }


  // The current item's entry, not the branch's (whose name holds the id too).
  const currentItem = (page: Page) => page.locator('.statusbar-item', { hasText: ITEM }).filter({ hasNotText: 'feedback/' }).first();

  before(() => {
    // The commit is made by code-server's git: give the sample repository an author.
    const git = (...args: string[]) => execFileSync('git', args, { cwd: session().workspace });
    git('config', 'user.name', 'Ada Example');
    git('config', 'user.email', 'ada@example.com');
    fs.writeFileSync(path.join(session().workspace, 'NOTES.md'), `# Notes\n\nAsk the customers about retries:\n\n${HOVERED}\n`);
    git('add', 'NOTES.md');
    git('commit', '-q', '--no-verify', '-m', 'Add notes');
  });

  it('starts work on an item, commits with the proposed trailer, and shows the link on the panel and the tracker', async () => {
    const { page } = session();
    const item = await tracker.item(ITEM);
    await openFeedbackView(page);
    await page.locator('.monaco-list-row', { hasText: 'Open' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });

    await runCommand(page, 'Feedback Loop: Start Work on Item');
    const input = page.locator('.quick-input-widget input');
    await input.fill(ITEM);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: item.title }).first().click({ timeout: STEP_TIMEOUT_MS });
    const branch = await eventually(
      async () => execFileSync('git', ['branch', '--show-current'], { cwd: session().workspace, encoding: 'utf8' }).trim(),
      (name) => name.startsWith(`feedback/${ITEM}-`),
      'the branch named from the item',
    );
    await currentItem(page).waitFor({ timeout: STEP_TIMEOUT_MS });

    await openFile(page, 'export.ts', 'exportInvoices');
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nexport const SKIP_EMPTY_ROWS = true;\n');
    await page.keyboard.press('Control+S');

    await page.keyboard.press('Control+Shift+G');
    const box = page.locator('.scm-editor .monaco-editor').first();
    await box.waitFor({ timeout: STEP_TIMEOUT_MS });
    await eventually(async () => (await box.innerText()).replace(/\s+/g, ' '), (text) => text.includes(`Feedback: rest:${ITEM}`), 'the proposed trailer');
    await box.click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.type(SUBJECT);
    await runCommand(page, 'Git: Stage All Changes');
    await page.locator('.scm-view .monaco-button', { hasText: 'Commit' }).first().click();
    const stageAll = page.locator('.monaco-dialog-box .monaco-button', { hasText: /^Yes$/ });
    if (await stageAll.isVisible().catch(() => false)) {
      await stageAll.click();
    }

    const message = await eventually(
      async () => execFileSync('git', ['log', '-1', '--format=%B'], { cwd: session().workspace, encoding: 'utf8' }),
      (text) => text.startsWith(SUBJECT),
      'the commit',
    );
    const trailers = execFileSync('git', ['interpret-trailers', '--parse'], { input: message, encoding: 'utf8' });
    assert.equal(trailers.trim(), `Feedback: rest:${ITEM}`, `git reads our trailer from ${JSON.stringify(message)} on ${branch}`);
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: session().workspace, encoding: 'utf8' }).trim();

    const links = await eventually(() => trackerLinks(ITEM), (all) => all.some((l) => l.sha === sha), 'the link on the tracker');
    assert.equal(links.find((l) => l.sha === sha)?.subject, SUBJECT);

    await currentItem(page).click();
    const panel = await webviewFrame(page, 'h1', item.title);
    const section = panel.locator('section.linked-commits');
    await section.getByText(SUBJECT).waitFor({ timeout: STEP_TIMEOUT_MS });
    await section.getByText(sha.slice(0, 7)).waitFor();
    // Found in history without any action: the sample commits that mention FB-12.
    await section.getByText('Quote CSV fields that hold commas (FB-12)').waitFor();
    await section.getByText('Retry webhook deliveries with backoff').waitFor();

    // A linked commit opens its changes in a multi-file diff, titled with its short sha.
    await section.locator('a.commit-sha', { hasText: sha.slice(0, 7) }).click();
    await page.locator('.tab', { hasText: sha.slice(0, 7) }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.locator('.monaco-diff-editor, .multiDiffEditor').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  });

  it('shows the item when hovering a reference, and opens it from the hover', async () => {
    const { page } = session();
    const item = await tracker.item(HOVERED);
    await openFile(page, 'NOTES.md', 'Ask the customers');
    // Cursor on the reference, then the keyboard's Show Hover (mouse hovers are flaky headless).
    await page.keyboard.press('Control+G');
    await page.locator('.quick-input-widget input').fill(':5:2');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+K');
    await page.keyboard.press('Control+I');
    const hover = page.locator('.monaco-hover', { hasText: item.title });
    await hover.waitFor({ timeout: STEP_TIMEOUT_MS });
    await saveScreenshot(page, 'commit-links', 'hover on a reference');
    await hover.getByText('Open feedback item', { exact: true }).click();
    await webviewFrame(page, 'h1', item.title);
  });
});
