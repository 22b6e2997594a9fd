// Trade-offs against the real API: marking writes .feedback/tradeoffs.json
// through vscode.workspace.fs, typing above moves the trade-off and saving
// writes its new place, and an invalid file is never overwritten.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { activatedApi, eventually } from './support';

interface Stored {
  readonly id: string;
  readonly location: { readonly path: string; readonly startLine: number; readonly endLine: number };
}

// The suites are compiled file by file, without src/: the file is read as plain JSON here.
function parseTradeOffFile(text: string): { ok: true; file: { tradeoffs: Stored[] } } | { ok: false } {
  try {
    return { ok: true, file: text.trim() ? (JSON.parse(text) as { tradeoffs: Stored[] }) : { tradeoffs: [] } };
  } catch {
    return { ok: false };
  }
}

const folder = (): vscode.Uri => vscode.workspace.workspaceFolders![0].uri;
const fileUri = (): vscode.Uri => vscode.Uri.joinPath(folder(), '.feedback', 'tradeoffs.json');

async function readFile(): Promise<string> {
  try {
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(fileUri()));
  } catch {
    return '';
  }
}

async function writeFile(text: string): Promise<void> {
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(folder(), '.feedback'));
  await vscode.workspace.fs.writeFile(fileUri(), new TextEncoder().encode(text));
}

async function selectLines(relative: string, start: number, end: number): Promise<vscode.TextEditor> {
  const editor = await vscode.window.showTextDocument(vscode.Uri.joinPath(folder(), ...relative.split('/')));
  editor.selection = new vscode.Selection(start - 1, 0, end - 1, editor.document.lineAt(end - 1).text.length);
  return editor;
}

describe('trade-offs', () => {
  before(async () => {
    await activatedApi();
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.workspace.fs.delete(fileUri()).then(undefined, () => undefined);
  });

  it('marks the selected lines in .feedback/tradeoffs.json, and follows lines typed above once saved', async () => {
    await writeFile('');
    const editor = await selectLines('src/export.ts', 3, 5);
    const id = await vscode.commands.executeCommand<string>('feedbackLoop.markTradeOff', { itemId: 'FB-12', summary: 'Quote only when needed', rationale: 'Smaller files.' });
    assert.match(id ?? '', /^to-[0-9a-f]{16}$/);
    const marked = parseTradeOffFile(await readFile());
    assert.ok(marked.ok);
    assert.deepEqual(marked.file.tradeoffs.map((t) => [t.id, t.location.path, t.location.startLine, t.location.endLine]), [[id, 'src/export.ts', 3, 5]]);

    await editor.edit((edit) => edit.insert(new vscode.Position(0, 0), '// a\n// b\n'));
    await editor.document.save();
    const moved = await eventually(
      async () => parseTradeOffFile(await readFile()),
      (f) => f.ok && f.file.tradeoffs[0]?.location.startLine === 5,
      'the trade-off saved at line 5',
    );
    assert.ok(moved.ok);
    assert.equal(moved.file.tradeoffs[0].location.endLine, 7);
    await editor.edit((edit) => edit.delete(new vscode.Range(0, 0, 2, 0)));
    await editor.document.save();
    // Saving writes the place back asynchronously: let it land before the next test writes the file.
    await eventually(
      async () => parseTradeOffFile(await readFile()),
      (f) => f.ok && f.file.tradeoffs[0]?.location.startLine === 3,
      'the trade-off saved back at line 3',
    );
  });

  it('never overwrites an invalid file: marking is refused and the file stays as it was', async () => {
    const conflicted = '{\n  "version": 1,\n<<<<<<< HEAD\n  "tradeoffs": []\n=======\n>>>>>>> theirs\n}\n';
    await writeFile(conflicted);
    await selectLines('src/export.ts', 1, 1);
    const id = await vscode.commands.executeCommand<string | undefined>('feedbackLoop.markTradeOff', { itemId: 'FB-12', summary: 'Refused', rationale: '' });
    assert.equal(id, undefined);
    assert.equal(await readFile(), conflicted);
  });
});
