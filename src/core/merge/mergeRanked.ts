// "Merge All" (issue 14): the items of every connection ranked together. Each
// connection's list comes ranked already (by its tracker or the store), so
// they are merged, not sorted again: a k-way merge over a binary heap of the
// lists' heads, O(n log k) for n items in k lists, rather than a sort of all
// n again.
//
// The answer is the stable sort of the lists' concatenation: equal items keep
// list order (the first connection's first), then their place in their list.
// That holds only when every list is sorted by `compare`; a list that is not
// is merged as it comes, never reordered within itself.

/** An item of a merged list with the index of the list it came from: the row names its connection. */
export interface FromList<T> {
  readonly item: T;
  readonly list: number;
}

/** The lists merged into one, ranked by `compare`; ties keep list order, then position. */
export function mergeRanked<T>(lists: readonly (readonly T[])[], compare: (a: T, b: T) => number): T[] {
  return mergeWith(lists, compare, itself);
}

/** As `mergeRanked`, each item tagged with the index of its list. */
export function mergeRankedFrom<T>(lists: readonly (readonly T[])[], compare: (a: T, b: T) => number): FromList<T>[] {
  return mergeWith(lists, compare, fromList);
}

const itself = <T>(item: T): T => item;
const fromList = <T>(item: T, list: number): FromList<T> => ({ item, list });

/**
 * The merge over a binary min-heap of list indices, ordered by the item each
 * list is at (ties: the earlier list). Plain arrays and functions of the
 * module, no class instance or closure made per merge: V8 threw away its
 * optimized code for those each time a garbage collection freed the last
 * merge's (its shapes with it), which made a merge after a collection about
 * five times slower (`npm run bench` collects before every run).
 */
function mergeWith<T, R>(lists: readonly (readonly T[])[], compare: (a: T, b: T) => number, make: (item: T, list: number) => R): R[] {
  const next = lists.map(() => 0);
  const heap: number[] = [];
  let total = 0;
  lists.forEach((list, index) => {
    if (list.length > 0) {
      heap.push(index);
      total += list.length;
    }
  });
  for (let i = (heap.length >> 1) - 1; i >= 0; i--) {
    siftDown(heap, i, lists, next, compare);
  }
  // At its final length: grown by push, the answer would be copied a dozen times on the way to 30,000.
  const merged = new Array<R>(total);
  for (let at = 0; at < total; at++) {
    const list = heap[0];
    merged[at] = make(lists[list][next[list]++], list);
    if (next[list] === lists[list].length) {
      // The list ran out: the last entry takes its place (none when it was the last list).
      const last = heap.pop()!;
      if (heap.length === 0) {
        break;
      }
      heap[0] = last;
    }
    siftDown(heap, 0, lists, next, compare);
  }
  return merged;
}

/** Moves the list at `start` down the heap until its head comes before its children's. */
function siftDown<T>(heap: number[], start: number, lists: readonly (readonly T[])[], next: readonly number[], compare: (a: T, b: T) => number): void {
  let at = start;
  for (;;) {
    const left = 2 * at + 1;
    if (left >= heap.length) {
      return;
    }
    const right = left + 1;
    const child = right < heap.length && before(heap[right], heap[left], lists, next, compare) ? right : left;
    if (!before(heap[child], heap[at], lists, next, compare)) {
      return;
    }
    const swapped = heap[at];
    heap[at] = heap[child];
    heap[child] = swapped;
    at = child;
  }
}

/** The head of list `a` comes before the head of list `b`: by `compare`, then the earlier list. */
function before<T>(a: number, b: number, lists: readonly (readonly T[])[], next: readonly number[], compare: (a: T, b: T) => number): boolean {
  const order = compare(lists[a][next[a]], lists[b][next[b]]);
  return order < 0 || (order === 0 && a < b);
}
