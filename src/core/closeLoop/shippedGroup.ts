// The "Shipped, not yet announced" group of the Feedback view, as the store's
// GroupView so the tree draws it like any other group, pinned at the top.
import type { GroupView } from '../feedbackStore';
import type { ItemSummary } from '../model';

export const SHIPPED_GROUP_KEY = 'closeLoop:shipped';
export const SHIPPED_GROUP_LABEL = 'Shipped, not yet announced';

/** Items already marked shipped or closed on the tracker were announced there: they are left out. */
export function shippedGroup(items: readonly ItemSummary[]): GroupView {
  const waiting = items.filter((item) => item.status !== 'shipped' && item.status !== 'closed');
  return { key: SHIPPED_GROUP_KEY, label: SHIPPED_GROUP_LABEL, status: undefined, items: waiting, hasMore: false, loadingMore: false, loadMoreError: undefined };
}
