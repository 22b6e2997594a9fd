// Replies being written, one per item, saved as the user types (debounced,
// at most DRAFT_SAVE_DELAY_MS behind the last keystroke) so they survive a
// closed panel, a reloaded window or a restart; each write is announced, so a
// composer can say "Draft saved". A refused reply comes back here with the
// tracker's reason. Pure: the store and the timer are injected.
import * as z from 'zod/mini';
import { Emitter } from './events';
import type { Unsubscribe } from './events';
import { visibilitySchema } from './model';

export const DRAFT_SAVE_DELAY_MS = 300;

export const draftSchema = z.object({
  body: z.string().check(z.maxLength(10_000)),
  visibility: visibilitySchema,
  /** Why the tracker refused this reply when it was last sent, if it did. */
  refusal: z.optional(z.string().check(z.maxLength(2_000))),
});
export type Draft = z.infer<typeof draftSchema>;

const draftsSchema = z.record(z.string(), z.unknown());

/** A Memento (VS Code's global state) or anything like it. */
export interface KeyValueStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface DraftsDeps {
  readonly store: KeyValueStore;
  readonly setTimer: (callback: () => void, ms: number) => Unsubscribe;
  readonly log?: (line: string) => void;
}

const STORE_KEY = 'feedbackLoop.drafts';

/** A draft as written to the store: undefined when the write removed it (emptied or sent). */
export interface SavedDraft {
  readonly key: string;
  readonly draft: Draft | undefined;
}

export class Drafts {
  private readonly all = new Map<string, Draft>();
  /** Keys changed in memory since they were last handed to the store. */
  private readonly unsaved = new Set<string>();
  private timer: Unsubscribe | undefined;
  private readonly changed = new Emitter<string>();
  private readonly saved = new Emitter<readonly SavedDraft[]>();
  /** Fires the key of the draft that changed. */
  readonly onDidChange = this.changed.event;
  /** After a write to the store has completed: the drafts it changed, as written (not as they are now). */
  readonly onDidSave = this.saved.event;

  constructor(private readonly deps: DraftsDeps) {
    const stored = draftsSchema.safeParse(deps.store.get(STORE_KEY) ?? {});
    for (const [key, raw] of Object.entries(stored.success ? stored.data : {})) {
      const draft = draftSchema.safeParse(raw);
      if (draft.success) {
        this.all.set(key, draft.data);
      } else {
        deps.log?.(`Drafts: dropped an unreadable draft for ${key}`);
      }
    }
  }

  static key(tracker: string, itemId: string): string {
    return `${tracker} ${itemId}`;
  }

  get(key: string): Draft | undefined {
    return this.all.get(key);
  }

  /** Keeps the draft at once in memory, on disk within DRAFT_SAVE_DELAY_MS. An empty one is removed. */
  set(key: string, draft: Draft): void {
    if (draft.body === '' && draft.refusal === undefined) {
      this.all.delete(key);
    } else {
      this.all.set(key, draft);
    }
    this.unsaved.add(key);
    this.changed.fire(key);
    this.timer ??= this.deps.setTimer(() => void this.flush(), DRAFT_SAVE_DELAY_MS);
  }

  /** Writes every draft now; once written, announces those changed since the last write. */
  async flush(): Promise<void> {
    this.timer?.dispose();
    this.timer = undefined;
    const written = [...this.unsaved].map((key): SavedDraft => ({ key, draft: this.all.get(key) }));
    this.unsaved.clear();
    try {
      await this.deps.store.update(STORE_KEY, Object.fromEntries(this.all));
    } catch (error) {
      // Not written: the next write covers (and announces) them, unless they changed again meanwhile.
      written.forEach(({ key }) => this.unsaved.add(key));
      throw error;
    }
    if (written.length > 0) {
      this.saved.fire(written);
    }
  }

  dispose(): void {
    // Whatever was typed in the last moments still reaches the store.
    void this.flush();
    this.changed.dispose();
    this.saved.dispose();
  }
}
