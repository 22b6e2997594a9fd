// Bare addresses in customer text, linked as GitHub links them (the GFM spec's
// "Autolinks (extension)" examples), and nothing else.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { hasAutolink, matchAutolinkAtStart, matchAutolinks } from '../../src/webview/itemPanel/autolinks';
import { propertyRuns } from '../support/propertySeed';

/** [what the link shows, where it leads] for each link in `text`. */
const links = (text: string): [string, string][] => (matchAutolinks(text) ?? []).map((m) => [m.text, m.url]);

describe('bare-address links (GFM autolinks)', () => {
  it('links www. addresses (as http) and http(s) URLs, as the GFM spec does', () => {
    assert.deepEqual(links('www.commonmark.org'), [['www.commonmark.org', 'http://www.commonmark.org']]);
    assert.deepEqual(links('Visit www.commonmark.org/help for more information.'), [['www.commonmark.org/help', 'http://www.commonmark.org/help']]);
    assert.deepEqual(links('Visit www.commonmark.org.'), [['www.commonmark.org', 'http://www.commonmark.org']]);
    assert.deepEqual(links('Visit www.commonmark.org/a.b.'), [['www.commonmark.org/a.b', 'http://www.commonmark.org/a.b']]);
    assert.deepEqual(links('http://commonmark.org'), [['http://commonmark.org', 'http://commonmark.org']]);
    assert.deepEqual(links('(Visit https://encrypted.google.com/search?q=Markup+(business))'), [
      ['https://encrypted.google.com/search?q=Markup+(business)', 'https://encrypted.google.com/search?q=Markup+(business)'],
    ]);
    assert.deepEqual(links('http://localhost:8080/x, HTTPS://EXAMPLE.COM'), [
      ['http://localhost:8080/x', 'http://localhost:8080/x'],
      ['HTTPS://EXAMPLE.COM', 'HTTPS://EXAMPLE.COM'],
    ]);
  });

  it('leaves out the punctuation, parentheses and entity that end the sentence', () => {
    const only = (text: string): string => links(text).map(([shown]) => shown).join(' | ');
    assert.equal(only('www.google.com/search?q=Markdown)'), 'www.google.com/search?q=Markdown');
    assert.equal(only('(www.google.com/search?q=Markdown)'), 'www.google.com/search?q=Markdown');
    assert.equal(only('www.google.com/search?q=(business))+ok'), 'www.google.com/search?q=(business))+ok');
    assert.equal(only('www.google.com/search?q=commonmark&hl=en'), 'www.google.com/search?q=commonmark&hl=en');
    assert.equal(only('www.google.com/search?q=commonmark&hl;'), 'www.google.com/search?q=commonmark');
    assert.equal(only('www.commonmark.org/he<lp'), 'www.commonmark.org/he');
    assert.equal(only('see https://example.com/a?!.,:*_~\'"'), 'https://example.com/a');
  });

  it('links e-mail addresses, with mailto:', () => {
    assert.deepEqual(links('foo@bar.baz'), [['foo@bar.baz', 'mailto:foo@bar.baz']]);
    assert.deepEqual(links("hello@mail+xyz.example isn't valid, but hello+xyz@mail.example is."), [['hello+xyz@mail.example', 'mailto:hello+xyz@mail.example']]);
    assert.deepEqual(links('a.b-c_d@a.b'), [['a.b-c_d@a.b', 'mailto:a.b-c_d@a.b']]);
    assert.deepEqual(links('a.b-c_d@a.b.'), [['a.b-c_d@a.b', 'mailto:a.b-c_d@a.b']]);
    assert.deepEqual(links('a.b-c_d@a.b-'), []);
    assert.deepEqual(links('a.b-c_d@a.b_'), []);
    assert.deepEqual(links('me@localhost'), []);
  });

  it('does not link bare domains, other schemes, or addresses glued to a word', () => {
    for (const text of ['example.com', 'javascript:alert(1)', 'file:///etc/passwd', 'ftp://example.com', 'xhttp://example.com', 'awww.example.com', 'https://', 'www.']) {
      assert.equal(matchAutolinks(text), null, text);
      assert.equal(hasAutolink(text), false, text);
    }
  });

  it('refuses underscores in the last two parts of a domain, and domains longer than DNS allows', () => {
    assert.deepEqual(links('www.xxx.yyy.zzz_aaa.bbb www.xxx.yyy.zzz.aaa_bbb'), []);
    assert.deepEqual(links('www.x_y.commonmark.org'), [['www.x_y.commonmark.org', 'http://www.x_y.commonmark.org']]);
    assert.deepEqual(links(`https://${'a'.repeat(254)}.com`), []);
  });

  it('matches an http(s) URL at the start of a text (markdown-it finds the scheme)', () => {
    assert.deepEqual(matchAutolinkAtStart('https://example.com/a). more'), {
      schema: 'https:', index: 0, lastIndex: 21, raw: 'https://example.com/a', text: 'https://example.com/a', url: 'https://example.com/a',
    });
    assert.equal(matchAutolinkAtStart('mailto:a@example.com'), null);
    assert.equal(matchAutolinkAtStart('see https://example.com'), null);
  });

  it('answers with ordered, separate pieces of the text, each a link a user may open', () => {
    const pieces = fc.constantFrom('www.', 'http://', 'https://', '@', '.', '_', '-', '(', ')', ';', '&', '<', ' ', '\n', 'a', 'b.c', 'ä', '*', '~');
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join('');
        let end = 0;
        for (const m of matchAutolinks(text) ?? []) {
          assert.ok(m.index >= end && m.lastIndex > m.index, JSON.stringify({ text, m }));
          assert.equal(m.raw, text.slice(m.index, m.lastIndex));
          assert.match(m.url, /^(https?:\/\/|mailto:)/i);
          assert.doesNotMatch(m.raw, /[\s<]/);
          end = m.lastIndex;
        }
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});
