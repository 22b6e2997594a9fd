// Closing the loop, as a user sees it: a commit linked to an open item is
// merged to the default branch and tagged v2.4 in the sample workspace; the
// notification offers to tell its customers; Review prepares the reply in the
// item panel; Send; the tracker shows the reply and the status *shipped*, and
// the item leaves the "Shipped, not yet announced" group.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ItemSummary } from '../../src/core/model';
import { extensionHostLogs, saveScreenshot } from './support/artifacts';
import { TrackerReader, waitForItems } from './support/feedbackView';
import { useSession } from './support/session';
import { STEP_TIMEOUT_MS, eventually, openFeedbackView, treeRow, webviewFrame } from './support/workbench';

const SUBJECT = 'Export invoices as CSV with a header row';
const GROUP = /^Shipped, not yet announced/;

describe('Close the loop', () => {
  const session = useSession({ name: 'close-loop' });
  const tracker = new TrackerReader(() => {
    const running = session().tracker;
    assert.ok(running, 'the tracker runs');
    return running;
  });
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: session().workspace, encoding: 'utf8' });
  let item: ItemSummary;

  before(async () => {
    [item] = await tracker.topItems('open', 1);
    git('config', 'user.name', 'Ada Example');
    git('config', 'user.email', 'ada@example.com');
    git('tag', 'v2.3'); // the last release, before the extension looks
  });

  it('offers to tell the customers when a linked commit ships in a tag, and Review prepares the reply', async () => {
    const { page } = session();
    await openFeedbackView(page);
    await waitForItems(page);
    // The first look records the refs as they are: only what comes after is news.
    await eventually(async () => logText(), (text) => text.includes('Close the loop: first look at'), 'the first look at the repository');

    git('checkout', '-q', '-b', `feedback/${item.id}-export`);
    fs.writeFileSync(path.join(session().workspace, 'src', 'header.ts'), 'export const HEADER = ["id", "amount"];\n');
    git('add', '--all');
    git('commit', '-q', '--no-verify', '-m', `${SUBJECT}\n\nFeedback: rest:${item.id}`);
    git('checkout', '-q', 'main');
    git('merge', '-q', '--no-ff', '-m', `Merge feedback/${item.id}-export`, `feedback/${item.id}-export`);
    git('tag', '-a', '-m', 'Release 2.4', 'v2.4');

    const full = await tracker.item(item.id);
    const toast = page.locator('.notification-toast', { hasText: `${item.id} '` }).filter({ hasText: 'shipped in v2.4' });
    await toast.waitFor({ timeout: 90_000 });
    assert.match((await toast.innerText()).replace(/\s+/g, ' '), new RegExp(`shipped in v2\\.4 — tell its ${full.customerCount} customers\\?`));
    await saveScreenshot(page, 'close-loop', 'the notification');
    await treeRow(page, GROUP).waitFor({ timeout: STEP_TIMEOUT_MS });

    await toast.getByRole('button', { name: 'Review' }).click();
    const panel = await webviewFrame(page, 'h1', item.title);
    const input = panel.locator('.composer-input');
    const draft = await eventually(() => input.inputValue(), (value) => value.includes('has shipped in v2.4'), 'the prepared reply');
    assert.ok(draft.includes(`- ${SUBJECT}`), `the commit subject in ${JSON.stringify(draft)}`);
    assert.ok(draft.includes(`one of ${full.customerCount} customers`));
    assert.equal((await tracker.comments(item.id)).filter((c) => c.body.includes('has shipped in v2.4')).length, 0, 'nothing is sent before Send');
    assert.equal((await tracker.item(item.id)).status, 'open');
    await saveScreenshot(page, 'close-loop', 'the prepared reply');
  });

  it('sends the reply and the status change through the outbox; the item leaves the group', async () => {
    const { page } = session();
    const panel = await webviewFrame(page, 'h1', item.title);
    await panel.locator('.composer-send').click();
    await eventually(() => tracker.comments(item.id), (all) => all.filter((c) => c.body.includes('has shipped in v2.4')).length === 1, 'the reply on the tracker');
    await eventually(async () => (await tracker.item(item.id)).status, (status) => status === 'shipped', 'the status shipped on the tracker');
    await eventually(() => treeRow(page, GROUP).count(), (n) => n === 0, 'the group gone once the item is announced');
    await saveScreenshot(page, 'close-loop', 'announced');
  });

  function logText(): Promise<string> {
    return Promise.resolve(extensionHostLogs(session().codeServer.userDataDir).map((file) => fs.readFileSync(file, 'utf8')).join('\n'));
  }
});
