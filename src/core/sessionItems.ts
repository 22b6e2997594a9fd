// The features' one window onto the items of every connection (issue 14):
// what a FeedbackSession's lists and details answer, addressed by an item
// key, and the changes of every session heard through one subscription that
// follows sessions as connections come and go.
//
// A key is a ref's string (`<connection id>/<item id>`, core/itemRef.ts), or,
// where a feature still speaks the trackers' ids (`keys: 'itemId'`), the item
// id alone: it names the item of the first connection that has it loaded or
// read, else of the first connection — the one connection, while there is one,
// which makes a single connection's features work exactly as before.
import { Emitter } from './events';
import type { Unsubscribe } from './events';
import type { ShownStatus } from './feedbackStore';
import { formatItemRef, parseItemRef } from './itemRef';
import { NoConnection } from './itemDetails';
import type { ItemDetail } from './itemDetails';
import type { FeedbackItem, ItemSummary } from './model';
import type { FeedbackSession } from './session';
import type { FeedbackSessions } from './sessions';

export type ItemKeys = 'itemId' | 'ref';

/** The item a key names: its connection's session, and the tracker's id of it. */
export interface ResolvedItem {
  readonly connectionId: string;
  readonly session: FeedbackSession;
  readonly id: string;
}

/** An item of a connection's lists, with its key. */
export interface KeyedItem {
  readonly key: string;
  readonly connectionId: string;
  readonly item: ItemSummary;
}

export class SessionItems {
  private readonly itemChanged = new Emitter<string>();
  private readonly detailChanged = new Emitter<string>();
  private readonly listsChanged = new Emitter<string | undefined>();
  private readonly refreshed = new Emitter<{ readonly connectionId: string; readonly error: unknown }>();
  private readonly followed = new Map<FeedbackSession, Unsubscribe>();
  private readonly sessionsChanged: Unsubscribe;

  /** One item's shown state changed (as FeedbackStore.onDidChangeItem): its key. */
  readonly onDidChangeItem = this.itemChanged.event;
  /** One item's details changed (as ItemDetails.onDidChange): its key. */
  readonly onDidChangeDetail = this.detailChanged.event;
  /** A connection's lists changed (its id), or the connections did (undefined): anything shown from the lists may have. */
  readonly onDidChangeLists = this.listsChanged.event;
  /** A connection's refresh ran to its end (as FeedbackStore.onDidRefresh). */
  readonly onDidRefresh = this.refreshed.event;

  /** What ItemPanelController and ConversationController read of the lists, by key. */
  readonly lists = {
    findItem: (key: string): ItemSummary | undefined => this.findItem(key),
    itemStatus: (key: string): ShownStatus | undefined => this.itemStatus(key),
    onDidChangeItem: this.onDidChangeItem,
  };

  /** What they read of the details, by key. */
  readonly details = {
    get: (key: string): ItemDetail | undefined => this.detail(key),
    load: (key: string): Promise<void> => this.load(key),
    onDidChange: this.onDidChangeDetail,
  };

  constructor(
    private readonly sessions: FeedbackSessions,
    readonly keys: ItemKeys,
  ) {
    this.follow();
    this.sessionsChanged = sessions.onDidChange(() => {
      this.follow();
      this.listsChanged.fire(undefined);
    });
  }

  /** The key of a connection's item, as this window's features speak. */
  keyOf(connectionId: string, itemId: string): string {
    return this.keys === 'ref' ? formatItemRef({ connection: connectionId, id: itemId }) : itemId;
  }

  /** The tracker's id of the item a key names (what a user reads): the key itself when it is no ref. */
  idOf(key: string): string {
    return this.keys === 'ref' ? (parseItemRef(key)?.id ?? key) : key;
  }

  /** The connections that have an item of this (tracker's) id loaded or read, in the list's order. */
  holders(itemId: string): readonly { readonly id: string; readonly name: string }[] {
    return this.sessions
      .list()
      .filter(({ session }) => session.store.findItem(itemId) !== undefined || session.details.get(itemId) !== undefined)
      .map(({ id, name }) => ({ id, name }));
  }

