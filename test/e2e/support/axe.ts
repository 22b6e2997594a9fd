// axe-core in a webview, as an accessibility checker sees the page a user
// gets: its source evaluated in the webview's content frame (through the
// DevTools protocol, which the page's Content-Security-Policy does not govern:
// a <script> tag would be refused), then axe.run on the whole document.
import * as fs from 'node:fs';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Frame, Page } from 'playwright-core';
import { STEP_TIMEOUT_MS } from './workbench';

const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  readonly id: string;
  readonly impact: ImpactValue | undefined;
  readonly help: string;
  /** Each offending element: its selector and what axe says is wrong with it. */
  readonly nodes: readonly string[];
}

/** axe's own ranking: serious and critical block a user; moderate and minor hinder one. */
export const BLOCKING: readonly ImpactValue[] = ['serious', 'critical'];

/**
 * The Playwright Frame of the webview whose document holds `selector`: the
 * `#active-frame` inside one of the workbench's `iframe.webview.ready`.
 */
export async function webviewContentFrame(page: Page, selector: string): Promise<Frame> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
      if (await frame.evaluate((s) => document.querySelector(s) !== null, selector).catch(() => false)) {
        return frame;
      }
    }
    if (Date.now() > deadline) {
      throw new Error(`No webview frame holds ${selector}`);
    }
    await page.waitForTimeout(250);
  }
}

interface AxeApi {
  run(context: Document, options: { resultTypes: string[] }): Promise<AxeResults>;
}

/** Runs axe on the frame's document; returns its violations (every impact). */
export async function runAxe(frame: Frame): Promise<AxeViolation[]> {
  if (!(await frame.evaluate(() => 'axe' in window))) {
    await frame.evaluate(AXE_SOURCE);
  }
  return frame.evaluate(async () => {
    const axe = (window as unknown as { axe: AxeApi }).axe;
    const results = await axe.run(document, { resultTypes: ['violations'] });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`.replace(/\s+/g, ' ')),
    }));
  });
}

export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations.map((v) => `  [${v.impact ?? '?'}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `      ${n}`).join('\n')}`).join('\n');
}
