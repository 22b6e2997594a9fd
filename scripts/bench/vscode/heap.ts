// The extension host's heap (after a full garbage collection, read by the
// probe: probe.ts), `READS` readings per state:
// - a fresh window, the extension active, nothing open (the workspace holds a
//   .feedback/tradeoffs.json, so the extension activates as the window loads,
//   as it does for teams sharing trade-offs);
// - the Feedback view shown; 50 item panels opened one after another (preview
//   reuse turned off, so each is a panel of its own); all of them closed; the
//   same 50 opened and closed again (growth then is a leak, not a cache);
// - a fresh window again, then 10,000 items paged into the store through the
//   store's own "Load more" path.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { waitForItems } from '../../../test/e2e/support/feedbackView';
import type { Session } from '../../../test/e2e/support/session';
import { eventually, runCommand, sideBar } from '../../../test/e2e/support/workbench';
import type { Row, Section } from './figures';
import { differences } from './figures';
import type { PaintMarks } from './paintMarks';
import type { Probe } from './probe';
import { BETWEEN_CLICKS_MS, openPanel, openView, reloadWindow, SETTLE_MS } from './windows';

const READS = 5;
const PANELS = 50;
const MB = 1024 * 1024;

const tabs = (page: Page) => page.locator('.tabs-container .tab');

/** After a reload: the first reading waits for the extension to activate; the next ones, for the window's start to settle. */
async function afterReload(page: Page, probe: Probe): Promise<number[]> {
  await probe.read();
  await page.waitForTimeout(SETTLE_MS);
  return heapMB(probe);
}

async function heapMB(probe: Probe): Promise<number[]> {
  const values: number[] = [];
  for (let i = 0; i < READS; i++) {
    values.push((await probe.read()).heapUsed / MB);
  }
  return values;
}

/** Activation as the window loads, and every item panel a panel of its own. */
function prepare(session: Session): void {
  const tradeOffs = path.join(session.workspace, '.feedback', 'tradeoffs.json');
  fs.mkdirSync(path.dirname(tradeOffs), { recursive: true });
  fs.writeFileSync(tradeOffs, '{\n  "version": 1,\n  "tradeoffs": []\n}\n');
  const settingsFile = path.join(session.codeServer.userDataDir, 'User', 'settings.json');
  const settings = JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(settingsFile, `${JSON.stringify({ ...settings, 'workbench.editor.enablePreview': false }, null, 2)}\n`);
}

/** Opens `PANELS` item panels from the top of the Feedback view down, one after another, then closes them all. */
async function openAndClose(page: Page, marks: PaintMarks, probe: Probe): Promise<{ open: number[]; closed: number[] }> {
  const tree = await sideBar(page).locator('.monaco-list').first().boundingBox();
  if (!tree) {
    throw new Error('The Feedback view has no box');
  }
  await page.mouse.move(tree.x + tree.width / 2, tree.y + tree.height / 2);
  await page.mouse.wheel(0, -100_000);
  await page.waitForTimeout(BETWEEN_CLICKS_MS);
  const opened = new Set<string>();
  for (let i = 0; i < PANELS; i++) {
    await openPanel(page, marks, opened);
  }
  const shown = await tabs(page).count();
  if (shown < PANELS) {
    throw new Error(`${PANELS} panels opened, ${shown} tabs shown: were preview panels reused?`);
  }
  await page.waitForTimeout(SETTLE_MS);
  const open = await heapMB(probe);
  await runCommand(page, 'View: Close All Editors');
  await eventually(() => tabs(page).count(), (n) => n === 0, 'every panel closed');
  await page.waitForTimeout(SETTLE_MS);
  return { open, closed: await heapMB(probe) };
}

async function panelsOpenedAndClosed(page: Page, marks: PaintMarks, probe: Probe): Promise<Row[]> {
  await reloadWindow(page);
  const baseline = await afterReload(page, probe);
  await openView(page);
  await waitForItems(page);
  await page.waitForTimeout(SETTLE_MS);
  const viewShown = await heapMB(probe);
  const first = await openAndClose(page, marks, probe);
  // The same rows again: what the first round cached (item details) is reused; what it leaked per panel is leaked again.
  const again = await openAndClose(page, marks, probe);
  const at = (values: number[]) => values[0].toFixed(1);
  console.log(`  heap (MB): nothing open ${at(baseline)}, view ${at(viewShown)}, ${PANELS} panels ${at(first.open)}, closed ${at(first.closed)}, the same ${PANELS} again ${at(again.open)}, closed ${at(again.closed)}`);
  return [
    { name: 'window loaded, extension active, nothing open', values: baseline, unit: 'MB', budget: '—' },
    { name: 'Feedback view shown (first rows of each group)', values: viewShown, unit: 'MB', budget: '—' },
    { name: `${PANELS} item panels opened one after another`, values: first.open, unit: 'MB', budget: '—' },
    { name: 'all closed (View: Close All Editors, then GC)', values: first.closed, unit: 'MB', budget: '—' },
    { name: '  left after closing (closed − view shown)', values: differences(first.closed, viewShown), unit: 'MB', budget: '—' },
    { name: `the same ${PANELS} opened again`, values: again.open, unit: 'MB', budget: '—' },
    { name: 'all closed again', values: again.closed, unit: 'MB', budget: '—' },
    { name: '  growth over the second round (closed again − closed)', values: differences(again.closed, first.closed), unit: 'MB', budget: 'none' },
  ];
}

async function tenThousandItems(page: Page, probe: Probe, expected: number): Promise<Row[]> {
  await reloadWindow(page);
  const empty = await afterReload(page, probe);
  const startedAt = Date.now();
  const loaded = await probe.read('loadAll');
  if (loaded.error !== undefined || loaded.more.length > 0 || loaded.items < expected) {
    throw new Error(`The store holds ${loaded.items} items (more in: ${loaded.more.join(', ') || 'none'}): ${loaded.error ?? 'no error'}`);
  }
  const full = await heapMB(probe);
  console.log(`  ${loaded.items} items paged into the store in ${((Date.now() - startedAt) / 1000).toFixed(1)} s`);
  return [
    { name: 'fresh window, extension active, store empty', values: empty, unit: 'MB', budget: '—' },
    { name: `${loaded.items} items in the store`, values: full, unit: 'MB', budget: '—' },
    { name: `  ${loaded.items} items above the empty window`, values: differences(full, empty), unit: 'MB', budget: '≤ 60 MB' },
  ];
}

export async function measurePanelHeap(session: Session, marks: PaintMarks, probe: Probe): Promise<Section> {
  prepare(session);
  return { heading: 'Extension host heap (heapUsed after a full GC)', rows: await panelsOpenedAndClosed(session.page, marks, probe) };
}

export async function measureCachedHeap(session: Session, probe: Probe, items: number): Promise<Section> {
  prepare(session);
  return { heading: `Extension host heap with ${items} items cached`, rows: await tenThousandItems(session.page, probe, items) };
}
