// Close the loop: notices when work linked to an item ships (a new tag, or
// the default branch moving, seen through the Git extension's repository
// state events on fetch, pull, commit or tag), offers once per item and
// release to tell its customers, and feeds the Feedback view's "Shipped, not
// yet announced" group. Detection is core/closeLoop; this is the VS Code side.
// Each item is its connection's (issue 14): a commit's reference resolves to
// a connection as commit links resolve it (core/trailerConnections.ts), the
// ship log keeps each connection's items apart, the group's rows name theirs.
import * as vscode from 'vscode';
import type { ConnectionShippedItem } from '../../core/closeLoop/detection';
import { linkedItemsByRepository } from '../../core/closeLoop/linked';
import type { LinkData } from '../../core/closeLoop/linked';
import { ShipLog } from '../../core/closeLoop/shipLog';
import { shippedGroup } from '../../core/closeLoop/shippedGroup';
import type { PinnedGroup } from '../../core/pinnedGroups';
import type { SessionItems } from '../../core/sessionItems';
import type { ItemSummary } from '../../core/model';
import { formatItemRef } from '../../core/itemRef';
import type { TrailerConnection } from '../../core/trailerConnections';
import type { Outbox } from '../../core/outbox';
import { Disposable } from '../../platform/disposable';
import type { Git, Repository } from '../../platform/git';
import { readSetting } from '../../platform/settings';
import type { PanelComposer } from '../../platform/panelComposer';
import { Announcer } from './announcer';
import { registerCloseLoopCommands } from './commands';

const STATE_KEY = 'feedbackLoop.closeLoop.shipLog';
const DEBOUNCE_MS = 1500;
const MAX_FETCHED = 50;

export interface CloseLoopDeps {
  readonly context: vscode.ExtensionContext;
  /** Items by the tracker's id (the first connection holding one): what Draft Release Notes… still reads. */
  readonly items: Pick<SessionItems, 'summary'>;
  /** Items by ref (`<connection id>/<item id>`), each read in its own connection: the rows the view loaded, else the tracker. */
  readonly itemsByRef: Pick<SessionItems, 'findItem' | 'summary' | 'onDidChangeLists'>;
  /** The connections, in the list's order, as a commit's reference is resolved against them; `name` is what the group's rows say. */
  readonly connections: () => readonly (TrailerConnection & { readonly name: string })[];
  /** The first connection: whose item a bare id (Review from before refs, Draft Release Notes…) is. */
  readonly connection: () => { readonly id: string; readonly label: string } | undefined;
  readonly outbox: Outbox;
  /** The key (a ref) the composer and the item panel name a connection's item by, and back. */
  readonly keyOf: (connectionId: string, itemId: string) => string | undefined;
  readonly target: (key: string) => { readonly tracker: string; readonly itemId: string } | undefined;
  /** Opens the item panel of a key. */
  readonly openItem: (key: string) => Promise<void>;
  readonly log: (line: string) => void;
}

