// Trackers without idempotency keys (GitHub, Canny, Fider) get every write of
// ours tagged with a hidden marker carrying its key, so a retry can first look
// for it (check-before-retry), and links and trade-offs can live as comments
// and be read back. Two spellings of one payload:
//   html       `<!-- feedback-loop:reply key=K data=… -->` — GitHub's markdown hides HTML comments;
//   invisible  the same text as zero-width characters — Canny and Fider show
//              HTML comments as text, so customers would read the marker.
// A marker is data from a hostile channel when read: parsed strictly, and
// trusted only from team members (the adapter's call: MarkedComment.trusted).
// The adapters read their comments back through here too, so a link,
// trade-off or earlier write is recognised the same way on every tracker.
import { newCommitLinkSchema, newTradeOffSchema } from '../core/model';
import type { CommitLink, TradeOff } from '../core/model';
import { TrackerError } from './tracker';
import type { FoundWrite } from './tracker';

export type MarkerKind = FoundWrite['kind'];
export type MarkerStyle = 'html' | 'invisible';

export interface Marker {
  readonly kind: MarkerKind;
  readonly key: string;
  /** JSON payload of a link or trade-off, as written; validated by the reader. */
  readonly data?: unknown;
}

const KEY = /^[A-Za-z0-9._:-]{1,200}$/;
// Anchored, and no two quantified parts can match the same character: linear on any text.
const PAYLOAD = /^feedback-loop:(reply|link|tradeoff) key=([A-Za-z0-9._:-]{1,200})(?: data=([A-Za-z0-9_-]{1,20000}))?$/;
const HTML_OPEN = '<!-- ';
const HTML_CLOSE = ' -->';
/** More than any payload PAYLOAD accepts; only bounds the work on a forged one. */
const MAX_HTML_PAYLOAD = 20400;
/** Four zero-width characters are the base-4 digits of the payload's bytes, between two invisible separators. */
const DIGITS = ['\u200b', '\u200c', '\u200d', '\u2060'] as const;
const SEPARATOR = '\u2063';
/** Four digits a byte: more than the longest payload needs. */
const MAX_DIGITS = 90000;

/** The body followed by the marker; a key that could break out of the marker is refused. */
export function markBody(body: string, marker: Marker, style: MarkerStyle = 'html'): string {
  if (!KEY.test(marker.key)) {
    throw new TrackerError('rejected', `The idempotency key ${JSON.stringify(marker.key.slice(0, 50))} cannot be carried in a marker.`);
  }
  const data = marker.data === undefined ? '' : ` data=${Buffer.from(JSON.stringify(marker.data), 'utf8').toString('base64url')}`;
  const payload = `feedback-loop:${marker.kind} key=${marker.key}${data}`;
  const text = body.trimEnd();
  return style === 'html' ? `${text}\n\n<!-- ${payload} -->\n` : `${text}${SEPARATOR}${encode(payload)}${SEPARATOR}`;
}

/** The marker at the end of a body (either spelling), if any, and the body without it. */
export function readMarker(body: string): { readonly marker: Marker | undefined; readonly text: string } {
  // Found by scanning back from the end, not by a regex anchored at the end:
  // a regex engine tries every start, which is quadratic on long whitespace.
  const end = body.trimEnd();
  const found = htmlMarker(end) ?? invisibleMarker(end);
  const parts = found?.payload === undefined ? null : PAYLOAD.exec(found.payload);
  if (!found || !parts) {
    return { marker: undefined, text: body };
  }
  const text = body.slice(0, found.start).trimEnd();
  const kind = parts[1] as MarkerKind;
  if (parts[3] === undefined) {
    return { marker: { kind, key: parts[2] }, text };
  }
  try {
    return { marker: { kind, key: parts[2], data: JSON.parse(Buffer.from(parts[3], 'base64url').toString('utf8')) as unknown }, text };
  } catch {
    // Data that is not JSON: the marker still names its write (findWrite needs only the key); no record parses from it.
    return { marker: { kind, key: parts[2], data: undefined }, text };
  }
}

/** A tracker's comment, as the readers below need it. */
export interface MarkedComment {
  readonly id: string;
  readonly body: string;
  readonly createdAt: string;
  /** Its author may write links and trade-offs (a team member, and on Canny in an internal note): anyone else's markers are ignored. */
  readonly trusted: boolean;
}

