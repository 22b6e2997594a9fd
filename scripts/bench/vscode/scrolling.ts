// Scrolling 1,000 rows: the Open group alone expanded, "Load more" clicked
// until it holds over 1,000 rows, then, `RUNS` times, the tree scrolled from
// its top through 1,000 rows with mouse-wheel events at 60 a second. The
// workbench page notes every animation frame meanwhile (a requestAnimationFrame
// loop: gaps between frames) and the browser's long animation frames
// (PerformanceObserver 'long-animation-frame'); frames over 50 ms are counted.
import type { Locator, Page } from 'playwright-core';
import { GROUP_LABELS, groupRow, setExpanded, waitForItems } from '../../../test/e2e/support/feedbackView';
import { eventually, sideBar, treeRow } from '../../../test/e2e/support/workbench';
import type { Section } from './figures';
import { openView, reloadWindow, SETTLE_MS } from './windows';

const ROWS = 1000;
/** Rows loaded before scrolling: enough below the top to scroll through ROWS of them and still fill the pane. */
const LOAD_UNTIL = 1200;
const RUNS = 5;
const WHEEL_DELTA = 100;
/** One wheel event a frame: a fast, steady flick of the wheel. */
const WHEEL_INTERVAL_MS = 16;
const CALIBRATION_EVENTS = 20;
const LONG_FRAME_MS = 50;
/** A point in the empty editor area, where the pointer rests between steps. */
const OFF_TREE = { x: 800, y: 450 };

/** Kept as strings: tsx would wrap a function's inner functions in a helper the page does not have. */
const START_RECORDING = `(() => {
  const rec = { gaps: [], loaf: [], stop: false, observer: null };
  window.__benchFrames = rec;
  let last = 0;
  const tick = (t) => {
    if (last) rec.gaps.push(t - last);
    last = t;
    if (!rec.stop) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    rec.observer = new PerformanceObserver((list) => { for (const e of list.getEntries()) rec.loaf.push(e.duration); });
    rec.observer.observe({ type: 'long-animation-frame' });
  }
  return rec.observer !== null;
})()`;

const STOP_RECORDING = `(() => {
  const rec = window.__benchFrames;
  rec.stop = true;
  if (rec.observer) {
    for (const e of rec.observer.takeRecords()) rec.loaf.push(e.duration);
    rec.observer.disconnect();
  }
  return { gaps: rec.gaps, loaf: rec.loaf };
})()`;

interface Recorded {
  readonly gaps: number[];
  readonly loaf: number[];
}

interface ScrollRun {
  readonly rows: number;
  readonly longFrames: number;
  readonly worstFrame: number;
  readonly longAnimationFrames: number;
  readonly worstLongAnimationFrame: number;
}

interface Pane {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
  readonly rowHeight: number;
}

/** Collapses every group but Open, so the only "Load more" row in the tree is Open's. */
async function openGroupAlone(page: Page): Promise<void> {
  const open = groupRow(page, 'Open');
  await setExpanded(open, false);
  for (const label of GROUP_LABELS.filter((l) => l !== 'Open')) {
    const row = groupRow(page, label);
    if ((await row.count()) > 0) {
      await setExpanded(row.first(), false);
    }
  }
  await setExpanded(open, true);
}

/** Pages the tree down with the keyboard (the focus is in it) until `row` is rendered; no pointer over it, so no hover. */
async function pageDownTo(page: Page, row: Locator): Promise<void> {
  for (let step = 0; step < 100 && (await row.count()) === 0; step++) {
    await page.keyboard.press('PageDown');
  }
  await row.first().waitFor();
}

/** Clicks Open's "Load more" row until the group holds `want` rows; answers how many it holds. */
async function loadRows(page: Page, want: number): Promise<number> {
  const loadMore = treeRow(page, /^Load more/);
  const loading = treeRow(page, /^Loading…/);
  for (let loads = 0; loads < 2 * Math.ceil(want / 100); loads++) {
    await pageDownTo(page, loadMore);
    const position = await loadMore.first().getAttribute('aria-posinset');
    if (position === null) {
      throw new Error('The "Load more" row has no aria-posinset');
    }
    const shown = Number(position) - 1;
    if (shown >= want) {
      return shown;
    }
    await loadMore.first().click();
    await page.mouse.move(OFF_TREE.x, OFF_TREE.y);
    const moved = async () => (await loading.count()) === 0 && ((await loadMore.count()) === 0 || Number(await loadMore.first().getAttribute('aria-posinset')) - 1 > shown);
    await eventually(moved, (done) => done, `the Open group to load more than ${shown} rows`);
  }
  throw new Error(`The Open group did not reach ${want} rows`);
}

