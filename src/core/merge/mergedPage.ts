// Merge All's rows of one group (issue 14): the connections' shown lists of
// that group merged by rank (mergeRanked.ts), shown only as far as they are
// right. A list with more pages may hold, in its next page, an item that
// ranks just below its last loaded one: above any item merged after that
// one. So the merge is exact down to the first (highest-ranked) of the last
// loaded items of the lists with more pages — the cut — and rows end there.
// Load more then reads the next page of the list whose last item is the cut;
// the cut moves down with each page until no list has more.
//
// Exact means: the rows are the first rows of the stable sort of every list
// whole, loaded or not, provided each list is ranked by `compare` (as the
// property test in mergedPage.test.ts checks against sorting everything).
import { mergeRankedFrom } from './mergeRanked';
import type { FromList } from './mergeRanked';

/** One list as loaded so far: its rows, ranked, and whether more exist past them. */
export interface RankedPage<T> {
  readonly items: readonly T[];
  readonly hasMore: boolean;
}

export interface MergedPage<T> {
  /** The merged rows down to the cut, each with the index of its list. */
  readonly rows: readonly FromList<T>[];
  /** The list whose last loaded item is the cut: its next page comes next. Undefined when no list has more. */
  readonly next: number | undefined;
  /** Loaded rows below the cut, not shown until the lists above them are read further. */
  readonly held: number;
}

export function mergePages<T>(pages: readonly RankedPage<T>[], compare: (a: T, b: T) => number): MergedPage<T> {
  // A list with more and nothing loaded bounds nothing from below: no row is known to be right.
  const empty = pages.findIndex((page) => page.hasMore && page.items.length === 0);
  const total = pages.reduce((n, page) => n + page.items.length, 0);
  if (empty >= 0) {
    return { rows: [], next: empty, held: total };
  }
  const rows = mergeRankedFrom(
    pages.map((page) => page.items),
    compare,
  );
  const left = pages.map((page) => page.items.length);
  for (let at = 0; at < rows.length; at++) {
    const list = rows[at].list;
    if (--left[list] === 0 && pages[list].hasMore) {
      // The first list to run out among those with more: its last item is the cut.
      rows.length = at + 1;
      return { rows, next: list, held: total - rows.length };
    }
  }
  return { rows, next: undefined, held: 0 };
}
