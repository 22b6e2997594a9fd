// What is known of single items beyond the list rows: the full item, its
// thread, linked commits and trade-offs on the tracker, each part fetched on its own,
// kept with its fetch time, and shared by every view that shows the item.
// A view asks with `load`: it gets what is cached at once (through
// onDidChange) and the tracker's newer answer when it lands; two views asking
// at once make one request per part. Writes confirmed by the tracker are
// folded in here, so every view shows them without fetching again.
import { Emitter } from './events';
import type { Comment, CommitLink, FeedbackItem, TradeOff } from './model';

/** The tracker's read methods for one item (a TrackerClient has them). */
export interface DetailSource {
  getItem(id: string, signal?: AbortSignal): Promise<FeedbackItem>;
  listComments(id: string, signal?: AbortSignal): Promise<readonly Comment[]>;
  listLinks(id: string, signal?: AbortSignal): Promise<readonly CommitLink[]>;
  listTradeOffs(id: string, signal?: AbortSignal): Promise<readonly TradeOff[]>;
}

/** One part of an item as last fetched: its value (kept through a failed revalidation), or why it failed. */
export interface Part<T> {
  readonly value?: T;
  readonly fetchedAt?: number;
  readonly loading: boolean;
  readonly error?: unknown;
}

export interface ItemDetail {
  readonly item: Part<FeedbackItem>;
  readonly comments: Part<readonly Comment[]>;
  /** Commits linked on the tracker (the commit-links feature adds local history). */
  readonly links: Part<readonly CommitLink[]>;
  readonly tradeOffs: Part<readonly TradeOff[]>;
}

type PartName = keyof ItemDetail;
const PART_NAMES: readonly PartName[] = ['item', 'comments', 'links', 'tradeOffs'];

/** Items kept; the least recently asked for goes first. A panel shows one, a session rarely opens more. */
export const DETAIL_CAPACITY = 200;

type Value<K extends PartName> = NonNullable<ItemDetail[K]['value']>;

interface Entry {
  detail: { -readonly [K in PartName]: ItemDetail[K] };
  readonly inFlight: Map<PartName, Promise<void>>;
  /**
   * Writes confirmed while a part was being fetched: the answer may have been
   * read before the write reached the tracker, so they are applied to it too.
   */
  readonly landedDuringFetch: Map<PartName, ((value: unknown) => unknown)[]>;
}

const emptyPart = { loading: false } as const;

export class ItemDetails {
  private readonly entries = new Map<string, Entry>();
  private source: DetailSource | undefined;
  /** Aborts every request of the current source: a new connection makes their answers meaningless. */
  private abort = new AbortController();
  private readonly changed = new Emitter<string>();
  /** Fires the id of an item whose detail changed (a part loading, landing or failing, or a write folded in). */
  readonly onDidChange = this.changed.event;

  constructor(private readonly now: () => number = Date.now) {}

  /** A new connection (or none): everything known belongs to the old one. */
  setSource(source: DetailSource | undefined): void {
    this.abort.abort();
    this.abort = new AbortController();
    this.source = source;
    const ids = [...this.entries.keys()];
    this.entries.clear();
    ids.forEach((id) => this.changed.fire(id));
  }

  get(id: string): ItemDetail | undefined {
    return this.entries.get(id)?.detail;
  }

  /**
   * Fetches every part of the item again (the cached parts stay shown
   * meanwhile); a part already being fetched is not asked twice. Resolves
   * when all parts have landed or failed; never rejects.
   */
  async load(id: string): Promise<void> {
    const entry = this.touch(id);
    await Promise.all(PART_NAMES.map((part) => this.fetchPart(id, entry, part)));
  }

  /** Fetches the item's thread alone (Awaiting Reply's background reading, core/threadReading.ts); never rejects. */
  loadThread(id: string): Promise<void> {
    return this.fetchPart(id, this.touch(id), 'comments');
  }

  /** The item: the cached one, else fetched. Rejects when it cannot be read (no connection included). */
  async item(id: string): Promise<FeedbackItem> {
    const entry = this.touch(id);
    if (entry.detail.item.value) {
      return entry.detail.item.value;
    }
    await this.fetchPart(id, entry, 'item');
    const { value, error } = entry.detail.item;
    if (value) {
      return value;
    }
    throw error ?? new Error(`Item ${id} could not be read`);
  }

  /** Items whose item and thread were fetched, most recently asked for first: what the offline snapshot keeps. */
  fetched(): { readonly item: FeedbackItem; readonly comments: readonly Comment[]; readonly fetchedAt: number }[] {
    const found = [];
    for (const { detail } of this.entries.values()) {
      const { item, comments } = detail;
      if (item.value && comments.value) {
        found.push({ item: item.value, comments: comments.value, fetchedAt: Math.min(item.fetchedAt ?? 0, comments.fetchedAt ?? 0) });
      }
    }
    return found.reverse();
  }

