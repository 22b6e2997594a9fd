// User-facing strings in code go through vscode.l10n.t, so a language pack can
// translate them. This lint parses src/ and flags the calls that show text to
// the user (messages, input boxes, quick picks, progress) given plain literals.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

const srcDir = path.resolve(__dirname, '..', '..', 'src');
/** The first argument is the text shown. */
const MESSAGE_CALLS = new Set(['showInformationMessage', 'showWarningMessage', 'showErrorMessage', 'setStatusBarMessage']);
/** Options objects whose text properties are shown. */
const OPTION_CALLS = new Set(['showInputBox', 'showQuickPick', 'createInputBox', 'createQuickPick', 'withProgress', 'showOpenDialog', 'showSaveDialog']);
const TEXT_PROPERTIES = new Set(['prompt', 'placeHolder', 'title', 'validationMessage', 'openLabel', 'saveLabel']);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    // The webviews have their own strings (sent from the host); the reference tracker is a test server.
    if (entry.isDirectory()) {
      return ['webview', 'reference-tracker'].includes(entry.name) ? [] : sourceFiles(full);
    }
    return full.endsWith('.ts') ? [full] : [];
  });
}

const isLiteral = (node: ts.Node): boolean => ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || ts.isTemplateExpression(node);
/** Prose, not an example value such as `https://host` or `owner/name`. */
const isProse = (node: ts.Node): boolean => isLiteral(node) && /[A-Za-z] +[A-Za-z]/.test(node.getText());

/** Literal user-facing strings in `text` (a TypeScript file), as `line: code`. */
function unlocalisedStrings(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const report = (node: ts.Node) => found.push(`${path.relative(srcDir, fileName)}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${node.getText()}`);
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = ts.isPropertyAccessExpression(node.expression) ? node.expression.name.text : ts.isIdentifier(node.expression) ? node.expression.text : '';
      if (MESSAGE_CALLS.has(callee) && node.arguments[0] && isLiteral(node.arguments[0])) {
        report(node.arguments[0]);
      }
      if (OPTION_CALLS.has(callee)) {
        for (const arg of node.arguments.filter(ts.isObjectLiteralExpression)) {
          for (const prop of arg.properties) {
            if (ts.isPropertyAssignment(prop) && TEXT_PROPERTIES.has(prop.name.getText()) && isProse(prop.initializer)) {
              report(prop.initializer);
            }
          }
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('user-facing strings in code are localised', () => {
  it('flags literal messages and prompts, and accepts vscode.l10n.t', () => {
    const sample = [
      "vscode.window.showErrorMessage('Could not connect');",
      'window.showWarningMessage(`Lost ${n} items`);',
      "vscode.window.showInputBox({ prompt: 'Your API key', placeHolder: 'https://host' });",
      "vscode.window.showInformationMessage(vscode.l10n.t('Connected'));",
      "vscode.window.showQuickPick(items, { title: vscode.l10n.t('Pick one') });",
    ].join('\n');
    const found = unlocalisedStrings(path.join(srcDir, 'sample.ts'), sample);
    assert.deepEqual(found, ["sample.ts:1: 'Could not connect'", 'sample.ts:2: `Lost ${n} items`', "sample.ts:3: 'Your API key'"]);
  });

  it('finds none in src/', () => {
    const found = sourceFiles(srcDir).flatMap((file) => unlocalisedStrings(file, fs.readFileSync(file, 'utf8')));
    assert.deepEqual(found, []);
  });
});
