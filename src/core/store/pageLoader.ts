// Reading the groups from the tracker, page by page. Status groups are paged
// by the tracker (one query per status); tag and company groups cannot be, so
// every item is read and grouped here.
import { groupItems } from '../grouping';
import type { ItemSummary, Status } from '../model';
import { STATUSES } from '../model';
import type { GroupState, Loaded, ViewOptions } from './groups';
import { newGroup, PAGE_SIZE } from './groups';
import type { ItemSource, ItemSourceQuery, RejectedEntry } from './itemSource';
import { Cursors, onceEach } from './itemSource';

/** When the tracker cannot filter by the grouping key, every item is read in pages this big. */
const FULL_READ_PAGE_SIZE = 200;

/** One read: where from, with which view options, cancelled by which signal. */
export interface PageRead {
  readonly source: ItemSource;
  readonly options: ViewOptions;
  readonly signal: AbortSignal;
}

export function pageQuery(read: PageRead, page: { limit: number; cursor: string | null; statuses?: readonly Status[] }): ItemSourceQuery {
  return {
    ...page,
    sort: read.options.sort,
    q: read.options.filter || undefined,
    signal: read.signal,
  };
}

/** Every group of the view's grouping; `shown` are the groups shown now, whose row counts a refresh reloads. */
export function loadGroups(read: PageRead, shown: readonly GroupState[]): Promise<Loaded> {
  const { grouping } = read.options;
  return grouping === 'status' ? loadStatusGroups(read, shown) : loadAllAndGroup(read, grouping);
}

/** One paged query per status; a refresh reloads as many rows as were shown. */
async function loadStatusGroups(read: PageRead, shown: readonly GroupState[]): Promise<Loaded> {
  const previous = new Map(shown.map((g) => [g.key, g.items.length]));
  const rejected: RejectedEntry[] = [];
  const groups = await Promise.all(
    STATUSES.map(async (status): Promise<GroupState> => {
      const key = `status:${status}`;
      const want = Math.max(PAGE_SIZE, previous.get(key) ?? 0);
      const items: ItemSummary[] = [];
      const cursors = new Cursors(read.source);
      let cursor: string | null = null;
      do {
        const page = await read.source.listItems(pageQuery(read, { limit: PAGE_SIZE, cursor, statuses: [status] }));
        items.push(...page.items);
        rejected.push(...page.rejected);
        cursor = cursors.next(page.nextCursor);
      } while (cursor !== null && items.length < want);
      // Labelled by its status key: the view names it in the user's language.
      return newGroup(key, status, status, items, cursor, cursors);
    }),
  );
  return { groups, rejected: onceEach(rejected) };
}

/** The tracker cannot filter by tag or company: read every item, then group. */
async function loadAllAndGroup(read: PageRead, grouping: 'tag' | 'company'): Promise<Loaded> {
  const items: ItemSummary[] = [];
  const rejected: RejectedEntry[] = [];
  const cursors = new Cursors(read.source);
  let cursor: string | null = null;
  do {
    const page = await read.source.listItems(pageQuery(read, { limit: FULL_READ_PAGE_SIZE, cursor }));
    items.push(...page.items);
    rejected.push(...page.rejected);
    cursor = cursors.next(page.nextCursor);
  } while (cursor !== null);
  const groups = groupItems(items, grouping).map((g) => newGroup(g.key, g.label, undefined, [...g.items], null, cursors));
  return { groups, rejected: onceEach(rejected) };
}

/** Adds the rows of a status group's next page, each once (a tracker's pages may overlap when items move), and reveals them. */
export function appendRows(group: GroupState, items: readonly ItemSummary[]): void {
  const known = new Set(group.items.map((i) => i.id));
  group.items.push(...items.filter((i) => !known.has(i.id)));
  group.revealed = group.items.length;
}
