// The customer impact of the current changes, kept up to date: per open
// repository, its changes against the merge base with the default branch,
// blamed (platform/changeBlame.ts), put together with the links history
// scanning found, the trade-offs' places and the branch's item by core's
// computeImpact. Everything the views, lenses and commands show reads `impact`.
//
// When it is computed again:
// - a repository's state changes (a commit, a checkout, files changed outside
//   the editor): that repository, after a pause, from its diff (blame is
//   cached, so only lines never asked about are blamed again);
// - a file is typed in: after a pause, that file only, as the editor holds it
//   (changedText), kept apart from what the repository's reads found on disk
//   so that a read finishing later does not take the typing back; saved, from
//   disk (changedFile), and the state change the save causes is not taken for
//   a new one;
// - links, trade-offs or the tracker's items change: no git at all.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { computeImpact } from '../../core/impact/impact';
import type { BlamedFile, BranchItem, Impact, TradeOffPlace } from '../../core/impact/impact';
import { replaceFile } from '../../core/impact/perFile';
import type { Customer, ItemSummary } from '../../core/model';
import { ChangeBlame } from '../../platform/changeBlame';
import type { ChangeBase } from '../../platform/changeBlame';
import { Disposable } from '../../platform/disposable';
import type { Git, Repository } from '../../platform/git';
import { isAbortError } from '../../platform/gitProcess';
import type { ImpactState } from './impactState';

/** A trade-off attached to code, where it is now (features/tradeoffs gives them). */
export interface TradeOffLocation {
  readonly uri: vscode.Uri;
  readonly startLine: number;
  readonly endLine: number;
  readonly tradeOffId: string;
  readonly itemId: string;
  readonly summary: string;
}

export interface ImpactSources {
  readonly git: Git;
  /** Per repository root: commit → the items it links, history brought up to date. */
  readonly linkedByRepository: () => Promise<Map<string, Map<string, string[]>>>;
  readonly onDidChangeLinks: (listener: () => void) => vscode.Disposable;
  readonly tradeOffs: () => readonly TradeOffLocation[];
  readonly onDidChangeTradeOffs: (listener: () => void) => vscode.Disposable;
  readonly branchItemOf: (repo: Repository) => string | undefined;
  /** The item as the Feedback view loaded it. */
  readonly loadedItem: (id: string) => ItemSummary | undefined;
  /** The item read through the session, for one the view has not loaded. */
  readonly readItem: (id: string) => Promise<ItemSummary>;
  readonly customersOf: (id: string) => readonly Customer[] | undefined;
  readonly onDidChangeItems: (listener: () => void) => vscode.Disposable;
  readonly log: (line: string) => void;
}

interface RepositoryChanges {
  readonly base: ChangeBase;
  files: BlamedFile[];
  readonly truncated: boolean;
  /** HEAD and the changed paths when read: a state change that keeps them is a save already handled. */
  readonly signature: string;
}

/** A file as the editor holds it, not saved: blamed against the base it was read with. */
interface TypedFile {
  readonly base: ChangeBase;
  readonly file: BlamedFile | undefined;
}

/** A pause before a repository is read again: git refreshes its state several times per operation. */
const STATE_PAUSE_MS = 400;
/** A pause in typing before the file is read again: not at every key. */
const TYPING_PAUSE_MS = 500;
/** Items read from the tracker for their demand, per connection: the rest show without. */
const MAX_ITEMS_READ = 100;

