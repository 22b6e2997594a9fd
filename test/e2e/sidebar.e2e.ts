// The side bar a person lives in all day (issue 18), in code-server at
// 1400×900 with the default layout (Feedback, Conversation and Trade-Offs
// stacked): the customer's last words beside the reply box, each row's demand
// readable at 300 px in every theme, and both webviews without serious or
// critical axe-core violations in Light, Dark and High Contrast.
import * as assert from 'node:assert/strict';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import type { ItemSummary } from '../../src/core/model';
import { THEMES, setColourTheme, setSideBarWidth } from './support/appearance';
import type { Theme } from './support/appearance';
import { saveScreenshot } from './support/artifacts';
import { BLOCKING, describeViolations, runAxe, webviewContentFrame } from './support/axe';
import { TrackerReader, itemRow, waitForItems } from './support/feedbackView';
import { useSession } from './support/session';
import { STEP_TIMEOUT_MS, eventually, markTradeOff, openFeedbackView, runCommand, selectWebhookRetries, sideBar, treeRow, webviewFrame } from './support/workbench';

const SUITE = 'sidebar';
const WIDTHS = [250, 300, 400] as const;
/** Has comments, customers and linked commits in the sample data; the test adds a trade-off. */
const PANEL_ITEM = 'FB-5';

interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

const inside = (inner: Box, outer: Box): boolean =>
  inner.x >= outer.x - 1 && inner.y >= outer.y - 1 && inner.x + inner.width <= outer.x + outer.width + 1 && inner.y + inner.height <= outer.y + outer.height + 1;

const show = (b: Box | null): string => (b ? `${Math.round(b.x)},${Math.round(b.y)} ${Math.round(b.width)}×${Math.round(b.height)}` : 'none');

/** The Conversation webview: its iframe in the workbench (the pane's visible area) and its content. */
async function conversationPane(page: Page, itemId: string): Promise<{ iframe: Locator; frame: FrameLocator }> {
  await webviewFrame(page, '.conversation-header', itemId);
  const outer = page.locator('iframe.webview.ready');
  for (let i = 0; i < (await outer.count()); i++) {
    const frame = outer.nth(i).contentFrame().frameLocator('#active-frame');
    if ((await frame.locator('.conversation-header', { hasText: itemId }).count()) > 0) {
      return { iframe: outer.nth(i), frame };
    }
  }
  throw new Error(`the Conversation view does not show ${itemId}`);
}

interface RowCheck {
  readonly label: string;
  readonly problem: string | undefined;
}

/**
 * Each rendered item row of the Feedback view: its label starts with the votes
 * figure ("▲120"), the label starts inside the row, and the figure ends before
 * the point where the row cuts its text with an ellipsis.
 */
