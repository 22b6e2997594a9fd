// The format of `.feedback/tradeoffs.json`: trade-offs shared with the team
// through the repository. Stable and reviewable: a schema version, keys in a
// fixed order, trade-offs sorted by place, two-space indent, one final newline,
// so that a change shows as a small diff. Anything read back is validated, and
// an error names the line (the file is hand-edited and merged like code).
import * as z from 'zod/mini';
import { describeIssues } from '../validation';
import { conflictMarkerLine, lineOf, offsetOfPath, syntaxErrorOffset } from './jsonLocate';

export const TRADEOFF_FILE = '.feedback/tradeoffs.json';
export const TRADEOFF_FILE_VERSION = 1;
/**
 * Larger files are not read: thousands of trade-offs fit in far less, and the
 * file comes from whatever repository was cloned.
 */
export const MAX_TRADEOFF_FILE_BYTES = 4 * 1024 * 1024;
/** Validation problems named in one message: a hostile file can have a million. */
const MAX_ISSUES_SHOWN = 3;

const timestamp = z.iso.datetime({ offset: true });

/** Workspace-relative, `/`-separated, and never out of the workspace: the file comes from a clone. */
const relativePath = z.string().check(
  z.minLength(1),
  z.refine((p) => !p.startsWith('/') && !/^[a-zA-Z]:/.test(p) && !p.includes('\\'), 'a workspace-relative path with / separators'),
  z.refine((p) => !p.split('/').some((part) => part === '..' || part === '.' || part === ''), 'a path without "..", "." or empty parts'),
);

export const storedLocationSchema = z
  .object({
    repository: z.string(),
    path: relativePath,
    startLine: z.number().check(z.int(), z.gte(1)),
    endLine: z.number().check(z.int(), z.gte(1)),
    commit: z.nullable(z.string()),
  })
  .check(z.refine((l) => l.endLine >= l.startLine, { message: 'endLine must be ≥ startLine', path: ['endLine'] }));

export const anchorSchema = z.object({
  /** fingerprintLines() of `lines`: 16 hex digits. */
  fingerprint: z.string().check(z.regex(/^[0-9a-f]{16}$/, '16 lowercase hex digits')),
  /** The block's text when it was last seen, one string per line: what re-anchoring looks for. */
  lines: z.array(z.string()).check(z.minLength(1)),
});
export type Anchor = z.infer<typeof anchorSchema>;

export const replySchema = z.object({
  author: z.string(),
  body: z.string().check(z.minLength(1), z.maxLength(10_000)),
  createdAt: timestamp,
});
export type Reply = z.infer<typeof replySchema>;

export const TRADEOFF_STATES = ['open', 'resolved'] as const;

export const storedTradeOffSchema = z.object({
  /** Made once when marked; also the idempotency key of the write to the tracker. */
  id: z.string().check(z.regex(/^[A-Za-z0-9_-]{6,64}$/, '6–64 letters, digits, - or _')),
  itemId: z.string().check(z.minLength(1)),
  summary: z.string().check(z.minLength(1), z.maxLength(200)),
  rationale: z.string().check(z.maxLength(20_000)),
  state: z.enum(TRADEOFF_STATES),
  author: z.string(),
  createdAt: timestamp,
  location: storedLocationSchema,
  anchor: anchorSchema,
  replies: z.array(replySchema),
});
export type StoredTradeOff = z.infer<typeof storedTradeOffSchema>;

export const tradeOffFileSchema = z.object({
  version: z.literal(TRADEOFF_FILE_VERSION),
  tradeoffs: z.array(storedTradeOffSchema),
});
export type TradeOffFile = z.infer<typeof tradeOffFileSchema>;

export type ParseResult =
  | { readonly ok: true; readonly file: TradeOffFile }
  | { readonly ok: false; readonly line: number; readonly message: string };

