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

export interface ItemPick extends vscode.QuickPickItem {
  readonly itemId: string;
  /** The item as shown on this row: what an accept of this row returns. */
  readonly item: ItemSummary;
}

export interface ItemPickSource {
  /** Items at hand (the Feedback view's), in the order to show them. */
  readonly known: readonly ItemSummary[];
  /** The tracker's text search ('' for its first page); without it, only `known` is offered. */
  readonly search?: (query: string, signal: AbortSignal) => Promise<readonly ItemSummary[]>;
  /** The item to put first (the branch's), given all items so far. */
  readonly preferredId?: (items: readonly ItemSummary[]) => string | undefined;
}

export interface ItemPickLook {
  /** A row's description and detail; `preferred` for the `preferredId` item. */
  describe(item: ItemSummary, preferred: boolean): Pick<vscode.QuickPickItem, 'description' | 'detail'>;
}

export type ItemQuickPick = Pick<
  vscode.QuickPick<ItemPick>,
  'items' | 'busy' | 'selectedItems' | 'keepScrollPosition' | 'onDidChangeValue' | 'onDidAccept' | 'onDidHide' | 'show' | 'dispose'
>;

export interface ItemPickTiming {
  /** Quiet time after a keystroke before the tracker is searched. */
  readonly debounceMs: number;
}

/** Shows `pick` (set up by the caller: title, placeholder) and resolves with the accepted item, or undefined when hidden. */
export function runItemPick(pick: ItemQuickPick, source: ItemPickSource, look: ItemPickLook, timing: ItemPickTiming = { debounceMs: 250 }): Promise<ItemSummary | undefined> {
  return new Promise((resolve) => new PickSession(pick, source, new StableRows(source, look), timing, resolve).start());
}

/**
 * The rows, append-only: an id keeps the index it was first shown at. Only
 * the very first rows are ordered (the preferred item first); later ones join
 * below, the preferred first among them.
 */
class StableRows {
  private readonly order: string[] = [];
  private readonly items = new Map<string, ItemSummary>();
  private shownKey = '';

  constructor(
    private readonly source: ItemPickSource,
    private readonly look: ItemPickLook,
  ) {}

  /** Adds or refreshes `found`; returns the rows to show, or undefined when nothing shown would change. */
  add(found: readonly ItemSummary[]): ItemPick[] | undefined {
    const fresh = [...new Set(found.map((i) => i.id))].filter((id) => !this.items.has(id));
    found.forEach((item) => this.items.set(item.id, item));
    const preferred = this.source.preferredId?.([...this.items.values()]);
    this.order.push(...fresh.filter((id) => id === preferred), ...fresh.filter((id) => id !== preferred));
    const rows = this.order.map((id) => this.toPick(this.items.get(id) as ItemSummary, id === preferred));
    const key = JSON.stringify(rows.map((r) => [r.label, r.description, r.detail]));
    if (key === this.shownKey) {
      return undefined;
    }
    this.shownKey = key;
    return rows;
  }

  private toPick(item: ItemSummary, preferred: boolean): ItemPick {
    return { itemId: item.id, item, label: `${item.id} · ${singleLineText(item.title)}`, ...this.look.describe(item, preferred) };
  }
}

/** One pick from show to accept or hide; after that, nothing it started touches the pick again. */
class PickSession {
  private done = false;
  /** Bumped by every keystroke and search: an answer to an older number is stale. */
  private sequence = 0;
  private inFlight: AbortController | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly listeners: vscode.Disposable[] = [];

  constructor(
    private readonly pick: ItemQuickPick,
    private readonly source: ItemPickSource,
    private readonly rows: StableRows,
    private readonly timing: ItemPickTiming,
    private readonly resolve: (item: ItemSummary | undefined) => void,
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

  private show(found: readonly ItemSummary[]): void {
    const rows = this.rows.add(found);
    if (rows) {
      this.pick.items = rows;
    }
  }

  private finish(item: ItemSummary | undefined): void {
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
