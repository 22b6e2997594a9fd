// The feedback items trade-offs point at, for headers and labels: from the
// Feedback view's cache first, else read once through the session.
import * as vscode from 'vscode';
import type { ItemSummary } from '../../core/model';
import { itemHeader, unknownItemHeader } from '../../platform/itemWords';

export interface ItemInfoDeps {
  readonly cached: (id: string) => ItemSummary | undefined;
  /** Reads an item the view has not loaded (the session: its details, else the tracker). */
  readonly read: (id: string) => Promise<ItemSummary>;
  /** Whether the id names an item of a connection here: one that does not is never fetched (a teammate's connection this workspace lacks). */
  readonly resolves: (id: string) => boolean;
  readonly log: (line: string) => void;
}

export class ItemInfo implements vscode.Disposable {
  private readonly fetched = new Map<string, ItemSummary>();
  private readonly pending = new Set<string>();
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: ItemInfoDeps) {}

  /** The item if known now; otherwise undefined, and a fetch starts (onDidChange fires when it lands). */
  get(id: string): ItemSummary | undefined {
    if (!this.deps.resolves(id)) {
      return undefined;
    }
    const known = this.deps.cached(id) ?? this.fetched.get(id);
    if (!known && !this.pending.has(id)) {
      this.pending.add(id);
      void this.fetch(id);
    }
    return known;
  }

  /** `FB-12 · Export to CSV · Planned · ▲ 42`, or the id said to be of no connection here. */
  header(id: string): string {
    return this.deps.resolves(id) ? itemHeader(id, this.get(id)) : unknownItemHeader(id);
  }

  /** The Feedback view's items changed: headers may read differently now. */
  cacheChanged(): void {
    this.changed.fire();
  }

  private async fetch(id: string): Promise<void> {
    try {
      this.fetched.set(id, await this.deps.read(id));
      this.changed.fire();
    } catch (error) {
      this.deps.log(`Trade-offs: could not fetch item ${id}: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.pending.delete(id);
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
