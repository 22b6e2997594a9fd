// `npm run bench:vscode`: how fast the Feedback view and the item panel show
// in a real VS Code (code-server 4.139.1 and headless Chromium) against the
// reference tracker seeded with 10,000 items. Not a test: it measures and
// prints; figures over budget are reported, not failed. It exits non-zero only
// when something could not be measured. E2E_SKIP_BUILD=1 reuses dist/ as it is.
//   Run it alone: `flock /tmp/e2e.lock npm run bench:vscode` (code-server is shared).
import type { Locator, Page } from 'playwright-core';
import { repoRoot } from '../../realVscode/paths';
import { run } from '../../realVscode/processes';
import { ensureRealVscode } from '../../realVscode/setup';
import { clearArtifacts, saveFailureArtifacts } from '../../../test/e2e/support/artifacts';
import { itemRow, visibleItemRows } from '../../../test/e2e/support/feedbackView';
import { Session } from '../../../test/e2e/support/session';
import { runCommand, sideBar, STEP_TIMEOUT_MS, visibleRowNames } from '../../../test/e2e/support/workbench';
import { clickAt, PaintMarks, rowUnderGroupPainted } from './paintMarks';

const ITEMS = 10_000;
/** Reloaded windows measured after the first one. */
const RELOADS = 5;
const LATER_CLICKS_PER_WINDOW = 3;
/** Quiet time after a window loads and between clicks, so one step's tail is not billed to the next. */
const SETTLE_MS = 2000;
const BETWEEN_CLICKS_MS = 300;

type Box = NonNullable<Awaited<ReturnType<Locator['boundingBox']>>>;

interface PanelFigures {
  readonly title: number;
  readonly details: number;
}

interface WindowFigures {
  readonly view: number;
  readonly first: PanelFigures;
  readonly later: PanelFigures[];
}

const activityEntry = (page: Page) => page.locator('.activitybar a.action-label[aria-label^="Feedback Loop"]');
const feedbackTitle = (page: Page) => sideBar(page).locator('.composite.title', { hasText: 'Feedback Loop' });

/** Waits until the workbench shows the Feedback Loop entry, then lets it settle; the Feedback view must still be closed. */
async function settle(page: Page): Promise<void> {
  await page.locator('.monaco-workbench').waitFor({ timeout: STEP_TIMEOUT_MS });
  await activityEntry(page).waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.waitForTimeout(SETTLE_MS);
  if ((await feedbackTitle(page).isVisible()) || (await page.locator('iframe.webview').count()) > 0) {
    throw new Error('The window restored the Feedback view or a panel: it is not fresh');
  }
}

/**
 * Reloads the window with nothing to restore (no panel, the Explorer in the
 * side bar), so the Feedback view opens on our click, not on restore.
 */
async function reloadWindow(page: Page): Promise<void> {
  await runCommand(page, 'View: Close All Editors');
  await runCommand(page, 'View: Show Explorer');
  // Not waiting for `load`: it can come long after the workbench is usable.
  await page.reload({ waitUntil: 'commit', timeout: STEP_TIMEOUT_MS });
  await settle(page);
}

async function openView(page: Page): Promise<number> {
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
    await sideBar(page).getByRole('treeitem').first().hover();
    await page.mouse.wheel(0, 200);
    await page.mouse.move(800, 450); // off the tree: no row hover over the next click
    await page.waitForTimeout(BETWEEN_CLICKS_MS);
  }
  throw new Error(`No item row left to open; opened: ${[...opened].join(', ')}`);
}

async function openPanel(page: Page, marks: PaintMarks, opened: Set<string>): Promise<PanelFigures> {
  const { title, box } = await nextRow(page, opened);
  opened.add(title);
  marks.reset();
  const startedAt = await clickAt(page, box);
  const titleAt = await marks.panel('title', title, STEP_TIMEOUT_MS);
  const detailsAt = await marks.panel('details', title, STEP_TIMEOUT_MS);
  return { title: titleAt - startedAt, details: detailsAt - startedAt };
}

async function measureWindow(page: Page, marks: PaintMarks): Promise<WindowFigures> {
  const view = await openView(page);
  const opened = new Set<string>();
  const first = await openPanel(page, marks, opened);
  const later: PanelFigures[] = [];
  for (let i = 0; i < LATER_CLICKS_PER_WINDOW; i++) {
    await page.waitForTimeout(BETWEEN_CLICKS_MS);
    later.push(await openPanel(page, marks, opened));
  }
  return { view, first, later };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const ms = (v: number) => `${v.toFixed(0)} ms`;

function row(name: string, values: readonly number[], budget: string): void {
  const range = `[${ms(Math.min(...values))} – ${ms(Math.max(...values))}]`;
  console.log(`${`${name} (${values.length})`.padEnd(60)} ${ms(median(values)).padStart(8)}   ${`(budget ${budget})`.padEnd(20)} ${range}`);
}

function report(first: WindowFigures, reloaded: readonly WindowFigures[]): void {
  const later = [first, ...reloaded].flatMap((w) => w.later);
  console.log(`\nmedian (count) [min – max]; from just before the click to the first animation frame showing it\n`);
  row('open Feedback view → first item rows', reloaded.map((w) => w.view), '—');
  row('row click → panel title, first panel of a window', reloaded.map((w) => w.first.title), '≤ 1000 ms');
  row('row click → panel title, later panels', later.map((p) => p.title), '≤ 150 ms');
  row('row click → details, first panel of a window', reloaded.map((w) => w.first.details), '≤ 1000 ms');
  row('row click → details, later panels', later.map((p) => p.details), '≤ 1000 ms');
  console.log('the first window after code-server started (not in the rows above):');
  row('  open Feedback view → first item rows', [first.view], '—');
  row('  row click → panel title, first panel', [first.first.title], '≤ 1000 ms');
  row('  row click → details, first panel', [first.first.details], '≤ 1000 ms');
}

function describe(w: WindowFigures): string {
  const later = w.later.map((p) => p.title.toFixed(0)).join(' ');
  return `view ${ms(w.view)}, first panel ${ms(w.first.title)} (details ${ms(w.first.details)}), later titles ${later} ms`;
}

/** The session's page as Session.start loaded it, then reloaded `RELOADS` times. */
async function measureAll(page: Page): Promise<[WindowFigures, WindowFigures[]]> {
  const marks = await PaintMarks.install(page);
  const windows: WindowFigures[] = [];
  for (let i = 0; i <= RELOADS; i++) {
    await (i === 0 ? settle(page) : reloadWindow(page));
    windows.push(await measureWindow(page, marks));
    console.log(`window ${i + 1}/${RELOADS + 1}: ${describe(windows[i])}`);
  }
  const [first, ...reloaded] = windows;
  return [first, reloaded];
}

async function main(): Promise<void> {
  await ensureRealVscode();
  if (process.env.E2E_SKIP_BUILD !== '1') {
    await run(process.execPath, ['esbuild.js'], { cwd: repoRoot });
  }
  clearArtifacts('bench-vscode');
  const session = await Session.start({ name: 'bench-vscode', tracker: { size: ITEMS } });
  try {
    console.log(`code-server ${session.codeServer.url}, Chromium ${session.browser.version()}, ${ITEMS} items`);
    report(...(await measureAll(session.page)));
  } catch (error) {
    await saveFailureArtifacts(session, 'bench');
    throw error;
  } finally {
    await session.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
