// Grouping of already-ranked items by tag or company. Items keep the order
// the tracker ranked them in; groups are ordered by the demand they hold.
import type { ItemSummary } from './model';

export type Grouping = 'status' | 'tag' | 'company';
export const GROUPINGS = ['status', 'tag', 'company'] as const satisfies readonly Grouping[];

export interface ItemGroup {
  readonly key: string;
  readonly label: string;
  readonly items: readonly ItemSummary[];
  readonly votes: number;
}

export const NO_TAG = 'No tag';
export const NO_COMPANY = 'No company';

function keysOf(item: ItemSummary, grouping: 'tag' | 'company'): readonly string[] {
  const keys = grouping === 'tag' ? item.tags : (item.companies ?? []);
  return keys.length > 0 ? keys : [grouping === 'tag' ? NO_TAG : NO_COMPANY];
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
  const fallback = grouping === 'tag' ? NO_TAG : NO_COMPANY;
  return [...byKey.entries()]
    .map(([key, group]) => ({ key: `${grouping}:${key}`, label: key, items: group.items, votes: group.votes }))
    .sort((a, b) => rankGroup(a, fallback) - rankGroup(b, fallback) || b.votes - a.votes || a.label.localeCompare(b.label));
}

function rankGroup(group: ItemGroup, fallback: string): number {
  return group.label === fallback ? 1 : 0;
}
