// Merge All (issue 14): the Feedback view's rows when the items of every
// connection are ranked together. One set of group rows (the same group keys
// in every connection: a status, a tag, a company); under each, the
// connections' rows of that group merged by the view's sort (a k-way merge,
// core/merge/mergedPage.ts) down to the cut, each naming its connection; and
// a Load more that reads the next page of the connection whose last loaded
// row is the cut. A connection's error, loading or rejected items show as a
// row naming it above the groups; the others' rows stay.
import type { GroupView } from './feedbackStore';
import { groupNameOf } from './grouping';
import { mergePages } from './merge/mergedPage';
import type { MergedPage } from './merge/mergedPage';
import type { ItemSummary } from './model';
import { tagged } from './multiTreeNodes';
import type { ConnectionLists, ConnectionTag, MultiTreeNode } from './multiTreeNodes';
import { compareFor } from './ranking';
import type { DescribeError, GroupNode, ItemNode } from './treeModel';
import { itemLabel, noticeNodes } from './treeModel';

/** One merged group: the connections' views of it (by connection index), and their rows merged down to the cut. */
export interface MergedGroup {
  readonly node: GroupNode;
  readonly connections: readonly ConnectionLists[];
  readonly views: readonly (GroupView | undefined)[];
  readonly page: MergedPage<ItemSummary>;
}

interface Gathered {
  readonly key: string;
  readonly views: (GroupView | undefined)[];
  /** The group's best place among any connection's groups: where it goes in the merged order. */
  best: number;
  none: boolean;
}

/** The first level: each connection's notices, the view's filter, then the merged groups (each merged once, kept for their rows). */
export function mergedRoots(connections: readonly ConnectionLists[], describeError: DescribeError): { nodes: MultiTreeNode[]; groups: Map<string, MergedGroup> } {
  const groupsOf = connections.map((lists) => lists.store.groups());
  const nodes: MultiTreeNode[] = [];
  // Each connection's notices as today's first level has them, naming it: errors first, then the one filter of the view.
  const notices = connections.flatMap((lists) => noticeNodes(lists.store, describeError).map(tagged(lists.connection)));
  nodes.push(...notices.filter((n) => n.kind === 'error'));
  const filter = connections[0]?.store.viewOptions.filter ?? '';
  if (filter) {
    nodes.push({ kind: 'filter', id: 'filter', filter });
  }
  nodes.push(...notices.filter((n) => n.kind === 'rejected'));
  connections.forEach((lists, c) => {
    if (groupsOf[c].length === 0 && lists.store.isRefreshing) {
      nodes.push({ kind: 'loading', id: `${lists.connection.id}/loading`, connection: lists.connection });
    }
  });
  const groups = mergeGroups(connections, groupsOf);
  if (groups.size === 0) {
    const loaded = connections.some((lists) => lists.store.error === undefined && lists.store.lastSyncedAt !== undefined);
    if (loaded && !connections.some((lists) => lists.store.isRefreshing)) {
      nodes.push({ kind: 'empty', id: 'empty', filter });
    }
  }
  nodes.push(...[...groups.values()].map((group) => group.node));
  return { nodes, groups };
}

/** A merged group's rows: each connection's items in rank order down to the cut, then the Load more of the connection at the cut. */
export function mergedChildren(group: MergedGroup | undefined, describeError: DescribeError): MultiTreeNode[] {
  if (!group) {
    return [];
  }
  const { node, connections, views, page } = group;
  const key = node.key;
  const each = connections.map(({ connection, store, linkCount }) => ({
    connection,
    stale: store.stale,
    linkCount,
    // Asked once per connection: most have no write pending, and then no row is.
    pending: store.pendingEntries().length > 0 ? (itemId: string) => store.isPending(itemId) : undefined,
  }));
  // Made as one literal per row, not spread from today's itemNode: a group may hold thousands.
  const rows: MultiTreeNode[] = page.rows.map(({ item, list }): ItemNode & { connection: ConnectionTag } => {
    const { connection, stale, linkCount, pending } = each[list];
    return {
      kind: 'item',
      // The same item id may come from two connections: the row id names the connection.
      id: `${key}/${connection.id}/${item.id}`,
      item,
      label: itemLabel(item),
      commits: linkCount?.(item.id) ?? 0,
      stale,
      pending: pending?.(item.id) ?? false,
      connection,
    };
  });
  if (page.next !== undefined) {
    const view = views[page.next];
    rows.push({
      kind: 'loadMore',
      id: `${key}/loadMore`,
      groupKey: key,
      loading: view?.loadingMore ?? false,
      error: view?.loadMoreError === undefined ? undefined : describeError(view.loadMoreError),
      connection: connections[page.next].connection,
    });
  }
  return rows;
}

function mergeGroups(connections: readonly ConnectionLists[], groupsOf: readonly (readonly GroupView[])[]): Map<string, MergedGroup> {
  const gathered = new Map<string, Gathered>();
  groupsOf.forEach((groups, c) => {
    groups.forEach((view, place) => {
      let entry = gathered.get(view.key);
      if (!entry) {
        const name = groupNameOf(view);
        entry = { key: view.key, views: connections.map(() => undefined), best: place, none: name.kind !== 'status' && name.kind !== 'named' && name.value === undefined };
        gathered.set(view.key, entry);
      }
      entry.views[c] = view;
      entry.best = Math.min(entry.best, place);
    });
  });
  const options = connections[0]?.store.viewOptions;
  const compare = compareFor(options?.sort ?? 'demand');
  // As today: every status group shows, empty or not, unless a filter is set; other groups when they have rows.
  const showEmpty = connections.every((lists) => lists.store.viewOptions.grouping === 'status' && !lists.store.viewOptions.filter);
  // Stable: groups of one best place keep the first connection's order; the group of items with no tag or company stays last.
  const ordered = [...gathered.values()].sort((a, b) => Number(a.none) - Number(b.none) || a.best - b.best);
  const merged = new Map<string, MergedGroup>();
  for (const entry of ordered) {
    const loaded = entry.views.some((view) => view !== undefined && view.items.length > 0);
    if (!loaded && !showEmpty) {
      continue;
    }
    const page = mergePages(
      entry.views.map((view) => (view ? { items: view.items, hasMore: view.hasMore } : { items: [], hasMore: false })),
      compare,
    );
    merged.set(entry.key, { node: groupRow(entry, connections, page), connections, views: entry.views, page });
  }
  return merged;
}

function groupRow(entry: Gathered, connections: readonly ConnectionLists[], page: MergedPage<ItemSummary>): GroupNode {
  const first = entry.views.find((view) => view !== undefined)!;
  const stale = connections.some((lists, c) => entry.views[c] !== undefined && lists.store.stale);
  return { kind: 'group', id: entry.key, key: entry.key, name: groupNameOf(first), count: page.rows.length, hasMore: page.next !== undefined, stale };
}