/** The position in its group of the row a little below the pane's top (under a sticky group header). */
async function rowNearTop(page: Page, pane: Pane): Promise<number> {
  const point = { x: pane.x + pane.width / 2, y: pane.y + pane.rowHeight * 3.5 };
  const position = await page.evaluate((p) => document.elementFromPoint(p.x, p.y)?.closest('[role="treeitem"]')?.getAttribute('aria-posinset') ?? null, point);
  if (position === null) {
    throw new Error('No tree row near the top of the Feedback view');
  }
  return Number(position);
}

/** The tree at its top (Home, with the focus in it), the pointer over it, then `events` wheel events at 60 a second. */
async function wheelFromTop(page: Page, pane: Pane, events: number): Promise<{ rows: number; recorded: Recorded }> {
  await page.keyboard.press('Home');
  await page.mouse.move(OFF_TREE.x, OFF_TREE.y);
  await page.waitForTimeout(SETTLE_MS);
  const before = await rowNearTop(page, pane);
  await page.evaluate(START_RECORDING);
  // Onto the tree just before the first wheel event: a pointer resting on a row would open its hover first.
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  const startedAt = Date.now();
  for (let i = 0; i < events; i++) {
    const wait = startedAt + i * WHEEL_INTERVAL_MS - Date.now();
    if (wait > 0) {
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    await page.mouse.wheel(0, WHEEL_DELTA);
  }
  await page.mouse.move(OFF_TREE.x, OFF_TREE.y);
  await page.waitForTimeout(500);
  const recorded = (await page.evaluate(STOP_RECORDING)) as Recorded;
  return { rows: (await rowNearTop(page, pane)) - before, recorded };
}

async function scrollRun(page: Page, pane: Pane, events: number): Promise<ScrollRun> {
  const { rows, recorded } = await wheelFromTop(page, pane, events);
  const long = recorded.gaps.filter((g) => g > LONG_FRAME_MS);
  const loaf = recorded.loaf.filter((d) => d > LONG_FRAME_MS);
  return { rows, longFrames: long.length, worstFrame: Math.max(0, ...recorded.gaps), longAnimationFrames: loaf.length, worstLongAnimationFrame: Math.max(0, ...recorded.loaf) };
}

export async function measureScrolling(page: Page): Promise<Section> {
  await reloadWindow(page);
  await openView(page);
  await waitForItems(page);
  await openGroupAlone(page);
  const loaded = await loadRows(page, LOAD_UNTIL);
  const list = sideBar(page).locator('.monaco-list').first();
  const box = await list.boundingBox();
  const rowBox = await sideBar(page).locator('.monaco-list-row').first().boundingBox();
  if (!box || !rowBox) {
    throw new Error('The Feedback view has no box');
  }
  const pane: Pane = { ...box, rowHeight: rowBox.height };
  // How far one wheel event scrolls depends on VS Code's wheel handling: measured, then scaled to ROWS.
  const calibration = await wheelFromTop(page, pane, CALIBRATION_EVENTS);
  if (calibration.rows <= 0) {
    throw new Error(`${CALIBRATION_EVENTS} wheel events did not scroll the Feedback view`);
  }
  // 2% more, so that the rounding of a short calibration never leaves a run short of ROWS.
  const events = Math.ceil(((ROWS * 1.02) / calibration.rows) * CALIBRATION_EVENTS);
  const runs: ScrollRun[] = [];
  for (let i = 0; i < RUNS; i++) {
    runs.push(await scrollRun(page, pane, events));
  }
  console.log(`  scrolling: ${loaded} rows loaded, ${pane.rowHeight}px rows, ${events} wheel events of ${WHEEL_DELTA}; per run: ` +
    runs.map((r) => `${r.rows} rows, ${r.longFrames} long (worst ${r.worstFrame.toFixed(0)} ms), LoAF ${r.longAnimationFrames} (worst ${r.worstLongAnimationFrame.toFixed(0)} ms)`).join('; '));
  const short = runs.filter((r) => r.rows < ROWS);
  if (short.length > 0) {
    throw new Error(`Runs scrolled fewer than ${ROWS} rows: ${short.map((r) => r.rows).join(', ')}`);
  }
  return {
    heading: `Scrolling ${ROWS} rows of the Open group (${loaded} loaded) with the mouse wheel`,
    rows: [
      { name: `frames longer than ${LONG_FRAME_MS} ms (gaps between animation frames)`, values: runs.map((r) => r.longFrames), unit: 'frames', budget: '—' },
      { name: 'worst frame (gap between animation frames)', values: runs.map((r) => r.worstFrame), unit: 'ms', budget: '—' },
      { name: `long animation frames > ${LONG_FRAME_MS} ms (PerformanceObserver)`, values: runs.map((r) => r.longAnimationFrames), unit: 'frames', budget: '—' },
      { name: 'worst long animation frame (PerformanceObserver)', values: runs.map((r) => r.worstLongAnimationFrame), unit: 'ms', budget: '—' },
    ],
  };
}
