// The item panel's markdown pipeline against hostile input, run over jsdom:
// whatever a customer writes, nothing executable or navigable may come out.
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import type { DOMPurify } from 'dompurify';
import { createMarkdownRenderer, interceptLinks, isAllowedLink } from '../../src/webview/itemPanel/markdown';
import type { MarkdownRenderer } from '../../src/webview/itemPanel/markdown';

const HOSTILE_MARKDOWN: readonly string[] = [
  '<script>alert(1)</script>',
  'text <img src=x onerror="alert(1)"> more',
  '[click](javascript:alert(1))',
  '[click](JaVaScRiPt:alert(1))',
  '[click](java\tscript:alert(1))',
  '[click](&#106;avascript:alert(1))',
  '[click](%6Aavascript:alert(1))',
  '<javascript:alert(1)>',
  '[click](vbscript:msgbox(1))',
  '[click](file:///etc/passwd)',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload="alert(1)"><circle r="1"/></svg>',
  '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)',
  '[x](https://example.com/"onmouseover="alert(1))',
  '[x](https://example.com "t\\" onclick=\\"alert(1)")',
  '![a" onerror="alert(1)](https://example.com/a.png)',
  '`<img src=x onerror=alert(1)>` and ```\n<script>alert(1)</script>\n```',
  '<a href="javascript:alert(1)">x</a>',
  '<style>body{display:none}</style><form action="https://evil.example"><input></form>',
  '<details open ontoggle=alert(1)>',
  '[x](//evil.example/path)',
  '[x](/relative/path)',
];

// As if markdown-it had let raw HTML through: the sanitiser alone must hold.
const HOSTILE_HTML: readonly string[] = [
  '<script>alert(1)</script><p>ok</p>',
  '<img src="x" onerror="alert(1)">',
  '<a href="javascript:alert(1)">x</a>',
  '<a href=" javascript:alert(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<a href="/relative">x</a>',
  '<iframe src="https://evil.example"></iframe>',
  '<svg onload="alert(1)"><a xlink:href="javascript:alert(1)">x</a></svg>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<object data="https://evil.example/x.swf"></object><embed src="x">',
  '<p style="background:url(javascript:alert(1))" class="team-badge" data-x="1" aria-label="x">y</p>',
  '<img src="data:image/svg+xml;base64,PHN2Zz4=">',
  '<img src="http://tracker.example/pixel.gif">',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<form><input name="x"><button formaction="javascript:alert(1)">b</button></form>',
  '<meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<base href="https://evil.example/">',
  '<a href="https://example.com" target="_top" onclick="alert(1)">ok</a>',
];

/** The properties that make sanitised output safe, checked on the DOM. */
function assertInert(root: ParentNode, input: string): void {
  const all = Array.from(root.querySelectorAll('*'));
  const forbidden = all.filter((el) =>
    ['script', 'iframe', 'svg', 'math', 'object', 'embed', 'style', 'form', 'input', 'button', 'meta', 'base', 'noscript'].includes(
      el.localName,
    ),
  );
  assert.deepEqual(forbidden.map((el) => el.localName), [], `forbidden elements from ${JSON.stringify(input)}`);
  for (const el of all) {
    for (const attr of Array.from(el.attributes)) {
      assert.ok(!/^on/i.test(attr.name), `event handler ${attr.name} from ${JSON.stringify(input)}`);
      assert.ok(!['style', 'class', 'target', 'formaction', 'action'].includes(attr.name), `${attr.name} from ${JSON.stringify(input)}`);
    }
    const href = el.getAttribute('href');
    if (href !== null) {
      assert.ok(isAllowedLink(href), `href ${href} from ${JSON.stringify(input)}`);
    }
    const src = el.getAttribute('src');
    if (src !== null) {
      // Nothing from the network: remote images become links (see below).
      assert.match(src, /^data:image\/(png|gif|jpeg|webp);/, `src ${src} from ${JSON.stringify(input)}`);
    }
  }
}

