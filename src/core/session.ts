// The one source of truth for item state: the current connection, the lists
// the views show (FeedbackStore) and what is known of single items
// (ItemDetails). Features read items only through it and never call a
// tracker's read methods; writes go through the outbox, whose confirmations
// are folded in here so every view shows them.
import { Emitter } from './events';
import { FeedbackStore } from './feedbackStore';
import type { ItemSource, ItemSourceQuery, ViewOptions } from './feedbackStore';
import { ItemDetails, NoConnection } from './itemDetails';
import type { DetailSource } from './itemDetails';
import { commentSchema, commitLinkSchema, itemSchema, tradeOffSchema } from './model';
import type { FeedbackItem, ItemSummary, Status } from './model';
import type { Confirmation, Outbox } from './outbox';
import { followStatusWrites } from './statusWrites';
import type { Unsubscribe } from './events';

/** What the session needs of a tracker client (a TrackerClient is one). */
export interface SessionTracker extends DetailSource {
  /** Which tracker this is (`rest`, `github`, …): the id patterns of its items depend on it. */
  readonly kind: string;
  readonly capabilities: { readonly internalNotes: boolean; readonly updatedSince?: boolean; readonly replyAudience?: 'customers' | 'workspace' };
  listItems: ItemSource['listItems'];
}

/** A connected tracker: its stable id (storage keys, outbox), its label (messages) and its client, made on first use. */
export interface SessionConnection {
  readonly id: string;
  readonly label: string;
  tracker(): Promise<SessionTracker>;
}

/** Items a picker's search returns; with nothing typed, the first ones. */
const SEARCH_LIMIT = 50;
const FIRST_ITEMS_LIMIT = 100;

export class FeedbackSession {
  readonly store: FeedbackStore;
  readonly details: ItemDetails;
  private current: SessionConnection | undefined;
  private readonly connectionChanged = new Emitter<SessionConnection | undefined>();
  readonly onDidChangeConnection = this.connectionChanged.event;

  constructor(viewOptions: ViewOptions, now: () => number = Date.now) {
    this.store = new FeedbackStore(viewOptions);
    this.details = new ItemDetails(now);
  }

  get connection(): SessionConnection | undefined {
    return this.current;
  }

  /** Replaces the connection: lists and details of the old one are dropped, the views load again when shown. */
  connect(connection: SessionConnection | undefined): void {
    this.current = connection;
    this.store.setSource(connection ? itemSource(connection) : undefined);
    this.details.setSource(connection ? detailSource(connection) : undefined);
    this.connectionChanged.fire(connection);
  }

  /** The tracker's capabilities; undefined without a connection or when its client cannot be made. */
  async capabilities(): Promise<SessionTracker['capabilities'] | undefined> {
    return (await this.current?.tracker().catch(() => undefined))?.capabilities;
  }

  /** The connected tracker's kind; undefined without a connection or when its client cannot be made. */
  async trackerKind(): Promise<string | undefined> {
    return (await this.current?.tracker().catch(() => undefined))?.kind;
  }

  /** The item as the list shows it (a status change not yet confirmed included), else its details, else fetched. */
  async summary(id: string): Promise<ItemSummary> {
    return this.store.findItem(id) ?? this.details.item(id);
  }

  /** The full item: cached, else fetched. Rejects when the tracker cannot be read. */
  item(id: string): Promise<FeedbackItem> {
    return this.details.item(id);
  }

  /** Items matching `q` (or the first ones), for a picker; asks the tracker, caches nothing. */
  async search(q: string, signal: AbortSignal): Promise<readonly ItemSummary[]> {
    const tracker = await this.tracker();
    const query: ItemSourceQuery = q ? { q, limit: SEARCH_LIMIT, cursor: null, sort: this.store.viewOptions.sort, signal } : { limit: FIRST_ITEMS_LIMIT, cursor: null, sort: this.store.viewOptions.sort, signal };
    return (await tracker.listItems(query)).items;
  }

  /**
   * Follows the outbox, the one write path: status changes show at once
   * (pending until confirmed, put back when refused), and whatever the
   * tracker answers a write with is folded into the item's details.
   */
  followWrites(outbox: Pick<Outbox, 'entries' | 'onDidChange' | 'onDidConfirm'>, refused: (itemId: string, status: Status, reason: string) => void): Unsubscribe {
    const statuses = followStatusWrites({ outbox, store: this.store, currentTracker: () => this.current?.id, refused });
    const confirmations = outbox.onDidConfirm((confirmation) => this.confirmed(confirmation));
    return { dispose: () => [statuses, confirmations].forEach((s) => s.dispose()) };
  }

  dispose(): void {
    this.store.dispose();
    this.details.dispose();
    this.connectionChanged.dispose();
  }

  /** The tracker's answer is outside data: folded in only if it is what was written, else the next load reads it. */
  private confirmed({ entry, result }: Confirmation): void {
    if (entry.tracker !== this.current?.id) {
      return;
    }
    const { request } = entry;
    switch (request.kind) {
      case 'comment': {
        const comment = commentSchema.safeParse(result);
        return comment.success ? this.details.addComment(request.itemId, comment.data) : undefined;
      }
      case 'link': {
        const link = commitLinkSchema.safeParse(result);
        return link.success ? this.details.addLink(request.itemId, link.data) : undefined;
      }
      case 'tradeoff': {
        const tradeOff = tradeOffSchema.safeParse(result);
        return tradeOff.success ? this.details.addTradeOff(request.itemId, tradeOff.data) : undefined;
      }
      case 'status': {
        const item = itemSchema.safeParse(result);
        return item.success && item.data.id === request.itemId ? this.details.setItem(item.data) : undefined;
      }
    }
  }

  private async tracker(): Promise<SessionTracker> {
    if (!this.current) {
      throw new NoConnection();
    }
    return this.current.tracker();
  }
}

function itemSource(connection: SessionConnection): ItemSource {
  return {
    // Read when a message needs it: a renamed connection keeps its session (core/sessions.ts).
    get name() {
      return connection.label;
    },
    listItems: async (query) => (await connection.tracker()).listItems(query),
    // A background refresh asks "anything newer?" first where the tracker can answer it.
    supportsUpdatedSince: async () => (await connection.tracker()).capabilities.updatedSince !== false,
  };
}

function detailSource(connection: SessionConnection): DetailSource {
  return {
    getItem: async (id, signal) => (await connection.tracker()).getItem(id, signal),
    listComments: async (id, signal) => (await connection.tracker()).listComments(id, signal),
    listLinks: async (id, signal) => (await connection.tracker()).listLinks(id, signal),
    listTradeOffs: async (id, signal) => (await connection.tracker()).listTradeOffs(id, signal),
  };
}
