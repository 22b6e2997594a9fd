// Grouping of already-ranked items by tag or company. Items keep the order
// the tracker ranked them in; groups are ordered by the demand they hold.
import type { ItemSummary, Status } from './model';

export type Grouping = 'status' | 'tag' | 'company';
export const GROUPINGS = ['status', 'tag', 'company'] as const satisfies readonly Grouping[];

export interface ItemGroup {
  readonly key: string;
  /** The tag or company as the tracker spells it; `NONE` for the items that have none. */
  readonly label: string;
  readonly items: readonly ItemSummary[];
  readonly votes: number;
}

/** The label of the group of items without a tag (or company): data, not words; the view says "No tag". */
export const NONE = '';

/** What a group is named after. The view words a status or a missing tag; a tag or company shows as it is. */
export type GroupName =
  | { readonly kind: 'status'; readonly status: Status }
  /** `value` is undefined for the group of items that have none. */
  | { readonly kind: 'tag' | 'company'; readonly value: string | undefined }
  /** A group its owner named already (the pinned "Shipped, not yet announced"). */
  | { readonly kind: 'named'; readonly label: string };

/** The name of a group of the store (keys are `tag:…` and `company:…`, made below), or of one named by its owner. */
export function groupNameOf(group: { readonly key: string; readonly label: string; readonly status: Status | undefined }): GroupName {
  if (group.status) {
    return { kind: 'status', status: group.status };
  }
  for (const kind of ['tag', 'company'] as const) {
    if (group.key.startsWith(`${kind}:`)) {
      return { kind, value: group.label === NONE ? undefined : group.label };
    }
  }
  return { kind: 'named', label: group.label };
}

function keysOf(item: ItemSummary, grouping: 'tag' | 'company'): readonly string[] {
  const keys = grouping === 'tag' ? item.tags : (item.companies ?? []);
  return keys.length > 0 ? keys : [NONE];
}

/** An item with several tags (or companies) appears under each of them. */
export function groupItems(items: readonly ItemSummary[], grouping: 'tag' | 'company'): ItemGroup[] {
  const byKey = new Map<string, { items: ItemSummary[]; votes: number }>();
  for (const item of items) {
    for (const key of new Set(keysOf(item, grouping))) {
      let group = byKey.get(key);
      if (!group) {
        group = { items: [], votes: 0 };
        byKey.set(key, group);
      }
      group.items.push(item);
      group.votes += item.votes;
    }
  }
  return [...byKey.entries()]
    .map(([key, group]) => ({ key: `${grouping}:${key}`, label: key, items: group.items, votes: group.votes }))
    .sort((a, b) => lastIfNone(a) - lastIfNone(b) || b.votes - a.votes || a.label.localeCompare(b.label));
}

function lastIfNone(group: ItemGroup): number {
  return group.label === NONE ? 1 : 0;
}
