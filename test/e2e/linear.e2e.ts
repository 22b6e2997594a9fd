// A Linear connection in the real workbench, against the mock Linear of the
// unit tests (built from Linear's published schema, so every request the
// extension sends is validated as Linear would): connect with a key, team and
// scope; issues ranked by customer requests, then their customers' revenue;
// one opened with its customers; a reply, a status change and a linked commit,
// each landing once on the mock.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { fakeIssue, startLinearFake } from '../fixtures/linearFake';
import type { LinearData, LinearFake } from '../fixtures/linearFake';
import { saveScreenshot } from './support/artifacts';
import { groupRow, itemRow, setExpanded, visibleItemRows, waitForItems } from './support/feedbackView';
import { useSession } from './support/session';
import { STEP_TIMEOUT_MS, answerQuickInput, eventually, openFeedbackView, runCommand, webviewFrame } from './support/workbench';

const KEY = 'lin_api_e2e_key';
const SUBJECT = 'Accept SAML assertions signed with SHA-256';
const acme = { id: 'cust-acme', name: 'Acme', revenue: 240_000, tier: 'Enterprise' };
const bolt = { id: 'cust-bolt', name: 'Bolt', revenue: 36_000, tier: 'Growth' };
const cobalt = { id: 'cust-cobalt', name: 'Cobalt', revenue: 12_000 };

const linear: LinearData = {
  teamId: 'team-eng',
  teams: [{ id: 'team-eng', key: 'ENG', name: 'Engineering' }],
  states: [
    { id: 'st-backlog', type: 'backlog', position: 0, name: 'Backlog' },
    { id: 'st-todo', type: 'unstarted', position: 1, name: 'Todo' },
    { id: 'st-doing', type: 'started', position: 2, name: 'In Progress' },
    { id: 'st-done', type: 'completed', position: 3, name: 'Done' },
    { id: 'st-canceled', type: 'canceled', position: 4, name: 'Canceled' },
  ],
  issues: [
    // Two requests each: SAML login ranks first by its customers' revenue.
    fakeIssue(1, {
      title: 'Audit log export',
      needs: [
        { id: 'need-1', customer: cobalt, body: 'We need the audit log in our SIEM.' },
        { id: 'need-2', customer: bolt },
      ],
    }),
    fakeIssue(2, {
      title: 'SAML login',
      needs: [
        { id: 'need-3', customer: acme, body: 'Our IT blocks every app without SAML.', url: 'https://acme.example/support/ticket/42' },
        { id: 'need-4', customer: bolt, body: 'SSO is a must before we roll out.' },
      ],
    }),
    fakeIssue(3, { title: 'Dark mode', needs: [{ id: 'need-5', customer: acme }, { id: 'need-6', customer: bolt }, { id: 'need-7', customer: cobalt }] }),
    fakeIssue(4, { title: 'Nobody asked', needs: [] }),
  ],
};

let fake: LinearFake | undefined;
/** Filled by the first `before`, read when the session's `before` starts code-server. */
const env: Record<string, string> = {};

/** The mutations of `name` the mock received. */
function mutations(name: string): unknown[] {
  return (fake?.requests ?? []).flatMap((r) => {
    const body = r.body as { query?: string; variables?: unknown } | null;
    return body?.query?.includes(`${name}(`) && body.query.trimStart().startsWith('mutation') ? [body.variables] : [];
  });
}

