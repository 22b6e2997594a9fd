// The rows of the Feedback view of several connections (issue 14), as data:
// today's rows (core/treeModel.ts), each naming its connection, and the root
// row of a connection. Made by multiTree.ts (a root per connection) and
// mergedTree.ts (Merge All).
import type { FeedbackStore } from './feedbackStore';
import type { TreeNode } from './treeModel';

/** Which connection a row belongs to: its id (for ItemRefs, for Load more) and its name (for the row's words). */
export interface ConnectionTag {
  readonly id: string;
  readonly name: string;
}

/** One connection as the view composes it: its name, its session's store. */
export interface ConnectionLists {
  readonly connection: ConnectionTag;
  readonly store: FeedbackStore;
  /** How many commits link to an item of this connection, when known (commit links). */
  readonly linkCount?: (itemId: string) => number;
}

/** What a connection's root row says after its name. */
export type ConnectionState =
  | { readonly kind: 'error'; readonly message: string; readonly stale: boolean }
  /** Loading its lists, none shown yet (or never loaded: the view loads it when shown). */
  | { readonly kind: 'loading' }
  /** `count`: the items shown under it, each once; `hasMore`: a group has more. */
  | { readonly kind: 'items'; readonly count: number; readonly hasMore: boolean; readonly stale: boolean };

export interface ConnectionNode {
  readonly kind: 'connection';
  /** The connection's id: no row below a root has an id without a `/`, so no row shares it. */
  readonly id: string;
  readonly connection: ConnectionTag;
  readonly state: ConnectionState;
}

/** A row of today's tree, naming its connection when the view shows several. */
export type MultiTreeNode = ConnectionNode | (TreeNode & { readonly connection?: ConnectionTag });

/** The row under a root: its id below the root's, and its connection named. */
export function tagged(connection: ConnectionTag): (node: TreeNode) => MultiTreeNode {
  return (node) => ({ ...node, id: `${connection.id}/${node.id}`, connection });
}
