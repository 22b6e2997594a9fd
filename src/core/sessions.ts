// Several connections (issue 14): one FeedbackSession per connection, in the
// order the workspace's connection list has them. Each session keeps its own
// store, details, pending writes and refreshes, exactly as the one session of
// a single connection does; this map only makes, orders, renames and drops
// them, and finds the one an ItemRef names. A session is made and disposed
// with its connection: a rename changes only the name shown, a reconnect
// rebuilds that one session and leaves the others' lists as they are.
import { Emitter } from './events';
import type { Unsubscribe } from './events';
import type { ViewOptions } from './feedbackStore';
import type { ItemRef } from './itemRef';
import { isRefConnectionId, parseItemRef } from './itemRef';
import type { ItemSummary } from './model';
import { FeedbackSession } from './session';
import type { SessionConnection } from './session';

export interface SessionEntry {
  /** The connection's id: `ItemRef.connection`, outbox entries' `tracker`. */
  readonly id: string;
  /** The connection's name as the user gave it (its root row, a Merge All row's description). */
  readonly name: string;
  readonly session: FeedbackSession;
}

/** What one change did, by connection id; one operation names one id, `sync` any number. */
export interface SessionsChange {
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly renamed: readonly string[];
  /** Reconnected: a new session under the same id, its lists loaded again when shown. */
  readonly replaced: readonly string[];
  readonly reordered: boolean;
}

export interface SessionsOptions {
  /** The Feedback view's options: one set for the view, so every session has them. */
  readonly viewOptions: ViewOptions;
  readonly now?: () => number;
  /**
   * Called with every session made (to follow the outbox, to refresh it in
   * the background); what it answers is disposed just before the session is.
   */
  readonly attach?: (session: FeedbackSession, connectionId: string) => Unsubscribe;
}

interface Held {
  readonly id: string;
  name: string;
  /** Its client, as the connection gave it: another one (a reconnect, new settings) makes the session anew in `sync`. */
  readonly tracker: SessionConnection['tracker'];
  session: FeedbackSession;
  detach: Unsubscribe | undefined;
}

const NO_CHANGE: SessionsChange = { added: [], removed: [], renamed: [], replaced: [], reordered: false };

export class FeedbackSessions {
  private held: Held[] = [];
  private options: ViewOptions;
  private readonly changed = new Emitter<SessionsChange>();
  readonly onDidChange = this.changed.event;

  constructor(private readonly settings: SessionsOptions) {
    this.options = settings.viewOptions;
  }

  get size(): number {
    return this.held.length;
  }

  get viewOptions(): ViewOptions {
    return this.options;
  }

  /** Every session, in the connection list's order. */
  list(): readonly SessionEntry[] {
    return this.held.map(({ id, name, session }) => ({ id, name, session }));
  }

  get(connectionId: string): FeedbackSession | undefined {
    return this.find(connectionId)?.session;
  }

  entry(connectionId: string): SessionEntry | undefined {
    const held = this.find(connectionId);
    return held && { id: held.id, name: held.name, session: held.session };
  }

  /** The session of the connection a ref (or its string form) names; undefined when that connection is not here. */
  sessionOf(ref: ItemRef | string): FeedbackSession | undefined {
    const parsed = typeof ref === 'string' ? parseItemRef(ref) : ref;
    return parsed && this.get(parsed.connection);
  }

  /** The item as its connection's lists show it (a pending write included); undefined when not loaded there. */
  findItem(ref: ItemRef | string): ItemSummary | undefined {
    const parsed = typeof ref === 'string' ? parseItemRef(ref) : ref;
    return parsed && this.get(parsed.connection)?.store.findItem(parsed.id);
  }

  /** A new connection, last (as the registry adds it) or at `index`; throws when its id is taken or not an id. */
  add(connection: SessionConnection, index = this.held.length): FeedbackSession {
    if (!isRefConnectionId(connection.id)) {
      throw new RangeError(`${JSON.stringify(connection.id.slice(0, 120))} is not a connection id.`);
    }
    if (this.find(connection.id)) {
      throw new Error(`A session for connection ${connection.id} exists already.`);
    }
    const held = this.open(connection);
    this.held.splice(Math.max(0, Math.min(index, this.held.length)), 0, held);
    this.changed.fire({ ...NO_CHANGE, added: [held.id] });
    return held.session;
  }

