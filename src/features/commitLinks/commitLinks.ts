// Commit links, put together: settings, the Git layer, history scanning, live
// references, the current item, demand beside code, and the writes. The
// composition root builds one and hands the item panel `linkedCommits`.
// With several connections (issue 14) a trailer resolves to the connections
// of its kind and scope (core/trailerConnections.ts): the link counts and
// the panel's commits are per connection, and a link of the user's own
// commit goes only to the one connection its trailer can mean.
import * as vscode from 'vscode';
import { linkedByRepository } from '../../core/closeLoop/linked';
import type { LinkData } from '../../core/closeLoop/linked';
import { branchItemId } from '../../core/impact/branchItem';
import type { CommitLink, ItemSummary } from '../../core/model';
import { DEFAULT_PATTERNS, ReferenceMatcher } from '../../core/references';
import type { SessionItems } from '../../core/sessionItems';
import { linkCountsByConnection } from '../../core/trailerConnections';
import type { TrailerConnection } from '../../core/trailerConnections';
import { Disposable } from '../../platform/disposable';
import { describeError } from '../../platform/errorText';
import type { Git, Repository } from '../../platform/git';
import type { ItemTargetSource } from '../../platform/itemTargets';
import type { PanelLinkedCommit } from '../../shared/itemPanelProtocol';
import { CurrentItem } from './currentItem';
import { FileDemand } from './fileDemand';
import { HistoryService } from './historyService';
import { affectsLinkSettings, readLinkSettings } from './linkSettings';
import type { LinkSettings } from './linkSettings';
import { LinkWriter } from './linkWriter';
import type { LinkOutbox } from './linkWriter';
import { OwnCommits } from './ownCommits';
import type { OwnCommit } from './ownCommits';
import { registerReferenceProviders } from './referenceProviders';
import { registerWorkCommands } from './workCommands';

export interface CommitLinksDeps {
  readonly context: vscode.ExtensionContext;
  /** Items are read through the sessions (the view's rows, else the tracker). */
  readonly items: Pick<SessionItems, 'allItems' | 'findItem' | 'summary' | 'onDidChangeLists' | 'resolve'>;
  /** This workspace's connections in the list's order, as trailers resolve against them; the first's kind is what the features not yet per connection read. */
  readonly connections: () => readonly TrailerConnection[];
  /** One connection's item (its lists, else its tracker); rejects when that connection has none: the hover names each connection's. */
  readonly itemOf: (connectionId: string, itemId: string) => Promise<ItemSummary>;
  /** Which connection's item a command's argument is (a row's, a ref's), else the user is asked. */
  readonly targets: ItemTargetSource;
  /** Where the REST connections' items are shown on the web (`<base URL>/items/`): such a URL in text is a reference. */
  readonly itemUrlPrefixes: () => readonly string[];
  /** The Git extension's repositories and `git` itself, shared with close the loop (built in the composition root). */
  readonly git: Git;
  readonly log: { info(line: string): void; error(message: string, detail?: string): void };
  /** Links go to the tracker only through the outbox, filed under their connection's id. */
  readonly outbox: LinkOutbox;
}

export class CommitLinks extends Disposable {
  private settings: LinkSettings;
  private matcher: ReferenceMatcher;
  /** The first connection's kind: which references close the loop and customer impact count (they are not per connection yet). */
  private kind: string | undefined;
  /** Connection id → item id → linked commits; made on the first row asked after a change. */
  private counts: ReadonlyMap<string, ReadonlyMap<string, number>> | undefined;
  /** Invalid-setting messages already shown to the user in this window. */
  private readonly reported = new Set<string>();
  private readonly linksChanged = this._register(new vscode.EventEmitter<string | undefined>());
  /** Links of an item (or of any item: undefined) may have changed. */
  readonly onDidChangeLinks = this.linksChanged.event;

  readonly git: Git;
  private readonly history: HistoryService;
  private readonly writer: LinkWriter;
  private current!: CurrentItem;
  /** The item URL prefixes the matcher was made with. */
  private urlPrefixes: readonly string[] = [];

  constructor(private readonly deps: CommitLinksDeps) {
    super();
    const log = (line: string): void => deps.log.info(line);
    this.settings = readLinkSettings((m) => this.reportInvalidSetting(m));
    this.matcher = this.makeMatcher();
    this.git = deps.git;
    this.history = this._register(new HistoryService(this.git, deps.context.workspaceState, this.matcher, this.settings.maxScanCommits, log));
    this.writer = new LinkWriter({ outbox: deps.outbox, hasConnection: (id) => deps.connections().some((c) => c.id === id), log });
    this.start();
  }

