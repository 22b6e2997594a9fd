// The webviews decode character references with the browser's own table
// (src/webview/itemPanel/htmlEntities.ts, in place of the `entities` package):
// it must answer as the package does for everything markdown-it hands it.
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import { decodeHTMLStrict as packageDecode, encodeHTML } from 'entities';
import { decodeHTMLStrict } from '../../src/webview/itemPanel/htmlEntities';

/** One `&name;` for every character that has a name, from U+0000 to U+2FFF and a few beyond. */
function namedReferences(): string[] {
  const names = new Set<string>();
  const codePoints = [...Array.from({ length: 0x3000 }, (_, i) => i), 0xfb00, 0xfb01, 0x1d504, 0x1d56b, 0x1d4b6];
  for (const cp of codePoints) {
    const encoded = encodeHTML(String.fromCodePoint(cp));
    if (/^&[a-z][a-z0-9]*;$/i.test(encoded)) {
      names.add(encoded);
    }
  }
  return [...names];
}

/** The edges: legacy names without their `;` inside longer words, case, unknown names, two code points, numbers. */
const EDGES = [
  '&amp;', '&AMP;', '&Amp;', '&aMp;', '&semi;', '&SEMI;', '&notin;', '&notit;', '&ampx;', '&copyright;', '&lt1;', '&foo;', '&xx;',
  '&NotEqualTilde;', '&fjlig;', '&nvlt;', '&bne;', '&Afr;', '&bopf;', '&ThickSpace;', '&nbsp;', '&zwj;',
  '&#abc;', '&#123456789;', '&#x110000;', '&#xD800;', '&#0;', '&#12a;', '&#x1F600;', '&#65;', '&#X41;',
  `&${'a'.repeat(32)};`,
];

describe('character references in the webviews (the entities stand-in)', () => {
  let dom: JSDOM;
  const globals = globalThis as { document?: Document };

  before(() => {
    dom = new JSDOM('<!DOCTYPE html><body></body>');
    globals.document = dom.window.document;
  });

  after(() => {
    delete globals.document;
    dom.window.close();
  });

  it('decodes every named reference as the entities package does', () => {
    const references = namedReferences();
    assert.ok(references.length > 1000, `${references.length} names`);
    const differ = references.filter((r) => decodeHTMLStrict(r) !== packageDecode(r));
    assert.deepEqual(differ, []);
  });

  it('agrees on the edges: legacy names inside longer words, case, unknown names, numbers', () => {
    for (const reference of EDGES) {
      assert.equal(decodeHTMLStrict(reference), packageDecode(reference), reference);
    }
    assert.equal(decodeHTMLStrict('&notit;'), '&notit;');
    assert.equal(decodeHTMLStrict('&notin;'), '∉');
  });

  it('hands anything but one reference back unchanged, markup included', () => {
    for (const text of ['amp', '&amp', '&amp;x', 'x&amp;', '&amp;&amp;', '<b>&amp;</b>', '</textarea><img src=x onerror=alert(1)>', '&a b;', '&;', '']) {
      assert.equal(decodeHTMLStrict(text), text, text);
    }
    assert.equal(dom.window.document.body.childNodes.length, 0, 'nothing entered the page');
  });
});
