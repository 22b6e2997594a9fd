// The Conversation view and the outbox in a real extension host: the view is
// contributed right after the Feedback view and resolves when focused, and
// the pending-writes commands run with nothing queued.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, manifest } from './support';

describe('Conversation view and outbox', () => {
  before(async () => {
    await activatedApi();
  });

  it('is contributed in the Feedback Loop container, after the Feedback view', () => {
    const ids = manifest().contributes.views.feedbackLoop.map((v) => v.id);
    assert.equal(ids.indexOf('feedbackLoop.conversation'), ids.indexOf('feedbackLoop.items') + 1, ids.join(', '));
  });

  it('opens when focused', async () => {
    await vscode.commands.executeCommand('feedbackLoop.conversation.focus');
  });

  it('retries now with nothing pending, without error', async () => {
    await vscode.commands.executeCommand('feedbackLoop.retryPendingWrites');
  });
});
