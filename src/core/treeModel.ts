// The Feedback view's rows as plain data: which rows, in which order, and what
// each says as data (counts, flags, the item, a group's name), decided here
// and tested in Node. Words are the view's: features/feedbackTree words each
// row in the user's language (platform/itemWords.ts).
import { votesFigure } from './demand';
import type { FeedbackStore, GroupView } from './feedbackStore';
import { groupNameOf } from './grouping';
import type { GroupName } from './grouping';
import type { ItemSummary } from './model';
import type { RejectedEntry } from './store/itemSource';

export type TreeNode =
  | { readonly kind: 'error'; readonly id: string; readonly message: string; readonly stale: boolean }
  | { readonly kind: 'filter'; readonly id: string; readonly filter: string }
  | RejectedNode
  | { readonly kind: 'loading'; readonly id: string }
  /** Nothing to list; `filter` is the filter nothing matched, '' when there is none. */
  | { readonly kind: 'empty'; readonly id: string; readonly filter: string }
  | GroupNode
  | ItemNode
  | LoadMoreNode;

/** Items the tracker sent that could not be read. */
export interface RejectedNode {
  readonly kind: 'rejected';
  readonly id: string;
  readonly count: number;
  /** The first few, for the hover; all of them are in the log. */
  readonly shown: readonly RejectedEntry[];
}

export interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly key: string;
  readonly name: GroupName;
  /** The rows under it now. */
  readonly count: number;
  /** More rows exist, loaded or not ("100+"). */
  readonly hasMore: boolean;
  readonly stale: boolean;
}

export interface ItemNode {
  readonly kind: 'item';
  readonly id: string;
  readonly item: ItemSummary;
  /** The votes first, then the title: the demand survives a narrow side bar, which cuts the end of a row. */
  readonly label: string;
  /** How many commits link to the item (0 when none or unknown). */
  readonly commits: number;
  readonly stale: boolean;
  /** A change to it is shown but not yet confirmed by the tracker. */
  readonly pending: boolean;
  /** In the Awaiting Reply group: how long its customer has waited, in ms. */
  readonly waitingMs?: number;
}

export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly id: string;
  readonly groupKey: string;
  readonly loading: boolean;
  readonly error: string | undefined;
}

export type DescribeError = (error: unknown) => string;

/** Rejected items listed in a hover; more would not fit. */
const REJECTED_SHOWN = 10;

/** The first level: notices (error, filter, rejected items), then the groups. */
export function rootNodes(store: FeedbackStore, describeError: DescribeError): TreeNode[] {
  const nodes = noticeNodes(store, describeError);
  const stale = store.stale;
  const filter = store.viewOptions.filter;
  const groups = store.groups();
  if (groups.length === 0) {
    if (store.isRefreshing) {
      nodes.push({ kind: 'loading', id: 'loading' });
    } else if (store.error === undefined && store.lastSyncedAt) {
      nodes.push({ kind: 'empty', id: 'empty', filter });
    }
    return nodes;
  }
  const showEmptyGroups = store.viewOptions.grouping === 'status' && !filter;
  for (const group of groups) {
    if (group.items.length > 0 || showEmptyGroups) {
      nodes.push(groupNode(group, stale));
    }
  }
  return nodes;
}

/** The notices above the groups: the last error, the filter, the items that could not be read. */
export function noticeNodes(store: FeedbackStore, describeError: DescribeError): TreeNode[] {
  const nodes: TreeNode[] = [];
  if (store.error !== undefined) {
    nodes.push({ kind: 'error', id: 'error', message: describeError(store.error), stale: store.stale });
  }
  const filter = store.viewOptions.filter;
  if (filter) {
    nodes.push({ kind: 'filter', id: 'filter', filter });
  }
  if (store.rejected.length > 0) {
    nodes.push({ kind: 'rejected', id: 'rejected', count: store.rejected.length, shown: store.rejected.slice(0, REJECTED_SHOWN) });
  }
  return nodes;
}

/** `linkCount`: how many commits link to an item, when known (commit links); `isPending`: a write to it is not confirmed yet. */
export function groupChildren(
  group: GroupView,
  stale: boolean,
  describeError: DescribeError,
  linkCount?: (itemId: string) => number,
  isPending?: (itemId: string) => boolean,
): TreeNode[] {
  const nodes: TreeNode[] = group.items.map((item) => {
    const node = { ...itemNode(item, group.key, stale, linkCount?.(item.id) ?? 0), pending: isPending?.(item.id) ?? false };
    const waitingMs = group.waitingMs?.get(item.id);
    return waitingMs === undefined ? node : { ...node, waitingMs };
  });
  if (group.hasMore) {
    nodes.push({
      kind: 'loadMore',
      id: `${group.key}/loadMore`,
      groupKey: group.key,
      loading: group.loadingMore,
      error: group.loadMoreError === undefined ? undefined : describeError(group.loadMoreError),
    });
  }
  return nodes;
}

/** A group's row: the store's groups, and the one pinned above them. */
export function groupNode(group: GroupView, stale: boolean): GroupNode {
  return { kind: 'group', id: group.key, key: group.key, name: groupNameOf(group), count: group.items.length, hasMore: group.hasMore, stale };
}

export function itemNode(item: ItemSummary, groupKey: string, stale: boolean, commits = 0): ItemNode {
  return {
    kind: 'item',
    // An item may sit under several tag or company groups: ids must stay unique.
    id: `${groupKey}/${item.id}`,
    item,
    label: itemLabel(item),
    commits,
    stale,
    pending: false,
  };
}

/** The votes first, then the title: the demand survives a narrow side bar, which cuts the end of a row. */
export function itemLabel(item: ItemSummary): string {
  return `${votesFigure(item.votes)} ${item.title}`;
}
