// What users install: a small .vsix with only what runs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
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
    // The extension loads the tracker adapters, axios, the connect steps and zod's compiler from their own bundles (esbuild.js).
    const lazyBundles = ['dist/connect.js', 'dist/trackers/http.js', 'dist/trackers/rest.js', 'dist/trackers/github.js', 'dist/trackers/canny.js', 'dist/trackers/fider.js', 'dist/zod/compile.js', 'dist/testProbes.js'];
    for (const needed of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', ...lazyBundles, 'dist/reference-tracker.js', 'dist/webview/itemPanel.js', 'media/icon.png']) {
      assert.ok(files.includes(needed), `${needed} is packed`);
    }
  });
});
