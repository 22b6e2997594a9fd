// Scans each repository's history for references to items, in the background:
// the first scan (bounded by a setting) shows progress in the status bar;
// later scans read only commits newer than the last one scanned, so they are
// near-instant. What it finds is kept in workspace state between sessions.
import * as vscode from 'vscode';
import { HistoryIndex, LOG_FORMAT, LogParser } from '../../core/historyScan';
import type { ScannedCommit } from '../../core/historyScan';
import type { ReferenceMatcher } from '../../core/references';
import { Disposable } from '../../platform/disposable';
import type { Git, Repository } from '../../platform/git';

const STATE_KEY = 'feedbackLoop.links.history';
const DEBOUNCE_MS = 400;

export class HistoryService extends Disposable {
  private index: HistoryIndex;
  private readonly scans = new Map<string, Promise<void>>();
  private readonly again = new Set<string>();
  private readonly watched = new Map<string, vscode.Disposable>();
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** The index changed: linked commits may have appeared. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly git: Git,
    private readonly state: vscode.Memento,
    private matcher: ReferenceMatcher,
    private maxCommits: number,
    private readonly log: (line: string) => void,
  ) {
    super();
    this.index = HistoryIndex.fromJSON(state.get<unknown>(STATE_KEY));
    this._register(git.onDidChangeRepositories(() => this.watchRepositories()));
    this._register({ dispose: () => this.unwatchAll() });
    this.watchRepositories();
  }

  get history(): HistoryIndex {
    return this.index;
  }

  /** New patterns or trailer key: what was found no longer holds; scan again from scratch. */
  reconfigure(matcher: ReferenceMatcher, maxCommits: number): void {
    this.matcher = matcher;
    this.maxCommits = maxCommits;
    this.index = new HistoryIndex();
    this.changed.fire();
    void this.scanAll();
  }

  /** Scans every repository; resolves when all scans end. Never rejects (failures are logged). */
  scanAll(): Promise<void> {
    return Promise.all(this.git.repositories.map((repo) => this.scan(repo.rootUri.fsPath))).then(() => undefined);
  }

  /** Scans `root` (queued behind a running scan of it). */
  scan(root: string): Promise<void> {
    const running = this.scans.get(root);
    if (running) {
      this.again.add(root);
      return running;
    }
    const scan = this.scanOnce(root)
      .catch((error: unknown) => this.log(`History scan of ${root} failed: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        this.scans.delete(root);
        if (this.again.delete(root)) {
          void this.scan(root);
        }
      });
    this.scans.set(root, scan);
    return scan;
  }

  private async scanOnce(root: string): Promise<void> {
    const last = this.index.lastScanned(root);
    const range = last ? ['HEAD', `^${last}`] : ['HEAD'];
    const run = (): Promise<{ parser: LogParser; commits: ScannedCommit[] }> => this.readLog(root, range);
    let outcome: { parser: LogParser; commits: ScannedCommit[] };
    try {
      outcome = last ? await run() : await this.withProgress(root, run);
    } catch (error) {
      if (!last) {
        throw error; // an empty repository (no HEAD) lands here too
      }
      // The last scanned commit is gone (history rewritten, gc): start over.
      this.index.forget(root);
      return this.scanOnce(root);
    }
    const { parser, commits } = outcome;
    this.index.record(root, parser.first, commits, parser.count);
    if (parser.count > 0) {
      await this.state.update(STATE_KEY, this.index.toJSON());
      this.changed.fire();
    }
  }

  private async readLog(root: string, range: readonly string[]): Promise<{ parser: LogParser; commits: ScannedCommit[] }> {
    const parser = new LogParser(this.matcher);
    const commits: ScannedCommit[] = [];
    const args = ['-z', `--format=${LOG_FORMAT}`, `--max-count=${this.maxCommits}`, '--end-of-options', ...range];
    await this.git.streamLog(root, args, (chunk) => commits.push(...parser.push(chunk)));
    commits.push(...parser.end());
    return { parser, commits };
  }

  private withProgress<T>(root: string, task: () => Promise<T>): Promise<T> {
    const title = vscode.l10n.t('Feedback Loop: finding linked commits in {0}', vscode.workspace.asRelativePath(root));
    return Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title }, task));
  }

  private watchRepositories(): void {
    const roots = new Set(this.git.repositories.map((r) => r.rootUri.fsPath));
    for (const [root, watch] of this.watched) {
      if (!roots.has(root)) {
        watch.dispose();
        this.watched.delete(root);
      }
    }
    for (const repo of this.git.repositories) {
      this.watch(repo);
    }
  }

  private watch(repo: Repository): void {
    const root = repo.rootUri.fsPath;
    if (this.watched.has(root)) {
      return;
    }
    let head = repo.state.HEAD?.commit;
    this.watched.set(
      root,
      repo.state.onDidChange(() => {
        if (repo.state.HEAD?.commit !== head) {
          head = repo.state.HEAD?.commit;
          this.scheduleScan();
        }
      }),
    );
    void this.scan(root);
  }

  // A commit, a pull or a checkout fires several state changes: scan once after they settle.
  private scheduleScan(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.scanAll(), DEBOUNCE_MS);
  }

  private unwatchAll(): void {
    clearTimeout(this.timer);
    for (const watch of this.watched.values()) {
      watch.dispose();
    }
    this.watched.clear();
  }
}
