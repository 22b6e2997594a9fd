// The pictures of the walkthrough and the README, taken in a real VS Code as a
// user meets the extension: a fresh install, sample data, an item, a reply, a
// commit link, a trade-off. Each shot is cropped to the part it shows and kept
// narrow (≤ 700 px) so the walkthrough can show it whole;
// `npm run screenshots` (scripts/screenshots.ts) copies them into the project.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { testResultsDir } from '../../scripts/realVscode/paths';
import { visibleItemRows, waitForItems } from './support/feedbackView';
import { useSession } from './support/session';
import { STEP_TIMEOUT_MS, eventually, markTradeOff, openFeedbackView, runCommand, selectWebhookRetries, sideBar, webviewFrame, workbenchAtRest } from './support/workbench';

/** Read by scripts/screenshots.ts. */
const SHOTS_DIR = path.join(testResultsDir, 'screenshots');
const MAX_WIDTH = 700;
const REPLY = 'Thanks! This is planned for the next release; we will tell you here when it ships.';
const SUMMARY = 'Retry 5 times, not until delivered';
const RATIONALE = 'Unbounded retries would hold **webhook workers** for hours.';

/** Saves a cropped shot of `target`, at most MAX_WIDTH wide (the left part of a wider target). */
async function shot(page: Page, name: string, target: Locator): Promise<void> {
  await workbenchAtRest(page);
  const box = await target.boundingBox();
  assert.ok(box, `${name}: its target is visible`);
  fs.mkdirSync(SHOTS_DIR, { recursive: true });
  const clip = { x: box.x, y: box.y, width: Math.min(box.width, MAX_WIDTH), height: box.height };
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`), clip });
}

const editorPart = (page: Page) => page.locator('[id="workbench.parts.editor"]');

/** Drags the side bar's sash so rows show their demand instead of an ellipsis. */
async function widenSideBar(page: Page, width: number): Promise<void> {
  const bar = await sideBar(page).boundingBox();
  assert.ok(bar);
  const edge = bar.x + bar.width;
  const sashes = page.locator('.monaco-sash.vertical');
  for (let i = 0; i < (await sashes.count()); i++) {
    const sash = await sashes.nth(i).boundingBox();
    if (sash && Math.abs(sash.x + sash.width / 2 - edge) <= 4 && sash.height > bar.height / 2) {
      const y = sash.y + sash.height / 2;
      await page.mouse.move(sash.x + sash.width / 2, y);
      await page.mouse.down();
      await page.mouse.move(bar.x + width, y, { steps: 8 });
      await page.mouse.up();
      await eventually(async () => (await sideBar(page).boundingBox())?.width ?? 0, (w) => w > bar.width + 50, 'a wider side bar', 10_000);
      return;
    }
  }
  assert.fail('no sash on the side bar edge');
}

/** Collapses or expands a view of the side bar by its header, to give the others room. */
async function setViewExpanded(page: Page, name: string, expanded: boolean): Promise<void> {
  const header = sideBar(page).locator('.pane-header', { hasText: name });
  if ((await header.getAttribute('aria-expanded')) !== String(expanded)) {
    await header.click();
  }
  await eventually(() => header.getAttribute('aria-expanded'), (value) => value === String(expanded), `${name} ${expanded ? 'expanded' : 'collapsed'}`);
}

/** The item id the Conversation view shows for the selected item. */
async function selectedItemId(page: Page, title: string): Promise<string> {
  const frame = await webviewFrame(page, '.conversation-header', title);
  const header = await frame.locator('.conversation-header').innerText();
  const id = /\b[A-Z]+-\d+\b/.exec(header)?.[0];
  assert.ok(id, `an item id in the Conversation header: ${header}`);
  return id;
}


describe('Screenshots of each feature', () => {
  const session = useSession({ name: 'screenshots', tracker: false, settings: { 'workbench.startupEditor': 'none' } });
  let title = '';
  let id = '';

  before(async () => {
    fs.rmSync(SHOTS_DIR, { recursive: true, force: true });
    await session().page.setViewportSize({ width: 1120, height: 760 });
  });

  it('connect: the welcome view offers a tracker or sample data', async () => {
    const { page } = session();
    await openFeedbackView(page);
    await sideBar(page).getByRole('button', { name: 'Try with Sample Data' }).waitFor();
    await shot(page, 'connect', sideBar(page));
  });

  it('feedback view: items ranked by demand', async () => {
    const { page } = session();
    await sideBar(page).getByRole('button', { name: 'Try with Sample Data' }).click();
    await waitForItems(page);
    await setViewExpanded(page, 'Trade-Offs', false);
    await setViewExpanded(page, 'Conversation', false);
    await widenSideBar(page, 440);
    const [first] = await visibleItemRows(page);
    title = first.title;
    await shot(page, 'feedback-view', sideBar(page));
  });

  it('item panel: the whole story of one item', async () => {
    const { page } = session();
    await sideBar(page).getByRole('treeitem', { name: new RegExp(`^${escapeRegExp(title)}, \\d+ votes?, `) }).first().click();
    const panel = await webviewFrame(page, 'h1', title);
    await panel.locator('h1', { hasText: title }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await setViewExpanded(page, 'Conversation', true);
    id = await selectedItemId(page, title);
    await shot(page, 'item-panel', editorPart(page));
  });

  it('reply: the Conversation view with a reply drafted', async () => {
    const { page } = session();
    await setViewExpanded(page, 'Conversation', true);
    const frame = await webviewFrame(page, '.conversation-header', title);
    await frame.locator('.composer-input').fill(REPLY);
    // The same picture each time: the draft has been written, as the composer then says.
    await frame.locator('.composer-saved', { hasText: 'Draft saved' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await shot(page, 'reply', sideBar(page));
  });

  it('link a commit: Start Work proposes the trailer in the commit message box', async () => {
    const { page } = session();
    await runCommand(page, 'Feedback Loop: Start Work on Item');
    await page.locator('.quick-input-widget input').fill(id);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().click({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.press('Control+Shift+G');
    const box = page.locator('.scm-editor .monaco-editor').first();
    await box.waitFor({ timeout: STEP_TIMEOUT_MS });
    await eventually(async () => (await box.innerText()).replace(/\s+/g, ' '), (text) => text.includes(`Feedback: rest:${id}`), 'the proposed trailer');
    await shot(page, 'link-commit', sideBar(page));
  });

  it('trade-off: a thread on the marked lines', async () => {
    const { page } = session();
    await runCommand(page, 'View: Close All Editors');
    await selectWebhookRetries(page);
    await markTradeOff(page, { id, title }, SUMMARY, RATIONALE);
    await page.locator('.review-widget', { hasText: SUMMARY }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await shot(page, 'trade-off', editorPart(page));
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
