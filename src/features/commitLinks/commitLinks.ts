// Commit links, put together: settings, the Git layer, history scanning, live
// references, the current item, demand beside code, and the writes. The
// composition root builds one and hands the item panel `linkedCommits`.
import * as vscode from 'vscode';
import { linkedByRepository } from '../../core/closeLoop/linked';
import type { LinkData } from '../../core/closeLoop/linked';
import { branchItemId } from '../../core/impact/branchItem';
import type { CommitLink, ItemSummary } from '../../core/model';
import { DEFAULT_PATTERNS, ReferenceMatcher } from '../../core/references';
import type { SessionItems } from '../../core/sessionItems';
import { Disposable } from '../../platform/disposable';
import { describeError } from '../../platform/errorText';
import type { Git, Repository } from '../../platform/git';
import type { PanelLinkedCommit } from '../../shared/itemPanelProtocol';
import { CurrentItem } from './currentItem';
import { FileDemand } from './fileDemand';
import { HistoryService } from './historyService';
import { linkedCommitsFor, newLinkFor } from './linkedCommits';
import { itemsToPost } from './linkPolicy';
import type { LinkedCommit } from './linkedCommits';
import { affectsLinkSettings, readLinkSettings } from './linkSettings';
import type { LinkSettings } from './linkSettings';
import { LinkWriter } from './linkWriter';
import type { LinkOutbox } from './linkWriter';
import { OwnCommits } from './ownCommits';
import type { OwnCommit } from './ownCommits';
import { registerReferenceProviders } from './referenceProviders';
import { registerWorkCommands } from './workCommands';
import { singleLineText } from '../../core/displayText';

export interface CommitLinksDeps {
  readonly context: vscode.ExtensionContext;
  /** Items are read through the sessions (the view's rows, else the tracker). */
  readonly items: Pick<SessionItems, 'allItems' | 'findItem' | 'summary' | 'onDidChangeLists'>;
  /** The kind of tracker the links' trailers name (`rest`, `github`…); undefined without one. */
  readonly trackerKind: () => Promise<string | undefined>;
  /** Where the REST connections' items are shown on the web (`<base URL>/items/`): such a URL in text is a reference. */
  readonly itemUrlPrefixes: () => readonly string[];
  /** The Git extension's repositories and `git` itself, shared with close the loop (built in the composition root). */
  readonly git: Git;
  readonly log: { info(line: string): void; error(message: string, detail?: string): void };
  /** Links go to the tracker only through the outbox, filed under the connected tracker's key. */
  readonly outbox: LinkOutbox;
  readonly trackerKey: () => string | undefined;
}

export class CommitLinks extends Disposable {
  private settings: LinkSettings;
  private matcher: ReferenceMatcher;
  private kind: string | undefined;
  private counts: ReadonlyMap<string, number> | undefined;
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
    this.writer = new LinkWriter({ outbox: deps.outbox, trackerKey: deps.trackerKey, log });
    this.start();
  }

  /** Commits linked to `itemId`: the tracker's links and local history, one row per commit. */
  async linkedCommits(itemId: string, fromTracker: readonly CommitLink[], signal?: AbortSignal): Promise<LinkedCommit[]> {
    const local = this.kind ? this.history.commitsFor(itemId, this.kind) : [];
    return linkedCommitsFor({ git: this.git, fromTracker, local }, signal);
  }

  /** The panel's rows for `itemId`, from the tracker's links (read through the session) and local history. */
  async panelLinks(itemId: string, fromTracker: readonly CommitLink[], signal: AbortSignal): Promise<PanelLinkedCommit[]> {
    const commits = await this.linkedCommits(itemId, fromTracker, signal);
    return commits.map((c) => ({
      sha: c.sha,
      subject: c.subject,
      author: c.author,
      committedAt: c.committedAt,
      repository: c.repository,
      root: c.root ?? null,
      onDefaultBranch: c.onDefaultBranch ?? null,
      tags: [...c.tags],
    }));
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
    const actions = await import('./workActions');
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

  /** The trailer that links a commit to `itemId` (`Feedback: rest:FB-12`); undefined without a tracker. */
  trailerFor(itemId: string): { key: string; value: string } | undefined {
    return this.current.trailerFor(itemId);
  }

  /** How many commits link to each item, from local history (for the tree). */
  linkCounts(): ReadonlyMap<string, number> {
    // Asked once per tree row: counted once per change of history or tracker.
    this.counts ??= this.kind ? this.history.history.countsByItem(this.kind) : new Map();
    return this.counts;
  }

  /** The connections changed: learn the tracker's kind, and the item URLs a reference may be. */
  async trackerChanged(): Promise<void> {
    if (this.deps.itemUrlPrefixes().join('\n') !== this.urlPrefixes.join('\n')) {
      this.matcher = this.makeMatcher();
      this.history.reconfigure(this.matcher, this.settings.maxScanCommits);
    }
    // A tracker that cannot be built is reported by the Feedback view's error row; here it only means no kind.
    this.kind = await this.deps.trackerKind();
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
        trackerKind: () => this.kind,
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
        findItem: (id) => this.findItem(id),
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
        linked: (id) => this.linksChanged.fire(id),
      }),
    );
    this._register(
      vscode.commands.registerCommand('feedbackLoop.showFileDemand', async () => {
        const picks = demand.itemIds().map((id) => ({ label: id, description: singleLineText(findLoaded(id)?.title ?? '') }));
        const picked = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Feedback items linked to commits that touched this file') });
        if (picked) {
          await vscode.commands.executeCommand('feedbackLoop.openItem', picked.label);
        }
      }),
    );
    this._register(this.history.onDidChange(() => {
      this.counts = undefined;
      demand.invalidate();
      this.linksChanged.fire(undefined);
    }));
    // History (pulls, terminal commits) is shown here only; the user's own commits are posted (linkPolicy.ts).
    const own = this._register(new OwnCommits(this.git, (line) => this.deps.log.info(line)));
    this._register(own.onDidCommit((commit) => void this.postOwnCommit(commit)));
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
    void this.trackerChanged();
  }

  private async findItem(id: string): Promise<ItemSummary | undefined> {
    // For hovers and completions on references in text: most unknown ids are not items at all
    // (an issue number of another project), so a failed lookup just shows nothing, unlogged.
    return this.deps.items.summary(id).catch(() => undefined);
  }

  /** A commit the user just made through Source Control: post the links its trailers name. */
  private async postOwnCommit(commit: OwnCommit): Promise<void> {
    for (const itemId of itemsToPost('ownCommit', this.matcher.inMessage(commit.message), this.kind)) {
      try {
        await this.writer.sendLink(itemId, await newLinkFor(this.git, commit.root, commit.sha));
        this.linksChanged.fire(itemId);
      } catch (error) {
        this.deps.log.error(`Could not link ${commit.sha.slice(0, 7)} to ${itemId}`, error instanceof Error ? error.message : String(error));
      }
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
