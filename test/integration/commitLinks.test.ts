// Commit links inside a real extension host, in the sample workspace (a git
// repository whose commits mention FB-12 and carry `Feedback: rest:FB-3`).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, eventually } from './support';

// A named untitled document: `openTextDocument({ content })` takes the next free
// "Untitled-N", which can be the name of a document an earlier suite just closed
// while the extension host still holds that document's old text.
async function untitledDocument(name: string, content: string, language?: string): Promise<vscode.TextDocument> {
  const opened = await vscode.workspace.openTextDocument(vscode.Uri.from({ scheme: 'untitled', path: `/${name}` }));
  const doc = language === undefined ? opened : await vscode.languages.setTextDocumentLanguage(opened, language);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(doc.uri, new vscode.Position(0, 0), content);
  assert.ok(await vscode.workspace.applyEdit(edit), `could not write ${name}`);
  return doc;
}

describe('commit links', () => {
  let doc: vscode.TextDocument;

  before(async () => {
    await activatedApi();
    doc = await untitledDocument('commit-links-references.md', 'Fixes FB-12 and FB-3.\nNot XFB-9.\n');
  });

  it('makes every reference a link that opens the item', async () => {
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    const ours = links.filter((l) => l.target?.scheme === 'command');
    assert.deepEqual(
      ours.map((l) => [doc.getText(l.range), decodeURIComponent(l.target?.query ?? '')]),
      [
        ['FB-12', '["FB-12"]'],
        ['FB-3', '["FB-3"]'],
      ],
    );
    assert.ok(ours.every((l) => l.target?.path === 'feedbackLoop.openItem'));
  });

  it('shows the item from the tracker when hovering a reference', async () => {
    const text = await eventually(
      async () => {
        const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(0, 8));
        return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      },
      (value) => value.includes('FB-12:') && value.includes('Open feedback item'),
      'a hover with the item',
    );
    assert.match(text, /command:feedbackLoop\.openItem\?/);
  });

  it('gives nothing to hover outside a reference', async () => {
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(1, 6));
    assert.ok(!hovers.some((h) => h.contents.some((c) => (typeof c === 'string' ? c : c.value).includes('Open feedback item'))));
  });

  it('offers loaded items after the prefix in the commit message box, ranked by demand', async () => {
    const api = await activatedApi();
    await vscode.commands.executeCommand('workbench.view.extension.feedbackLoop');
    await vscode.commands.executeCommand('feedbackLoop.refresh');
    await api.whenIdle();
    const message = await untitledDocument('commit-message', 'Quote fields FB-', 'scminput');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', message.uri, new vscode.Position(0, 16), '-');
    const ours = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Reference);
    assert.ok(ours.length > 10, `items offered: ${ours.length}`);
    const label = ours[0].label as vscode.CompletionItemLabel;
    assert.match(label.label, /^FB-\d+$/);
    assert.equal(ours[0].insertText, label.label);
    assert.match(String(ours[0].detail), /·/, 'status and demand');
  });
});

describe('reference patterns of the user', () => {
  const patterns = () => vscode.workspace.getConfiguration('feedbackLoop.links');
  const linkedIds = async (doc: vscode.TextDocument): Promise<string[]> => {
    const links = await vscode.commands.executeCommand<vscode.DocumentLink[]>('vscode.executeLinkProvider', doc.uri);
    return links.filter((l) => l.target?.path === 'feedbackLoop.openItem').map((l) => doc.getText(l.range));
  };

  before(() => activatedApi());
  after(() => patterns().update('referencePatterns', undefined, vscode.ConfigurationTarget.Global));

  // The pattern checker is a bundle of its own, loaded by the first pattern a user sets: this is its first use.
  it('finds references by a pattern set in the settings', async () => {
    await patterns().update('referencePatterns', ['\\bTICKET-\\d+\\b'], vscode.ConfigurationTarget.Global);
    const doc = await untitledDocument('user-pattern.md', 'Fixes TICKET-7, not FB-12.\n');
    await eventually(() => linkedIds(doc), (ids) => JSON.stringify(ids) === '["TICKET-7"]', 'a link on TICKET-7 only');
  });

  it('refuses a pattern that can backtrack catastrophically and keeps the default', async () => {
    await patterns().update('referencePatterns', ['(a+)+b'], vscode.ConfigurationTarget.Global);
    const doc = await untitledDocument('refused-pattern.md', 'Fixes FB-12, aaab.\n');
    await eventually(() => linkedIds(doc), (ids) => JSON.stringify(ids) === '["FB-12"]', 'a link on FB-12 only');
  });
});