  /** Drops the connection's session (its lists, details, pending overlays); false when there is none. */
  remove(connectionId: string): boolean {
    const held = this.find(connectionId);
    if (!held) {
      return false;
    }
    this.held = this.held.filter((h) => h !== held);
    close(held);
    this.changed.fire({ ...NO_CHANGE, removed: [held.id] });
    return true;
  }

  /** The name shown changes; the session, its lists and its refreshes stay. False when there is no such connection. */
  rename(connectionId: string, name: string): boolean {
    const held = this.find(connectionId);
    if (!held) {
      return false;
    }
    if (held.name !== name) {
      held.name = name;
      this.changed.fire({ ...NO_CHANGE, renamed: [held.id] });
    }
    return true;
  }

  /**
   * Reconnect (a new secret, another sign-in): that connection's session is
   * made again in its place, its lists loaded again when shown; the others are
   * untouched. Throws when there is no session of that id.
   */
  replace(connection: SessionConnection): FeedbackSession {
    const at = this.held.findIndex((h) => h.id === connection.id);
    if (at < 0) {
      throw new Error(`No session for connection ${connection.id} to replace.`);
    }
    const old = this.held[at];
    const held = this.open(connection);
    this.held[at] = held;
    close(old);
    this.changed.fire({ ...NO_CHANGE, replaced: [held.id] });
    return held.session;
  }

  /**
   * Follows the workspace's connection list: sessions of connections no longer
   * listed are dropped, new ones made, names taken from the labels, and the
   * order made the list's. Sessions of connections still listed are kept as
   * they are, unless the connection's client is another function than the one
   * the session was made with (reconnected, or its settings changed): that
   * session is made anew in its place, as `replace` does. One event for the
   * whole change (none when nothing changed).
   */
  sync(connections: readonly SessionConnection[]): void {
    const wanted = new Map<string, SessionConnection>();
    for (const connection of connections) {
      if (isRefConnectionId(connection.id) && !wanted.has(connection.id)) {
        wanted.set(connection.id, connection);
      }
    }
    const removed = this.held.filter((h) => !wanted.has(h.id));
    const kept = new Map(this.held.filter((h) => wanted.has(h.id)).map((h) => [h.id, h]));
    const added: string[] = [];
    const renamed: string[] = [];
    const replaced: Held[] = [];
    const next = [...wanted.values()].map((connection) => {
      const held = kept.get(connection.id);
      if (!held) {
        added.push(connection.id);
        return this.open(connection);
      }
      if (held.tracker !== connection.tracker) {
        replaced.push(held);
        return this.open(connection);
      }
      if (held.name !== connection.label) {
        held.name = connection.label;
        renamed.push(held.id);
      }
      return held;
    });
    const keptBefore = this.held.filter((h) => kept.has(h.id)).map((h) => h.id);
    const keptAfter = next.filter((h) => kept.has(h.id)).map((h) => h.id);
    const reordered = keptBefore.some((id, i) => keptAfter[i] !== id);
    this.held = next;
    removed.forEach(close);
    replaced.forEach(close);
    if (added.length + removed.length + renamed.length + replaced.length > 0 || reordered) {
      this.changed.fire({ added, removed: removed.map((h) => h.id), renamed, replaced: replaced.map((h) => h.id), reordered });
    }
  }

  /** The view's options, set on every session's store (each reloads its lists), and on the sessions made later. */
  async setViewOptions(change: Partial<ViewOptions>): Promise<void> {
    this.options = { ...this.options, ...change };
    await Promise.all(this.held.map((h) => h.session.store.setOptions(change)));
  }

  dispose(): void {
    const held = this.held;
    this.held = [];
    held.forEach(close);
    this.changed.dispose();
  }

  private find(connectionId: string): Held | undefined {
    return this.held.find((h) => h.id === connectionId);
  }

  private open(connection: SessionConnection): Held {
    const session = new FeedbackSession(this.options, this.settings.now);
    const held: Held = { id: connection.id, name: connection.label, tracker: connection.tracker, session, detach: undefined };
    // The session reads its label when a message names the tracker: after a rename, the new name.
    session.connect({
      id: connection.id,
      get label() {
        return held.name;
      },
      tracker: () => connection.tracker(),
    });
    held.detach = this.settings.attach?.(session, connection.id);
    return held;
  }
}

function close(held: Held): void {
  held.detach?.dispose();
  held.session.dispose();
}
