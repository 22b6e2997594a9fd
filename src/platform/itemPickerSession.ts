// One feedback item quick pick, whatever asks for it (Mark Trade-off…, Start
// Work…, Link…), and its one rule: it returns the item the user chose, however
// late search results arrive.
//
// Why rows never move: VS Code's extension host resolves a click to an item
// by its *index* in the items we set last. Results arriving while the click
// travels used to reorder the list, so a click on FB-12 came back as FB-84.
// Here a row, once shown, keeps its index for the life of the pick; new
// results are only added below. The chosen item is the one carried on the
// QuickPickItem selected at accept time, never a later lookup.
//
// Only types from vscode: it runs (and is tested) in plain Node with a fake.
import type * as vscode from 'vscode';
import { singleLineText } from '../core/displayText';
import type { ItemSummary } from '../core/model';

export interface ItemPick<T extends ItemSummary = ItemSummary> extends vscode.QuickPickItem {
  readonly itemId: string;
  /** The row's key: the item's id, or what `keyOf` makes of it (a ref, where two connections may both have FB-12). */
  readonly key: string;
  /** The item as shown on this row: what an accept of this row returns. */
  readonly item: T;
}

export interface ItemPickSource<T extends ItemSummary = ItemSummary> {
  /** Items at hand (the Feedback view's), in the order to show them. */
  readonly known: readonly T[];
  /** The tracker's text search ('' for its first page); without it, only `known` is offered. */
  readonly search?: (query: string, signal: AbortSignal) => Promise<readonly T[]>;
  /** The key of the item to put first (the branch's), given all items so far. */
  readonly preferredId?: (items: readonly T[]) => string | undefined;
  /** What tells two rows apart: the item's id unless given (items of several connections: their refs). */
  readonly keyOf?: (item: T) => string;
}

export interface ItemPickLook<T extends ItemSummary = ItemSummary> {
  /** A row's description and detail; `preferred` for the `preferredId` item. */
  describe(item: T, preferred: boolean): Pick<vscode.QuickPickItem, 'description' | 'detail'>;
}

export type ItemQuickPick<T extends ItemSummary = ItemSummary> = Pick<
  vscode.QuickPick<ItemPick<T>>,
  'items' | 'busy' | 'selectedItems' | 'keepScrollPosition' | 'onDidChangeValue' | 'onDidAccept' | 'onDidHide' | 'show' | 'dispose'
>;

export interface ItemPickTiming {
  /** Quiet time after a keystroke before the tracker is searched. */
  readonly debounceMs: number;
}

/** Shows `pick` (set up by the caller: title, placeholder) and resolves with the accepted item, or undefined when hidden. */
export function runItemPick<T extends ItemSummary = ItemSummary>(
  pick: ItemQuickPick<T>,
  source: ItemPickSource<T>,
  look: ItemPickLook<T>,
  timing: ItemPickTiming = { debounceMs: 250 },
): Promise<T | undefined> {
  return new Promise((resolve) => new PickSession(pick, source, new StableRows(source, look), timing, resolve).start());
}

/**
 * The rows, append-only: an id keeps the index it was first shown at. Only
 * the very first rows are ordered (the preferred item first); later ones join
 * below, the preferred first among them.
 */
class StableRows<T extends ItemSummary> {
  private readonly order: string[] = [];
  private readonly items = new Map<string, T>();
  private shownKey = '';

  constructor(
    private readonly source: ItemPickSource<T>,
    private readonly look: ItemPickLook<T>,
  ) {}

  private keyOf(item: T): string {
    return this.source.keyOf?.(item) ?? item.id;
  }

  /** Adds or refreshes `found`; returns the rows to show, or undefined when nothing shown would change. */
  add(found: readonly T[]): ItemPick<T>[] | undefined {
    const fresh = [...new Set(found.map((i) => this.keyOf(i)))].filter((key) => !this.items.has(key));
    found.forEach((item) => this.items.set(this.keyOf(item), item));
    const preferred = this.source.preferredId?.([...this.items.values()]);
    this.order.push(...fresh.filter((key) => key === preferred), ...fresh.filter((key) => key !== preferred));
    const rows = this.order.map((key) => this.toPick(key, this.items.get(key) as T, key === preferred));
    const key = JSON.stringify(rows.map((r) => [r.label, r.description, r.detail]));
    if (key === this.shownKey) {
      return undefined;
    }
    this.shownKey = key;
    return rows;
  }

  private toPick(key: string, item: T, preferred: boolean): ItemPick<T> {
    return { itemId: item.id, key, item, label: `${item.id} · ${singleLineText(item.title)}`, ...this.look.describe(item, preferred) };
  }
}

/** One pick from show to accept or hide; after that, nothing it started touches the pick again. */
class PickSession<T extends ItemSummary> {
  private done = false;
  /** Bumped by every keystroke and search: an answer to an older number is stale. */
  private sequence = 0;
  private inFlight: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners: vscode.Disposable[] = [];

  constructor(
    private readonly pick: ItemQuickPick<T>,
    private readonly source: ItemPickSource<T>,
    private readonly rows: StableRows<T>,
    private readonly timing: ItemPickTiming,
    private readonly resolve: (item: T | undefined) => void,
  ) {}

  start(): void {
    this.pick.keepScrollPosition = true; // rows added below must not scroll the one under the pointer away
    this.listeners.push(
      this.pick.onDidChangeValue((value) => this.typed(value)),
      // The row's own item, as selected at this moment: not an index, not a lookup.
      this.pick.onDidAccept(() => {
        const chosen = this.pick.selectedItems[0];
        if (chosen) {
          this.finish(chosen.item);
        } // else Enter on an empty list: stay open, results may be on their way
      }),
      this.pick.onDidHide(() => this.finish(undefined)),
    );
    this.show(this.source.known);
    this.pick.show();
    if (this.source.known.length === 0) {
      void this.search('');
    }
  }

  private typed(value: string): void {
    this.supersede();
    if (this.source.search) {
      this.timer = setTimeout(() => void this.search(value.trim()), this.timing.debounceMs);
    }
  }

  /** Whatever was searched or scheduled so far is no longer what the user wants. */
  private supersede(): number {
    clearTimeout(this.timer);
    this.inFlight?.abort();
    this.inFlight = undefined;
    return ++this.sequence;
  }

  private async search(query: string): Promise<void> {
    const search = this.source.search;
    if (!search || this.done) {
      return;
    }
    const sequence = this.supersede();
    const controller = (this.inFlight = new AbortController());
    const current = (): boolean => !this.done && sequence === this.sequence;
    this.pick.busy = true;
    try {
      const found = await search(query, controller.signal);
      if (current()) {
        this.show(found);
      }
    } catch {
      // The rows shown stay; the search box still filters them.
    } finally {
      if (current()) {
        this.pick.busy = false;
      }
    }
  }

  private show(found: readonly T[]): void {
    const rows = this.rows.add(found);
    if (rows) {
      this.pick.items = rows;
    }
  }

  private finish(item: T | undefined): void {
    if (this.done) {
      return;
    }
    this.done = true;
    this.supersede();
    this.listeners.splice(0).forEach((l) => l.dispose());
    this.pick.dispose();
    this.resolve(item);
  }
}
