// The manifest and the code agree: every contributed command is registered,
// every registered feedbackLoop command is contributed, and each has a category.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, manifest } from './support';

describe('commands', () => {
  before(async () => {
    await activatedApi();
  });

  it('registers every command of package.json, and no other feedbackLoop command', async () => {
    // VS Code adds `<viewId>.focus`, `.open`, … for each view: those are not ours to declare.
    const viewIds = Object.values(manifest().contributes.views).flat().map((v) => `${v.id}.`);
    const ours = (c: string): boolean => c.startsWith('feedbackLoop.') && !viewIds.some((prefix) => c.startsWith(prefix));
    const registered = new Set((await vscode.commands.getCommands(true)).filter(ours));
    const contributed = new Set(manifest().contributes.commands.map((c) => c.command));
    assert.deepEqual([...contributed].filter((c) => !registered.has(c)), [], 'contributed but not registered');
    assert.deepEqual([...registered].filter((c) => !contributed.has(c)), [], 'registered but not contributed');
  });

  it('gives every command a category and every setting a description', () => {
    const { commands, configuration } = manifest().contributes;
    assert.deepEqual(commands.filter((c) => c.category !== 'Feedback Loop').map((c) => c.command), []);
    const undocumented = Object.entries(configuration.properties).filter(([, p]) => !p.description && !p.markdownDescription);
    assert.deepEqual(undocumented.map(([key]) => key), []);
  });
});
