// The Feedback view of several connections (issue 14): the first tree level
// with three connections of 10,000 cached items each, in both layouts, timed
// as the view asks for it. Budget 50 ms, as the one connection's first level.
//   a root per connection: the roots, then each root's rows (notices, groups)
//   Merge All: the group rows, then each group's rows (groups open expanded),
//   which merges every group of the three connections by rank
// By status, every loaded item of a status is in its group (as after many
// Load mores), each group saying it has more, so Merge All cuts every group;
// by tag and company, every item is read and 100 rows per group shown.
import { compareDemand } from '../../src/core/demand';
import { FeedbackStore } from '../../src/core/feedbackStore';
import type { ItemSource } from '../../src/core/feedbackStore';
import { STATUSES } from '../../src/core/model';
import type { ItemSummary } from '../../src/core/model';
import { ComposedTree } from '../../src/core/multiTree';
import type { ConnectionLists, MultiTreeNode } from '../../src/core/multiTree';
import { timeMs } from './timing';

type Row = (name: string, value: string, budget: string) => void;

const CONNECTIONS = 3;
const ITEMS_PER_CONNECTION = 10_000;
const TAGS = Array.from({ length: 24 }, (_, n) => `area-${n}`);
const COMPANIES = Array.from({ length: 60 }, (_, n) => `Company ${n}`);

/** One connection's items, ranked by demand as its tracker hands them over: every status, one to three tags, some companies. */
function trackerItems(connection: number): ItemSummary[] {
  let seed = 41 + connection;
  // The high bits: the low ones of this generator repeat with a short period.
  const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) >>> 8;
  const items = Array.from({ length: ITEMS_PER_CONNECTION }, (_, n): ItemSummary => {
    const tags = Array.from({ length: 1 + (next() % 3) }, () => TAGS[next() % TAGS.length]);
    return {
      // The same ids in every connection, as two REST servers have.
      id: `FB-${n}`,
      title: `Item ${n} of connection ${connection}`,
      status: STATUSES[next() % STATUSES.length],
      votes: next() % 800,
      customerCount: next() % 40,
      revenue: next() % 3 === 0 ? { amount: next() % 50_000, currency: 'USD' } : null,
      tags: [...new Set(tags)],
      companies: next() % 2 === 0 ? [COMPANIES[next() % COMPANIES.length]] : [],
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-02T00:00:00Z',
      url: null,
    };
  });
  return items.sort(compareDemand);
}

/**
 * A status query answers every item of the status in its first page and says
 * there is more (a next page, empty); other queries answer everything at once.
 */
function cachedSource(items: readonly ItemSummary[]): ItemSource {
  return {
    listItems: async (q) => {
      if (!q.statuses) {
        return { items, nextCursor: null, rejected: [] };
      }
      return q.cursor === null ? { items: items.filter((i) => q.statuses!.includes(i.status)), nextCursor: `after:${q.statuses.join()}`, rejected: [] } : { items: [], nextCursor: null, rejected: [] };
    },
  };
}

async function connections(grouping: 'status' | 'tag' | 'company', data: readonly ItemSummary[][]): Promise<ConnectionLists[]> {
  return Promise.all(
    data.map(async (items, c) => {
      const store = new FeedbackStore({ grouping, sort: 'demand', filter: '' });
      store.setSource(cachedSource(items));
      await store.refresh();
      return { connection: { id: `rest-bench000${c}`, name: `Server ${c}` }, store };
    }),
  );
}

/** What the view asks first: the roots, then the rows of each (connection roots and groups open expanded). */
function firstLevel(lists: readonly ConnectionLists[], mergeAll: boolean): number {
  const tree = new ComposedTree(lists, { mergeAll, describeError: String });
  const roots = tree.roots();
  let rows = roots.length;
  for (const root of roots) {
    rows += tree.children(root).length;
  }
  return rows;
}

/** Everything the view shows with every root and group open: a root per connection, its groups and their rows. */
function everythingOpen(lists: readonly ConnectionLists[]): number {
  const tree = new ComposedTree(lists, { mergeAll: false, describeError: String });
  const visit = (nodes: MultiTreeNode[]): number => nodes.reduce((n, node) => n + 1 + visit(tree.children(node)), 0);
  return visit(tree.roots());
}

export async function multiTreeBench(row: Row): Promise<void> {
  const data = Array.from({ length: CONNECTIONS }, (_, c) => trackerItems(c));
  const size = `${CONNECTIONS} × ${ITEMS_PER_CONNECTION.toLocaleString('en')}`;
  for (const grouping of ['status', 'tag', 'company'] as const) {
    const lists = await connections(grouping, data);
    const byRoot = firstLevel(lists, false);
    const merged = firstLevel(lists, true);
    row(`first tree level, ${size} cached, roots, by ${grouping}`, `${timeMs(() => firstLevel(lists, false)).toFixed(2)} ms`, '≤ 50 ms');
    row(`  … Merge All (${merged.toLocaleString('en')} rows; roots: ${byRoot})`, `${timeMs(() => firstLevel(lists, true)).toFixed(2)} ms`, '≤ 50 ms');
    row(`  … roots, every group open too (${everythingOpen(lists).toLocaleString('en')} rows)`, `${timeMs(() => everythingOpen(lists)).toFixed(2)} ms`, '—');
    lists.forEach(({ store }) => store.dispose());
  }
}

if (require.main === module) {
  void multiTreeBench((name, value, budget) => console.log(`${name.padEnd(52)} ${value.padStart(12)}   (budget ${budget})`));
}
