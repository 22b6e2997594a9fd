// Replying from the Conversation view, as a user does: the draft survives a
// window reload, a sent reply is in the thread once and on the tracker once,
// and a reply sent while the tracker is down waits as *pending* and goes out
// when it is back.
import * as assert from 'node:assert/strict';
import type { FrameLocator } from 'playwright-core';
import type { ItemSummary } from '../../src/core/model';
import { saveScreenshot } from './support/artifacts';
import { itemRow, TrackerReader, waitForItems } from './support/feedbackView';
import { useSession } from './support/session';
import { STEP_TIMEOUT_MS, eventually, openFeedbackView, reloadWorkbench, sideBar, webviewFrame } from './support/workbench';

describe('Replies from the Conversation view', () => {
  const session = useSession({ name: 'replies' });
  const tracker = new TrackerReader(() => {
    const running = session().tracker;
    if (!running) {
      throw new Error('the tracker is stopped');
    }
    return running;
  });
  const stamp = Date.now().toString(36);
  const first = `Thanks for asking, this is planned (${stamp}).`;
  const second = `Written while the tracker was down (${stamp}).`;
  let item: ItemSummary;

  /** Selects the item in the tree; the Conversation view follows it. */
  async function conversation(): Promise<FrameLocator> {
    const { page } = session();
    // After a reload the workbench restores the side bar by itself; clicking meanwhile would close it.
    const title = sideBar(page).locator('.composite.title', { hasText: 'Feedback Loop' });
    await title.waitFor({ timeout: 10_000 }).catch(() => openFeedbackView(page));
    await waitForItems(page);
    await itemRow(page, item.title).first().click();
    return webviewFrame(page, '.conversation-header', item.id);
  }

  const onTracker = async (body: string): Promise<number> => (await tracker.comments(item.id)).filter((c) => c.body === body).length;
  const inThread = (frame: FrameLocator, body: string) => frame.locator('.thread > li', { hasText: body });

  it('keeps a draft through a window reload', async () => {
    [item] = await tracker.topItems('open', 1);
    const frame = await conversation();
    await frame.locator('.composer-input').fill(first);
    // Written to storage, not only kept in memory: what a reload restores.
    await frame.locator('.composer-saved', { hasText: 'Draft saved' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await saveScreenshot(session().page, 'replies', 'draft saved', '.png', (await sideBar(session().page).boundingBox()) ?? undefined);
    await reloadWorkbench(session().page);
    const again = await conversation();
    await eventually(() => again.locator('.composer-input').inputValue(), (value) => value === first, 'the draft after reload');
  });

  it('sends it with Ctrl+Enter: once in the thread, once on the tracker', async () => {
    const frame = await webviewFrame(session().page, '.conversation-header', item.id);
    assert.match((await frame.locator('.composer-send').textContent()) ?? '', /Public reply/, 'public is stated before sending');
    await frame.locator('.composer-input').press('Control+Enter');
    await eventually(() => inThread(frame, first).count(), (n) => n === 1, 'the reply in the thread');
    await eventually(() => onTracker(first), (n) => n === 1, 'the reply on the tracker');
    await eventually(() => frame.locator('.outgoing-sending, .outgoing-pending').count(), (n) => n === 0, 'nothing left outgoing');
    assert.equal(await inThread(frame, first).count(), 1, 'once in the thread');
    assert.equal(await onTracker(first), 1, 'once on the tracker');
  });

  it('shows a reply sent while the tracker is down as pending, and sends it once when it is back', async () => {
    const frame = await webviewFrame(session().page, '.conversation-header', item.id);
    await session().stopTracker();
    await frame.locator('.composer-input').fill(second);
    await frame.locator('.composer-send').click();
    await inThread(frame, second).and(frame.locator('.outgoing-pending')).waitFor({ timeout: 60_000 });
    await session().page.locator('.statusbar-item', { hasText: '1 pending' }).waitFor();
    await saveScreenshot(session().page, 'replies', 'pending while the tracker is down');
    await session().restartTracker();
    await eventually(() => onTracker(second), (n) => n === 1, 'the reply on the tracker once it is back', 90_000);
    // Confirmed: the tracker's comment joins the thread (the session folds it in), nothing is left outgoing.
    await eventually(() => frame.locator('.outgoing-pending, .outgoing-sending', { hasText: second }).count(), (n) => n === 0, 'the reply no longer pending');
    assert.equal(await inThread(frame, second).count(), 1, 'once in the thread');
    assert.equal(await onTracker(second), 1, 'once on the tracker');
  });
});

