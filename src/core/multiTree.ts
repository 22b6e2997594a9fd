// The Feedback view of several connections (issue 14) as plain data, composed
// from each connection's session: its store's rows as core/treeModel.ts makes
// them today, in one of three layouts.
//
// - One connection: today's rows exactly, no root row (the common case).
// - Several, by default: a root row per connection (its name and state), and
//   under it that connection's rows of today. Every row id below a root
//   starts with `<connection id>/`, so two connections holding the same item
//   (`FB-12` on two REST servers) never share a row id.
// - Several, Merge All: one set of group rows; each group's rows are the
//   connections' rows of that group merged by rank (mergedTree.ts), each
//   naming its connection.
//
// A tree is made from the stores as they are when it is made, and answers
// every question from that moment: the view makes a new one when a store or
// the connection list changes.
import type { FeedbackStore, GroupView } from './feedbackStore';
import { mergedChildren, mergedRoots } from './mergedTree';
import type { MergedGroup } from './mergedTree';
import { tagged } from './multiTreeNodes';
import type { ConnectionLists, ConnectionNode, ConnectionState, ConnectionTag, MultiTreeNode } from './multiTreeNodes';
import { groupChildren, itemLabel, rootNodes } from './treeModel';
import type { DescribeError, ItemNode } from './treeModel';

export type { ConnectionLists, ConnectionNode, ConnectionState, ConnectionTag, MultiTreeNode } from './multiTreeNodes';

export interface ComposeOptions {
  /** Merge All: the view toggle; ignored with one connection. */
  readonly mergeAll: boolean;
  readonly describeError: DescribeError;
}

export type TreeLayout = 'single' | 'roots' | 'merged';

export class ComposedTree {
  readonly layout: TreeLayout;
  /** Merge All's groups, merged once per tree: the group rows' counts need them, and so do their rows. */
  private merged: ReadonlyMap<string, MergedGroup> | undefined;

  constructor(
    private readonly connections: readonly ConnectionLists[],
    private readonly options: ComposeOptions,
  ) {
    this.layout = connections.length <= 1 ? 'single' : options.mergeAll ? 'merged' : 'roots';
  }

  roots(): MultiTreeNode[] {
    const { describeError } = this.options;
    switch (this.layout) {
      case 'single':
        return this.connections.length === 0 ? [] : rootNodes(this.connections[0].store, describeError);
      case 'roots':
        return this.connections.map((lists) => connectionNode(lists, describeError));
      case 'merged': {
        const { nodes, groups } = mergedRoots(this.connections, describeError);
        this.merged = groups;
        return nodes;
      }
    }
  }

  children(node: MultiTreeNode): MultiTreeNode[] {
    if (node.kind === 'connection') {
      const lists = this.find(node.connection.id);
      return lists ? rootNodes(lists.store, this.options.describeError).map(tagged(lists.connection)) : [];
    }
    if (node.kind !== 'group') {
      return [];
    }
    if (this.layout === 'merged') {
      return mergedChildren(this.mergedGroups().get(node.key), this.options.describeError);
    }
    const lists = node.connection ? this.find(node.connection.id) : this.connections[0];
    const group = lists?.store.groups().find((g) => g.key === node.key);
    if (!lists || !group) {
      return [];
    }
    const store = lists.store;
    if (this.layout === 'single') {
      return groupChildren(group, store.stale, this.options.describeError, lists.linkCount, (itemId) => store.isPending(itemId));
    }
    return connectionGroupRows(group, lists, this.options.describeError);
  }

  private mergedGroups(): ReadonlyMap<string, MergedGroup> {
    if (!this.merged) {
      this.merged = mergedRoots(this.connections, this.options.describeError).groups;
    }
    return this.merged;
  }

  private find(connectionId: string): ConnectionLists | undefined {
    return this.connections.find((lists) => lists.connection.id === connectionId);
  }
}

function connectionNode(lists: ConnectionLists, describeError: DescribeError): ConnectionNode {
  const { connection, store } = lists;
  return { kind: 'connection', id: connection.id, connection, state: connectionState(store, store.groups(), describeError) };
}

export function connectionState(store: FeedbackStore, groups: readonly GroupView[], describeError: DescribeError): ConnectionState {
  if (store.error !== undefined) {
    return { kind: 'error', message: describeError(store.error), stale: store.stale };
  }
  if (groups.length === 0 && (store.isRefreshing || !store.lastSyncedAt)) {
    return { kind: 'loading' };
  }
  return { kind: 'items', count: shownItemCount(store, groups), hasMore: groups.some((g) => g.hasMore), stale: store.stale };
}

/** Status groups hold each item once; a tag or company group shares items with others, counted once. */
function shownItemCount(store: FeedbackStore, groups: readonly GroupView[]): number {
  if (store.viewOptions.grouping === 'status') {
    return groups.reduce((n, g) => n + g.items.length, 0);
  }
  const ids = new Set<string>();
  for (const group of groups) {
    for (const item of group.items) {
      ids.add(item.id);
    }
  }
  return ids.size;
}

/**
 * A group's rows under a connection's root: today's groupChildren, each row
 * naming the connection, its id below the root's. Made as one literal per
 * row rather than today's rows copied with the connection added: a group may
 * hold thousands, and copying them doubled the time the rows took.
 */
function connectionGroupRows(group: GroupView, lists: ConnectionLists, describeError: DescribeError): MultiTreeNode[] {
  const { connection, store, linkCount } = lists;
  const prefix = `${connection.id}/${group.key}/`;
  const stale = store.stale;
  const pending = store.pendingEntries().length > 0 ? (itemId: string) => store.isPending(itemId) : undefined;
  const rows: MultiTreeNode[] = group.items.map((item) => {
    const row: ItemNode & { connection: ConnectionTag } = {
      kind: 'item',
      id: prefix + item.id,
      item,
      label: itemLabel(item),
      commits: linkCount?.(item.id) ?? 0,
      stale,
      pending: pending?.(item.id) ?? false,
      connection,
    };
    const waitingMs = group.waitingMs?.get(item.id);
    return waitingMs === undefined ? row : { ...row, waitingMs };
  });
  const more = groupChildren({ ...group, items: [] }, stale, describeError);
  return [...rows, ...more.map(tagged(connection))];
}
