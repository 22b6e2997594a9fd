// "Merge All" (issue 14): the k-way merge of ranked lists against the sort of
// everything it replaces. Items are objects, so a tie resolved the wrong way
// shows as a different object in the same place.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compareDemand } from '../../src/core/demand';
import { mergeRanked, mergeRankedFrom } from '../../src/core/merge/mergeRanked';
import { propertyRuns } from '../support/propertySeed';

interface Numbered {
  readonly value: number;
  readonly tag: string;
}

const byValue = (a: Numbered, b: Numbered): number => a.value - b.value;

/** Small values, so that ties within and across lists are common. */
const numbered = fc.record({ value: fc.integer({ min: -5, max: 5 }), tag: fc.string({ maxLength: 3 }) });

/** Demand as compareDemand reads it; small ranges for ties, revenue sometimes missing. */
const demand = fc.record({
  id: fc.string({ minLength: 1, maxLength: 4 }),
  votes: fc.integer({ min: 0, max: 6 }),
  customerCount: fc.integer({ min: 0, max: 3 }),
  revenue: fc.option(fc.record({ amount: fc.integer({ min: 0, max: 3 }), currency: fc.constant('USD') }), { nil: null }),
});

/**
 * Up to 12 lists (a heap several levels deep), some empty, each sorted by
 * `compare`. Each item is marked with its list and place (which `compare`
 * ignores), so that two equal items swapped fail `deepEqual`.
 */
function rankedLists<T extends object>(item: fc.Arbitrary<T>, compare: (a: T, b: T) => number): fc.Arbitrary<(T & { origin: string })[][]> {
  return fc
    .array(fc.array(item, { maxLength: 30 }), { maxLength: 12 })
    .map((lists) => lists.map((list, l) => [...list].sort(compare).map((entry, p) => ({ ...entry, origin: `${l}.${p}` }))));
}

/** What the merge replaces: a stable sort (Array.prototype.sort is stable) of the lists one after the other. */
function sortEverything<T>(lists: readonly (readonly T[])[], compare: (a: T, b: T) => number): T[] {
  return lists.flat().sort(compare);
}

describe('mergeRanked: ranked lists merged without sorting them again', () => {
  it('equals a stable sort of the concatenation, by a numeric comparator', () => {
    fc.assert(
      fc.property(rankedLists(numbered, byValue), (lists) => {
        assert.deepEqual(mergeRanked(lists, byValue), sortEverything(lists, byValue));
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('equals a stable sort of the concatenation, by demand', () => {
    fc.assert(
      fc.property(rankedLists(demand, compareDemand), (lists) => {
        assert.deepEqual(mergeRanked(lists, compareDemand), sortEverything(lists, compareDemand));
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('keeps each list in its own order even when it is not sorted', () => {
    fc.assert(
      fc.property(fc.array(fc.array(numbered, { maxLength: 20 }), { maxLength: 6 }), (lists) => {
        const merged = mergeRankedFrom(lists, byValue);
        assert.equal(merged.length, lists.flat().length);
        lists.forEach((list, index) => {
          assert.deepEqual(merged.filter((entry) => entry.list === index).map((entry) => entry.item), list);
        });
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('tags each item with the list it came from, in the same order as mergeRanked', () => {
    fc.assert(
      fc.property(rankedLists(demand, compareDemand), (lists) => {
        const tagged = mergeRankedFrom(lists, compareDemand);
        assert.deepEqual(tagged.map((entry) => entry.item), mergeRanked(lists, compareDemand));
        for (const { item, list } of tagged) {
          assert.ok(lists[list].includes(item));
        }
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('answers nothing for no lists or only empty ones, and a copy of a single list', () => {
    assert.deepEqual(mergeRanked([], byValue), []);
    assert.deepEqual(mergeRanked([[], [], []], byValue), []);
    const only = [{ value: 1, tag: 'a' }, { value: 2, tag: 'b' }];
    const merged = mergeRanked([only], byValue);
    assert.deepEqual(merged, only);
    assert.notEqual(merged, only);
    assert.deepEqual(mergeRankedFrom([[], only, []], byValue), only.map((item) => ({ item, list: 1 })));
  });

  it('puts the earlier list first on a tie, then the earlier position', () => {
    const a1 = { value: 1, tag: 'a1' };
    const a2 = { value: 1, tag: 'a2' };
    const b1 = { value: 0, tag: 'b1' };
    const b2 = { value: 1, tag: 'b2' };
    const c1 = { value: 1, tag: 'c1' };
    assert.deepEqual(mergeRanked([[a1, a2], [b1, b2], [c1]], byValue).map((item) => item.tag), ['b1', 'a1', 'a2', 'b2', 'c1']);
  });

  it('ranks three connections by demand: votes, then revenue, then customers', () => {
    const item = (id: string, votes: number, amount: number, customerCount: number) => ({ id, votes, customerCount, revenue: { amount, currency: 'USD' } });
    const github = [item('gh-1', 50, 0, 1), item('gh-2', 10, 500, 2)];
    const canny = [item('canny-1', 50, 100, 1), item('canny-2', 10, 500, 5)];
    const rest = [item('rest-1', 70, 0, 0)];
    assert.deepEqual(mergeRankedFrom([github, canny, rest], compareDemand).map(({ item: { id }, list }) => `${list}:${id}`), ['2:rest-1', '1:canny-1', '0:gh-1', '1:canny-2', '0:gh-2']);
  });
});