/** A link or trade-off record, shown as such rather than as a reply. */
export function isRecord(comment: MarkedComment): boolean {
  const kind = readMarker(comment.body).marker?.kind;
  return comment.trusted && (kind === 'link' || kind === 'tradeoff');
}

/** The links the comments record; a forged or malformed marker is no link. */
export function linksIn(comments: readonly MarkedComment[]): CommitLink[] {
  return comments.flatMap((c) => {
    const data = newCommitLinkSchema.safeParse(recordData(c, 'link'));
    return data.success ? [{ id: c.id, ...data.data }] : [];
  });
}

/** The trade-offs the comments record; a forged or malformed marker is no trade-off. */
export function tradeOffsIn(comments: readonly MarkedComment[]): TradeOff[] {
  return comments.flatMap((c) => {
    const data = newTradeOffSchema.safeParse(recordData(c, 'tradeoff'));
    return data.success ? [{ id: c.id, ...data.data, createdAt: c.createdAt }] : [];
  });
}

/** The comment that carries `key`, if the write landed (keys are random: nobody else can know one before it lands). */
export function findWriteIn(comments: readonly MarkedComment[], key: string): FoundWrite | undefined {
  for (const comment of comments) {
    const { marker } = readMarker(comment.body);
    if (marker?.key === key) {
      return { kind: marker.kind, commentId: comment.id };
    }
  }
  return undefined;
}

/** The payload of a trusted record of this kind; undefined otherwise. */
function recordData(comment: MarkedComment, kind: 'link' | 'tradeoff'): unknown {
  const { marker } = readMarker(comment.body);
  return comment.trusted && marker?.kind === kind ? marker.data : undefined;
}

interface Found {
  /** Where the marker starts in the body. */
  readonly start: number;
  /** Its payload, undefined when the digits do not decode. */
  readonly payload: string | undefined;
}

/** `<!-- feedback-loop:… -->` ending `text`; the payload holds no `<` or `>`, so it starts at the last `<!-- `. */
function htmlMarker(text: string): Found | undefined {
  if (!text.endsWith(HTML_CLOSE)) {
    return undefined;
  }
  const close = text.length - HTML_CLOSE.length;
  const start = text.lastIndexOf(HTML_OPEN, close - 1);
  if (start === -1) {
    return undefined;
  }
  const payload = text.slice(start + HTML_OPEN.length, close);
  const plain = payload.length <= MAX_HTML_PAYLOAD && !payload.includes('<') && !payload.includes('>');
  return plain && payload.startsWith('feedback-loop:') ? { start, payload } : undefined;
}

/** Separator, zero-width digits, separator ending `text`. */
function invisibleMarker(text: string): Found | undefined {
  if (!text.endsWith(SEPARATOR)) {
    return undefined;
  }
  const close = text.length - SEPARATOR.length;
  const start = text.lastIndexOf(SEPARATOR, close - 1);
  const digits = start === -1 ? '' : text.slice(start + SEPARATOR.length, close);
  if (digits.length < 4 || digits.length > MAX_DIGITS || !isDigits(digits)) {
    return undefined;
  }
  return { start, payload: decode(digits) };
}

function isDigits(text: string): boolean {
  for (const ch of text) {
    if (!(DIGITS as readonly string[]).includes(ch)) {
      return false;
    }
  }
  return true;
}

function encode(payload: string): string {
  let out = '';
  for (const byte of Buffer.from(payload, 'utf8')) {
    out += DIGITS[byte >> 6] + DIGITS[(byte >> 4) & 3] + DIGITS[(byte >> 2) & 3] + DIGITS[byte & 3];
  }
  return out;
}

function decode(digits: string): string | undefined {
  if (digits.length % 4 !== 0) {
    return undefined;
  }
  const bytes = Buffer.alloc(digits.length / 4);
  for (let i = 0; i < bytes.length; i++) {
    let byte = 0;
    for (let j = 0; j < 4; j++) {
      byte = (byte << 2) | DIGITS.indexOf(digits[i * 4 + j] as (typeof DIGITS)[number]);
    }
    bytes[i] = byte;
  }
  return bytes.toString('utf8');
}