export class CloseLoop extends Disposable {
  readonly shipLog: ShipLog;
  private readonly announcer: Announcer;
  /** The unannounced items read so far, by ref. */
  private readonly items = new Map<string, ItemSummary>();
  private readonly watched = new Map<string, vscode.Disposable>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private source: { git: Git; links: () => Promise<LinkData> } | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** The "Shipped, not yet announced" group changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly deps: CloseLoopDeps) {
    super();
    this.shipLog = ShipLog.fromJSON(deps.context.workspaceState.get<unknown>(STATE_KEY));
    this.announcer = this._register(
      new Announcer({
        shipLog: this.shipLog,
        save: () => this.save(),
        connection: deps.connection,
        keyOf: deps.keyOf,
        target: deps.target,
        items: deps.itemsByRef,
        outbox: deps.outbox,
        openItem: deps.openItem,
        links: () => this.source?.links(),
        log: deps.log,
      }),
    );
    this._register(this.announcer.onDidAnnounce(() => this.changed.fire()));
    this._register(deps.itemsByRef.onDidChangeLists(() => this.takeFromStore()));
    this._register({ dispose: () => this.unwatchAll() });
  }

  /** What was remembered under the connections' ids of before the registry (old id → new id) is theirs now. */
  retarget(ids: ReadonlyMap<string, string>): void {
    let moved = false;
    for (const [from, to] of ids) {
      moved = this.shipLog.retarget(from, to) || moved;
    }
    if (moved) {
      void this.save();
      this.changed.fire();
    }
  }

  /** The item panel's composer, with sending a prepared announcement also marking the item shipped. */
  composer(inner: PanelComposer): PanelComposer {
    return this.announcer.wrap(inner);
  }

  /** Starts watching repositories (the commit-links feature's Git layer and link data). */
  watch(git: Git, links: () => Promise<LinkData>): void {
    this.source = { git, links };
    this._register(git.onDidChangeRepositories(() => this.watchRepositories(git)));
    this._register(registerCloseLoopCommands({ git, links, connection: this.deps.connection, items: this.deps.items, announcer: this.announcer, unannounced: () => this.unannouncedRefs(), connections: this.deps.connections }));
    this.watchRepositories(git);
  }

  /** The pinned group: items whose work shipped and whose customers were not told yet, named in the user's language. */
  group(): PinnedGroup {
    const found = this.deps.connections().flatMap((connection) => {
      const tag = { id: connection.id, name: connection.name };
      return this.shipLog.unannounced(connection.id).flatMap(({ itemId }) => {
        const item = this.items.get(formatItemRef({ connection: connection.id, id: itemId }));
        return item ? [{ connection: tag, item }] : [];
      });
    });
    return shippedGroup(found, vscode.l10n.t('Shipped, not yet announced'));
  }

  /** Looks for shipped work now (queued behind a running look); never rejects. */
  detect(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = this.detectOnce()
      .catch((error: unknown) => this.deps.log(`Close the loop: detection failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          void this.detect();
        }
      });
    return this.running;
  }

  /** Every connection's items shipped and not yet announced, as refs (what the group, Review and the picker name them by). */
  private unannouncedRefs(): string[] {
    return this.deps.connections().flatMap((c) => this.shipLog.unannounced(c.id).map((u) => formatItemRef({ connection: c.id, id: u.itemId })));
  }

  private async detectOnce(): Promise<void> {
    const connections = this.deps.connections();
    if (connections.length === 0 || !this.source) {
      return;
    }
    const { git, links } = this.source;
    // Reading tags and merges loads with the first look (dist/closeLoopDetection.js), after the history scan.
    const [{ history }, { heldShipments, memoryOf, newShipments, readRefs, shippedConnectionItems }] = await Promise.all([links(), import('../../core/closeLoop/detection')]);
    const mode = readSetting('closeLoop.shippedWhen', (m) => this.deps.log(m));
    const found: ConnectionShippedItem[] = [];
    const linked = linkedItemsByRepository(history, connections);
    for (const repo of git.repositories) {
      const root = repo.rootUri.fsPath;
      const run = (args: readonly string[]): Promise<string> => git.run(root, args);
      const refs = await readRefs(run, await git.defaultBranch(root));
      if (!this.shipLog.repo(root)) {
        this.deps.log(`Close the loop: first look at ${root} (${refs.tags.length} tags, default branch ${refs.branch?.name ?? 'none'}): later tags and merges are news`);
      }
      const shipments = await newShipments(run, this.shipLog.repo(root), refs, mode);
      this.shipLog.setRepo(root, memoryOf(refs));
      found.push(...shippedConnectionItems(root, shipments, linked.get(root) ?? new Map()));
    }
    const held = await heldShipments(found, connections.length, (connectionId, itemId) => this.holds(connectionId, itemId));
    const now = new Date().toISOString();
    // Each connection's ship log: an item is offered once per connection and release.
    const news = connections.flatMap((c) => this.shipLog.offer(c.id, held.filter((shipped) => shipped.connection === c.id), now));
    await this.save();
    await this.fetchItems();
    this.changed.fire();
    if (news.length > 0) {
      this.deps.log(`Close the loop: ${news.length} linked items shipped (${[...new Set(news.map((n) => n.release))].join(', ')})`);
      if (readSetting('closeLoop.offerNotifications')) {
        this.announcer.offer(news.filter((n) => this.isWaiting(formatItemRef({ connection: n.connection, id: n.itemId }))));
      }
    }
  }

  /**
   * Whether a connection holds an item of this id (a pattern named it, not a
   * trailer): loaded there, else its tracker has it. An answer that does not
   * come (offline) is a no: the release is not offered there, rather than
   * offered for an item that may not exist.
   */
  private async holds(connectionId: string, itemId: string): Promise<boolean> {
    const ref = formatItemRef({ connection: connectionId, id: itemId });
    if (this.deps.itemsByRef.findItem(ref)) {
      return true;
    }
    try {
      this.items.set(ref, await this.deps.itemsByRef.summary(ref));
      return true;
    } catch {
      return false;
    }
  }

  private isWaiting(ref: string): boolean {
    const item = this.items.get(ref);
    return item === undefined || (item.status !== 'shipped' && item.status !== 'closed');
  }

  /** The group shows titles and demand: fetch unannounced items the view has not loaded. */
  private async fetchItems(): Promise<void> {
    this.takeFromStore();
    const missing = this.unannouncedRefs().filter((ref) => !this.items.has(ref)).slice(0, MAX_FETCHED);
    if (missing.length === 0) {
      return;
    }
    const fetched = await Promise.all(
      missing.map((ref) =>
        this.deps.itemsByRef.summary(ref).catch((error: unknown) => {
          this.deps.log(`Close the loop: could not fetch ${ref} for the shipped group: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        }),
      ),
    );
    fetched.forEach((item, index) => {
      if (item) {
        this.items.set(missing[index], item);
      }
    });
  }

  private takeFromStore(): void {
    let changed = false;
    for (const ref of this.unannouncedRefs()) {
      const loaded = this.deps.itemsByRef.findItem(ref);
      if (loaded && this.items.get(ref) !== loaded) {
        this.items.set(ref, loaded);
        changed = true;
      }
    }
    if (changed) {
      this.changed.fire();
    }
  }

  private save(): Thenable<void> {
    return this.deps.context.workspaceState.update(STATE_KEY, this.shipLog.toJSON());
  }

  private watchRepositories(git: Git): void {
    const roots = new Set(git.repositories.map((r) => r.rootUri.fsPath));
    for (const [root, watch] of this.watched) {
      if (!roots.has(root)) {
        watch.dispose();
        this.watched.delete(root);
      }
    }
    for (const repo of git.repositories) {
      this.watchRepository(repo);
    }
    this.schedule();
  }

  private watchRepository(repo: Repository): void {
    const root = repo.rootUri.fsPath;
    if (!this.watched.has(root)) {
      // Fetch, pull, commit, tag: each refreshes the repository's state, several times; look once they settle.
      this.watched.set(root, repo.state.onDidChange(() => this.schedule()));
    }
  }

  /** Looks again once things settle (after a connection change, several repository events). */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.detect(), DEBOUNCE_MS);
  }

  private unwatchAll(): void {
    clearTimeout(this.timer);
    this.watched.forEach((w) => w.dispose());
    this.watched.clear();
  }
}
