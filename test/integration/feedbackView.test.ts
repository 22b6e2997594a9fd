// The Feedback view's data inside a real extension host, against the
// reference tracker the harness started (FEEDBACK_LOOP_TRACKER_URL).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { FeedbackLoopApi } from '../../src/api';
import { activatedApi, eventually } from './support';

describe('Feedback view', () => {
  let api: FeedbackLoopApi;

  before(async () => {
    assert.ok(process.env.FEEDBACK_LOOP_TRACKER_URL, 'the harness sets FEEDBACK_LOOP_TRACKER_URL');
    api = await activatedApi();
    await vscode.commands.executeCommand('workbench.view.extension.feedbackLoop');
    await vscode.commands.executeCommand('feedbackLoop.groupBy', 'status');
    await vscode.commands.executeCommand('feedbackLoop.refresh');
    await api.whenIdle();
  });

  it('groups items by status, each group ranked by votes', () => {
    const groups = api.groups();
    assert.deepEqual(groups.map((g) => g.label), ['Open', 'Under Review', 'Planned', 'In Progress', 'Shipped', 'Closed']);
    for (const group of groups) {
      assert.ok(group.items.length > 0, `${group.label} has items`);
      assert.ok(group.items.every((i) => i.status === group.status), `${group.label} holds only its status`);
      const votes = group.items.map((i) => i.votes);
      assert.deepEqual(votes, [...votes].sort((a, b) => b - a), `${group.label} is ranked by votes`);
    }
  });

  it('pages: never more than 100 rows under a group until "Load more"', async () => {
    const open = () => api.groups().find((g) => g.status === 'open')!;
    assert.equal(open().items.length, 100);
    assert.equal(open().hasMore, true);
    await vscode.commands.executeCommand('feedbackLoop.loadMore', open().key);
    await eventually(() => open().items.length, (n) => n > 100, 'the second page of Open');
  });

  it('filters with the tracker’s search and clears the filter', async () => {
    await vscode.commands.executeCommand('feedbackLoop.filter', 'export');
    await api.whenIdle();
    const shown = api.groups().flatMap((g) => g.items);
    assert.ok(shown.length > 0, 'some items match "export"');
    assert.equal(api.viewOptions().filter, 'export');
    await vscode.commands.executeCommand('feedbackLoop.clearFilter');
    await api.whenIdle();
    assert.equal(api.viewOptions().filter, '');
    assert.ok(api.groups().flatMap((g) => g.items).length > shown.length);
  });

  it('groups by tag when asked, and remembers it', async () => {
    await vscode.commands.executeCommand('feedbackLoop.groupBy', 'tag');
    await api.whenIdle();
    assert.equal(api.viewOptions().grouping, 'tag');
    const labels = api.groups().map((g) => g.label);
    assert.ok(labels.length > 3 && !labels.includes('Open'), `tag groups: ${labels.join(', ')}`);
    await vscode.commands.executeCommand('feedbackLoop.groupBy', 'status');
    await api.whenIdle();
  });

  it('opens an item panel for a row', async () => {
    const first = api.groups()[0].items[0];
    await vscode.commands.executeCommand('feedbackLoop.openItem', first.id);
    await eventually(
      () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).some((t) => t.input instanceof vscode.TabInputWebview),
      Boolean,
      'a webview tab for the item panel',
    );
  });
});
