// The view's sorts as comparisons, for what core/ ranks itself: Merge All's
// k-way merge of the connections' lists (core/multiTree.ts). The store does
// not sort: each tracker ranks its own list for the sort asked (`demand`,
// `newest`, `updated`), so the merge compares by the same keys, first key
// first. Where a tracker breaks ties its own way (the reference tracker by
// id, Linear and Fider by creation time), its list is still merged in its own
// order: the merge never reorders within a list.
import { compareDemand } from './demand';
import type { ItemSummary, Sort } from './model';

export type ItemCompare = (a: ItemSummary, b: ItemSummary) => number;

/** Most recent first; a time that does not parse ranks after every time that does. */
function newestFirst(a: string, b: string): number {
  // ISO 8601 in UTC of one length order as text (the common case, and no Date.parse per comparison).
  if (a.length === b.length && a.endsWith('Z') && b.endsWith('Z')) {
    return a < b ? 1 : a > b ? -1 : 0;
  }
  // Offsets or other precisions: compare the instants.
  const at = (iso: string): number => {
    const time = Date.parse(iso);
    return Number.isNaN(time) ? -Infinity : time;
  };
  const [x, y] = [at(a), at(b)];
  return x === y ? 0 : x < y ? 1 : -1;
}

const COMPARE: Readonly<Record<Sort, ItemCompare>> = {
  demand: compareDemand,
  newest: (a, b) => newestFirst(a.createdAt, b.createdAt),
  updated: (a, b) => newestFirst(a.updatedAt, b.updatedAt),
};

/** How the view's `sort` ranks two items: negative when `a` comes first. */
export function compareFor(sort: Sort): ItemCompare {
  return COMPARE[sort];
}
