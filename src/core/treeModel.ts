// The Feedback view's rows as plain data: labels, descriptions, tooltips and
// state are decided here and tested in Node; the feature only turns them into
// TreeItems.
import { describeReach, formatMoneyShort, plural, spokenDemand, STATUS_LABELS, votesFigure } from './demand';
import type { FeedbackStore, GroupView } from './feedbackStore';
import type { ItemSummary, Status } from './model';

export type TreeNode =
  | { readonly kind: 'error'; readonly id: string; readonly message: string; readonly stale: boolean }
  | { readonly kind: 'filter'; readonly id: string; readonly filter: string }
  | { readonly kind: 'rejected'; readonly id: string; readonly count: number; readonly details: string }
  | { readonly kind: 'loading'; readonly id: string }
  | { readonly kind: 'empty'; readonly id: string; readonly message: string }
  | GroupNode
  | ItemNode
  | LoadMoreNode;

export interface GroupNode {
  readonly kind: 'group';
  readonly id: string;
  readonly key: string;
  readonly label: string;
  readonly description: string;
  readonly status: Status | undefined;
  readonly stale: boolean;
}

export interface ItemNode {
  readonly kind: 'item';
  readonly id: string;
  readonly item: ItemSummary;
  /** The votes first, then the title: the demand survives a narrow side bar, which cuts the end of a row. */
  readonly label: string;
  readonly description: string;
  /** Short, in words (no symbols): what a screen reader says for the row; the rest is in the tooltip. */
  readonly accessibleName: string;
  readonly tooltip: string;
  readonly stale: boolean;
  /** A change to it is shown but not yet confirmed by the tracker. */
  readonly pending: boolean;
}

export interface LoadMoreNode {
  readonly kind: 'loadMore';
  readonly id: string;
  readonly groupKey: string;
  readonly loading: boolean;
  readonly error: string | undefined;
}

export type DescribeError = (error: unknown) => string;

/** The first level: notices (error, filter, rejected items), then the groups. */
export function rootNodes(store: FeedbackStore, describeError: DescribeError): TreeNode[] {
  const nodes: TreeNode[] = [];
  const stale = store.stale;
  if (store.error !== undefined) {
    nodes.push({ kind: 'error', id: 'error', message: describeError(store.error), stale });
  }
  const filter = store.viewOptions.filter;
  if (filter) {
    nodes.push({ kind: 'filter', id: 'filter', filter });
  }
  if (store.rejected.length > 0) {
    nodes.push({ kind: 'rejected', id: 'rejected', count: store.rejected.length, details: describeRejected(store) });
  }
  const groups = store.groups();
  if (groups.length === 0) {
    if (store.isRefreshing) {
      nodes.push({ kind: 'loading', id: 'loading' });
    } else if (store.error === undefined && store.lastSyncedAt) {
      nodes.push({ kind: 'empty', id: 'empty', message: filter ? `No items match “${filter}”` : 'No feedback items yet' });
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

/** `linkCount`: how many commits link to an item, when known (commit links); `isPending`: a write to it is not confirmed yet. */
export function groupChildren(
  group: GroupView,
  stale: boolean,
  describeError: DescribeError,
  linkCount?: (itemId: string) => number,
  isPending?: (itemId: string) => boolean,
): TreeNode[] {
  const nodes: TreeNode[] = group.items.map((item) => ({ ...itemNode(item, group.key, stale, linkCount?.(item.id) ?? 0), pending: isPending?.(item.id) ?? false }));
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

function groupNode(group: GroupView, stale: boolean): GroupNode {
  const count = group.hasMore ? `${group.items.length}+` : String(group.items.length);
  return {
    kind: 'group',
    id: group.key,
    key: group.key,
    label: group.label,
    description: `${count} ${group.items.length === 1 && !group.hasMore ? 'item' : 'items'}`,
    status: group.status,
    stale,
  };
}

export function itemNode(item: ItemSummary, groupKey: string, stale: boolean, commits = 0): ItemNode {
  const extras = [...(commits > 0 ? [plural(commits, 'commit', 'commits')] : []), ...(stale ? ['stale'] : [])];
  return {
    kind: 'item',
    // An item may sit under several tag or company groups: ids must stay unique.
    id: `${groupKey}/${item.id}`,
    item,
    label: `${votesFigure(item.votes)} ${item.title}`,
    description: [describeReach(item), ...extras].join(' · '),
    accessibleName: [item.title, spokenDemand(item), ...extras].join(', '),
    tooltip: itemTooltip(item, stale),
    stale,
    pending: false,
  };
}

/** Markdown for the row's hover; customer text is escaped by the caller's MarkdownString. */
export function itemTooltip(item: ItemSummary, stale: boolean): string {
  const lines = [
    `${item.id} · ${STATUS_LABELS[item.status]}`,
    `${plural(item.votes, 'vote', 'votes')} · ${plural(item.customerCount, 'customer', 'customers')}` +
      (item.revenue ? ` · ${formatMoneyShort(item.revenue)}/mo (${item.revenue.currency})` : ''),
  ];
  if (item.tags.length > 0) {
    lines.push(`Tags: ${item.tags.join(', ')}`);
  }
  if (item.companies && item.companies.length > 0) {
    lines.push(`Companies: ${item.companies.slice(0, 5).join(', ')}${item.companies.length > 5 ? ', …' : ''}`);
  }
  lines.push(`Updated ${item.updatedAt.slice(0, 10)}`);
  if (stale) {
    lines.push('Stale: the last refresh failed; this is the last good copy.');
  }
  return lines.join('\n');
}

function describeRejected(store: FeedbackStore): string {
  return store.rejected
    .slice(0, 10)
    .map((r) => `${r.id ?? 'an item without id'}: ${r.issues.join('; ')}`)
    .join('\n');
}
