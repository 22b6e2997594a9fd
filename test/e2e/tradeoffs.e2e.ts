// Marking a trade-off, as a user does, in a real VS Code against the reference
// tracker: select lines, mark, see the thread on them, type above, see it move,
// find it in the Trade-offs view, on the item panel and on the tracker.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseTradeOffFile } from '../../src/core/tradeoffs/tradeoffFile';
import { tradeOffListSchema } from '../../src/core/model';
import { saveScreenshot } from './support/artifacts';
import { TrackerReader } from './support/feedbackView';
import { useSession } from './support/session';
import { STEP_TIMEOUT_MS, eventually, markTradeOff, openFeedbackView, runCommand, treeRow, webviewFrame } from './support/workbench';

const ITEM = 'FB-12';
const SUMMARY = 'Retry 5 times, not until delivered';
const RATIONALE = 'Unbounded retries would hold **webhook workers** for hours.';

describe('Trade-offs', () => {
  const session = useSession({ name: 'tradeoffs' });
  const tracker = new TrackerReader(() => {
    const running = session().tracker;
    assert.ok(running, 'the tracker runs');
    return running;
  });

  async function goToLine(line: number): Promise<void> {
    const { page } = session();
    await page.keyboard.press('Control+G');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ timeout: STEP_TIMEOUT_MS });
    await input.fill(`:${line}`);
    await input.press('Enter');
  }

  function storedFile(): ReturnType<typeof parseTradeOffFile> {
    const file = path.join(session().workspace, '.feedback', 'tradeoffs.json');
    return parseTradeOffFile(fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
  }

  it('marks the selected lines, shows the thread there, and keeps it on them when lines are typed above', async () => {
    const { page } = session();
    const item = await tracker.item(ITEM);
    await openFeedbackView(page);
    await page.keyboard.press('Control+P');
    await page.locator('.quick-input-widget input').fill('webhooks.ts');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'webhooks.ts' }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.press('Enter');
    await page.locator('.monaco-editor .view-lines', { hasText: 'export async function deliver' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await goToLine(2); // the cursor lands in column 1: three lines down selects lines 2–4 whole
    for (let i = 0; i < 3; i++) {
      await page.keyboard.press('Shift+ArrowDown');
    }

    await markTradeOff(page, { id: ITEM, title: item.title }, SUMMARY, RATIONALE);

    // The thread, with the item's header, opens on the marked lines.
    const thread = page.locator('.review-widget', { hasText: SUMMARY });
    await thread.waitFor({ timeout: STEP_TIMEOUT_MS });
    await thread.getByText(`${ITEM} · ${item.title}`, { exact: false }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await treeRow(page, new RegExp(`^${SUMMARY} L2–4 · ${ITEM}`)).waitFor({ timeout: STEP_TIMEOUT_MS });
    await saveScreenshot(page, 'tradeoffs', 'marked');
    const marked = storedFile();
    assert.ok(marked.ok, marked.ok ? '' : marked.message);
    assert.deepEqual(marked.file.tradeoffs.map((t) => [t.itemId, t.summary, t.location.path, t.location.startLine, t.location.endLine]), [[ITEM, SUMMARY, 'src/webhooks.ts', 2, 4]]);

    // Typing three lines above moves it while typing, and saving writes the new place.
    await page.locator('.monaco-editor .view-lines', { hasText: 'export async function deliver' }).click();
    await goToLine(1);
    // Not comments: the editor would continue a `//` line onto the next.
    await page.keyboard.type('const one = 1;\nconst two = 2;\nconst three = 3;\n');
    await treeRow(page, new RegExp(`^${SUMMARY} L5–7 · ${ITEM}`)).waitFor({ timeout: STEP_TIMEOUT_MS });
    await page.keyboard.press('Control+S');
    const moved = await eventually(
      async () => storedFile(),
      (f) => f.ok && f.file.tradeoffs[0]?.location.startLine === 5,
      'the saved trade-off at line 5',
    );
    assert.ok(moved.ok);
    assert.deepEqual(moved.file.tradeoffs[0].anchor.lines[0].trim(), 'for (let i = 0; ; i++) {');
    await saveScreenshot(page, 'tradeoffs', 'moved');
  });

  it('reaches the tracker and shows on the item panel with its place', async () => {
    const { page } = session();
    const { url, token } = session().tracker!;
    const sent = await eventually(
      async () => {
        const answer = await fetch(`${url}/api/v1/items/${ITEM}/tradeoffs`, { headers: { authorization: `Bearer ${token}` } });
        return tradeOffListSchema.parse(await answer.json()).tradeoffs;
      },
      (list) => list.some((t) => t.summary === SUMMARY),
      'the trade-off on the tracker',
    );
    const onTracker = sent.find((t) => t.summary === SUMMARY)!;
    assert.equal(onTracker.location.path, 'src/webhooks.ts');
    assert.equal(onTracker.location.startLine, 2, 'sent as marked');

    await runCommand(page, 'Feedback Loop: Show Trade-offs by Item');
    const itemGroup = treeRow(page, new RegExp(`^${ITEM} · `));
    await itemGroup.waitFor({ timeout: STEP_TIMEOUT_MS });
    const panel = await openItemPanel();
    await panel.getByText(SUMMARY).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await panel.getByText('src/webhooks.ts:5', { exact: false }).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await saveScreenshot(page, 'tradeoffs', 'item-panel');
  });

  /** Opens FB-12's panel from the Feedback view's filter. */
  async function openItemPanel(): Promise<Awaited<ReturnType<typeof webviewFrame>>> {
    const { page } = session();
    const item = await tracker.item(ITEM);
    await runCommand(page, 'Feedback Loop: Filter Items…');
    const input = page.locator('.quick-input-widget input');
    await input.fill(item.title);
    await input.press('Enter');
    await treeRow(page, new RegExp(`^${escapeRegExp(item.title)}`)).first().click({ timeout: STEP_TIMEOUT_MS });
    return webviewFrame(page, 'h1', item.title);
  }
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