export class ImpactService extends Disposable implements ImpactState {
  private readonly blame: ChangeBlame;
  private readonly changes = new Map<string, RepositoryChanges>();
  /** Unsaved files, by repository root and path: they stand in for what the repository's read found on disk. */
  private readonly typed = new Map<string, Map<string, TypedFile>>();
  private readonly watched = new Map<string, vscode.Disposable>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly savedSinceState = new Set<string>();
  private readonly running = new Set<string>();
  /** Items read for their demand: the summary, or undefined once the tracker did not know it. */
  private readonly readItems = new Map<string, ItemSummary | undefined>();
  private links: Map<string, Map<string, string[]>> = new Map();
  /** The impact as last told to listeners, as JSON. */
  private shownKey = '';
  private current: Impact = computeImpact({ files: [], links: new Map(), tradeOffs: [], branches: [], findItem: () => undefined });
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly sources: ImpactSources) {
    super();
    this.blame = new ChangeBlame(sources.git.process);
    this._register({ dispose: () => this.blame.dispose() });
    this._register({ dispose: () => this.watched.forEach((watch) => watch.dispose()) });
    this._register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
    this._register(sources.git.onDidChangeRepositories(() => this.watchRepositories()));
    this._register(vscode.workspace.onDidChangeTextDocument(({ document, contentChanges }) => {
      if (contentChanges.length > 0) {
        this.scheduleFile(document);
      }
    }));
    this._register(vscode.workspace.onDidSaveTextDocument((document) => this.scheduleFile(document, 0)));
    // Closed without saving: what counts is on disk again.
    this._register(vscode.workspace.onDidCloseTextDocument((document) => this.scheduleFile(document, 0)));
    this._register(sources.onDidChangeLinks(() => void this.reloadLinks()));
    this._register(sources.onDidChangeTradeOffs(() => this.compute()));
    this._register(sources.onDidChangeItems(() => this.compute()));
    this.watchRepositories();
    void this.reloadLinks();
  }

  get impact(): Impact {
    return this.current;
  }

  /** Whether a repository is being read now (the views show progress). */
  get busy(): boolean {
    return this.running.size > 0;
  }

  /** Changed files left out of some repository's diff: too many to read. */
  get truncated(): boolean {
    return [...this.changes.values()].some((changes) => changes.truncated);
  }

  get repositoryCount(): number {
    return this.sources.git.repositories.length;
  }

  /** Every repository read again from scratch. */
  async refresh(): Promise<void> {
    await this.reloadLinks();
    await Promise.all(this.sources.git.repositories.map((repo) => this.read(repo)));
  }

  /** Another tracker: items read for demand belong to the old one. */
  connectionChanged(): void {
    this.readItems.clear();
    void this.reloadLinks();
  }

  private watchRepositories(): void {
    const open = new Set(this.sources.git.repositories.map((repo) => repo.rootUri.fsPath));
    for (const [root, watch] of this.watched) {
      if (!open.has(root)) {
        watch.dispose();
        this.watched.delete(root);
        this.changes.delete(root);
        this.typed.delete(root);
        this.blame.forget(root);
      }
    }
    for (const repo of this.sources.git.repositories) {
      const root = repo.rootUri.fsPath;
      if (!this.watched.has(root)) {
        this.watched.set(root, repo.state.onDidChange(() => this.stateChanged(repo)));
        this.schedule(repo);
      }
    }
    this.compute();
  }

  private stateChanged(repo: Repository): void {
    const root = repo.rootUri.fsPath;
    const saved = this.savedSinceState.delete(root);
    if (saved && this.changes.get(root)?.signature === signatureOf(repo)) {
      return;
    }
    this.schedule(repo);
  }

  private schedule(repo: Repository): void {
    const root = repo.rootUri.fsPath;
    clearTimeout(this.timers.get(root));
    this.timers.set(root, setTimeout(() => void this.read(repo), STATE_PAUSE_MS));
  }

  /** A repository's changes read from scratch; a newer read of it aborts this one. */
  private async read(repo: Repository): Promise<void> {
    const root = repo.rootUri.fsPath;
    const signature = signatureOf(repo);
    this.running.add(root);
    this.changed.fire();
    try {
      const base = await this.blame.base(root, await this.sources.git.defaultBranch(root));
      if (!base) {
        this.changes.delete(root);
      } else {
        const { files, truncated } = await this.blame.changedFiles(root, base);
        this.changes.set(root, { base, files: [...files], truncated, signature });
        this.logProblems(files);
        this.retypeUnsaved(root, base);
      }
    } catch (error) {
      if (!isAbortError(error)) {
        this.sources.log(`Customer impact: could not read the changes of ${root}: ${error instanceof Error ? error.message : String(error)}`);
      }
    } finally {
      this.running.delete(root);
      this.compute(true); // no longer busy: the view's message changes whatever the impact
    }
  }

  private scheduleFile(document: vscode.TextDocument, pause = TYPING_PAUSE_MS): void {
    if (document.uri.scheme !== 'file') {
      return; // git: views, output channels, untitled files: no repository file
    }
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.readFile(document);
    }, pause));
  }

  /** One file's entry read again: as the editor holds it while not saved, else from disk. */
  private async readFile(document: vscode.TextDocument): Promise<void> {
    const { uri } = document;
    const repo = this.sources.git.repositoryFor(uri);
    const changes = repo ? this.changes.get(repo.rootUri.fsPath) : undefined;
    if (!repo || !changes) {
      return;
    }
    const root = repo.rootUri.fsPath;
    const relative = relativePath(root, uri);
    if (relative.startsWith('../') || path.isAbsolute(relative)) {
      return;
    }
    const { base } = changes;
    const unsaved = document.isDirty && !document.isClosed;
    if (!unsaved) {
      this.savedSinceState.add(root);
    }
    try {
      const file = unsaved ? await this.blame.changedText(root, base, relative, document.getText()) : await this.blame.changedFile(root, base, relative);
      const typedHere = this.typed.get(root) ?? new Map<string, TypedFile>();
      this.typed.set(root, typedHere);
      if (unsaved) {
        typedHere.set(relative, { base, file });
      } else {
        typedHere.delete(relative);
        // The repository's changes as they are now: a read of the repository may have replaced those this began with.
        const latest = this.changes.get(root);
        if (latest && sameBase(latest.base, base)) {
          latest.files = replaceFile(latest.files, root, relative, file);
        }
      }
      this.logProblems(file ? [file] : []);
      this.compute();
    } catch (error) {
      if (!isAbortError(error)) {
        this.sources.log(`Customer impact: could not read ${relative}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /**
   * After a read of the repository: unsaved files not yet blamed on its base
   * (a commit or checkout changed it; a file left unsaved from the last
   * session) are blamed as the editor holds them.
   */
  private retypeUnsaved(root: string, base: ChangeBase): void {
    for (const document of vscode.workspace.textDocuments) {
      if (!document.isDirty || document.uri.scheme !== 'file' || this.sources.git.repositoryFor(document.uri)?.rootUri.fsPath !== root) {
        continue;
      }
      const typed = this.typed.get(root)?.get(relativePath(root, document.uri));
      if (!typed || !sameBase(typed.base, base)) {
        this.scheduleFile(document, 0);
      }
    }
  }

  /** Each repository's changed files, the unsaved ones as the editor holds them. */
  private currentFiles(): BlamedFile[] {
    return [...this.changes].flatMap(([root, changes]) => {
      let files: readonly BlamedFile[] = changes.files;
      for (const [relative, typed] of this.typed.get(root) ?? []) {
        if (sameBase(typed.base, changes.base)) {
          files = replaceFile(files, root, relative, typed.file);
        }
      }
      return files;
    });
  }

  private async reloadLinks(): Promise<void> {
    try {
      this.links = await this.sources.linkedByRepository();
    } catch (error) {
      this.sources.log(`Customer impact: history could not be read: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.compute();
  }

  /**
   * The impact from what is known now: no git. Listeners hear of it only when
   * it changed (or `always`): the store and item details change at every page
   * and panel, and each telling redraws the view and every editor's lenses.
   */
  private compute(always = false): void {
    const repos = this.sources.git.repositories;
    const files = this.currentFiles();
    const branches = repos.flatMap((repo): BranchItem[] => {
      const itemId = this.sources.branchItemOf(repo);
      const branch = repo.state.HEAD?.name;
      return itemId && branch ? [{ repository: repo.rootUri.fsPath, branch, itemId }] : [];
    });
    this.current = computeImpact({
      files,
      links: this.links,
      tradeOffs: this.tradeOffPlaces(),
      branches,
      findItem: (id) => this.sources.loadedItem(id) ?? this.readItems.get(id),
      customersOf: this.sources.customersOf,
    });
    this.readMissingItems();
    const key = JSON.stringify(this.current);
    if (always || key !== this.shownKey) {
      this.shownKey = key;
      this.changed.fire();
    }
  }

  private tradeOffPlaces(): TradeOffPlace[] {
    return this.sources.tradeOffs().flatMap((place) => {
      const repo = this.sources.git.repositoryFor(place.uri);
      if (!repo) {
        return [];
      }
      const repository = repo.rootUri.fsPath;
      const relative = relativePath(repository, place.uri);
      return [{ repository, path: relative, lines: { start: place.startLine, end: place.endLine }, tradeOffId: place.tradeOffId, itemId: place.itemId }];
    });
  }

  /** Impacted items the view has not loaded: read once each, for their demand. */
  private readMissingItems(): void {
    for (const { id, item } of this.current.items) {
      if (item || this.readItems.has(id) || this.readItems.size >= MAX_ITEMS_READ) {
        continue;
      }
      this.readItems.set(id, undefined);
      this.sources.readItem(id).then(
        (summary) => {
          this.readItems.set(id, summary);
          this.compute();
        },
        // Not an item of this tracker (a reference to another project), or none connected: shown without demand.
        () => undefined,
      );
    }
  }

  private logProblems(files: readonly BlamedFile[]): void {
    for (const file of files) {
      if (file.blameProblem !== undefined) {
        this.sources.log(`Customer impact: ${file.diff.path ?? file.diff.oldPath} was not blamed: ${file.blameProblem}`);
      }
    }
  }
}

function relativePath(root: string, uri: vscode.Uri): string {
  return path.relative(root, uri.fsPath).split(path.sep).join('/');
}

function sameBase(a: ChangeBase, b: ChangeBase): boolean {
  return a.commit === b.commit && a.head === b.head;
}

/** HEAD and the changed files, as the Git extension knows them. */
function signatureOf(repo: Repository): string {
  const paths = [...repo.state.indexChanges, ...repo.state.workingTreeChanges].map((change) => change.uri.fsPath).sort();
  return JSON.stringify([repo.state.HEAD?.commit, paths]);
}
