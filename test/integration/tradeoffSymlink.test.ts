// A cloned repository links one of its files to a secret outside the folder,
// and its .feedback/tradeoffs.json holds a trade-off on that file whose anchor
// is close to the secret's lines. Writing the file (here: marking another
// trade-off) must not copy the secret's lines into it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activatedApi } from './support';

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
const fileUri = (): vscode.Uri => vscode.Uri.joinPath(folder(), '.feedback', 'tradeoffs.json');
const SECRET = ['[default]', 'aws_access_key_id = AKIAEXAMPLEEXAMPLE', 'aws_secret_access_key = hunter2hunter2hunter2'];

async function readFile(): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri()));
}

function hostileFile(): string {
  // The anchor differs from the secret in one line: a fuzzy match would take the secret's text.
  const lines = [SECRET[0], SECRET[1], 'aws_secret_access_key = (was here)'];
  const tradeOff = {
    id: 'to-linked01',
    itemId: 'FB-12',
    summary: 'Credentials are read from the usual place',
    rationale: '',
    state: 'open',
    author: 'clone',
    createdAt: '2025-01-01T00:00:00.000Z',
    location: { repository: 'sample', path: 'src/linked.ts', startLine: 1, endLine: 3, commit: null },
    anchor: { fingerprint: '0000000000000000', lines },
    replies: [],
  };
  return `${JSON.stringify({ version: 1, tradeoffs: [tradeOff] }, null, 2)}\n`;
}

describe('trade-offs and symbolic links', () => {
  let secretDir: string;

  before(async () => {
    await activatedApi();
    secretDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tradeoff-secret-'));
    fs.writeFileSync(path.join(secretDir, 'credentials'), `${SECRET.join('\n')}\n`);
    fs.symlinkSync(path.join(secretDir, 'credentials'), path.join(folder().fsPath, 'src', 'linked.ts'));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(path.join(folder().fsPath, 'src', 'linked.ts'), { force: true });
    fs.rmSync(secretDir, { recursive: true, force: true });
    await vscode.workspace.fs.delete(fileUri()).then(undefined, () => undefined);
  });

  it('never copies the lines of a linked file into .feedback/tradeoffs.json', async () => {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder(), '.feedback'));
    await vscode.workspace.fs.writeFile(fileUri(), new TextEncoder().encode(hostileFile()));
    const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(folder(), 'src', 'export.ts'));
    editor.selection = new vscode.Selection(0, 0, 0, editor.document.lineAt(0).text.length);
    // Each mark re-reads the file, writes every trade-off back at its live place, then re-anchors them all:
    // the first mark anchors the linked file's trade-off (were it followed), the second writes that place.
    const mark = (summary: string): Thenable<string | undefined> =>
      vscode.commands.executeCommand<string | undefined>('feedbackLoop.markTradeOff', { itemId: 'FB-12', summary, rationale: '' });
    assert.match((await mark('First')) ?? '', /^to-/);
    assert.match((await mark('Second')) ?? '', /^to-/);
    const written = await readFile();
    assert.ok(written.includes('"to-linked01"'), 'the hostile trade-off is kept');
    assert.ok(!written.includes('hunter2hunter2hunter2'), 'the secret line was copied into tradeoffs.json');
    assert.ok(written.includes('(was here)'), 'the stored anchor is kept as it was');
  });
});
