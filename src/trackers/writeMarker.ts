// Trackers without idempotency keys (GitHub, Canny, Fider) get every write of
// ours tagged with a hidden HTML comment carrying its key, so a retry can first
// look for it (check-before-retry), and links and trade-offs can live as
// comments and be read back. The marker is data from a hostile channel when
// read: parsed strictly, and trusted only from team members (the adapter's call).
import type { FoundWrite } from './tracker';

export type MarkerKind = FoundWrite['kind'];

export interface Marker {
  readonly kind: MarkerKind;
  readonly key: string;
  /** JSON payload of a link or trade-off, as written; validated by the reader. */
  readonly data?: unknown;
}

const PREFIX = 'feedback-loop';
const KEY = /^[A-Za-z0-9._:-]{1,200}$/;
// Markdown renderers hide HTML comments, so people read the text and not this.
const MARKER = /<!-- feedback-loop:(reply|link|tradeoff) key=([A-Za-z0-9._:-]{1,200})(?: data=([A-Za-z0-9_-]{1,20000}))? -->\s*$/;

export function isMarkerKey(key: string): boolean {
  return KEY.test(key);
}

/** The body followed by the marker; a key that could break out of the comment is refused. */
export function markBody(body: string, marker: Marker): string {
  if (!KEY.test(marker.key)) {
    throw new Error(`The idempotency key ${JSON.stringify(marker.key.slice(0, 50))} cannot be carried in a marker.`);
  }
  const data = marker.data === undefined ? '' : ` data=${Buffer.from(JSON.stringify(marker.data), 'utf8').toString('base64url')}`;
  return `${body.replace(/\s+$/, '')}\n\n<!-- ${PREFIX}:${marker.kind} key=${marker.key}${data} -->\n`;
}

/** The marker at the end of a body, if any, and the body without it. */
export function readMarker(body: string): { readonly marker: Marker | undefined; readonly text: string } {
  const match = MARKER.exec(body);
  if (!match) {
    return { marker: undefined, text: body };
  }
  const text = body.slice(0, match.index).replace(/\s+$/, '');
  const kind = match[1] as MarkerKind;
  if (match[3] === undefined) {
    return { marker: { kind, key: match[2] }, text };
  }
  try {
    return { marker: { kind, key: match[2], data: JSON.parse(Buffer.from(match[3], 'base64url').toString('utf8')) as unknown }, text };
  } catch {
    return { marker: { kind, key: match[2], data: undefined }, text };
  }
}
