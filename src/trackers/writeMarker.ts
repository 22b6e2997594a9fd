// Trackers without idempotency keys (GitHub, Canny, Fider) get every write of
// ours tagged with a hidden marker carrying its key, so a retry can first look
// for it (check-before-retry), and links and trade-offs can live as comments
// and be read back. Two spellings of one payload:
//   html       `<!-- feedback-loop:reply key=K data=… -->` — GitHub's markdown hides HTML comments;
//   invisible  the same text as zero-width characters — Canny and Fider show
//              HTML comments as text, so customers would read the marker.
// A marker is data from a hostile channel when read: parsed strictly, and
// trusted only from team members (the adapter's call).
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
const PAYLOAD = /^feedback-loop:(reply|link|tradeoff) key=([A-Za-z0-9._:-]{1,200})(?: data=([A-Za-z0-9_-]{1,20000}))?$/;
const HTML = /<!-- (feedback-loop:[^<>]{1,20300}) -->\s*$/;
/** Four zero-width characters are the base-4 digits of the payload's bytes, between two invisible separators. */
const DIGITS = ['\u200b', '\u200c', '\u200d', '\u2060'] as const;
const SEPARATOR = '\u2063';
const INVISIBLE = /\u2063([\u200b\u200c\u200d\u2060]{4,90000})\u2063\s*$/;

/** The body followed by the marker; a key that could break out of the marker is refused. */
export function markBody(body: string, marker: Marker, style: MarkerStyle = 'html'): string {
  if (!KEY.test(marker.key)) {
    throw new TrackerError('rejected', `The idempotency key ${JSON.stringify(marker.key.slice(0, 50))} cannot be carried in a marker.`);
  }
  const data = marker.data === undefined ? '' : ` data=${Buffer.from(JSON.stringify(marker.data), 'utf8').toString('base64url')}`;
  const payload = `feedback-loop:${marker.kind} key=${marker.key}${data}`;
  const text = body.replace(/\s+$/, '');
  return style === 'html' ? `${text}\n\n<!-- ${payload} -->\n` : `${text}${SEPARATOR}${encode(payload)}${SEPARATOR}`;
}

/** The marker at the end of a body (either spelling), if any, and the body without it. */
export function readMarker(body: string): { readonly marker: Marker | undefined; readonly text: string } {
  const html = HTML.exec(body);
  const invisible = html ? undefined : INVISIBLE.exec(body);
  const match = html ?? invisible;
  const payload = html ? html[1] : invisible ? decode(invisible[1]) : undefined;
  const parts = payload === undefined ? null : PAYLOAD.exec(payload);
  if (!match || !parts) {
    return { marker: undefined, text: body };
  }
  const text = body.slice(0, match.index).replace(/\s+$/, '');
  const kind = parts[1] as MarkerKind;
  if (parts[3] === undefined) {
    return { marker: { kind, key: parts[2] }, text };
  }
  try {
    return { marker: { kind, key: parts[2], data: JSON.parse(Buffer.from(parts[3], 'base64url').toString('utf8')) as unknown }, text };
  } catch {
    return { marker: { kind, key: parts[2], data: undefined }, text };
  }
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