describe('Linear', function () {
  before(async () => {
    fake = await startLinearFake(linear);
    env.FEEDBACK_LOOP_LINEAR_API_URL = fake.url;
  });
  after(async () => {
    await fake?.close();
  });

  const session = useSession({
    name: 'linear',
    tracker: false,
    env,
    settings: { 'files.autoSave': 'off' },
    prepareWorkspace: async (workspace) => {
      const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace });
      fs.writeFileSync(path.join(workspace, 'saml.ts'), 'export const digest = "sha256";\n');
      git('init', '-q');
      git('config', 'user.name', 'Ada Example');
      git('config', 'user.email', 'ada@example.com');
      git('add', '.');
      git('commit', '-q', '--no-verify', '-m', SUBJECT);
    },
  });

  async function panelOf(title: string): Promise<FrameLocator> {
    return webviewFrame(session().page, 'h1', title);
  }

  it('connects with a key and a team; issues ranked by requests, then revenue', async () => {
    const { page } = session();
    await openFeedbackView(page);
    await runCommand(page, 'Feedback Loop: Connect a Tracker…');
    await answerQuickInput(page, 'Linear');
    await answerQuickInput(page, KEY);
    await answerQuickInput(page, 'Engineering');
    await answerQuickInput(page, 'All issues of the team');
    await waitForItems(page);
    await setExpanded(groupRow(page, 'Open'), true);
    const rows = await eventually(
      async () => (await visibleItemRows(page)).map((r) => [r.title, r.votes]),
      (seen) => seen.length === 4,
      'the four issues of the team',
    );
    assert.deepEqual(rows, [
      ['Dark mode', 3],
      ['SAML login', 2],
      ['Audit log export', 2],
      ['Nobody asked', 0],
    ]);
    const names = (await visibleItemRows(page)).map((r) => r.name);
    assert.ok(
      names.some((n) => /^SAML login, 2 requests, 2 customers, \$23k a month/.test(n)),
      names.join(' | '),
    );
    const auth = fake!.requests.map((r) => r.headers.authorization);
    assert.ok(auth.length > 0 && auth.every((a) => a === KEY), 'the key, as Linear expects a personal key, on every request');
    await saveScreenshot(page, 'linear', 'issues ranked');
  });

  it('opens an issue with its customers, their tiers and words', async () => {
    const { page } = session();
    await itemRow(page, 'SAML login').first().click();
    const panel = await panelOf('SAML login');
    await panel.locator('.stats dt', { hasText: 'Requests' }).waitFor({ timeout: STEP_TIMEOUT_MS });
    const acmeRow = panel.locator('li.customer', { hasText: 'Acme' });
    await acmeRow.waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.equal(await acmeRow.locator('.customer-tier').textContent(), 'Enterprise');
    assert.match((await acmeRow.locator('.customer-revenue').textContent()) ?? '', /^\$20,000\b/, 'Linear’s $240,000 a year, a month');
    assert.equal(await acmeRow.locator('.customer-quote').textContent(), 'Our IT blocks every app without SAML.');
    assert.equal(await acmeRow.getByRole('button', { name: 'Open Source Conversation' }).count(), 1, 'Acme’s request has a source');
    const boltRow = panel.locator('li.customer', { hasText: 'Bolt' });
    assert.equal(await boltRow.locator('.customer-quote').textContent(), 'SSO is a must before we roll out.');
    assert.equal(await boltRow.getByRole('button', { name: 'Open Source Conversation' }).count(), 0, 'Bolt’s request has none');
    await saveScreenshot(page, 'linear', 'item panel');
  });

  it('comments for the workspace, saying customers do not see it: once on Linear', async () => {
    const panel = await panelOf('SAML login');
    const composer = panel.locator('.composer');
    await composer.locator('.composer-input').click();
    await composer.locator('.composer-send', { hasText: 'Team comment' }).waitFor();
    assert.match((await composer.locator('.composer-hint').textContent()) ?? '', /not the customers/);
    await composer.locator('.composer-input').fill('Planned for the next release.');
    await composer.locator('.composer-input').press('Control+Enter');
    await panel.getByText('Planned for the next release.').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    const comments = await eventually(async () => mutations('commentCreate'), (m) => m.length >= 1, 'the comment on Linear');
    assert.equal(comments.length, 1);
    assert.equal(linear.issues[1].comments.filter((c) => c.body === 'Planned for the next release.').length, 1);
  });

  it('moves the issue to the team’s first state of the chosen type: once on Linear', async () => {
    const { page } = session();
    const panel = await panelOf('SAML login');
    for (let attempt = 1; ; attempt++) {
      try {
        await panel.locator('.composer-input').click();
        await panel.locator('.composer-status').click();
        await page.locator('.quick-input-widget', { hasText: 'Change the status of' }).waitFor({ timeout: STEP_TIMEOUT_MS });
        await answerQuickInput(page, 'Planned');
        const message = page.locator('.quick-input-widget', { hasText: 'Comment for your workspace' });
        await message.waitFor({ timeout: 10_000 });
        await message.locator('input').press('Enter', { timeout: 2_000 });
        break;
      } catch (error) {
        if (attempt === 3 || mutations('issueUpdate').length > 0) {
          throw error;
        }
        await page.keyboard.press('Escape'); // a webview took the focus back and closed the pick: nothing was queued
      }
    }
    const updates = await eventually(async () => mutations('issueUpdate'), (m) => m.length >= 1, 'the status change on Linear');
    assert.deepEqual(updates, [{ id: 'issue-2', stateId: 'st-todo' }]);
    assert.equal(linear.issues[1].stateType, 'unstarted');
  });

  it('links a past commit as an attachment: once on Linear', async () => {
    const { page } = session();
    const panel = await panelOf('SAML login');
    await panel.locator('.link-past-commit').click();
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: SUBJECT }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await answerQuickInput(page, SUBJECT);
    const attachments = await eventually(async () => linear.issues[1].attachments, (a) => a.length >= 1, 'the attachment on Linear');
    assert.equal(attachments.length, 1);
    assert.match(attachments[0].title, /SHA-256/);
    await panel.locator('.linked-commits', { hasText: SUBJECT }).waitFor({ timeout: STEP_TIMEOUT_MS });
    await saveScreenshot(page, 'linear', 'after reply, status and link');
  });
});
