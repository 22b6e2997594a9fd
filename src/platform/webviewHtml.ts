// The one HTML page and Content-Security-Policy of every webview. The page
// holds no data at all: customer text travels as messages and is rendered by
// the webview's script, so nothing hostile is ever spliced into this template.
//
// Only types come from vscode, so this runs (and is tested) in plain Node.
import { randomBytes } from 'node:crypto';
import { posix } from 'node:path';
import type * as vscode from 'vscode';

/** What the builder needs of a `vscode.Webview`. */
export type WebviewLike = Pick<vscode.Webview, 'cspSource' | 'asWebviewUri'>;

export interface WebviewHtmlOptions {
  readonly webview: WebviewLike;
  readonly extensionUri: vscode.Uri;
  /** The bundle name: loads `dist/webview/<bundle>.js` and `media/<bundle>.css`. */
  readonly bundle: string;
  /** The document title: a fixed text of ours, never customer data (it is escaped anyway). */
  readonly title: string;
}

/** The folders a webview may load from: the built scripts and the static assets, nothing else. */
export function webviewResourceRoots(extensionUri: vscode.Uri): vscode.Uri[] {
  return [childUri(extensionUri, 'dist', 'webview'), childUri(extensionUri, 'media')];
}

/** Options for `createWebviewPanel` and for panels restored by a serializer. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    // A hidden panel is rebuilt from the host's state on `ready`: cheaper
    // than keeping a page alive per item.
    retainContextWhenHidden: false,
    enableFindWidget: true,
    localResourceRoots: webviewResourceRoots(extensionUri),
  };
}

/** A fresh nonce per page: 16 random bytes, base64. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    // No image from the network: a customer's `![](https://attacker/p.png)`
    // would tell them who read it, from where, and when. The markdown
    // renderer shows such images as links instead.
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    "connect-src 'none'",
  ].join('; ');
}

export function buildWebviewHtml(options: WebviewHtmlOptions): string {
  const { webview, extensionUri, bundle, title } = options;
  if (!/^[A-Za-z0-9_-]+$/.test(bundle)) {
    throw new Error(`Invalid webview bundle name: ${bundle}`);
  }
  const nonce = createNonce();
  const script = webview.asWebviewUri(childUri(extensionUri, 'dist', 'webview', `${bundle}.js`));
  const style = webview.asWebviewUri(childUri(extensionUri, 'media', `${bundle}.css`));
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy(webview.cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(style.toString())}">
<title>${escapeHtml(title)}</title>
</head>
<body>
<main id="root" aria-live="polite"></main>
<script nonce="${nonce}" src="${escapeHtml(script.toString())}"></script>
</body>
</html>`;
}

/** Escapes text for element content and double-quoted attributes (the only kinds used here). */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

// `Uri.with` instead of `vscode.Uri.joinPath` keeps the vscode module out of
// this file at run time.
function childUri(base: vscode.Uri, ...segments: string[]): vscode.Uri {
  return base.with({ path: posix.join(base.path, ...segments) });
}
