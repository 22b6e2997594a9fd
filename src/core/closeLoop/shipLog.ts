// What close-the-loop remembers between sessions: each repository's refs as
// last seen (detection.ts), and per tracker and item what shipped, which
// releases were already offered, "never for this item", a prepared reply
// waiting to be sent, and whether customers were told. Validated on load: a
// damaged store starts over (refs are then re-read as a first look, so
// nothing is offered twice by mistake, at worst a release is missed).
import * as z from 'zod/mini';
import type { ShippedItem } from './detection';

const SHA = /^[0-9a-f]{40}$/;

/** A repository's refs as last seen (detection.ts reads them; this remembers them). */
const repoMemorySchema = z.object({
  tags: z.record(z.string(), z.string().check(z.regex(SHA))),
  branch: z.nullable(z.object({ name: z.string(), sha: z.string().check(z.regex(SHA)) })),
});
export type RepoMemory = z.infer<typeof repoMemorySchema>;

const shippedSchema = z.object({
  release: z.string(),
  repository: z.string(),
  shas: z.array(z.string()).check(z.maxLength(50)),
  at: z.string(),
});

const itemSchema = z.object({
  offered: z.array(z.string()).check(z.maxLength(100)),
  never: z.boolean(),
  shipped: z.nullable(shippedSchema),
  /** Review prepared a reply for this release: sending it also marks the item shipped. */
  prepared: z.nullable(z.string()),
  announced: z.nullable(z.string()),
});
export type ItemShipState = z.infer<typeof itemSchema>;

export const shipLogSchema = z.object({
  version: z.literal(1),
  repos: z.record(z.string(), repoMemorySchema),
  items: z.record(z.string(), itemSchema),
});
export type SerializedShipLog = z.infer<typeof shipLogSchema>;

const EMPTY: ItemShipState = { offered: [], never: false, shipped: null, prepared: null, announced: null };

export class ShipLog {
  private constructor(private readonly data: SerializedShipLog) {}

  static fromJSON(raw: unknown): ShipLog {
    const parsed = shipLogSchema.safeParse(raw);
    return new ShipLog(parsed.success ? parsed.data : { version: 1, repos: {}, items: {} });
  }

  toJSON(): SerializedShipLog {
    return this.data;
  }

  static key(tracker: string, itemId: string): string {
    return `${tracker} ${itemId}`;
  }

  repo(root: string): RepoMemory | undefined {
    return this.data.repos[root];
  }

  setRepo(root: string, memory: RepoMemory): void {
    this.data.repos[root] = memory;
  }

  item(tracker: string, itemId: string): ItemShipState {
    return this.data.items[ShipLog.key(tracker, itemId)] ?? EMPTY;
  }

  /**
   * Records what shipped and returns what is news: not offered for this
   * release before, not "never", not already announced. Each is offered once.
   */
  offer<Shipped extends ShippedItem>(tracker: string, shipped: readonly Shipped[], now: string): Shipped[] {
    const news: Shipped[] = [];
    for (const found of shipped) {
      const state = this.item(tracker, found.itemId);
      const isNew = !state.never && state.announced === null && !state.offered.includes(found.release);
      this.update(tracker, found.itemId, {
        offered: isNew ? [...state.offered, found.release].slice(-100) : state.offered,
        shipped: state.announced === null ? { release: found.release, repository: found.repository, shas: found.shas.slice(0, 50), at: now } : state.shipped,
      });
      if (isNew) {
        news.push(found);
      }
    }
    return news;
  }

  update(tracker: string, itemId: string, change: Partial<ItemShipState>): void {
    this.data.items[ShipLog.key(tracker, itemId)] = { ...this.item(tracker, itemId), ...change };
  }

  /**
   * What was remembered under a tracker's id of before the connection
   * registry (`from`) is its connection's (`to`); an item already remembered
   * under `to` keeps that. False when nothing moved.
   */
  retarget(from: string, to: string): boolean {
    const prefix = `${from} `;
    let moved = false;
    for (const [key, state] of Object.entries(this.data.items)) {
      if (from !== to && key.startsWith(prefix)) {
        const itemId = key.slice(prefix.length);
        this.data.items[ShipLog.key(to, itemId)] ??= state;
        delete this.data.items[key];
        moved = true;
      }
    }
    return moved;
  }

  /** Items of `tracker` whose work shipped and whose customers were not told (and not "never"). */
  unannounced(tracker: string): { itemId: string; state: ItemShipState }[] {
    const prefix = `${tracker} `;
    return Object.entries(this.data.items)
      .filter(([key, state]) => key.startsWith(prefix) && state.shipped !== null && state.announced === null && !state.never)
      .map(([key, state]) => ({ itemId: key.slice(prefix.length), state }));
  }
}
