// The Feedback view's contract as the e2e tests read it: group rows "Open 100+ items",
// item rows shown "▲42 <title>  7 customers · $12.4k/mo" and named (for screen readers)
// "<title>, 42 votes, 7 customers, $12.4k a month", a "Load more" row, an error row
// whose label starts with the reason. Other rows' accessible names are
// "label description" (or the tooltip when it is plain text).
import type { Locator, Page } from 'playwright-core';
import * as z from 'zod/mini';
import type { RunningTracker } from '../../../src/reference-tracker/server';
import { commentPageSchema, commentSchema, itemPageSchema, itemSchema, itemSummarySchema } from '../../../src/core/model';
import type { Comment, FeedbackItem, ItemSummary } from '../../../src/core/model';
import { parseOrThrow } from '../../../src/core/validation';
import { eventually, sideBar, treeRow, visibleRowNames } from './workbench';

export const GROUP_LABELS = ['Open', 'Under Review', 'Planned', 'In Progress', 'Shipped', 'Closed'] as const;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The group row, e.g. "Open 100+ items". */
export function groupRow(page: Page, label: string): Locator {
  return treeRow(page, new RegExp(`^${escapeRegExp(label)} \\d+\\+? items?`));
}

/**
 * A connection's root row (with several connections), e.g. "Server B, 120+
 * items"; `name` is matched at the start. Not its copy in the sticky header
 * VS Code keeps above the rows while the root's rows are scrolled through.
 */
export function connectionRow(page: Page, name: string | RegExp): Locator {
  const start = typeof name === 'string' ? escapeRegExp(name) : name.source;
  return treeRow(page, new RegExp(`^${start}(, | loading…)`)).and(sideBar(page).locator('.monaco-list-row:not(.monaco-tree-sticky-row)'));
}

/** The item row of the item titled `title` (its accessible name: the title, then its demand in words). */
export function itemRow(page: Page, title: string): Locator {
  return treeRow(page, new RegExp(`^${escapeRegExp(title)}, \\d+ (?:votes?|requests?), `));
}

export interface ItemRowInfo {
  readonly name: string;
  /** The item's title. */
  readonly title: string;
  readonly votes: number;
  readonly stale: boolean;
}

/** Item rows currently rendered, in order, with their vote counts. */
export async function visibleItemRows(page: Page): Promise<ItemRowInfo[]> {
  const rows: ItemRowInfo[] = [];
  for (const name of await visibleRowNames(page)) {
    const votes = /, (\d+) (?:votes?|requests?), \d+ customers?/.exec(name);
    if (votes) {
      rows.push({ name, title: name.slice(0, votes.index), votes: Number(votes[1]), stale: /, stale(, pending)?$/.test(name) });
    }
  }
  return rows;
}

/** Waits until the view shows the first group: the tree has loaded from the tracker. */
export async function waitForItems(page: Page): Promise<void> {
  await eventually(() => visibleItemRows(page), (rows) => rows.length > 0, 'item rows in the Feedback view');
}

/**
 * Clicks a collapsible row until its `aria-expanded` says `expanded` and, when
 * opening it, until it stays open. A click that lands while the view redraws
 * its rows (links counted, history read) can be lost; and VS Code closes a
 * group again when a redraw reaches it while the group's rows are loading (its
 * tree collapses a node whose load was cancelled; the extension holds its own
 * redraws while a group opens, but one already on its way still lands). A user
 * clicks again; so does this, at most a few times.
 */
export async function setExpanded(row: Locator, expanded: boolean): Promise<void> {
  const wanted = String(expanded);
  for (let attempt = 1; attempt <= 4; attempt++) {
    await row.waitFor();
    if ((await row.getAttribute('aria-expanded')) !== wanted) {
      await row.click();
    }
    const reached = await eventually(() => row.getAttribute('aria-expanded'), (value) => value === wanted, `a row to be ${expanded ? 'expanded' : 'collapsed'}`, 5_000).then(
      () => true,
      () => false,
    );
    if (reached && (!expanded || (await staysOpen(row)))) {
      return;
    }
  }
  throw new Error(`The row ${await row.getAttribute('aria-label')} did not stay ${expanded ? 'expanded' : 'collapsed'} after 4 clicks`);
}

/** An opened row stays open: its first child shows (or, for a group with none, it is still open after 5 s). */
async function staysOpen(row: Locator): Promise<boolean> {
  const state = await eventually(
    () =>
      row.evaluate((element) => {
        // The virtualised list numbers its rows in data-index: the opened row's first child is the next one, a level deeper.
        const next = element.parentElement?.querySelector(`[data-index="${Number(element.getAttribute('data-index')) + 1}"]`);
        if (element.getAttribute('aria-expanded') !== 'true') {
          return 'closed';
        }
        return Number(next?.getAttribute('aria-level')) === Number(element.getAttribute('aria-level')) + 1 ? 'shown' : 'loading';
      }),
    (value) => value !== 'loading',
    'the opened row\'s first child',
    5_000,
  ).catch(() => 'loading');
  return state !== 'closed';
}

/** Scrolls the (virtualised) view until `row` is rendered. */
export async function scrollTo(page: Page, row: Locator, maxSteps = 40): Promise<void> {
  const tree = sideBar(page).locator('.monaco-list').first();
  for (let step = 0; step < maxSteps && (await row.count()) === 0; step++) {
    await tree.hover();
    await page.mouse.wheel(0, 600);
    await page.waitForTimeout(100);
  }
  await row.first().waitFor();
}

/** Reads the tracker directly, to know what the view should show. */
export class TrackerReader {
  constructor(private readonly tracker: () => RunningTracker) {}

  private async get(pathAndQuery: string): Promise<unknown> {
    const { url, token } = this.tracker();
    const response = await fetch(`${url}/api/v1${pathAndQuery}`, { headers: { authorization: `Bearer ${token}` } });
    if (!response.ok) {
      throw new Error(`GET ${pathAndQuery}: ${response.status}`);
    }
    return response.json();
  }

  async topItems(status: string, limit: number): Promise<ItemSummary[]> {
    return this.items(`/items?status=${status}&limit=${limit}`);
  }

  private async items(pathAndQuery: string): Promise<ItemSummary[]> {
    const page = parseOrThrow(itemPageSchema, await this.get(pathAndQuery), `reference tracker GET ${pathAndQuery}`);
    return parseOrThrow(z.array(itemSummarySchema), page.items, `reference tracker GET ${pathAndQuery} items`);
  }

  /** The tracker's own text search, as the view's filter asks it. */
  async search(text: string): Promise<ItemSummary[]> {
    return this.items(`/items?q=${encodeURIComponent(text)}&limit=200`);
  }

  async item(id: string): Promise<FeedbackItem> {
    const pathAndQuery = `/items/${encodeURIComponent(id)}`;
    return parseOrThrow(itemSchema, await this.get(pathAndQuery), `reference tracker GET ${pathAndQuery}`);
  }

  async comments(id: string): Promise<Comment[]> {
    const pathAndQuery = `/items/${encodeURIComponent(id)}/comments?limit=50`;
    const page = parseOrThrow(commentPageSchema, await this.get(pathAndQuery), `reference tracker GET ${pathAndQuery}`);
    return parseOrThrow(z.array(commentSchema), page.comments, `reference tracker GET ${pathAndQuery} comments`);
  }
}