async function checkVotesFigures(page: Page): Promise<RowCheck[]> {
  const rows = sideBar(page).locator('.monaco-list-row[aria-label*=" votes, "], .monaco-list-row[aria-label*=" vote, "]');
  return rows.evaluateAll((elements) =>
    elements.map((row) => {
      const label = row.querySelector<HTMLElement>('.label-name');
      const text = label?.textContent ?? '';
      const figure = /^▲\S+/.exec(text)?.[0];
      if (!label || figure === undefined) {
        return { label: text, problem: 'the label does not start with the votes figure' };
      }
      const rowBox = row.getBoundingClientRect();
      const labelBox = label.getBoundingClientRect();
      if (labelBox.left < rowBox.left || labelBox.left >= rowBox.right) {
        return { label: text, problem: `the label starts at ${labelBox.left}, outside the row ${rowBox.left}–${rowBox.right}` };
      }
      // Where the row stops drawing: the nearest ancestor that hides what overflows.
      let clip: HTMLElement | null = label;
      while (clip && getComputedStyle(clip).overflowX === 'visible') {
        clip = clip.parentElement;
      }
      const clipRight = Math.min(clip?.getBoundingClientRect().right ?? rowBox.right, rowBox.right);
      const walker = document.createTreeWalker(label, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      let left = figure.length;
      let started = false;
      for (let node = walker.nextNode(); node && left > 0; node = walker.nextNode()) {
        const length = node.textContent?.length ?? 0;
        if (!started) {
          range.setStart(node, 0);
          started = true;
        }
        range.setEnd(node, Math.min(left, length));
        left -= length;
      }
      const context = document.createElement('canvas').getContext('2d');
      let ellipsis = 12;
      if (context) {
        context.font = getComputedStyle(label).font;
        ellipsis = context.measureText('…').width;
      }
      const figureRight = range.getBoundingClientRect().right;
      return { label: text, problem: figureRight + ellipsis <= clipRight ? undefined : `"${figure}" ends at ${figureRight}, the row is cut at ${clipRight}` };
    }),
  );
}

describe('The side bar at work', () => {
  const session = useSession({ name: SUITE });
  const tracker = new TrackerReader(() => {
    const running = session().tracker;
    assert.ok(running, 'the tracker runs');
    return running;
  });

  it('shows the last customer comment and the composer in the Conversation pane', async () => {
    const { page } = session();
    const open = await tracker.topItems('open', 20);
    const customerComments = async (id: string) => (await tracker.comments(id)).filter((c) => c.author.role === 'customer');
    let found: ItemSummary | undefined;
    for (const candidate of open) {
      if ((await customerComments(candidate.id)).length > 0) {
        found = candidate;
        break;
      }
    }
    assert.ok(found, 'an open item with customer comments');
    const item = found;
    const last = (await customerComments(item.id)).at(-1);
    assert.ok(last);

    await openFeedbackView(page);
    await waitForItems(page);
    await itemRow(page, item.title).first().click();
    const { iframe, frame } = await conversationPane(page, item.id);
    const lastComment = frame.locator('.thread > li.comment-customer').last();
    await lastComment.waitFor({ timeout: STEP_TIMEOUT_MS });
    const composer = frame.locator('.composer');
    const header = frame.locator('.conversation-header');
    const boxes = async () => ({
      pane: await iframe.boundingBox(),
      header: await header.boundingBox(),
      comment: await lastComment.boundingBox(),
      composer: await composer.boundingBox(),
    });
    const shown = (b: Awaited<ReturnType<typeof boxes>>): boolean =>
      b.pane !== null && b.header !== null && b.comment !== null && b.composer !== null && inside(b.comment, b.pane) && inside(b.composer, b.pane) &&
      b.comment.y >= b.header.y + b.header.height - 1 && b.comment.y + b.comment.height <= b.composer.y + 1;
    // The view scrolls once the thread has drawn: wait for that state, then state each part of it.
    const seen = await eventually(boxes, shown, 'the last customer comment between the header and the composer', 15_000).catch(async () => boxes());
    await saveScreenshot(page, SUITE, 'conversation pane at the default height');
    const { pane, header: headerBox, comment, composer: composerBox } = seen;
    const all = `pane ${show(pane)}, header ${show(headerBox)}, comment ${show(comment)}, composer ${show(composerBox)}`;
    assert.ok(pane && headerBox && comment && composerBox, all);
    assert.ok(inside(comment, pane), `the last customer comment lies inside the pane: ${all}`);
    assert.ok(inside(composerBox, pane), `the composer lies inside the pane: ${all}`);
    // Inside the pane is not enough: the sticky header and composer cover part of it.
    assert.ok(comment.y >= headerBox.y + headerBox.height - 1, `the comment is below the header: ${all}`);
    assert.ok(comment.y + comment.height <= composerBox.y + 1, `the comment is above the composer: ${all}`);
    assert.match(await lastComment.innerText(), new RegExp(escapeRegExp(last.author.name)), 'it is the last customer comment');
  });

  it('shows each row’s votes at 250, 300 and 400 px, in Light, Dark and both High Contrast themes', async () => {
    const { page } = session();
    await page.mouse.move(700, 890); // no hover over the side bar
    for (const theme of THEMES) {
      await setColourTheme(page, theme);
      await conversationBodyIs(page, theme);
      for (const width of WIDTHS) {
        await setSideBarWidth(page, width);
        await page.mouse.move(700, 890);
        const bar = await sideBar(page).boundingBox();
        assert.ok(bar);
        await saveScreenshot(page, SUITE, `side bar ${width}px ${theme.label}`, '.png', bar);
        if (width === 300) {
          const checks = await checkVotesFigures(page);
          assert.ok(checks.length >= 3, `item rows at 300 px in ${theme.label}: ${checks.length}`);
          const cut = checks.filter((c) => c.problem !== undefined);
          assert.deepEqual(cut, [], `in ${theme.label} at 300 px every row shows its votes`);
        }
      }
    }
    await setSideBarWidth(page, 300);
  });

  it('has no serious or critical axe violations in the item panel and the Conversation view, in Light, Dark and High Contrast', async () => {
    const { page } = session();
    const panelItem = await tracker.item(PANEL_ITEM);
    await selectWebhookRetries(page);
    const summary = 'Five attempts, then give up';
    await markTradeOff(page, panelItem, summary, 'A receiver that is down for hours must not hold a **worker** for hours.');
    await page.locator('.review-widget', { hasText: summary }).waitFor({ timeout: STEP_TIMEOUT_MS });

    await runCommand(page, 'Feedback Loop: Filter Items…');
    const input = page.locator('.quick-input-widget input');
    await input.fill(panelItem.title);
    await input.press('Enter');
    // Titles repeat in the sample data (a second "Webhook retries…" is in progress): the votes tell them apart.
    await treeRow(page, new RegExp(`^${escapeRegExp(panelItem.title)}, ${panelItem.votes} votes?, `)).first().click({ timeout: STEP_TIMEOUT_MS });
    const panel = await webviewFrame(page, 'h1', panelItem.title);
    for (const section of ['section.customers', 'section.comments .comment', 'section.linked-commits .commit', 'section.tradeoffs']) {
      await panel.locator(section).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    }
    const { frame: conversation } = await conversationPane(page, PANEL_ITEM);
    const panelFrame = await webviewContentFrame(page, 'article.item');
    const conversationFrame = await webviewContentFrame(page, '.conversation-header');

    const failures: string[] = [];
    for (const theme of THEMES) {
      await setColourTheme(page, theme);
      await conversation.locator('.composer-input').click();
      await conversation.locator('.composer-send').waitFor({ state: 'visible' }); // focused: the composer has opened
      for (const [name, frame] of [['item panel', panelFrame], ['Conversation view', conversationFrame]] as const) {
        await eventually(() => frame.evaluate((cls) => document.body.classList.contains(cls), theme.webviewClass), Boolean, `the ${name} in ${theme.label}`);
        const violations = await runAxe(frame);
        const blocking = violations.filter((v) => BLOCKING.includes(v.impact ?? null));
        const rest = violations.filter((v) => !blocking.includes(v));
        if (rest.length > 0) {
          console.log(`      axe, ${name} in ${theme.label}, below serious:\n${describeViolations(rest)}`);
        }
        if (blocking.length > 0) {
          failures.push(`${name} in ${theme.label}:\n${describeViolations(blocking)}`);
        }
      }
      await saveScreenshot(page, SUITE, `axe ${theme.label}`);
    }
    assert.deepEqual(failures, [], `serious or critical axe violations:\n${failures.join('\n')}`);
  });
});

/** Waits until the Conversation webview wears `theme` (it follows the workbench a moment later). */
async function conversationBodyIs(page: Page, theme: Theme): Promise<void> {
  const frame = await webviewContentFrame(page, '.conversation-header');
  await eventually(() => frame.evaluate((cls) => document.body.classList.contains(cls), theme.webviewClass), Boolean, `the Conversation view in ${theme.label}`);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