  /** The panel's rows for the item `key` names: the tracker's links (read through the session) and local history's for that connection's item. */
  async panelLinks(key: string, fromTracker: readonly CommitLink[], signal: AbortSignal): Promise<PanelLinkedCommit[]> {
    const { panelLinkedCommits } = await import('./onDemand');
    return panelLinkedCommits({ git: this.git, fromTracker, history: this.history.history, key, connections: this.deps.connections() }, signal);
  }

  /** Opens a commit's changes, reporting a failure to the user. */
  showCommit(root: string, sha: string): void {
    if (!this.git.repositories.some((r) => r.rootUri.fsPath === root)) {
      this.deps.log.info(`Refused to open ${sha.slice(0, 12)}: ${JSON.stringify(root.slice(0, 200))} is not an open repository`);
      return;
    }
    this.openCommit(root, sha).catch((error: unknown) => void vscode.window.showErrorMessage(describeError(error)));
  }

  /** Opens a commit's changes (workActions.ts, in dist/workCommands.js: loaded on first use). */
  async openCommit(root: string, sha: string): Promise<void> {
    const actions = await import('./onDemand');
    await actions.openCommitChanges(this.git, root, sha);
  }

  /** Local history brought up to date, and the tracker's kind: the link data close-the-loop reads. */
  async scannedHistory(): Promise<LinkData> {
    await this.history.scanAll();
    return { kind: this.kind, history: this.history.history };
  }

  /**
   * Per repository root: commit → the items it links, from local history
   * brought up to date. Without a tracker every reference counts: the links
   * are shown without demand rather than not at all.
   */
  async linkedByRepository(): Promise<Map<string, Map<string, string[]>>> {
    await this.history.scanAll();
    return linkedByRepository(this.history.history, this.kind);
  }

  /** The item `repo`'s branch works on: the one it was started from, else one its name holds. */
  branchItemOf(repo: Repository): string | undefined {
    const branch = repo.state.HEAD?.name;
    const known = this.deps.items.allItems().map((item) => item.id);
    return this.current.itemOf(repo) ?? (branch ? branchItemId(branch, this.settings.branchTemplate, known, this.matcher) : undefined);
  }

  /** The trailer that links a commit to `itemId` (`Feedback: rest:FB-12`), of the kind of the connection that has it; undefined without a tracker. */
  trailerFor(itemId: string): { key: string; value: string } | undefined {
    return this.current.trailerFor(itemId, this.deps.items.resolve(itemId)?.connectionId);
  }

  /** How many commits of local history link to a connection's item (for the tree's rows). */
  linkCount(connectionId: string, itemId: string): number {
    // Asked once per tree row: counted once per change of history or connections.
    this.counts ??= linkCountsByConnection(this.history.history.commits(), this.deps.connections());
    return this.counts.get(connectionId)?.get(itemId) ?? 0;
  }

  /** The connections changed: what trailers resolve to, the first one's kind, and the item URLs a reference may be. */
  trackerChanged(): void {
    if (this.deps.itemUrlPrefixes().join('\n') !== this.urlPrefixes.join('\n')) {
      this.matcher = this.makeMatcher();
      this.history.reconfigure(this.matcher, this.settings.maxScanCommits);
    }
    this.kind = this.deps.connections()[0]?.kind;
    this.counts = undefined;
    this.linksChanged.fire(undefined);
  }

