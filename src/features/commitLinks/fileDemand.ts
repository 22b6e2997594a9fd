// Demand beside code: for the file in the active editor, how many feedback
// items (and their customers) are linked to commits that touched it, in the
// status bar or as a CodeLens on the first line. Computed in the background
// after the editor settles, cached per file and HEAD; never blocks typing.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { HistoryIndex } from '../../core/historyScan';
import type { ItemSummary } from '../../core/model';
import { Disposable } from '../../platform/disposable';
import type { Git } from '../../platform/git';
import { customers, requests } from '../../platform/itemWords';
import type { DemandDisplay } from '../../platform/linkSettingSchemas';

const SETTLE_MS = 300;
const MAX_FILE_COMMITS = 2_000;

export interface FileDemandDeps {
  readonly git: Git;
  readonly history: () => HistoryIndex;
  readonly trackerKind: () => string | undefined;
  readonly findItem: (id: string) => ItemSummary | undefined;
  readonly display: () => DemandDisplay;
  readonly log: (line: string) => void;
}

interface Demand {
  readonly itemIds: readonly string[];
  readonly customers: number;
}

export class FileDemand extends Disposable implements vscode.CodeLensProvider {
  private readonly statusItem = this._register(vscode.window.createStatusBarItem('feedbackLoop.fileDemand', vscode.StatusBarAlignment.Right, 100));
  private readonly cache = new Map<string, Promise<Demand>>();
  private readonly lensesChanged = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.lensesChanged.event;
  private timer: NodeJS.Timeout | undefined;
  private shown: { uri: string; demand: Demand } | undefined;

  constructor(private readonly deps: FileDemandDeps) {
    super();
    this.statusItem.name = vscode.l10n.t('Feedback Loop: Demand for This File');
    this.statusItem.command = 'feedbackLoop.showFileDemand';
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.schedule()));
    this._register(vscode.languages.registerCodeLensProvider({ scheme: 'file' }, this));
    this._register({ dispose: () => clearTimeout(this.timer) });
    this.schedule();
  }

  /** History or settings changed: recompute. */
  invalidate(): void {
    this.cache.clear();
    this.schedule();
  }

  /** The items counted for the active file (for the "list them" command). */
  itemIds(): readonly string[] {
    return this.shown?.demand.itemIds ?? [];
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const shown = this.shown;
    if (this.deps.display() !== 'codeLens' || !shown || shown.uri !== document.uri.toString() || shown.demand.itemIds.length === 0) {
      return [];
    }
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: this.label(shown.demand), command: 'feedbackLoop.showFileDemand' })];
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), SETTLE_MS);
  }

  private async update(): Promise<void> {
    const uri = vscode.window.activeTextEditor?.document.uri;
    const demand = uri && uri.scheme === 'file' && this.deps.display() !== 'off' ? await this.demandOf(uri).catch((error: unknown) => this.failed(uri, error)) : undefined;
    if (uri?.toString() !== vscode.window.activeTextEditor?.document.uri.toString()) {
      return; // the user moved on while we computed
    }
    this.shown = uri && demand ? { uri: uri.toString(), demand } : undefined;
    this.lensesChanged.fire();
    if (demand && demand.itemIds.length > 0 && this.deps.display() === 'statusBar') {
      this.statusItem.text = `$(comment-discussion) ${this.label(demand)}`;
      this.statusItem.tooltip = vscode.l10n.t('Feedback items linked to commits that touched this file: {0}', demand.itemIds.join(', '));
      this.statusItem.show();
    } else {
      this.statusItem.hide();
    }
  }

  /** No demand is shown for the file; the failure is cached with its HEAD, so logged once. */
  private failed(uri: vscode.Uri, error: unknown): undefined {
    this.deps.log(`Demand for ${uri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }

  private label(demand: Demand): string {
    return `${requests(demand.itemIds.length)} · ${customers(demand.customers)}`;
  }

  private demandOf(uri: vscode.Uri): Promise<Demand> {
    const repo = this.deps.git.repositoryFor(uri);
    if (!repo) {
      return Promise.resolve({ itemIds: [], customers: 0 });
    }
    const root = repo.rootUri.fsPath;
    const key = `${uri.toString()}\u0000${repo.state.HEAD?.commit ?? ''}`;
    const cached = this.cache.get(key) ?? this.compute(root, path.relative(root, uri.fsPath));
    this.cache.set(key, cached);
    return cached;
  }

  private async compute(root: string, relativePath: string): Promise<Demand> {
    const kind = this.deps.trackerKind();
    const shas = kind ? await this.deps.git.commitsTouching(root, relativePath, MAX_FILE_COMMITS) : [];
    const ids = new Set<string>();
    for (const sha of shas) {
      for (const ref of this.deps.history().commit(root, sha)?.refs ?? []) {
        if (ref.tracker === undefined || ref.tracker === kind) {
          ids.add(ref.id);
        }
      }
    }
    // Customers may ask for several items: the sum counts them once per item.
    const customers = [...ids].reduce((sum, id) => sum + (this.deps.findItem(id)?.customerCount ?? 0), 0);
    return { itemIds: [...ids], customers };
  }
}
