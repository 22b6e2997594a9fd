// The groups pinned above the others in the Feedback view (Awaiting Reply;
// close the loop's "Shipped, not yet announced"), as plain data: their rows
// come from every connection, each row naming the connection it belongs to,
// so that two connections' FB-12 are two rows (issue 14). With one
// connection the rows are today's exactly: no row names a connection.
import { groupNameOf } from './grouping';
import type { ItemSummary } from './model';
import type { ConnectionTag, MultiTreeNode } from './multiTreeNodes';
import type { GroupNode, ItemNode } from './treeModel';
import { itemLabel } from './treeModel';

export interface PinnedRow {
  readonly connection: ConnectionTag;
  readonly item: ItemSummary;
  /** Awaiting Reply: how long its customer has waited, in ms. */
  readonly waitingMs?: number;
}

export interface PinnedGroup {
  readonly key: string;
  /** Its name, worded by its owner. */
  readonly label: string;
  /** In the order shown. */
  readonly rows: readonly PinnedRow[];
}

/** What the rows show besides the item, asked per connection. */
export interface PinnedRowsOptions {
  /** One connection: today's rows, ids and all; several: each row names its connection, its id below the group's. */
  readonly single: boolean;
  readonly stale: (connectionId: string) => boolean;
  readonly linkCount?: (connectionId: string, itemId: string) => number;
  readonly isPending?: (connectionId: string, itemId: string) => boolean;
}

/** The group's row: shown only when it has rows; stale when one of its rows is. */
export function pinnedGroupNode(group: PinnedGroup, stale: (connectionId: string) => boolean): GroupNode {
  return {
    kind: 'group',
    id: group.key,
    key: group.key,
    name: groupNameOf({ key: group.key, label: group.label, status: undefined }),
    count: group.rows.length,
    hasMore: false,
    stale: group.rows.some((row) => stale(row.connection.id)),
  };
}

export function pinnedChildren(group: PinnedGroup, options: PinnedRowsOptions): MultiTreeNode[] {
  return group.rows.map(({ connection, item, waitingMs }) => {
    const row: ItemNode = {
      kind: 'item',
      id: options.single ? `${group.key}/${item.id}` : `${group.key}/${connection.id}/${item.id}`,
      item,
      label: itemLabel(item),
      commits: options.linkCount?.(connection.id, item.id) ?? 0,
      stale: options.stale(connection.id),
      pending: options.isPending?.(connection.id, item.id) ?? false,
    };
    const waited = waitingMs === undefined ? row : { ...row, waitingMs };
    return options.single ? waited : { ...waited, connection };
  });
}
