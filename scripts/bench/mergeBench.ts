// "Merge All" speed (issue 14): three connections of 10,000 items each, every
// list ranked by demand as its tracker or the store hands it over, merged into
// one ranking by core/merge (a k-way merge), beside sorting all 30,000 again.
import { compareDemand } from '../../src/core/demand';
import { mergeRanked, mergeRankedFrom } from '../../src/core/merge/mergeRanked';
import type { ItemSummary } from '../../src/core/model';
import { timeMs } from './timing';

type Row = (name: string, value: string, budget: string) => void;

const CONNECTIONS = 3;
const ITEMS_PER_CONNECTION = 10_000;

/** One connection's items, ranked: votes with many ties (as real lists have), revenue on some. */
function rankedList(connection: number): ItemSummary[] {
  let seed = 14 + connection;
  const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
  const items = Array.from({ length: ITEMS_PER_CONNECTION }, (_, n): ItemSummary => {
    const paying = next() % 3 === 0;
    return {
      id: `c${connection}-FB-${n}`,
      title: `Item ${n}`,
      status: 'open',
      votes: next() % 800,
      customerCount: next() % 40,
      revenue: paying ? { amount: next() % 50_000, currency: 'USD' } : null,
      tags: [],
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-02T00:00:00Z',
      url: null,
    };
  });
  return items.sort(compareDemand);
}

export function mergeBench(row: Row): void {
  const lists = Array.from({ length: CONNECTIONS }, (_, c) => rankedList(c));
  const total = CONNECTIONS * ITEMS_PER_CONNECTION;
  if (mergeRanked(lists, compareDemand).length !== total) {
    throw new Error('the merge lost items');
  }
  // Both variants share one loop: warm it with both first, so that neither is timed while V8 is still compiling it.
  for (let i = 0; i < 10; i++) {
    mergeRanked(lists, compareDemand);
    mergeRankedFrom(lists, compareDemand);
  }
  const merged = timeMs(() => mergeRanked(lists, compareDemand));
  const tagged = timeMs(() => mergeRankedFrom(lists, compareDemand));
  const sorted = timeMs(() => lists.flat().sort(compareDemand));
  row(`Merge All: ranking ${total.toLocaleString('en')} items (${CONNECTIONS} × ${ITEMS_PER_CONNECTION.toLocaleString('en')})`, `${merged.toFixed(2)} ms`, '≤ 30 ms');
  row('  … each item tagged with its connection', `${tagged.toFixed(2)} ms`, '—');
  row('  … sorting all of them again instead', `${sorted.toFixed(2)} ms`, '—');
}

if (require.main === module) {
  mergeBench((name, value, budget) => console.log(`${name.padEnd(52)} ${value.padStart(12)}   (budget ${budget})`));
}
