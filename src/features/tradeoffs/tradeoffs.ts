// The trade-offs feature, put together: the workspace file and live places,
// threads, decorations, the view, the commands, and the editor events that
// keep them in step with the code.
import * as vscode from 'vscode';
import * as os from 'node:os';
import type { ItemSummary, NewTradeOff } from '../../core/model';
import type { StoredTradeOff } from '../../core/tradeoffs/tradeoffFile';
import { Disposable } from '../../platform/disposable';
import type { FeedbackSession } from '../../core/session';
import { describeError } from '../../platform/errorText';
import { TradeOffThreads } from './commentThreads';
import { TradeOffDecorations } from './decorations';
import { GitInfo } from './gitInfo';
import { ItemInfo } from './itemInfo';
import type { MarkArgs } from './markTradeOff';
import { toNewTradeOff } from './newTradeOff';
import { registerTradeOffCommands } from './tradeoffCommands';
import { TradeOffStore } from './tradeoffStore';
import { TradeOffTree } from './tradeoffTree';
import { mergePanelTradeOffs } from './panelTradeOffs';
import type { PanelTradeOff } from '../../shared/itemPanelProtocol';
import type { TradeOff } from '../../core/model';

export interface TradeOffsDeps {
  readonly context: vscode.ExtensionContext;
  readonly log: (line: string) => void;
  /** Items are read through the session (the view's rows, else the tracker), never from the tracker directly. */
  readonly items: Pick<FeedbackSession, 'connection' | 'search' | 'summary'>;
  /** Items the Feedback view has loaded. */
  readonly knownItems: () => readonly ItemSummary[];
  /** Subscribes to changes of the Feedback view's items (refresh, another tracker). */
  readonly onItemsChanged: (listener: () => void) => vscode.Disposable;
  /**
   * Queues the write of a trade-off to the tracker: the outbox's enqueue
   * (persisted, retried). Without it, the trade-off is sent once, directly.
   */
  readonly enqueueTradeOff: (itemId: string, body: NewTradeOff) => Promise<void>;
}

/** Typing fast re-anchors once per pause, not once per key. */
const TYPING_DELAY_MS = 80;

export class TradeOffs extends Disposable {
  readonly store: TradeOffStore | undefined;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly git = new GitInfo();

  constructor(private readonly deps: TradeOffsDeps) {
    super();
    const folder = vscode.workspace.workspaceFolders?.[0];
    const items = this._register(new ItemInfo({ cached: (id) => deps.knownItems().find((i) => i.id === id), read: (id) => deps.items.summary(id), log: deps.log }));
    // Redrawing every header on each change of the Feedback view would be wasteful: debounce.
    let redraw: NodeJS.Timeout | undefined;
    this._register(deps.onItemsChanged(() => {
      clearTimeout(redraw);
      redraw = setTimeout(() => items.cacheChanged(), 300);
    }));
    this._register({ dispose: () => clearTimeout(redraw) });
    if (!folder) {
      this.registerWithoutFolder();
      return;
    }
    const store = (this.store = this._register(new TradeOffStore(folder, deps.log, showProblem)));
    const threads = this._register(new TradeOffThreads(store, items));
    this._register(new TradeOffDecorations(deps.context.extensionUri, store, items));
    const tree = this._register(new TradeOffTree(store, items, deps.context.workspaceState));
    this._register(registerTradeOffCommands({ store, threads, tree, author: () => this.author(folder.uri) }));
    const markDeps = { store, git: this.git, knownItems: deps.knownItems, items: deps.items, onMarked: (t: StoredTradeOff) => this.marked(threads, t) };
    // What marking does is in the bundle dist/tradeoffCommands.js, loaded when the command first runs.
    this._register(vscode.commands.registerCommand('feedbackLoop.markTradeOff', async (args?: MarkArgs) => {
      try {
        return (await (await import('./markTradeOff')).markTradeOff(markDeps, args))?.id;
      } catch (error) {
        void vscode.window.showErrorMessage(describeError(error));
        return undefined;
      }
    }));
    this.followEditors(store);
    void store.load().then(() => this.followGitRenames(store));
  }

  /** The item panel's list: the tracker's trade-offs of the item merged with the workspace's. */
  panelTradeOffs(itemId: string, fromTracker: readonly TradeOff[]): PanelTradeOff[] {
    const store = this.store;
    return mergePanelTradeOffs(itemId, store?.tradeOffs ?? [], (t) => store!.live.place(t), fromTracker);
  }

  /** Where each trade-off attached to code is now, by file: what the customer impact of a change reads. */
  places(): { readonly uri: vscode.Uri; readonly startLine: number; readonly endLine: number; readonly tradeOffId: string; readonly itemId: string; readonly summary: string }[] {
    const store = this.store;
    if (!store) {
      return [];
    }
    return store.tradeOffs.flatMap((t) => {
      const place = store.live.place(t);
      return place.detached ? [] : [{ uri: store.uriOf(t), startLine: place.startLine, endLine: place.endLine, tradeOffId: t.id, itemId: t.itemId, summary: t.summary }];
    });
  }

  /** Fires when trade-offs are added, changed or removed, or their places move. */
  onDidChangePlaces(listener: () => void): vscode.Disposable {
    return this.store?.onDidChange(listener) ?? { dispose: () => undefined };
  }

  /** Opens a workspace file at a line, for the item panel's links; paths are checked like the file's. */
  openLocation(path: string, line: number): void {
    const store = this.store;
    const known = store?.tradeOffs.some((t) => t.location.path === path);
    if (!store || !known) {
      this.deps.log(`Trade-offs: refused to open ${JSON.stringify(path.slice(0, 200))}: not the place of a trade-off`);
      return;
    }
    const refused = store.live.refusalOf(path);
    if (refused !== undefined) {
      void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not opened: {1}', path, refused));
      return;
    }
    const position = new vscode.Position(line - 1, 0);
    void vscode.window.showTextDocument(vscode.Uri.joinPath(store.folder.uri, ...path.split('/')), { selection: new vscode.Range(position, position) });
  }

