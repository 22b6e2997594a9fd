// The layer table as lint rules (eslint.config.mjs): a feature imports no
// other feature, and core/ no vscode. Linted as text placed at a path in
// src/, without type information (these rules need none; it keeps this fast).
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { ESLint } from 'eslint';

const eslint = new ESLint({
  cwd: path.resolve(__dirname, '../..'),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false } }, rules: { '@typescript-eslint/no-floating-promises': 'off' } },
});

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(`${source}\nexport const used = x;\n`, { filePath });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import layers (lint)', () => {
  const feature = 'src/features/closeLoop/probe.ts';

  it('refuses a feature importing another feature, however the path is spelt', async () => {
    for (const from of ['../itemPanel/panelTexts', '../itemPanel', '../../features/conversation/writes', '../closeLoopX/a']) {
      const messages = await restricted(feature, `import { x } from '${from}';`);
      assert.equal(messages.length, 1, from);
      assert.match(messages[0], /never imports another feature/);
    }
  });

  it('lets a feature import itself and the layers below it', async () => {
    for (const from of ['./announcer', '../closeLoop/announcer', '../../core/model', '../../platform/panelComposer', '../../shared/composerProtocol', '../../trackers/tracker']) {
      assert.deepEqual(await restricted(feature, `import { x } from '${from}';`), [], from);
    }
  });

  it('refuses a feature importing webview code', async () => {
    assert.equal((await restricted(feature, `import { x } from '../../webview/itemPanel/render';`)).length, 1);
  });

  it('still refuses vscode in core/', async () => {
    assert.equal((await restricted('src/core/probe.ts', `import { x } from 'vscode';`)).length, 1);
  });
});
