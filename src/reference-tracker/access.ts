// Who may ask the reference tracker for what, beyond the API's bearer token.
//
// Host: a web page the user opens can make the browser send requests to
// loopback, and with DNS rebinding (evil.example now resolving to 127.0.0.1)
// even read the answers, as same-origin. Such a request still says
// `Host: evil.example:port`, so every route answers only to the host:port the
// server bound to (and `localhost` when that is loopback).
//
// Item pages: "Open in tracker" opens an item's `url` in the browser, which
// cannot send the bearer token, and a token in the URL would end up in the
// browser's history. So the url carries a page key instead: an HMAC of the
// item id under the token. It opens that one item's read-only page and
// nothing else; the token cannot be derived from it; and the page sends no
// Referer, so the key stays in the address bar.
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { HttpError } from './reply';

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const WILDCARD = new Set(['0.0.0.0', '::']);

/** The Host headers (lower case) that name this server: `127.0.0.1:4000`, `localhost:4000`, `[::1]:4000`… */
export function allowedHosts(bound: string, port: number): ReadonlySet<string> {
  const host = bound.toLowerCase();
  const names = new Set([host]);
  if (LOOPBACK.has(host) || /^127\.\d+\.\d+\.\d+$/.test(host) || WILDCARD.has(host)) {
    names.add('localhost');
  }
  if (WILDCARD.has(host)) {
    names.add('127.0.0.1').add('::1');
  }
  const withPort = [...names].map((name) => `${name.includes(':') ? `[${name}]` : name}:${port}`);
  // A client leaves the default port out of Host.
  const bare = port === 80 ? [...names].map((name) => (name.includes(':') ? `[${name}]` : name)) : [];
  return new Set([...withPort, ...bare]);
}

/** Throws 421 unless the request names this server; the Host it gave is not echoed. */
export function checkHost(header: string | undefined, allowed: ReadonlySet<string>): void {
  if (header === undefined || !allowed.has(header.toLowerCase())) {
    const [canonical] = allowed;
    throw new HttpError(421, 'misdirected_request', `This tracker answers only to requests for ${canonical ?? 'its own address'}.`);
  }
}

export class PageKeys {
  constructor(private readonly token: string) {}

  /** 128 bits of HMAC-SHA256(token, item id), URL-safe. */
  key(id: string): string {
    return createHmac('sha256', this.token).update(`item-page\n${id}`).digest('base64url').slice(0, 22);
  }

  /** Compares digests, so the time taken says nothing about the key. */
  matches(id: string, given: string | null): boolean {
    const digest = (text: string) => createHash('sha256').update(text).digest();
    return given !== null && timingSafeEqual(digest(given), digest(this.key(id)));
  }
}
