// Item-by-item validation for the external trackers' lists: one bad entry is
// left out and reported (naming the field), the others still show.
import * as z from 'zod/mini';
import { itemSummarySchema } from '../core/model';
import type { ItemSummary } from '../core/model';
import { describeIssues } from '../core/validation';
import type { RejectedItem } from './tracker';

/**
 * The contract's item schema as zod's compiled parser (generated code), as
 * core/snapshot.ts does: zod/mini parses objects without classic zod's JIT,
 * and every item of every list passes here. On a failure it runs the runtime
 * parser, so the reasons stay zod's. Compiled on the first list, not at import.
 */
let compiledItemSummary: typeof itemSummarySchema | undefined;
export function itemSummaryParser(): typeof itemSummarySchema {
  compiledItemSummary ??= z.compile(itemSummarySchema);
  return compiledItemSummary;
}

export interface ParsedList<T> {
  readonly items: T[];
  readonly rejected: RejectedItem[];
}

/**
 * Validates each raw entry with `schema`, maps it, and checks the result
 * against the contract's item schema too (a mapping must never let through
 * what the views cannot show). `skip` drops entries that are not items at all
 * (GitHub pull requests) without reporting them.
 */
export function parseEach<W>(
  raws: readonly unknown[],
  schema: z.ZodMiniType<W>,
  map: (wire: W) => ItemSummary,
  path: readonly PropertyKey[],
  skip: (wire: W) => boolean = () => false,
): ParsedList<ItemSummary> {
  const items: ItemSummary[] = [];
  const rejected: RejectedItem[] = [];
  raws.forEach((raw, index) => {
    const wire = schema.safeParse(raw);
    if (!wire.success) {
      rejected.push({ index, id: readableId(raw), issues: describeIssues(wire.error, [...path, index]) });
      return;
    }
    if (skip(wire.data)) {
      return;
    }
    const item = itemSummaryParser().safeParse(map(wire.data));
    if (item.success) {
      items.push(item.data);
    } else {
      rejected.push({ index, id: readableId(raw), issues: describeIssues(item.error, [...path, index]) });
    }
  });
  return { items, rejected };
}

function readableId(raw: unknown): string | undefined {
  if (typeof raw !== 'object' || raw === null) {
    return undefined;
  }
  const record = raw as Record<string, unknown>;
  for (const key of ['id', 'number']) {
    const value = record[key];
    if ((typeof value === 'string' && value.length > 0 && value.length <= 200) || (typeof value === 'number' && Number.isSafeInteger(value))) {
      return String(value);
    }
  }
  return undefined;
}
