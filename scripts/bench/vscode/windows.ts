// Window steps every measurement of `npm run bench:vscode` shares: a fresh
// window with nothing to restore, the Feedback view opened by a click on its
// activity bar entry, and item panels opened by clicks on rows not opened yet.
import type { Locator, Page } from 'playwright-core';
import { itemRow, visibleItemRows } from '../../../test/e2e/support/feedbackView';
import { runCommand, sideBar, STEP_TIMEOUT_MS, visibleRowNames } from '../../../test/e2e/support/workbench';
import type { PaintMarks } from './paintMarks';
import { clickAt, rowUnderGroupPainted } from './paintMarks';

/** Quiet time after a window loads and between clicks, so one step's tail is not billed to the next. */
export const SETTLE_MS = 2000;
export const BETWEEN_CLICKS_MS = 300;

type Box = NonNullable<Awaited<ReturnType<Locator['boundingBox']>>>;

export interface PanelFigures {
  readonly title: number;
  readonly details: number;
}

const activityEntry = (page: Page) => page.locator('.activitybar a.action-label[aria-label^="Feedback Loop"]');
const feedbackTitle = (page: Page) => sideBar(page).locator('.composite.title', { hasText: 'Feedback Loop' });

async function isFresh(page: Page): Promise<boolean> {
  return !(await feedbackTitle(page).isVisible()) && (await page.locator('iframe.webview').count()) === 0;
}

/** Waits until the workbench shows the Feedback Loop entry, then lets it settle; the Feedback view must still be closed. */
export async function settle(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
  await activityEntry(page).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.waitForTimeout(SETTLE_MS);
  if (!(await isFresh(page))) {
    throw new Error('The window restored the Feedback view or a panel: it is not fresh');
  }
}

/**
 * Reloads the window with nothing to restore (no panel, the Explorer in the
 * side bar), so the Feedback view opens on our click, not on restore. The
 * workbench saves its layout as the page unloads, and that save is sometimes
 * lost: then the window comes back with the Feedback view, and is reloaded again.
 */
export async function reloadWindow(page: Page): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    await runCommand(page, 'View: Close All Editors');
    await runCommand(page, 'View: Show Explorer');
    // Not waiting for `load`: it can come long after the workbench is usable.
    await page.reload({ waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
    await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
    await activityEntry(page).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.waitForTimeout(SETTLE_MS);
    if (await isFresh(page)) {
      return;
    }
    if (attempt === 3) {
      throw new Error(`The window restored the Feedback view or a panel ${attempt} times: it is not fresh`);
    }
    console.log('  (the window came back with the Feedback view: reloading it again)');
  }
}

/** Clicks the activity bar entry; answers the time to the first frame with item rows under a group. */
export async function openView(page: Page): Promise<number> {
  const box = await activityEntry(page).boundingBox();
  if (!box) {
    throw new Error('The Feedback Loop activity bar entry has no box');
  }
  const startedAt = await clickAt(page, box);
  const shownAt = await rowUnderGroupPainted(page, STEP_TIMEOUT_MS);
  if ((await visibleItemRows(page)).length === 0) {
    throw new Error(`The first rows the Feedback view showed are not item rows: ${(await visibleRowNames(page)).join(' | ')}`);
  }
  return shownAt - startedAt;
}

/** The box of `row` if a click at its middle lands on it (not on a header, a hover, the next pane). */
async function clickTarget(row: Locator): Promise<Box | null> {
  const box = await row.boundingBox();
  const middle = box && { x: box.x + box.width / 2, y: box.y + box.height / 2 };
  const hit = middle && (await row.evaluate((element, p) => document.elementFromPoint(p.x, p.y)?.closest('[role="treeitem"]') === element, middle));
  return hit ? box : null;
}

/** An item row whose panel is not open yet, fully clickable; scrolls the view down when every shown one was opened. */
async function nextRow(page: Page, opened: ReadonlySet<string>): Promise<{ title: string; box: Box }> {
  for (let scrolls = 0; scrolls < 20; scrolls++) {
    for (const { title } of await visibleItemRows(page)) {
      const box = opened.has(title) ? null : await clickTarget(itemRow(page, title).first());
      if (box) {
        return { title, box };
      }
    }
    // Over the middle of the tree: its first row may sit under the sticky group header.
    const tree = await sideBar(page).locator('.monaco-list').first().boundingBox();
    if (!tree) {
      throw new Error('The Feedback view has no box');
    }
    await page.mouse.move(tree.x + tree.width / 2, tree.y + tree.height / 2);
    await page.mouse.wheel(0, 200);
    await page.mouse.move(800, 450); // off the tree: no row hover over the next click
    await page.waitForTimeout(BETWEEN_CLICKS_MS);
  }
  throw new Error(`No item row left to open; opened: ${[...opened].join(', ')}`);
}

/** Clicks the next row not opened yet; answers the times to its panel's title and details. */
export async function openPanel(page: Page, marks: PaintMarks, opened: Set<string>): Promise<PanelFigures> {
  const { title, box } = await nextRow(page, opened);
  opened.add(title);
  marks.reset();
  const startedAt = await clickAt(page, box);
  try {
    const titleAt = await marks.panel('title', title, STEP_TIMEOUT_MS);
    const detailsAt = await marks.panel('details', title, STEP_TIMEOUT_MS);
    return { title: titleAt - startedAt, details: detailsAt - startedAt };
  } catch (error) {
    throw new Error(`${String(error)}; the frames' headings: ${(await frameHeadings(page)).join(' | ')}`);
  }
}

/** What each frame shows as its first heading, to tell why a mark did not come. */
async function frameHeadings(page: Page): Promise<string[]> {
  const headings: string[] = [];
  for (const frame of page.frames()) {
    const text = await frame.evaluate(() => document.querySelector('h1')?.textContent ?? '', undefined).catch((e: unknown) => `(${String(e).slice(0, 60)})`);
    if (text) {
      headings.push(`${frame.url().slice(0, 50)}: ${text}`);
    }
  }
  return headings;
}
