// Item-by-item validation for the external trackers' lists: one bad entry is
// left out and reported (naming the field), the others still show.
import type { z } from 'zod';
import { itemSummarySchema } from '../core/model';
import type { ItemSummary } from '../core/model';
import { describeIssues } from '../core/validation';
import type { RejectedItem } from './tracker';

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
  schema: z.ZodType<W>,
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
    const item = itemSummarySchema.safeParse(map(wire.data));
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
