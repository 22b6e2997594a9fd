// The last-known items (issue 12, "Offline-first"): the first page of every
// group the view showed, and the items last opened with their threads, kept
// on disk per workspace and tracker, so the view
// has rows the moment it opens (marked stale until the tracker answers) and
// when the tracker cannot be reached. Plain data with a zod schema: the file is
// input like any other and is validated when read.
import * as z from 'zod/mini';
import { GROUPINGS } from './grouping';
import type { Grouping } from './grouping';
import { commentSchema, itemSchema, itemSummarySchema, sortSchema, statusSchema } from './model';
import type { Comment, FeedbackItem, ItemSummary, Sort, Status } from './model';

export const SNAPSHOT_VERSION = 1;

const snapshotGroupSchema = z.object({
  key: z.string().check(z.minLength(1), z.maxLength(500)),
  label: z.string().check(z.maxLength(500)),
  status: z.nullable(statusSchema),
  items: z.array(itemSummarySchema),
  hasMore: z.boolean(),
});

/** Items opened last, with their threads, kept for panels opened while the tracker cannot be reached. */
export const SNAPSHOT_OPENED_ITEMS = 50;

const openedItemSchema = z.object({
  item: itemSchema,
  comments: z.array(commentSchema),
  /** When the tracker answered them (ISO 8601). */
  fetchedAt: z.iso.datetime({ offset: true }),
});

export const snapshotSchema = z.object({
  version: z.literal(SNAPSHOT_VERSION),
  /** When the tracker last answered these items (ISO 8601). */
  syncedAt: z.iso.datetime({ offset: true }),
  grouping: z.enum(GROUPINGS),
  sort: sortSchema,
  groups: z.array(snapshotGroupSchema),
  /** Absent from files written before panels were kept. */
  opened: z.optional(z.array(openedItemSchema).check(z.maxLength(SNAPSHOT_OPENED_ITEMS))),
});

export type Snapshot = z.infer<typeof snapshotSchema>;
export type SnapshotGroup = z.infer<typeof snapshotGroupSchema>;
export type OpenedItem = z.infer<typeof openedItemSchema>;

/**
 * zod's compiled parser (generated code) validates a 20 MB snapshot about four
 * times faster than the runtime one, which the "first rows ≤ 300 ms" budget
 * needs; on a failure it runs the runtime parser, so the reasons stay zod's
 * (and where code cannot be generated, the runtime parser does it all).
 * Compiled on the first read, not at import: activation never pays for it.
 */
let compiledSnapshotSchema: typeof snapshotSchema | undefined;
function compiledSchema(): typeof snapshotSchema {
  compiledSnapshotSchema ??= z.compile(snapshotSchema);
  return compiledSnapshotSchema;
}

/** What the store shows, as the snapshot needs it. */
export interface ShownGroup {
  readonly key: string;
  readonly label: string;
  readonly status: Status | undefined;
  readonly items: readonly ItemSummary[];
  readonly hasMore: boolean;
}

/** Rows kept per group: the first page, as the view first shows it. */
export const SNAPSHOT_ROWS_PER_GROUP = 100;

/** An item opened in a panel, as the session last fetched it. */
export interface OpenedDetail {
  readonly item: FeedbackItem;
  readonly comments: readonly Comment[];
  readonly fetchedAt: number;
}

/**
 * The snapshot of what is shown, as JSON text of at most `maxBytes` (UTF-8).
 * Over the bound, opened items go first (the least recent first), then the
 * longest groups lose rows (a group keeps at least one row while any fits);
 * undefined when not even that fits.
 */
export function snapshotText(
  shown: {
    readonly groups: readonly ShownGroup[];
    readonly grouping: Grouping;
    readonly sort: Sort;
    readonly syncedAt: Date;
    /** Most recently opened first. */
    readonly opened?: readonly OpenedDetail[];
  },
  maxBytes: number,
): string | undefined {
  const groups: SnapshotGroup[] = shown.groups.map((g) => ({
    key: g.key,
    label: g.label,
    status: g.status ?? null,
    items: g.items.slice(0, SNAPSHOT_ROWS_PER_GROUP),
    hasMore: g.hasMore || g.items.length > SNAPSHOT_ROWS_PER_GROUP,
  }));
  const opened: OpenedItem[] = (shown.opened ?? [])
    .slice(0, SNAPSHOT_OPENED_ITEMS)
    .map((o) => ({ item: o.item, comments: [...o.comments], fetchedAt: new Date(o.fetchedAt).toISOString() }));
  const snapshot: Snapshot = { version: SNAPSHOT_VERSION, syncedAt: shown.syncedAt.toISOString(), grouping: shown.grouping, sort: shown.sort, groups, opened };
  for (;;) {
    const text = JSON.stringify(snapshot);
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes <= maxBytes) {
      return text;
    }
    if (opened.length > 0) {
      // Halving keeps a far too big snapshot to a few passes.
      opened.length = Math.floor(opened.length / 2);
      continue;
    }
    const longest = Math.max(...groups.map((g) => g.items.length));
    if (longest <= 1) {
      return undefined;
    }
    // Shrink in proportion to the excess, so a far too big snapshot takes a few passes, not hundreds.
    const cap = Math.max(1, Math.floor(longest * Math.min(0.9, maxBytes / bytes)));
    for (const group of groups) {
      if (group.items.length > cap) {
        group.items = group.items.slice(0, cap);
        group.hasMore = true;
      }
    }
  }
}

export type ReadSnapshot = { readonly ok: true; readonly snapshot: Snapshot } | { readonly ok: false; readonly reason: string };

/** Parses and validates a stored snapshot; the reason names what is wrong, for the log. */
export function readSnapshot(text: string): ReadSnapshot {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, reason: `not JSON (${(error as Error).message})` };
  }
  const parsed = compiledSchema().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, reason: `${issue.path.join('.') || 'the file'}: ${issue.message}` };
  }
  return { ok: true, snapshot: parsed.data };
}
