// The markdown renderer as the webviews run it: their bundles replace two of
// markdown-it's packages (scripts/build/webviewStandIns.js), linkify-it by a
// stand-in that is never called and `entities` by the browser's own table. Built
// that way, the renderer must write the same HTML as the one the other tests
// run on the real packages.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as esbuild from 'esbuild';
import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import { webviewStandInsPlugin } from '../../scripts/build/webviewStandIns';
import * as source from '../../src/webview/itemPanel/markdown';

const root = path.resolve(__dirname, '..', '..');

/** What the stand-ins take part in (bare addresses, character references), and hostile text around them. */
const SAMPLES: readonly string[] = [
  '**bold** _it_ ~~gone~~\n\n- one\n- two\n\n`code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[docs](https://example.com/docs) <mailto:a@example.com>',
  'see https://example.org/a?b=1, www.example.com/a_(b). and ada@example.com; not example.net nor javascript:alert(1)',
  '(https://example.org/x) https://exämple.com/ä `https://code.example` [https://b.example](https://c.example)',
  '&copy; &notin; &notit; &AMP; &Amp; &foo; &semi; &#x1F600; &#123456789; &lt;script&gt;alert(1)&lt;/script&gt;',
  '[x](https://example.com/?a=1&amp;b=2&copy;3 "t&eacute;&notit;") ![&eacute;](https://img.example/a.png)',
  '```js&eacute;\ncode &amp; more\n```',
  '<script>alert(1)</script> <img src=x onerror="alert(1)"> [click](&#106;avascript:alert(1)) <javascript:alert(1)>',
  '![x](data:image/png;base64,iVBORw0KGgo=) [![badge](https://img.example/b.svg)](https://example.com/page)',
];

type MarkdownModule = typeof source;

describe('item panel markdown, as bundled for the webviews', function () {
  this.timeout(60_000);
  let dom: JSDOM;
  let dir: string;
  let bundled: MarkdownModule;
  let inputs: string[];
  const globals = globalThis as { document?: unknown };

  before(async () => {
    const result = await esbuild.build({
      entryPoints: [path.join(root, 'src/webview/itemPanel/markdown.ts')],
      bundle: true,
      write: false,
      format: 'cjs',
      platform: 'browser',
      target: 'es2022',
      metafile: true,
      logLevel: 'silent',
      plugins: [webviewStandInsPlugin()],
    });
    inputs = Object.keys(result.metafile.inputs);
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'feedback-loop-markdown-'));
    const file = path.join(dir, 'markdown.js');
    fs.writeFileSync(file, result.outputFiles[0].text);
    bundled = (await import(pathToFileURL(file).href)) as MarkdownModule;
    dom = new JSDOM('<!DOCTYPE html><body></body>');
    globals.document = dom.window.document; // the references' decoder is the page's parser
  });

  after(() => {
    delete globals.document;
    dom.window.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('leaves linkify-it and the entities table out', () => {
    assert.deepEqual(inputs.filter((input) => /node_modules\/(linkify-it|entities)\//.test(input)), []);
    assert.ok(inputs.some((input) => input.startsWith('node_modules/markdown-it/')), 'markdown-it is bundled');
  });

  it('writes the same HTML as with the real packages', () => {
    const purify = () => createDOMPurify(dom.window as unknown as Window & typeof globalThis);
    const expected = source.createMarkdownRenderer(purify());
    const actual = bundled.createMarkdownRenderer(purify());
    for (const markdown of SAMPLES) {
      assert.equal(actual.toHtml(markdown), expected.toHtml(markdown), markdown);
    }
  });
});
