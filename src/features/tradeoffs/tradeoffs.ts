// The trade-offs feature, put together: the workspace file and live places,
// threads, decorations, the view, the commands, and the editor events that
// keep them in step with the code.
import * as vscode from 'vscode';
import type { StoredTradeOff } from '../../core/tradeoffs/tradeoffFile';
import { Disposable } from '../../platform/disposable';
import { describeError } from '../../platform/errorText';
import { TradeOffThreads } from './commentThreads';
import { TradeOffDecorations } from './decorations';
import { GitInfo } from './gitInfo';
import { ItemInfo } from './itemInfo';
import type { MarkArgs, MarkDeps } from './markTradeOff';
import { registerTradeOffCommands } from './tradeoffCommands';
import { TradeOffStore } from './tradeoffStore';
import { TradeOffTree } from './tradeoffTree';
import { mergePanelTradeOffs } from './panelTradeOffs';
import type { PanelTradeOff } from '../../shared/itemPanelProtocol';
import type { TradeOff } from '../../core/model';
import { parseItemRef } from '../../core/itemRef';
import type { TradeOffItems } from './tradeoffItems';

export interface TradeOffsDeps {
  readonly context: vscode.ExtensionContext;
  readonly log: (line: string) => void;
  /** Every connection's items, read through the sessions (the view's rows, else the tracker), never from the tracker directly. */
  readonly items: TradeOffItems;
  /** Subscribes to changes of the Feedback view's items (refresh, another tracker). */
  readonly onItemsChanged: (listener: () => void) => vscode.Disposable;
  /** Where a marked trade-off is queued, for the chosen item's connection only (markTradeOff.ts). */
  readonly outbox: MarkDeps['outbox'];
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
    const items = this._register(new ItemInfo({ cached: (id) => deps.items.find(id), read: (id) => deps.items.summary(id), resolves: (id) => deps.items.refOf(id) !== undefined, log: deps.log }));
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
    this._register(registerTradeOffCommands({ store, threads, tree, author: async () => (await import('./tradeoffActions')).authorOf(this.git, folder.uri) }));
    const markDeps: MarkDeps = { store, git: this.git, items: deps.items, outbox: deps.outbox, log: deps.log, onMarked: (t: StoredTradeOff) => threads.expandNext(t.id) };
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

  /**
   * The item panel's list: the tracker's trade-offs of the item merged with
   * the workspace's naming that item here. Its key is a ref; a panel restored
   * from before the registry holds the bare id, which the file spelled alike.
   */
  panelTradeOffs(key: string, fromTracker: readonly TradeOff[]): PanelTradeOff[] {
    const store = this.store;
    const isItem = parseItemRef(key) ? (stored: string) => this.deps.items.refOf(stored) === key : (stored: string) => stored === key;
    return mergePanelTradeOffs(isItem, store?.tradeOffs ?? [], (t) => store!.live.place(t), fromTracker);
  }

  /**
   * Where each trade-off attached to code is now, by file: what the customer
   * impact of a change reads. `itemId` is the tracker's id of the item the
   * stored id names here; a trade-off naming no connection here is left out.
   */
  places(): { readonly uri: vscode.Uri; readonly startLine: number; readonly endLine: number; readonly tradeOffId: string; readonly itemId: string; readonly summary: string }[] {
    const store = this.store;
    if (!store) {
      return [];
    }
    return store.tradeOffs.flatMap((t) => {
      const place = store.live.place(t);
      const item = parseItemRef(this.deps.items.refOf(t.itemId));
      return place.detached || !item ? [] : [{ uri: store.uriOf(t), startLine: place.startLine, endLine: place.endLine, tradeOffId: t.id, itemId: item.id, summary: t.summary }];
    });
  }

  /** Fires when trade-offs are added, changed or removed, or their places move. */
  onDidChangePlaces(listener: () => void): vscode.Disposable {
    return this.store?.onDidChange(listener) ?? { dispose: () => undefined };
  }

  /** Opens a workspace file at a line, for the item panel's links; what it checks first is in tradeoffActions.ts (loaded on the first click). */
  openLocation(path: string, line: number): void {
    const store = this.store;
    void import('./tradeoffActions').then((actions) => actions.openLocation(store, this.deps.log, path, line));
  }

  private registerWithoutFolder(): void {
    const needFolder = (): void => void vscode.window.showWarningMessage(vscode.l10n.t('Open a folder to mark trade-offs: they are kept in its .feedback/tradeoffs.json.'));
    for (const id of ['markTradeOff', 'editTradeOff', 'resolveTradeOff', 'reopenTradeOff', 'deleteTradeOff', 'replyTradeOff', 'openTradeOff', 'showTradeOffsByFile', 'showTradeOffsByItem']) {
      this._register(vscode.commands.registerCommand(`feedbackLoop.${id}`, needFolder));
    }
    this._register(vscode.window.createTreeView('feedbackLoop.tradeoffs', { treeDataProvider: { getChildren: () => [], getTreeItem: (e: never) => e } }));
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

  /** Moves the trade-offs of a renamed file (or folder): what it does is in tradeoffActions.ts, loaded by the first rename. */
  private async rename(store: TradeOffStore, from: vscode.Uri, to: vscode.Uri): Promise<void> {
    await (await import('./tradeoffActions')).followRename(store, this.deps.log, from, to);
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
