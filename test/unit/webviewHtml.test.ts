// The shared webview page: its Content-Security-Policy, nonce and resources.
import * as assert from 'node:assert/strict';
import { JSDOM } from 'jsdom';
import type * as vscode from 'vscode';
import { buildWebviewHtml, webviewOptions, webviewResourceRoots } from '../../src/platform/webviewHtml';
import type { WebviewLike } from '../../src/platform/webviewHtml';

const CSP_SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';

/** Just enough of vscode.Uri for the builder: `path`, `with`, `toString`. */
class FakeUri {
  constructor(
    readonly scheme: string,
    readonly path: string,
  ) {}
  with(change: { scheme?: string; path?: string }): FakeUri {
    return new FakeUri(change.scheme ?? this.scheme, change.path ?? this.path);
  }
  toString(): string {
    return `${this.scheme}://ext${this.path}`;
  }
}

const extensionUri = new FakeUri('file', '/ext/feedback-loop') as unknown as vscode.Uri;
const webview: WebviewLike = {
  cspSource: CSP_SOURCE,
  asWebviewUri: (uri) => (uri as unknown as FakeUri).with({ scheme: 'https' }) as unknown as vscode.Uri,
};

function build(title = 'Feedback item'): Document {
  return new JSDOM(buildWebviewHtml({ webview, extensionUri, bundle: 'itemPanel', title })).window.document;
}

function cspOf(doc: Document): Map<string, string> {
  const content = doc.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content');
  assert.ok(content, 'no CSP meta tag');
  return new Map(
    content.split(';').map((part) => {
      const [name, ...values] = part.trim().split(/\s+/);
      return [name, values.join(' ')] as [string, string];
    }),
  );
}

describe('webview HTML', () => {
  it('has the strict CSP', () => {
    const csp = cspOf(build());
    assert.equal(csp.get('default-src'), "'none'");
    assert.equal(csp.get('img-src'), `${CSP_SOURCE} data:`);
    assert.equal(csp.get('style-src'), CSP_SOURCE);
    assert.equal(csp.get('font-src'), CSP_SOURCE);
    assert.equal(csp.get('connect-src'), "'none'");
    assert.match(csp.get('script-src') ?? '', /^'nonce-[A-Za-z0-9+/]{22}=='$/);
  });

  it('loads no image from the network: a tracking pixel in customer text would tell its sender who read it, and when', () => {
    const sources = (cspOf(build()).get('img-src') ?? '').split(' ');
    // Only the extension's own resources (webview.cspSource) and inline data: no scheme, host or wildcard of anyone else.
    assert.deepEqual(sources.filter((s) => s !== CSP_SOURCE && s !== 'data:'), []);
  });

  it('never allows inline or eval', () => {
    const html = buildWebviewHtml({ webview, extensionUri, bundle: 'itemPanel', title: 'x' });
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic/);
  });

  it('uses a fresh 16-byte nonce each time, carried by the script tag', () => {
    const nonces = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const doc = build();
      const nonce = /^'nonce-(.+)'$/.exec(cspOf(doc).get('script-src') ?? '')?.[1];
      assert.ok(nonce);
      assert.equal(Buffer.from(nonce, 'base64').length, 16);
      const scripts = Array.from(doc.querySelectorAll('script'));
      assert.equal(scripts.length, 1);
      assert.equal(scripts[0].getAttribute('nonce'), nonce);
      nonces.add(nonce);
    }
    assert.equal(nonces.size, 20);
  });

  it('loads the bundle from dist/webview and the style from media, through asWebviewUri', () => {
    const doc = build();
    assert.equal(doc.querySelector('script')?.getAttribute('src'), 'https://ext/ext/feedback-loop/dist/webview/itemPanel.js');
    assert.equal(doc.querySelector('link[rel=stylesheet]')?.getAttribute('href'), 'https://ext/ext/feedback-loop/media/itemPanel.css');
  });

  it('has no inline script or style and no event handler attributes', () => {
    const doc = build();
    assert.equal(doc.querySelectorAll('style, script:not([src])').length, 0);
    for (const el of Array.from(doc.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        assert.ok(!/^on/i.test(attr.name) && attr.name !== 'style', `${el.localName}[${attr.name}]`);
      }
    }
  });

  it('escapes the title', () => {
    const doc = build('</title><script>alert(1)</script>');
    assert.equal(doc.title, '</title><script>alert(1)</script>');
    assert.equal(doc.querySelectorAll('script').length, 1);
  });

  it('refuses a bundle name that is not a plain name', () => {
    for (const bundle of ['../evil', 'a/b', 'x"><script>', '']) {
      assert.throws(() => buildWebviewHtml({ webview, extensionUri, bundle, title: 'x' }), /bundle/);
    }
  });

  it('limits resources to dist/webview and media, with scripts on and no hidden context', () => {
    const roots = webviewResourceRoots(extensionUri).map((u) => u.path);
    assert.deepEqual(roots, ['/ext/feedback-loop/dist/webview', '/ext/feedback-loop/media']);
    const options = webviewOptions(extensionUri);
    assert.equal(options.enableScripts, true);
    assert.equal(options.retainContextWhenHidden, false);
    assert.equal(options.enableCommandUris, false);
    assert.deepEqual(options.localResourceRoots?.map((u) => u.path), roots);
  });
});