  private registerWithoutFolder(): void {
    const needFolder = (): void => void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to mark trade-offs: they are kept in its .feedback/tradeoffs.json.'));
    for (const id of ['markTradeOff', 'editTradeOff', 'resolveTradeOff', 'reopenTradeOff', 'deleteTradeOff', 'replyTradeOff', 'openTradeOff', 'showTradeOffsByFile', 'showTradeOffsByItem']) {
      this._register(vscode.commands.registerCommand(`feedbackLoop.${id}`, needFolder));
    }
    this._register(vscode.window.createTreeView('feedbackLoop.tradeoffs', { treeDataProvider: { getChildren: () => [], getTreeItem: (e: never) => e } }));
  }

  /** Git's user.name, else the GitHub account signed in to VS Code (never prompting), else the system user. */
  private async author(folder: vscode.Uri): Promise<string> {
    const fromGit = await this.git.userName(folder);
    if (fromGit) {
      return fromGit;
    }
    const session = await Promise.resolve(vscode.authentication.getSession('github', [], { silent: true })).catch(() => undefined);
    return session?.account.label ?? os.userInfo().username;
  }

  private marked(threads: TradeOffThreads, t: StoredTradeOff): void {
    threads.expandNext(t.id);
    void this.send(t);
  }

  private async send(t: StoredTradeOff): Promise<void> {
    try {
      await this.deps.enqueueTradeOff(t.itemId, toNewTradeOff(t));
      this.deps.log(`Trade-offs: queued ${t.id} for item ${t.itemId} in the outbox`);
    } catch (error) {
      const reason = describeError(error);
      this.deps.log(`Trade-offs: could not send ${t.id} to item ${t.itemId}: ${reason}`);
      void vscode.window.showWarningMessage(vscode.l10n.t('The trade-off is saved in .feedback/tradeoffs.json but did not reach the tracker: {0}', reason));
    }
  }

  /**
   * Re-anchors from the editor's text as the user types (debounced), and
   * saves places when the code is saved. Through the store, which checks the
   * path first: an editor can show a linked file whose lines must not become
   * an anchor.
   */
  private followEditors(store: TradeOffStore): void {
    const pathOf = (uri: vscode.Uri): string | undefined => {
      const path = vscode.workspace.getWorkspaceFolder(uri) === undefined ? undefined : vscode.workspace.asRelativePath(uri, false);
      return path !== undefined && store.tradeOffs.some((t) => t.location.path === path) ? path : undefined;
    };
    this._register(vscode.workspace.onDidChangeTextDocument((e) => {
      const path = pathOf(e.document.uri);
      if (path !== undefined && e.contentChanges.length > 0) {
        clearTimeout(this.timers.get(path));
        this.timers.set(path, setTimeout(() => void store.reanchorFromEditor(path, e.document), TYPING_DELAY_MS));
      }
    }));
    this._register(vscode.workspace.onDidOpenTextDocument((document) => {
      const path = pathOf(document.uri);
      if (path !== undefined) {
        void store.reanchorFromEditor(path, document);
      }
    }));
    this._register(vscode.workspace.onDidSaveTextDocument((document) => {
      const path = pathOf(document.uri);
      if (path !== undefined) {
        clearTimeout(this.timers.get(path));
        void store
          .reanchorFromEditor(path, document)
          .then(() => store.settle(path))
          .catch((error: unknown) => this.deps.log(`Trade-offs: could not save places: ${String(error)}`));
      }
    }));
    this._register(vscode.workspace.onDidDeleteFiles((e) => {
      for (const path of e.files.map(pathOf)) {
        if (path !== undefined) {
          void store.reanchorFromSource(path);
        }
      }
    }));
    this._register(vscode.workspace.onDidRenameFiles((e) => e.files.forEach(({ oldUri, newUri }) => void this.rename(store, oldUri, newUri))));
    this._register({ dispose: () => this.timers.forEach((timer) => clearTimeout(timer)) });
  }

  private async followGitRenames(store: TradeOffStore): Promise<void> {
    if (await this.git.ready()) {
      this._register(this.git.watchRenames(store.folder.uri, (from, to) => void this.rename(store, from, to)));
    }
  }

  /** Moves the trade-offs of a renamed file (or of the files under a renamed folder). */
  private async rename(store: TradeOffStore, from: vscode.Uri, to: vscode.Uri): Promise<void> {
    const oldPath = vscode.workspace.asRelativePath(from, false);
    const newPath = vscode.workspace.asRelativePath(to, false);
    const moves = (path: string): boolean => path === oldPath || path.startsWith(`${oldPath}/`);
    if (oldPath === newPath || !store.tradeOffs.some((t) => moves(t.location.path))) {
      return;
    }
    try {
      await store.modify((current) => current.map((t) => (moves(t.location.path) ? { ...t, location: { ...t.location, path: newPath + t.location.path.slice(oldPath.length) } } : t)));
      this.deps.log(`Trade-offs: followed ${oldPath} → ${newPath}`);
    } catch (error) {
      this.deps.log(`Trade-offs: could not follow ${oldPath} → ${newPath}: ${String(error)}`);
    }
  }
}

function showProblem(message: string, file: vscode.Uri): void {
  const open = vscode.l10n.t('Open File');
  void vscode.window.showErrorMessage(vscode.l10n.t('Trade-offs are read-only until this is fixed: {0}', message), open).then((choice) => {
    if (choice === open) {
      void vscode.window.showTextDocument(file);
    }
  });
}
