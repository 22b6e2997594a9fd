// The store's groups: what it keeps per group (`GroupState`), what the views
// read (`GroupView`), and the comparisons that let a background refresh leave
// the rows alone when the tracker answered the same.
import type { Grouping } from '../grouping';
import type { ItemSummary, Sort, Status } from '../model';
import type { Cursors, RejectedEntry } from './itemSource';

/** Rows under one node never exceed this; the next ones come with "Load more". */
export const PAGE_SIZE = 100;

export interface ViewOptions {
  readonly grouping: Grouping;
  readonly sort: Sort;
  readonly filter: string;
}

export interface GroupView {
  readonly key: string;
  /**
   * Data, not words: a tag or company group's tag or company (core/grouping
   * `NONE` for the items with none), a status group's status key; the view
   * words them (core/grouping `groupNameOf`, platform/itemWords `groupLabel`).
   * A group made outside the store (the pinned one) comes named by its owner.
   */
  readonly label: string;
  readonly status: Status | undefined;
  /** The rows to show now: never more than the revealed count. */
  readonly items: readonly ItemSummary[];
  /** True when more rows exist, loaded or not. */
  readonly hasMore: boolean;
  readonly loadingMore: boolean;
  readonly loadMoreError: unknown;
  /** How long each row's customer has waited for a reply, in ms (the Awaiting Reply group only). */
  readonly waitingMs?: ReadonlyMap<string, number>;
}

export interface GroupState {
  key: string;
  label: string;
  status: Status | undefined;
  items: ItemSummary[];
  /** Server paging (status grouping): the cursor of the next page. */
  nextCursor: string | null;
  /** Every cursor this group was given: "Load more" stops at a repeat too. */
  cursors: Cursors;
  /** Rows revealed; in status grouping always all loaded items. */
  revealed: number;
  loadingMore: boolean;
  /** A group from the offline snapshot that had more rows than it keeps: "Load more" asks the tracker. */
  moreOnTracker?: boolean;
  loadMoreError: unknown;
}

/** What one refresh read, before the store shows it. */
export interface Loaded {
  groups: GroupState[];
  rejected: RejectedEntry[];
}

export function newGroup(key: string, label: string, status: Status | undefined, items: ItemSummary[], nextCursor: string | null, cursors: Cursors): GroupState {
  return {
    key,
    label,
    status,
    items,
    nextCursor,
    cursors,
    revealed: status ? items.length : Math.min(PAGE_SIZE, items.length),
    loadingMore: false,
    loadMoreError: undefined,
  };
}

/** The tracker's rows of a group as the views read them, before any write is applied. */
export function groupView(g: GroupState): GroupView {
  return {
    key: g.key,
    label: g.label,
    status: g.status,
    items: g.revealed >= g.items.length ? g.items : g.items.slice(0, g.revealed),
    hasMore: g.revealed < g.items.length || g.nextCursor !== null || g.moreOnTracker === true,
    loadingMore: g.loadingMore,
    loadMoreError: g.loadMoreError,
  };
}

/** Rows revealed under a tag or company group (by "Load more") stay revealed after a background refresh. */
export function keepRevealed(before: readonly GroupState[], after: GroupState[]): void {
  const revealed = new Map(before.map((g) => [g.key, g.revealed]));
  for (const group of after) {
    group.revealed = Math.max(group.revealed, Math.min(revealed.get(group.key) ?? 0, group.items.length));
  }
}

/** Whether a background refresh would show the same rows (items compared field by field). */
export function sameGroups(before: readonly GroupState[], after: readonly GroupState[]): boolean {
  return (
    before.length === after.length &&
    before.every((g, i) => {
      const h = after[i];
      return g.key === h.key && g.label === h.label && (g.nextCursor === null) === (h.nextCursor === null) && sameValue(g.items, h.items);
    })
  );
}

/** Deep equality of JSON-like values (items as validated from the tracker); a 304 hands back the very objects, which `===` settles at once. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) {
    return true;
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return false;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((value, i) => sameValue(value, b[i]));
  }
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) {
    return false;
  }
  return keysA.every((key) => Object.prototype.hasOwnProperty.call(b, key) && sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
}