describe('item panel markdown', () => {
  let window: JSDOM['window'];
  let purify: DOMPurify;
  let renderer: MarkdownRenderer;

  beforeEach(() => {
    window = new JSDOM('<!DOCTYPE html><body></body>').window;
    purify = createDOMPurify(window as unknown as Window & typeof globalThis);
    renderer = createMarkdownRenderer(purify);
  });

  afterEach(() => window.close());

  function parse(html: string): HTMLElement {
    const host = window.document.createElement('div');
    host.innerHTML = html; // only in the test: to inspect the serialised output as a browser would
    return host;
  }

  for (const input of HOSTILE_MARKDOWN) {
    it(`renders hostile markdown inert: ${JSON.stringify(input)}`, () => {
      const fragment = renderer.toFragment(input);
      assertInert(fragment, input);
      const html = renderer.toHtml(input);
      assert.doesNotMatch(html, /<(script|iframe|svg|style|form)\b/i);
      assertInert(parse(html), input);
    });
  }

  for (const input of HOSTILE_HTML) {
    it(`sanitises hostile HTML: ${JSON.stringify(input)}`, () => {
      assertInert(parse(renderer.sanitize(input)), input);
    });
  }

  it('keeps the markdown a customer means: emphasis, lists, code, tables, safe links', () => {
    const host = parse(
      renderer.toHtml('**bold** _it_ ~~gone~~\n\n- one\n- two\n\n`code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[docs](https://example.com/docs) <mailto:a@example.com>'),
    );
    assert.equal(host.querySelector('strong')?.textContent, 'bold');
    assert.equal(host.querySelector('em')?.textContent, 'it');
    assert.equal(host.querySelector('s')?.textContent, 'gone');
    assert.equal(host.querySelectorAll('li').length, 2);
    assert.equal(host.querySelector('code')?.textContent, 'code');
    assert.equal(host.querySelectorAll('td').length, 2);
    const hrefs = Array.from(host.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    assert.deepEqual(hrefs, ['https://example.com/docs', 'mailto:a@example.com']);
    assert.equal(host.querySelector('a')?.getAttribute('rel'), 'noopener noreferrer');
  });

  it('shows raw HTML as text instead of dropping what the customer wrote', () => {
    const host = parse(renderer.toHtml('before <b onclick="x()">bold</b> after'));
    assert.equal(host.querySelector('b'), null);
    assert.match(host.textContent ?? '', /<b onclick="x\(\)">bold<\/b>/);
  });

  it('linkifies bare http(s) URLs but not other schemes', () => {
    const host = parse(renderer.toHtml('see https://example.org/a?b=1 not javascript:alert(1) nor file:///etc/passwd'));
    const hrefs = Array.from(host.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    assert.deepEqual(hrefs, ['https://example.org/a?b=1']);
  });

  it('links bare addresses as GitHub does: www., e-mail, without the punctuation that ends the sentence', () => {
    const host = parse(renderer.toHtml('Mail ada@example.com or see www.example.com/a_(b). Also (https://example.org/x), not example.net.'));
    const links = Array.from(host.querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('href')]);
    assert.deepEqual(links, [
      ['ada@example.com', 'mailto:ada@example.com'],
      ['www.example.com/a_(b)', 'http://www.example.com/a_(b)'],
      ['https://example.org/x', 'https://example.org/x'],
    ]);
  });

  it('does not link inside code or inside a link, and shows an internationalised host as written', () => {
    const host = parse(renderer.toHtml('`https://a.example` [https://b.example](https://c.example) https://exämple.com/ä'));
    const links = Array.from(host.querySelectorAll('a')).map((a) => [a.textContent, a.getAttribute('href')]);
    assert.deepEqual(links, [
      ['https://b.example', 'https://c.example'],
      ['https://exämple.com/ä', 'https://xn--exmple-cua.com/%C3%A4'],
    ]);
  });

  it('decodes character references strictly, and never into markup', () => {
    const host = parse(renderer.toHtml('&copy; &notin; &notit; &AMP; &foo; &#x1F600; &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.equal(host.textContent, '© ∉ &notit; & &foo; 😀 <script>alert(1)</script>\n');
    assert.equal(host.querySelector('script'), null);
  });

  it('keeps raster data images inline, and loads nothing from the network', () => {
    const host = parse(renderer.toHtml('![b](data:image/png;base64,iVBORw0KGgo=)'));
    assert.deepEqual(Array.from(host.querySelectorAll('img')).map((img) => img.getAttribute('src')), ['data:image/png;base64,iVBORw0KGgo=']);
    for (const html of ['<img src="http://example.com/p.gif" alt="p">', '<img src="https://tracker.example/pixel.gif">']) {
      assert.equal(parse(renderer.sanitize(html)).querySelector('img')?.getAttribute('src'), null, html);
    }
  });

  describe('remote images (tracking pixels)', () => {
    it('shows a remote image as a link naming its host and its alt text, never as an image', () => {
      const host = parse(renderer.toHtml('Look: ![screenshot](https://attacker.example/p.png?u=42 "hi")'));
      assert.equal(host.querySelector('img'), null);
      const links = Array.from(host.querySelectorAll('a'));
      assert.equal(links.length, 1);
      assert.equal(links[0].getAttribute('href'), 'https://attacker.example/p.png?u=42');
      assert.equal(links[0].getAttribute('title'), 'https://attacker.example/p.png?u=42');
      assert.equal(links[0].textContent, '🖼 screenshot (attacker.example)');
    });

    it('names the host alone when there is no alt text, and treats http like https', () => {
      const host = parse(renderer.toHtml('![](http://pixel.example:8080/p.gif)'));
      assert.equal(host.querySelector('img'), null);
      assert.equal(host.querySelector('a')?.textContent, '🖼 pixel.example:8080');
    });

    it('escapes the alt text and shows an internationalised host as the browser would open it', () => {
      const host = parse(renderer.toHtml('![<b>x</b> & "y"](https://exämple.com/a.png)'));
      assert.equal(host.querySelector('b'), null);
      assert.equal(host.querySelector('a')?.textContent, '🖼 <b>x</b> & "y" (xn--exmple-cua.com)');
    });

    it('inside a link: text in that link, no link within a link', () => {
      const host = parse(renderer.toHtml('[![badge](https://img.example/b.svg)](https://example.com/page)'));
      assert.equal(host.querySelector('img'), null);
      const links = Array.from(host.querySelectorAll('a'));
      assert.deepEqual(links.map((a) => a.getAttribute('href')), ['https://example.com/page']);
      assert.equal(links[0].textContent, '🖼 badge (img.example)');
    });

    it('opens through the host (and VS Code\'s confirmation), not by navigating', () => {
      const opened: string[] = [];
      // interceptLinks runs in the page: give it the page's globals for the length of this test.
      const globals = globalThis as { document?: Document; Element?: typeof Element };
      const previous = { document: globals.document, Element: globals.Element };
      Object.assign(globals, { document: window.document, Element: window.Element });
      try {
        interceptLinks((url) => opened.push(url));
        window.document.body.append(renderer.toFragment('![p](https://attacker.example/p.png)'));
        const link = window.document.querySelector('a');
        assert.ok(link);
        const click = new window.MouseEvent('click', { bubbles: true, cancelable: true });
        link.dispatchEvent(click);
        assert.equal(click.defaultPrevented, true);
        assert.deepEqual(opened, ['https://attacker.example/p.png']);
      } finally {
        Object.assign(globals, previous);
      }
    });
  });

  it('accepts only absolute http, https and mailto links', () => {
    assert.ok(isAllowedLink('https://example.com'));
    assert.ok(isAllowedLink('HTTP://example.com'));
    assert.ok(isAllowedLink('mailto:a@example.com'));
    for (const bad of ['javascript:alert(1)', ' javascript:alert(1)', 'data:text/html,x', 'file:///etc/passwd', '/relative', '//host/x', 'vscode://x', 'command:workbench.action.quit']) {
      assert.ok(!isAllowedLink(bad), bad);
    }
  });
});

describe('item panel markdown on 64 kB of hostile text', function () {
  this.timeout(120_000);
  // Runs that reach markdown-it's slow paths (link labels, emphasis, nesting,
  // tables, headings, references) and the bare-address matcher's (domains,
  // e-mail, closing parentheses). marked 18 took 42 s on the `x*_` run.
  const UNITS = ['[', '![', '*_*', 'x*_', '_a', '**a', '[a](', '> ', '- \\\n', '|-|\n', '\n#', '&amp;', '&notit;', 'www.a_', 'a.b@c', '<a@b.c>', 'http://a.b/)', '~~a'];
  // Without the sanitiser: in the webview the browser's own parser does that
  // work, and jsdom's speed is no measure of it.
  const renderer = createMarkdownRenderer({ addHook: () => undefined, sanitize: (html: string) => html } as unknown as DOMPurify);
  const run = (unit: string, size: number): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
  const fastest = (text: string): number =>
    Math.min(
      ...[0, 1, 2].map(() => {
        const started = process.hrtime.bigint();
        renderer.toHtml(text);
        return Number(process.hrtime.bigint() - started) / 1e6;
      }),
    );

  // A busy machine (a CI run beside two CPU hogs) once made one linear run look ten times slower on
  // 64 kB: a run that looks slow is measured again, up to five times, and fails only if it never scales.
  const measure = (unit: string) => ({ unit, small: fastest(run(unit, 16 * 1024)), large: fastest(run(unit, 64 * 1024)) });
  const scales = ({ small, large }: { small: number; large: number }): boolean => large <= 8 * small + 25;
  const remeasured = (unit: string) => {
    let last = measure(unit);
    for (let attempt = 1; attempt < 5 && !scales(last); attempt++) {
      last = measure(unit);
    }
    return last;
  };

  it('takes at most 8 times as long on 4 times the text (a quadratic renderer takes 16)', () => {
    const slow = UNITS.map(remeasured).filter((m) => !scales(m));
    assert.deepEqual(slow.map(({ unit, small, large }) => `${JSON.stringify(unit)}: ${small.toFixed(0)} ms on 16 kB, ${large.toFixed(0)} ms on 64 kB`), []);
  });
});
