// Merge All's rows of one group (issue 14): the connections' loaded pages
// merged, shown down to the cut. Against sorting everything, loaded or not:
// the rows shown are always the first rows of the whole ranking, and no row
// that could be shown is held back.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compareDemand } from '../../src/core/demand';
import { mergePages } from '../../src/core/merge/mergedPage';
import type { RankedPage } from '../../src/core/merge/mergedPage';
import { propertyRuns } from '../support/propertySeed';

interface Row {
  readonly votes: number;
  readonly customerCount: number;
  readonly revenue: { amount: number; currency: string } | null;
  /** Its list and place, which `compareDemand` ignores: two equal rows swapped fail `deepEqual`. */
  readonly origin: string;
}

const demand = fc.record({
  votes: fc.integer({ min: 0, max: 5 }),
  customerCount: fc.integer({ min: 0, max: 2 }),
  revenue: fc.option(fc.record({ amount: fc.integer({ min: 0, max: 2 }), currency: fc.constant('USD') }), { nil: null }),
});

/** Whole lists (as each tracker ranks them) and how much of each is loaded; `more` marks a list whose tracker says "more" with nothing left. */
const scenario = fc
  .array(fc.record({ list: fc.array(demand, { maxLength: 25 }), loaded: fc.nat(), phantomMore: fc.boolean() }), { minLength: 1, maxLength: 6 })
  .map((lists) =>
    lists.map(({ list, loaded, phantomMore }, l) => {
      const whole: Row[] = [...list].sort(compareDemand).map((row, p) => ({ ...row, origin: `${l}.${p}` }));
      const count = Math.min(whole.length, loaded % (whole.length + 1));
      return { whole, page: { items: whole.slice(0, count), hasMore: count < whole.length || phantomMore } satisfies RankedPage<Row> };
    }),
  );

/** What Merge All replaces: every list whole, one after the other, stably sorted. */
const sortEverything = (lists: readonly (readonly Row[])[]): Row[] => lists.flat().sort(compareDemand);

describe('mergePages: Merge All down to the cut', () => {
  it('shows the first rows of the whole ranking, loaded or not', () => {
    fc.assert(
      fc.property(scenario, (lists) => {
        const { rows } = mergePages(
          lists.map((l) => l.page),
          compareDemand,
        );
        const truth = sortEverything(lists.map((l) => l.whole));
        assert.deepEqual(
          rows.map((r) => r.item),
          truth.slice(0, rows.length),
        );
        rows.forEach((row) => assert.ok(row.item.origin.startsWith(`${row.list}.`), 'each row names its list'));
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('holds back no row it could show: it stops at the last loaded row of the list read next', () => {
    fc.assert(
      fc.property(scenario, (lists) => {
        const pages = lists.map((l) => l.page);
        const { rows, next, held } = mergePages(pages, compareDemand);
        const loaded = pages.reduce((n, p) => n + p.items.length, 0);
        assert.equal(rows.length + held, loaded);
        if (next === undefined) {
          assert.ok(pages.every((p) => !p.hasMore));
          assert.equal(rows.length, loaded);
          return;
        }
        assert.ok(pages[next].hasMore);
        const last = pages[next].items.at(-1);
        assert.equal(rows.at(-1)?.item, last, 'the last row shown is the cut: the last loaded row of the list read next');
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('reads next the list whose last loaded row ranks highest among the lists with more', () => {
    fc.assert(
      fc.property(scenario, (lists) => {
        const pages = lists.map((l) => l.page);
        const { next } = mergePages(pages, compareDemand);
        // Independently: where each list's last loaded row falls in the stable sort of all loaded rows (-1: nothing loaded).
        const order = sortEverything(pages.map((p) => p.items));
        const places = pages.map((p) => (p.hasMore ? (p.items.length === 0 ? -1 : order.indexOf(p.items.at(-1)!)) : Infinity));
        const best = Math.min(...places);
        assert.equal(next, best === Infinity ? undefined : places.indexOf(best));
      }),
      { numRuns: propertyRuns(500) },
    );
  });

  it('reading the next page of the list it names, again and again, shows every row in the whole ranking’s order', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 7 }), (lists, pageSize) => {
        const loaded = lists.map((l) => l.page.items.length);
        const truth = sortEverything(lists.map((l) => l.whole));
        for (let reads = 0; reads < 500; reads++) {
          const pages = lists.map((l, i) => ({ items: l.whole.slice(0, loaded[i]), hasMore: loaded[i] < l.whole.length }));
          const { rows, next } = mergePages(pages, compareDemand);
          assert.deepEqual(
            rows.map((r) => r.item),
            truth.slice(0, rows.length),
          );
          if (next === undefined) {
            assert.equal(rows.length, truth.length);
            return;
          }
          loaded[next] += pageSize;
        }
        assert.fail('Load more never reached the end');
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('shows nothing while a list with more has nothing loaded, and reads that one first', () => {
    const row = (votes: number, origin: string): Row => ({ votes, customerCount: 0, revenue: null, origin });
    const page = mergePages(
      [
        { items: [row(9, 'a')], hasMore: false },
        { items: [], hasMore: true },
      ],
      compareDemand,
    );
    assert.deepEqual(page, { rows: [], next: 1, held: 1 });
  });
});
