// The "Shipped, not yet announced" group of the Feedback view, as the store's
// GroupView so the tree draws it like any other group, pinned at the top.
import type { GroupView } from '../feedbackStore';
import type { ItemSummary } from '../model';

export const SHIPPED_GROUP_KEY = 'closeLoop:shipped';

/** Items already marked shipped or closed on the tracker were announced there: they are left out. `label`: the group's name, worded by the caller. */
export function shippedGroup(items: readonly ItemSummary[], label: string): GroupView {
  const waiting = items.filter((item) => item.status !== 'shipped' && item.status !== 'closed');
  return { key: SHIPPED_GROUP_KEY, label, status: undefined, items: waiting, hasMore: false, loadingMore: false, loadMoreError: undefined };
}
