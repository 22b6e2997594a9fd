// Send → reply shown as *sending*, in the Conversation view: a row click makes
// the view follow an item; then, `SENDS` times, a reply is typed into its
// composer and sent with Ctrl+Enter. Timed from just before the key press to
// the first animation frame that shows the reply in the thread (paintMarks.ts
// notes it in the webview), which must show it as *sending*.
import type { Page } from 'playwright-core';
import { itemRow, visibleItemRows, waitForItems } from '../../../test/e2e/support/feedbackView';
import { eventually, STEP_TIMEOUT_MS, webviewFrame } from '../../../test/e2e/support/workbench';
import type { Section } from './figures';
import type { PaintMarks } from './paintMarks';
import { BETWEEN_CLICKS_MS, openView, reloadWindow, SETTLE_MS } from './windows';

const SENDS = 7;
/** The composer posts the draft 200 ms after the last keystroke: let that pass before the measured key press. */
const AFTER_TYPING_MS = 600;

export async function measureSendReply(page: Page, marks: PaintMarks): Promise<Section> {
  await reloadWindow(page);
  await openView(page);
  await waitForItems(page);
  const [item] = await visibleItemRows(page);
  await itemRow(page, item.title).first().click();
  const frame = await webviewFrame(page, '.conversation-header', item.title);
  await page.waitForTimeout(SETTLE_MS);
  const input = frame.locator('.composer-input');
  const stamp = Date.now().toString(36);
  const times: number[] = [];
  for (let i = 1; i <= SENDS; i++) {
    const body = `Bench reply ${i} (${stamp})`;
    await input.fill(body); // focuses the composer too: the key press below goes to it
    await page.waitForTimeout(AFTER_TYPING_MS);
    const startedAt = Date.now();
    await page.keyboard.press('Control+Enter');
    const shownAt = await marks.reply('reply', body, STEP_TIMEOUT_MS);
    if (marks.seenAt('reply-sending', body) !== shownAt) {
      const state = (['reply-pending', 'reply-sent'] as const).find((mark) => marks.seenAt(mark, body) === shownAt);
      throw new Error(`The reply first showed as ${state ?? 'an unknown state'}, not as sending`);
    }
    times.push(shownAt - startedAt);
    // The next send starts once this one is confirmed: its confirmation is not billed to the next.
    await eventually(() => frame.locator('.outgoing-sending, .outgoing-pending').count(), (n) => n === 0, 'the reply confirmed');
    await page.waitForTimeout(BETWEEN_CLICKS_MS);
  }
  console.log(`  send → sending: ${times.map((t) => t.toFixed(0)).join(' ')} ms`);
  return {
    heading: `Conversation view (the thread of ${item.title.slice(0, 40)})`,
    rows: [{ name: 'Ctrl+Enter → reply shown as sending', values: times, unit: 'ms', budget: '—' }],
  };
}