  private start(): void {
    const items = this.deps.items;
    const findLoaded = (id: string): ItemSummary | undefined => items.findItem(id);
    const current = (this.current = this._register(
      new CurrentItem({
        git: this.git,
        state: this.deps.context.workspaceState,
        trailerKey: () => this.settings.trailerKey,
        trackerKind: (connectionId) => (connectionId === undefined ? this.kind : this.deps.connections().find((c) => c.id === connectionId)?.kind),
        titleOf: (id) => findLoaded(id)?.title,
      }),
    ));
    const demand = this._register(
      new FileDemand({
        git: this.git,
        history: () => this.history.history,
        trackerKind: () => this.kind,
        findItem: findLoaded,
        display: () => this.settings.demandDisplay,
        log: (line) => this.deps.log.info(line),
      }),
    );
    this._register(
      registerReferenceProviders({
        matcher: () => this.matcher,
        prefix: () => this.settings.referencePrefix,
        loadedItems: () => items.allItems(),
        connections: () => this.deps.connections(),
        itemOf: (connectionId, itemId) => this.deps.itemOf(connectionId, itemId),
        trailerKey: () => this.settings.trailerKey,
      }),
    );
    this._register(
      registerWorkCommands({
        git: this.git,
        current,
        writer: this.writer,
        branchTemplate: () => this.settings.branchTemplate,
        loadedItems: () => items.allItems(),
        findItem: findLoaded,
        targets: this.deps.targets,
        linked: (id) => this.linksChanged.fire(id),
      }),
    );
    this._register(vscode.commands.registerCommand('feedbackLoop.showFileDemand', async () => (await import('./onDemand')).showFileDemand(demand.itemIds(), findLoaded)));
    this._register(this.history.onDidChange(() => {
      this.counts = undefined;
      demand.invalidate();
      this.linksChanged.fire(undefined);
    }));
    // History (pulls, terminal commits) is shown here only; the user's own commits are posted (linkPolicy.ts).
    const own = this._register(new OwnCommits(this.git, (line) => this.deps.log.info(line)));
    this._register(
      own.onDidCommit(
        (commit) =>
          void this.postOwnCommit(commit).catch((error: unknown) => this.deps.log.error(`Could not post the links of ${commit.sha.slice(0, 7)}`, describeError(error))),
      ),
    );
    this._register(items.onDidChangeLists(() => current.update()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        if (affectsLinkSettings(event)) {
          this.settings = readLinkSettings((m) => this.reportInvalidSetting(m));
          this.matcher = this.makeMatcher();
          this.history.reconfigure(this.matcher, this.settings.maxScanCommits);
          demand.invalidate();
        }
      }),
    );
    this.trackerChanged();
  }

  /** A commit the user just made through Source Control: post the links its trailers name, each to its connection (ownCommitLinks.ts, loaded then). */
  private async postOwnCommit(commit: OwnCommit): Promise<void> {
    const refs = this.matcher.inMessage(commit.message);
    if (!refs.some((ref) => ref.via === 'trailer')) {
      return;
    }
    const repo = this.git.repositories.find((r) => r.rootUri.fsPath === commit.root);
    const { postOwnCommitLinks } = await import('./onDemand');
    const queued = await postOwnCommitLinks(
      {
        writer: this.writer,
        connections: this.deps.connections(),
        // The branch's item was chosen in a connection (Start Work): a trailer two connections could mean is that one's.
        chosenConnection: (itemId) => (this.current.itemOf(repo) === itemId ? this.current.connectionOf(repo) : undefined),
        info: (line) => this.deps.log.info(line),
        error: (message, detail) => this.deps.log.error(message, detail),
      },
      { sha: commit.sha, refs },
      async () => (await import('./onDemand')).newLinkFor(this.git, commit.root, commit.sha),
    );
    for (const { itemId } of queued) {
      this.linksChanged.fire(itemId);
    }
  }

  /**
   * The matcher for the settings. The settings layer refuses patterns that do
   * not compile, combine or stay fast; should the combination still fail,
   * references fall back to the default patterns instead of failing activation.
   */
  private makeMatcher(): ReferenceMatcher {
    const itemUrlPrefixes = (this.urlPrefixes = this.deps.itemUrlPrefixes());
    const options = { patterns: this.settings.referencePatterns, trailerKey: this.settings.trailerKey, itemUrlPrefixes };
    try {
      return new ReferenceMatcher(options);
    } catch (error) {
      this.reportInvalidSetting(`Setting feedbackLoop.links.referencePatterns: ${error instanceof Error ? error.message : String(error)}. Using the default.`);
      return new ReferenceMatcher({ ...options, patterns: DEFAULT_PATTERNS });
    }
  }

  /** A link setting is invalid and its default is used: say so in the log, and once per text to the user. */
  private reportInvalidSetting(message: string): void {
    this.deps.log.error(message);
    if (!this.reported.has(message)) {
      this.reported.add(message);
      void vscode.window.showErrorMessage(vscode.l10n.t('Feedback Loop: {0}', message));
    }
  }
}