/** Parses the file's text; an empty or blank file is an empty list. */
export function parseTradeOffFile(text: string, source = TRADEOFF_FILE): ParseResult {
  // A UTF-16 length never exceeds the UTF-8 size, so this refuses no file the size check passes.
  const tooLarge = tradeOffFileSizeProblem(text.length, source);
  if (tooLarge !== undefined) {
    return { ok: false, line: 1, message: tooLarge };
  }
  if (text.trim() === '') {
    return { ok: true, file: { version: TRADEOFF_FILE_VERSION, tradeoffs: [] } };
  }
  const conflict = conflictMarkerLine(text);
  if (conflict !== undefined) {
    return fail(source, conflict, 'a merge conflict marker: resolve the conflict, then save');
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    const offset = syntaxErrorOffset(text) ?? text.length;
    return fail(source, lineOf(text, offset), 'not valid JSON here');
  }
  const version = (raw as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > TRADEOFF_FILE_VERSION) {
    return fail(source, lineOf(text, offsetOfPath(text, ['version'])), `version ${version} is newer than this extension reads (${TRADEOFF_FILE_VERSION}): update Feedback Loop`);
  }
  const result = tradeOffFileSchema.safeParse(raw);
  if (!result.success) {
    const first = result.error.issues[0];
    const line = lineOf(text, offsetOfPath(text, first.path));
    const issues = describeIssues(result.error);
    const more = issues.length > MAX_ISSUES_SHOWN ? `; and ${issues.length - MAX_ISSUES_SHOWN} more` : '';
    return fail(source, line, issues.slice(0, MAX_ISSUES_SHOWN).join('; ') + more);
  }
  const ids = new Set<string>();
  for (const [index, tradeOff] of result.data.tradeoffs.entries()) {
    if (ids.has(tradeOff.id)) {
      return fail(source, lineOf(text, offsetOfPath(text, ['tradeoffs', index, 'id'])), `tradeoffs[${index}].id: "${tradeOff.id}" appears twice`);
    }
    ids.add(tradeOff.id);
  }
  return { ok: true, file: result.data };
}

/** Why a file of `size` bytes is not read, or undefined when it may be. */
export function tradeOffFileSizeProblem(size: number, source = TRADEOFF_FILE): string | undefined {
  if (size <= MAX_TRADEOFF_FILE_BYTES) {
    return undefined;
  }
  // Rounded up, so that a file just over the limit never reads as equal to it.
  const mb = (bytes: number): string => String(Math.ceil((bytes / 1024 / 1024) * 10) / 10);
  return `${source}: ${mb(size)} MB, more than a trade-off file may hold (at most ${mb(MAX_TRADEOFF_FILE_BYTES)} MB); it was not read`;
}

function fail(source: string, line: number, message: string): ParseResult {
  return { ok: false, line, message: `${source}:${line}: ${message}` };
}

/** The file's text: fixed key order, sorted by path, line and id, so diffs stay small. */
export function serializeTradeOffFile(tradeOffs: readonly StoredTradeOff[]): string {
  const sorted = [...tradeOffs].sort(compareTradeOffs).map(canonical);
  return `${JSON.stringify({ version: TRADEOFF_FILE_VERSION, tradeoffs: sorted }, null, 2)}\n`;
}

export function compareTradeOffs(a: StoredTradeOff, b: StoredTradeOff): number {
  return (
    compareStrings(a.location.path, b.location.path) ||
    a.location.startLine - b.location.startLine ||
    compareStrings(a.id, b.id)
  );
}

// Locale-independent, so two machines write the same bytes.
function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Rebuilt key by key: the order on disk never depends on how the object was made. */
function canonical(t: StoredTradeOff): StoredTradeOff {
  const { repository, path, startLine, endLine, commit } = t.location;
  return {
    id: t.id,
    itemId: t.itemId,
    summary: t.summary,
    rationale: t.rationale,
    state: t.state,
    author: t.author,
    createdAt: t.createdAt,
    location: { repository, path, startLine, endLine, commit },
    anchor: { fingerprint: t.anchor.fingerprint, lines: [...t.anchor.lines] },
    replies: [...t.replies]
      .sort((a, b) => compareStrings(a.createdAt, b.createdAt))
      .map((r) => ({ author: r.author, body: r.body, createdAt: r.createdAt })),
  };
}
