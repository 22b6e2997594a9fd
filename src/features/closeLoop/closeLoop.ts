// Close the loop: notices when work linked to an item ships (a new tag, or
// the default branch moving, seen through the Git extension's repository
// state events on fetch, pull, commit or tag), offers once per item and
// release to tell its customers, and feeds the Feedback view's "Shipped, not
// yet announced" group. Detection is core/closeLoop; this is the VS Code side.
import * as vscode from 'vscode';
import { memoryOf, newShipments, readRefs, shippedItems } from '../../core/closeLoop/detection';
import type { ShippedItem } from '../../core/closeLoop/detection';
import { linkedByRepository } from '../../core/closeLoop/linked';
import type { LinkData } from '../../core/closeLoop/linked';
import { ShipLog } from '../../core/closeLoop/shipLog';
import { shippedGroup } from '../../core/closeLoop/shippedGroup';
import type { PinnedGroup } from '../../core/pinnedGroups';
import type { SessionItems } from '../../core/sessionItems';
import type { ItemSummary } from '../../core/model';
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
  /** Items are read through the sessions: the rows the view loaded, else the tracker. */
  readonly items: Pick<SessionItems, 'findItem' | 'summary' | 'onDidChangeLists'>;
  /** The connection whose items this looks after: the first (step 3 of docs/notes/multi-connection.md makes it each). */
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
        items: deps.items,
        outbox: deps.outbox,
        openItem: deps.openItem,
        links: () => this.source?.links(),
        log: deps.log,
      }),
    );
    this._register(this.announcer.onDidAnnounce(() => this.changed.fire()));
    this._register(deps.items.onDidChangeLists(() => this.takeFromStore()));
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
    this._register(registerCloseLoopCommands({ git, links, connection: this.deps.connection, items: this.deps.items, announcer: this.announcer, unannounced: () => this.unannouncedIds() }));
    this.watchRepositories(git);
  }

  /** The pinned group: items whose work shipped and whose customers were not told yet, named in the user's language. */
  group(): PinnedGroup {
    const connection = this.deps.connection();
    const tag = connection && { id: connection.id, name: connection.label };
    const found = tag ? this.unannouncedIds().flatMap((id) => this.items.get(id) ?? []).map((item) => ({ connection: tag, item })) : [];
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

  private unannouncedIds(): string[] {
    const tracker = this.deps.connection()?.id;
    return tracker ? this.shipLog.unannounced(tracker).map((u) => u.itemId) : [];
  }

  private async detectOnce(): Promise<void> {
    const connection = this.deps.connection();
    if (!connection || !this.source) {
      return;
    }
    const { git, links } = this.source;
    const { kind, history } = await links();
    if (!kind) {
      return;
    }
    const mode = readSetting('closeLoop.shippedWhen', (m) => this.deps.log(m));
    const found: ShippedItem[] = [];
    const linked = linkedByRepository(history, kind);
    for (const repo of git.repositories) {
      const root = repo.rootUri.fsPath;
      const run = (args: readonly string[]): Promise<string> => git.run(root, args);
      const refs = await readRefs(run, await git.defaultBranch(root));
      if (!this.shipLog.repo(root)) {
        this.deps.log(`Close the loop: first look at ${root} (${refs.tags.length} tags, default branch ${refs.branch?.name ?? 'none'}): later tags and merges are news`);
      }
      const shipments = await newShipments(run, this.shipLog.repo(root), refs, mode);
      this.shipLog.setRepo(root, memoryOf(refs));
      found.push(...shippedItems(root, shipments, linked.get(root) ?? new Map()));
    }
    const news = this.shipLog.offer(connection.id, found, new Date().toISOString());
    await this.save();
    await this.fetchItems();
    this.changed.fire();
    if (news.length > 0) {
      this.deps.log(`Close the loop: ${news.length} linked items shipped (${[...new Set(news.map((n) => n.release))].join(', ')})`);
      if (readSetting('closeLoop.offerNotifications')) {
        this.announcer.offer(news.filter((n) => this.isWaiting(n.itemId)));
      }
    }
  }

  private isWaiting(itemId: string): boolean {
    const item = this.items.get(itemId);
    return item === undefined || (item.status !== 'shipped' && item.status !== 'closed');
  }

  /** The group shows titles and demand: fetch unannounced items the view has not loaded. */
  private async fetchItems(): Promise<void> {
    this.takeFromStore();
    const missing = this.unannouncedIds().filter((id) => !this.items.has(id)).slice(0, MAX_FETCHED);
    if (missing.length === 0) {
      return;
    }
    const fetched = await Promise.all(
      missing.map((id) =>
        this.deps.items.summary(id).catch((error: unknown) => {
          this.deps.log(`Close the loop: could not fetch ${id} for the shipped group: ${error instanceof Error ? error.message : String(error)}`);
          return undefined;
        }),
      ),
    );
    for (const item of fetched) {
      if (item) {
        this.items.set(item.id, item);
      }
    }
  }

  private takeFromStore(): void {
    let changed = false;
    for (const id of this.unannouncedIds()) {
      const loaded = this.deps.items.findItem(id);
      if (loaded && this.items.get(id) !== loaded) {
        this.items.set(id, loaded);
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
