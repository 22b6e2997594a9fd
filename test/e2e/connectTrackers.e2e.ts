// "Connect a Tracker…" for Canny and Fider, the second added beside the first
// by that one command (issue 14): the Canny steps warn that the key is a
// company-wide secret, pick a board and the writing user; the Fider steps take
// a site and a key. Both trackers are the local fakes of the unit tests, on
// loopback.
import * as assert from 'node:assert/strict';
import { CANNY_KEY, cannyPost, startCannyFake } from '../fixtures/cannyFake';
import type { CannyData } from '../fixtures/cannyFake';
import { FIDER_KEY, fiderPost, startFiderFake } from '../fixtures/fiderFake';
import type { JsonServer } from '../fixtures/jsonServer';
import { saveScreenshot } from './support/artifacts';
import { connectionRow, groupRow, setExpanded, visibleItemRows, waitForItems } from './support/feedbackView';
import { useSession } from './support/session';
import { answerQuickInput, eventually, openFeedbackView, runCommand } from './support/workbench';

const canny: CannyData = { boards: [{ id: 'b1', name: 'Features' }, { id: 'b2', name: 'Bugs' }], posts: [], comments: [], votes: [] };
canny.posts.push(
  cannyPost(1, { title: 'Audit log', score: 31, companies: [{ id: 'a', name: 'Acme', monthlySpend: 1200 }, { id: 'b', name: 'Bolt', monthlySpend: 300 }] }),
  cannyPost(2, { title: 'SAML login', score: 54, companies: [{ id: 'a', name: 'Acme', monthlySpend: 1200 }] }),
  cannyPost(3, { title: 'A bug', score: 99, board: { id: 'b2', name: 'Bugs' } }),
);
const fider = { posts: [fiderPost(1, { title: 'Weekly digest', votesCount: 9 }), fiderPost(2, { title: 'Slack alerts', votesCount: 21 })], comments: {} };

let cannyServer: JsonServer | undefined;
let fiderServer: JsonServer | undefined;
/** Filled by the first `before`, read when the session's `before` starts code-server. */
const env: Record<string, string> = {};

describe('Connect a Tracker: Canny, then Fider added with the same command', function () {
  before(async () => {
    cannyServer = await startCannyFake(canny);
    fiderServer = await startFiderFake(fider);
    env.FEEDBACK_LOOP_CANNY_API_URL = cannyServer.url;
  });
  after(async () => {
    await cannyServer?.close();
    await fiderServer?.close();
  });

  const session = useSession({ name: 'connect-trackers', tracker: false, env });

  async function openRows(): Promise<[string, number][]> {
    const { page } = session();
    await waitForItems(page);
    await setExpanded(groupRow(page, 'Open'), true);
    return (await visibleItemRows(page)).map((r) => [r.title, r.votes]);
  }

  it('Canny: warns that the key is company-wide, then board and user; posts ranked by score with revenue', async () => {
    const { page } = session();
    await openFeedbackView(page);
    await runCommand(page, 'Feedback Loop: Connect a Tracker…');
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: 'GitHub Issues' }).waitFor();
    await saveScreenshot(page, 'connect-trackers', 'kind picker');
    await answerQuickInput(page, 'Canny');
    const dialog = page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    assert.match((await dialog.textContent()) ?? '', /company-wide secret.*read and change all/s);
    await saveScreenshot(page, 'connect-trackers', 'canny warning');
    await dialog.getByRole('button', { name: 'I Understand' }).click();
    await answerQuickInput(page, CANNY_KEY);
    await answerQuickInput(page, 'Features');
    await answerQuickInput(page, 'dev@acme.example');
    const rows = await eventually(openRows, (r) => r.length === 2, 'the Features board’s posts');
    assert.deepEqual(rows, [['SAML login', 54], ['Audit log', 31]]);
    const names = (await visibleItemRows(page)).map((r) => r.name);
    assert.ok(names.some((n) => /^Audit log, 31 votes, .*\$1\.5k a month/.test(n)), names.join(' | '));
    const apiKeyInUrl = cannyServer!.requests.some((r) => r.url.href.includes(CANNY_KEY));
    assert.equal(apiKeyInUrl, false, 'the key travels in the body only');
  });

  it('Fider: the same command adds it beside Canny; a root each, Fider’s posts ranked by votes under its own', async () => {
    const { page } = session();
    await runCommand(page, 'Feedback Loop: Connect a Tracker…');
    await answerQuickInput(page, 'Fider');
    await answerQuickInput(page, fiderServer!.url);
    await answerQuickInput(page, FIDER_KEY);
    const canny = connectionRow(page, 'Canny Features');
    await connectionRow(page, /Fider 127\.0\.0\.1:\d+/).waitFor();
    await saveScreenshot(page, 'connect-trackers', 'two roots');
    // Canny's root closed, the one Open group left is Fider's.
    await setExpanded(canny, false);
    const rows = await eventually(openRows, (r) => r.length === 2 && r[0][0] === 'Slack alerts', 'the Fider posts');
    assert.deepEqual(rows, [['Slack alerts', 21], ['Weekly digest', 9]]);
    await setExpanded(canny, true);
    const both = await eventually(() => visibleItemRows(page), (r) => r.length === 4, 'both connections’ posts');
    assert.deepEqual(
      both.map((r) => r.title),
      ['SAML login', 'Audit log', 'Slack alerts', 'Weekly digest'],
    );
  });
});
