// Close the loop inside a real extension host, in the sample workspace: the
// release notes for a tag range list the items its linked commits answer.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as vscode from 'vscode';
import { activatedApi, eventually } from './support';

describe('close the loop', () => {
  let root: string;
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: root, encoding: 'utf8' });

  before(async () => {
    await activatedApi();
    root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
    assert.ok(root, 'a workspace folder');
    // HEAD~3 is "Add dark mode tokens" (FB-3); after it: FB-5 and FB-12, FB-7, FB-12 again.
    git('tag', 'closeLoop-test-a', 'HEAD~3');
    git('tag', 'closeLoop-test-b', 'HEAD');
  });

  after(() => {
    git('tag', '-d', 'closeLoop-test-a', 'closeLoop-test-b');
  });

  it('drafts release notes listing the items answered between two tags, with their demand', async () => {
    // Asked again until the Git extension, activated in the background, has opened the repository.
    const text = await eventually(
      async () => {
        await vscode.commands.executeCommand('feedbackLoop.draftReleaseNotes', { repository: root, from: 'closeLoop-test-a', to: 'closeLoop-test-b' });
        return vscode.window.activeTextEditor?.document.getText() ?? '';
      },
      (value) => value.startsWith('# closeLoop-test-b'),
      'the release notes document',
    );
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'markdown');
    assert.equal(vscode.window.activeTextEditor?.document.isUntitled, true);
    for (const id of ['FB-5', 'FB-12', 'FB-7']) {
      assert.match(text, new RegExp(`\\(${id}\\): ▲ \\d+ · \\d+ customers?`), `${id} is listed with its demand`);
    }
    assert.doesNotMatch(text, /\(FB-3\)/, 'FB-3 shipped before the range');
    assert.match(text, /Retry webhook deliveries with backoff/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
