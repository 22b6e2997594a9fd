// What users install: a small .vsix with only what runs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { lazyBundles } from '../../scripts/build/lazyBundles';
import { packagedFiles, packageVsix } from '../../scripts/package/packageVsix';

const MAX_BYTES = 1.5 * 1024 * 1024;

describe('the .vsix', () => {
  let vsix: string;

  before(async function () {
    this.timeout(120_000);
    vsix = await packageVsix();
  });

  it(`is at most 1.5 MB`, () => {
    const size = fs.statSync(vsix).size;
    assert.ok(size <= MAX_BYTES, `${vsix} is ${(size / 1024).toFixed(0)} KB`);
  });

  it('holds the bundles, media and documents, and nothing from src/, test/ or node_modules/', async () => {
    const files = await packagedFiles();
    assert.deepEqual(files.filter((f) => /^(src|test|node_modules|out|scripts)\//.test(f) || f.endsWith('.map') || f.endsWith('.ts')), []);
    // The extension loads the tracker adapters, axios, the connect steps, zod's compiler and the rest of
    // scripts/build/lazyBundles.js's list from their own bundles: each must ship, or its feature fails once installed.
    const lazy = lazyBundles.map((b) => `dist/${b.name}.js`);
    for (const needed of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', ...lazy, 'dist/reference-tracker.js', 'dist/webview/itemPanel.js', 'media/icon.png']) {
      assert.ok(files.includes(needed), `${needed} is packed`);
    }
  });
});
