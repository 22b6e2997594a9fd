// Bare addresses in customer text become links the way GitHub shows them
// (GFM's "extended autolinks"): http:// and https:// URLs, www. addresses and
// e-mail addresses, without the punctuation that ends a sentence. markdown-it
// asks its `linkify` object for them; these three functions replace
// linkify-it's (11 KB and the Unicode tables it needs, in both webview
// bundles), which also linked bare domains ("example.com") and schemes the
// link check refuses anyway. Index scans and literal searches only: 64 kB of
// hostile text costs a pass, not a backtracking regular expression.

/** One link found in a text, in the shape markdown-it reads (linkify-it's `Match`). */
export interface AutolinkMatch {
  /** `http:`, `https:`, `mailto:`, or '' for a www. address (shown as written, opened as http). */
  readonly schema: string;
  readonly index: number;
  readonly lastIndex: number;
  /** The text as written. */
  readonly raw: string;
  /** What the link shows. */
  readonly text: string;
  /** Where it leads. */
  readonly url: string;
}

/** Where a link may start: a scheme (either case, as URLs allow) or `www.` (as GitHub does); `@` marks an e-mail address. */
const CANDIDATE = /[hH][tT][tT][pP][sS]?:\/\/|www\.|@/;
/** A link starts a line, follows a space or one of these (emphasis, a parenthesis). */
const OPENERS = new Set(['*', '_', '~', '(']);
/** Sentence punctuation after an address is not part of it. */
const TRAILING = new Set(['?', '!', '.', ',', ':', '*', '_', '~', "'", '"']);
/** The longest domain name DNS allows: a longer run is not a host, and the cap keeps each scan short. */
const MAX_DOMAIN = 253;
const WHITESPACE = /\s/;
const NON_ASCII_WORD = /[\p{L}\p{N}\p{M}]/u;

/** Every link in `text`, in order; null when there is none (as linkify-it answers). */
export function matchAutolinks(text: string): AutolinkMatch[] | null {
  const links: AutolinkMatch[] = [];
  const candidates = new RegExp(CANDIDATE.source, 'g');
  let from = 0; // where the previous link ended: a local part may not reach back into it
  for (let hit = candidates.exec(text); hit !== null; hit = candidates.exec(text)) {
    const link = hit[0] === '@' ? emailAround(text, hit.index, from) : addressAt(text, hit.index, hit[0], true);
    if (link !== null) {
      links.push(link);
      from = link.lastIndex;
      candidates.lastIndex = Math.max(link.lastIndex, hit.index + 1);
    }
  }
  return links.length > 0 ? links : null;
}

/** Whether `text` holds a link. */
export function hasAutolink(text: string): boolean {
  return matchAutolinks(text) !== null;
}

/** An http(s) URL at the very start of `text`: markdown-it asks where it meets `://`, from the scheme on. */
export function matchAutolinkAtStart(text: string): AutolinkMatch | null {
  const scheme = /^https?:\/\//i.exec(text);
  return scheme === null ? null : addressAt(text, 0, scheme[0], false);
}

/** A URL or www. address whose prefix `prefix` starts at `start`, or null. */
function addressAt(text: string, start: number, prefix: string, checkBefore: boolean): AutolinkMatch | null {
  if (checkBefore && start > 0 && !WHITESPACE.test(text[start - 1]) && !OPENERS.has(text[start - 1])) {
    return null;
  }
  const www = prefix === 'www.';
  // No dot needed after the prefix: GitHub links `http://localhost` and `www.example` too.
  const domainEnd = scanDomain(text, start + prefix.length);
  if (domainEnd < 0) {
    return null;
  }
  let end = domainEnd;
  while (end < text.length && text[end] !== '<' && !WHITESPACE.test(text[end])) {
    end++;
  }
  end = trimEnd(text, start, end);
  const raw = text.slice(start, end);
  return { schema: www ? '' : prefix.slice(0, -2).toLowerCase(), index: start, lastIndex: end, raw, text: raw, url: www ? `http://${raw}` : raw };
}

/**
 * The end of the domain starting at `from`, or -1 when there is none:
 * segments of letters, digits, `-` and `_` joined by dots, no `_` in the last
 * two segments. Never more than MAX_DOMAIN + 1 characters are read.
 */
function scanDomain(text: string, from: number): number {
  let end = from;
  while (end < text.length && end - from <= MAX_DOMAIN && isDomainChar(text[end])) {
    end++;
  }
  if (end - from > MAX_DOMAIN) {
    return -1;
  }
  while (end > from && text[end - 1] === '.') {
    end--; // a domain never ends with its dot: that one ends the sentence
  }
  const labels = text.slice(from, end).split('.');
  if (end === from || labels.slice(-2).some((label) => label.includes('_'))) {
    return -1;
  }
  return end;
}

function isDomainChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '-' || c === '_' || c === '.' || (c > '\u007f' && NON_ASCII_WORD.test(c));
}

/**
 * Drops what ends a sentence rather than the address: trailing punctuation,
 * closing parentheses that open nowhere in the address, and an entity
 * (`&amp;`) glued to its end. Parentheses are counted once, not per `)`.
 */
function trimEnd(text: string, start: number, end: number): number {
  let open = 0;
  let close = 0;
  for (let i = start; i < end; i++) {
    open += text[i] === '(' ? 1 : 0;
    close += text[i] === ')' ? 1 : 0;
  }
  while (end > start) {
    const last = text[end - 1];
    if (TRAILING.has(last)) {
      end--;
    } else if (last === ')' && close > open) {
      end--;
      close--;
    } else if (last === ';') {
      let name = end - 1;
      while (name > start && isAsciiAlphanumeric(text[name - 1])) {
        name--;
      }
      end = name < end - 1 && name > start && text[name - 1] === '&' ? name - 1 : end - 1;
    } else {
      break;
    }
  }
  return end;
}

/** An e-mail address around the `@` at `at`, starting no earlier than `from`, or null. */
function emailAround(text: string, at: number, from: number): AutolinkMatch | null {
  let start = at;
  while (start > from && isLocalChar(text[start - 1])) {
    start--;
  }
  let end = at + 1;
  let dots = 0;
  while (end < text.length && end - at <= MAX_DOMAIN && (isAsciiAlphanumeric(text[end]) || text[end] === '-' || text[end] === '_' || text[end] === '.')) {
    dots += text[end] === '.' ? 1 : 0;
    end++;
  }
  while (end > at + 1 && text[end - 1] === '.') {
    end--; // a full stop after the address
    dots--;
  }
  const last = text[end - 1];
  if (start === at || end === at + 1 || dots < 1 || last === '-' || last === '_' || end - at > MAX_DOMAIN) {
    return null;
  }
  const raw = text.slice(start, end);
  return { schema: 'mailto:', index: start, lastIndex: end, raw, text: raw, url: `mailto:${raw}` };
}

function isLocalChar(c: string): boolean {
  return isAsciiAlphanumeric(c) || c === '.' || c === '-' || c === '_' || c === '+';
}

function isAsciiAlphanumeric(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