  /**
   * Items as last fetched in an earlier session (the offline snapshot): shown
   * until the tracker answers, and kept, marked by the failure, when it cannot.
   * A part already known here is newer and stays.
   */
  restore(saved: readonly { readonly item: FeedbackItem; readonly comments: readonly Comment[]; readonly fetchedAt: number }[]): void {
    for (const { item, comments, fetchedAt } of [...saved].reverse()) {
      const entry = this.touch(item.id);
      entry.detail.item = entry.detail.item.value ? entry.detail.item : { ...entry.detail.item, value: item, fetchedAt };
      entry.detail.comments = entry.detail.comments.value ? entry.detail.comments : { ...entry.detail.comments, value: comments, fetchedAt };
      this.changed.fire(item.id);
    }
  }

  /** The tracker confirmed a comment (a reply sent from any view): the thread shows it at once. */
  addComment(id: string, comment: Comment): void {
    this.foldIn(id, 'comments', (comments) => (comments.some((c) => c.id === comment.id) ? comments : [...comments, comment]));
  }

  addLink(id: string, link: CommitLink): void {
    this.foldIn(id, 'links', (links) => (links.some((l) => l.sha === link.sha && l.repository === link.repository) ? links : [...links, link]));
  }

  addTradeOff(id: string, tradeOff: TradeOff): void {
    this.foldIn(id, 'tradeOffs', (tradeOffs) => (tradeOffs.some((t) => t.id === tradeOff.id) ? tradeOffs : [...tradeOffs, tradeOff]));
  }

  /** The tracker answered a write with the item as it now is (a status change). */
  setItem(item: FeedbackItem): void {
    // A fetch answered after the write may already hold a newer version.
    this.foldIn(item.id, 'item', (current) => (Date.parse(current.updatedAt) > Date.parse(item.updatedAt) ? current : item));
  }

  dispose(): void {
    this.abort.abort();
    this.entries.clear();
    this.changed.dispose();
  }

  /** The entry, made the most recently used; the least recently used beyond capacity is dropped. */
  private touch(id: string): Entry {
    const entry = this.entries.get(id) ?? {
      detail: { item: emptyPart, comments: emptyPart, links: emptyPart, tradeOffs: emptyPart },
      inFlight: new Map<PartName, Promise<void>>(),
      landedDuringFetch: new Map<PartName, ((value: unknown) => unknown)[]>(),
    };
    this.entries.delete(id);
    this.entries.set(id, entry);
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= DETAIL_CAPACITY) {
        break;
      }
      this.entries.delete(oldest);
    }
    return entry;
  }

  private fetchPart(id: string, entry: Entry, part: PartName): Promise<void> {
    const running = entry.inFlight.get(part);
    if (running) {
      return running;
    }
    const source = this.source;
    const signal = this.abort.signal;
    const fetched = (async () => {
      this.setPart(id, entry, part, { ...entry.detail[part], loading: true });
      try {
        if (!source) {
          throw new NoConnection();
        }
        const answer = await read(source, part, id, signal);
        const value = (entry.landedDuringFetch.get(part) ?? []).reduce((v, update) => update(v), answer);
        this.setPart(id, entry, part, { value, fetchedAt: this.now(), loading: false }, signal);
      } catch (error) {
        this.setPart(id, entry, part, { value: entry.detail[part].value, fetchedAt: entry.detail[part].fetchedAt, loading: false, error }, signal);
      } finally {
        entry.inFlight.delete(part);
        entry.landedDuringFetch.delete(part);
      }
    })();
    entry.inFlight.set(part, fetched);
    return fetched;
  }

  /** Sets a part and says so, unless the answer belongs to a connection since replaced. */
  private setPart(id: string, entry: Entry, part: PartName, value: Part<unknown>, signal?: AbortSignal): void {
    if (signal?.aborted) {
      return;
    }
    (entry.detail as Record<PartName, Part<unknown>>)[part] = value;
    if (this.entries.get(id) === entry) {
      this.changed.fire(id);
    }
  }

  private foldIn<K extends PartName>(id: string, part: K, update: (value: Value<K>) => Value<K>): void {
    const entry = this.entries.get(id);
    if (!entry) {
      return; // never asked for: the next load reads it from the tracker with the write in it
    }
    if (entry.inFlight.has(part)) {
      const landed = entry.landedDuringFetch.get(part) ?? [];
      entry.landedDuringFetch.set(part, [...landed, update as (value: unknown) => unknown]);
    }
    const current = entry.detail[part];
    if (current.value === undefined) {
      return;
    }
    (entry.detail as Record<PartName, Part<unknown>>)[part] = { ...current, value: update(current.value as Value<K>) };
    this.changed.fire(id);
  }
}

/** Raised (as a part's error) when there is no tracker to ask. Its message is for the log: people read platform/errorText's words. */
export class NoConnection extends Error {
  constructor() {
    super('No tracker is connected');
    this.name = 'NoConnection';
  }
}

function read(source: DetailSource, part: PartName, id: string, signal: AbortSignal): Promise<unknown> {
  switch (part) {
    case 'item':
      return source.getItem(id, signal);
    case 'comments':
      return source.listComments(id, signal);
    case 'links':
      return source.listLinks(id, signal);
    case 'tradeOffs':
      return source.listTradeOffs(id, signal);
  }
}
