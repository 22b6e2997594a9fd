// Open the Feedback view → rows, and row click → item panel (title, details):
// the first window after code-server started, then `RELOADS` fresh windows,
// each opening one panel and then `LATER_CLICKS_PER_WINDOW` more.
import type { Page } from 'playwright-core';
import type { Section } from './figures';
import type { PaintMarks } from './paintMarks';
import type { PanelFigures } from './windows';
import { BETWEEN_CLICKS_MS, openPanel, openView, reloadWindow, settle } from './windows';

/** Reloaded windows measured after the first one. */
const RELOADS = 5;
const LATER_CLICKS_PER_WINDOW = 3;

interface WindowFigures {
  readonly view: number;
  readonly first: PanelFigures;
  readonly later: PanelFigures[];
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

const ms = (v: number) => `${v.toFixed(0)} ms`;

function describe(w: WindowFigures): string {
  const later = w.later.map((p) => p.title.toFixed(0)).join(' ');
  return `view ${ms(w.view)}, first panel ${ms(w.first.title)} (details ${ms(w.first.details)}), later titles ${later} ms`;
}

function sections(first: WindowFigures, reloaded: readonly WindowFigures[]): Section[] {
  const later = [first, ...reloaded].flatMap((w) => w.later);
  return [
    {
      heading: 'Feedback view and item panel',
      rows: [
        { name: 'open Feedback view → first item rows', values: reloaded.map((w) => w.view), unit: 'ms', budget: '—' },
        { name: 'row click → panel title, first panel of a window', values: reloaded.map((w) => w.first.title), unit: 'ms', budget: '≤ 1000 ms' },
        { name: 'row click → panel title, later panels', values: later.map((p) => p.title), unit: 'ms', budget: '≤ 150 ms' },
        { name: 'row click → details, first panel of a window', values: reloaded.map((w) => w.first.details), unit: 'ms', budget: '≤ 1000 ms' },
        { name: 'row click → details, later panels', values: later.map((p) => p.details), unit: 'ms', budget: '≤ 1000 ms' },
      ],
    },
    {
      heading: 'the first window after code-server started (not in the rows above):',
      rows: [
        { name: '  open Feedback view → first item rows', values: [first.view], unit: 'ms', budget: '—' },
        { name: '  row click → panel title, first panel', values: [first.first.title], unit: 'ms', budget: '≤ 1000 ms' },
        { name: '  row click → details, first panel', values: [first.first.details], unit: 'ms', budget: '≤ 1000 ms' },
      ],
    },
  ];
}

/** The session's page as Session.start loaded it, then reloaded `RELOADS` times. */
export async function measurePanels(page: Page, marks: PaintMarks): Promise<Section[]> {
  const windows: WindowFigures[] = [];
  for (let i = 0; i <= RELOADS; i++) {
    await (i === 0 ? settle(page) : reloadWindow(page));
    windows.push(await measureWindow(page, marks));
    console.log(`  window ${i + 1}/${RELOADS + 1}: ${describe(windows[i])}`);
  }
  const [first, ...reloaded] = windows;
  return sections(first, reloaded);
}