  /** The connection and item a key names; undefined when no connection of this workspace can have it. */
  resolve(key: string): ResolvedItem | undefined {
    if (this.keys === 'ref') {
      const ref = parseItemRef(key);
      const session = ref && this.sessions.get(ref.connection);
      return ref && session ? { connectionId: ref.connection, session, id: ref.id } : undefined;
    }
    const entries = this.sessions.list();
    const holding = entries.find((e) => e.session.store.findItem(key) !== undefined) ?? entries.find((e) => e.session.details.get(key) !== undefined) ?? entries[0];
    return holding && { connectionId: holding.id, session: holding.session, id: key };
  }

  /** The item as its connection's lists show it (a pending write included); undefined when not loaded there. */
  findItem(key: string): ItemSummary | undefined {
    const at = this.resolve(key);
    return at?.session.store.findItem(at.id);
  }

  itemStatus(key: string): ShownStatus | undefined {
    const at = this.resolve(key);
    return at?.session.store.itemStatus(at.id);
  }

  detail(key: string): ItemDetail | undefined {
    const at = this.resolve(key);
    return at?.session.details.get(at.id);
  }

  /** Loads the item's details from its connection; nothing to load when it names none (the details say why, as without a connection). */
  load(key: string): Promise<void> {
    const at = this.resolve(key);
    return at ? at.session.details.load(at.id) : Promise.resolve();
  }

  /** The item as the lists show it, else its details, else fetched; rejects (NoConnection) when its connection is not here. */
  async summary(key: string): Promise<ItemSummary> {
    const at = this.resolve(key);
    if (!at) {
      throw new NoConnection();
    }
    return at.session.summary(at.id);
  }

  async item(key: string): Promise<FeedbackItem> {
    const at = this.resolve(key);
    if (!at) {
      throw new NoConnection();
    }
    return at.session.item(at.id);
  }

  /** Every loaded item of every connection, each once per connection, in the connections' order. */
  entries(): KeyedItem[] {
    return this.sessions.list().flatMap(({ id, session }) => session.store.allItems().map((item) => ({ key: this.keyOf(id, item.id), connectionId: id, item })));
  }

  /** Every loaded item, each key once: with item ids as keys, an id two connections have is the first's. */
  allItems(): ItemSummary[] {
    const byKey = new Map<string, ItemSummary>();
    for (const { key, item } of this.entries()) {
      if (!byKey.has(key)) {
        byKey.set(key, item);
      }
    }
    return [...byKey.values()];
  }

  dispose(): void {
    this.sessionsChanged.dispose();
    this.followed.forEach((unsubscribe) => unsubscribe.dispose());
    this.followed.clear();
    this.itemChanged.dispose();
    this.detailChanged.dispose();
    this.listsChanged.dispose();
    this.refreshed.dispose();
  }

  /** Hears every session there is now, and no longer those removed or replaced. */
  private follow(): void {
    const current = new Map(this.sessions.list().map((entry) => [entry.session, entry.id]));
    for (const [session, unsubscribe] of [...this.followed]) {
      if (!current.has(session)) {
        unsubscribe.dispose();
        this.followed.delete(session);
      }
    }
    for (const [session, connectionId] of current) {
      if (!this.followed.has(session)) {
        this.followed.set(session, this.hear(session, connectionId));
      }
    }
  }

  private hear(session: FeedbackSession, connectionId: string): Unsubscribe {
    const subscriptions = [
      session.store.onDidChangeItem((id) => this.itemChanged.fire(this.keyOf(connectionId, id))),
      session.details.onDidChange((id) => this.detailChanged.fire(this.keyOf(connectionId, id))),
      session.store.onDidChange(() => this.listsChanged.fire(connectionId)),
      session.store.onDidRefresh(({ error }) => this.refreshed.fire({ connectionId, error })),
    ];
    return { dispose: () => subscriptions.forEach((s) => s.dispose()) };
  }
}
