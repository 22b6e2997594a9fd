// The "Shipped, not yet announced" group of the Feedback view, pinned at the
// top (core/pinnedGroups.ts draws it like Awaiting Reply): each row names the
// connection of its item.
import type { ConnectionItem } from '../awaitingReply';
import type { PinnedGroup } from '../pinnedGroups';

export const SHIPPED_GROUP_KEY = 'closeLoop:shipped';

/** Items already marked shipped or closed on the tracker were announced there: they are left out. `label`: the group's name, worded by the caller. */
export function shippedGroup(items: readonly ConnectionItem[], label: string): PinnedGroup {
  return { key: SHIPPED_GROUP_KEY, label, rows: items.filter(({ item }) => item.status !== 'shipped' && item.status !== 'closed') };
}
