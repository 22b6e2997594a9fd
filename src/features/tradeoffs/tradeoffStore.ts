// `.feedback/tradeoffs.json` in the workspace, read and written through
// vscode.workspace.fs (so it works in remote and virtual workspaces), and the
// live places of the trade-offs it holds. An invalid file (hand-edited,
// merge-conflicted) is reported with its line and never overwritten: every
// write first re-reads the file and refuses if it does not parse.
import * as vscode from 'vscode';
import { LiveAnchors } from '../../core/tradeoffs/liveAnchors';
import { TRADEOFF_FILE, parseTradeOffFile, serializeTradeOffFile } from '../../core/tradeoffs/tradeoffFile';
import type { StoredTradeOff } from '../../core/tradeoffs/tradeoffFile';
import { Disposable } from '../../platform/disposable';

export class InvalidTradeOffFile extends Error {}

export class TradeOffStore extends Disposable {
  readonly live = this._register(new LiveAnchors());
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** The file's contents or the live places changed. */
  readonly onDidChange = this.changed.event;
  private problem: string | undefined;
  private lastWritten: string | undefined;

  constructor(
    readonly folder: vscode.WorkspaceFolder,
    private readonly log: (line: string) => void,
    private readonly showProblem: (message: string, file: vscode.Uri) => void,
  ) {
    super();
    this._register(this.live.onDidChange(() => this.changed.fire()));
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, TRADEOFF_FILE)));
    const reload = (): void => void this.load();
    this._register(watcher.onDidChange(reload));
    this._register(watcher.onDidCreate(reload));
    this._register(watcher.onDidDelete(reload));
  }

  get fileUri(): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, TRADEOFF_FILE);
  }

  /** Why the file cannot be used, naming its line; undefined when it is fine. */
  get invalidReason(): string | undefined {
    return this.problem;
  }

  get tradeOffs(): readonly StoredTradeOff[] {
    return this.live.stored;
  }

  find(id: string): StoredTradeOff | undefined {
    return this.live.stored.find((t) => t.id === id);
  }

  uriOf(t: StoredTradeOff): vscode.Uri {
    return vscode.Uri.joinPath(this.folder.uri, ...t.location.path.split('/'));
  }

  /** Reads the file (again), then re-anchors every trade-off against its code. */
  async load(): Promise<void> {
    let text: string | undefined;
    try {
      text = await this.readText();
    } catch (error) {
      // Callers fire and forget (watchers, activation): report here, keep what is shown.
      this.log(`Trade-offs: cannot read ${this.fileUri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    if (text !== undefined && text === this.lastWritten && this.problem === undefined) {
      return; // our own write, seen by the watcher
    }
    const parsed = parseTradeOffFile(text ?? '');
    if (!parsed.ok) {
      // The last good trade-offs stay on screen; nothing is written until it is fixed.
      if (this.problem !== parsed.message) {
        this.problem = parsed.message;
        this.log(`Trade-offs: ${parsed.message}`);
        this.showProblem(parsed.message, this.fileUri);
      }
      this.changed.fire();
      return;
    }
    this.problem = undefined;
    this.live.setStored(parsed.file.tradeoffs);
    await Promise.all(this.live.paths().map((path) => this.reanchorFromSource(path)));
    this.changed.fire();
  }

  /** Re-anchors the trade-offs of one file from its open document, or from disk when it is not open. */
  async reanchorFromSource(path: string): Promise<void> {
    const uri = vscode.Uri.joinPath(this.folder.uri, ...path.split('/'));
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      this.live.update(path, open.getText());
      return;
    }
    try {
      this.live.update(path, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch (error) {
      if (isNotFound(error)) {
        this.live.update(path, undefined);
      } else {
        this.log(`Trade-offs: could not read ${path}: ${String(error)}`);
      }
    }
  }

  /** Applies `change` to the stored list and writes the file; refuses while the file on disk is invalid. */
  async modify(change: (current: readonly StoredTradeOff[]) => StoredTradeOff[]): Promise<void> {
    const onDisk = parseTradeOffFile((await this.readText()) ?? '');
    if (!onDisk.ok) {
      this.problem = onDisk.message;
      this.changed.fire();
      throw new InvalidTradeOffFile(`${onDisk.message} — fix the file first; it was not changed.`);
    }
    // Someone else's write (git pull, another window) wins over our copy: start from disk.
    this.live.setStored(onDisk.file.tradeoffs);
    const next = change(onDisk.file.tradeoffs.map((t) => (this.isDirty(t.location.path) ? t : this.live.asLastSeen(t))));
    const text = serializeTradeOffFile(next);
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.folder.uri, '.feedback'));
    this.lastWritten = text;
    await vscode.workspace.fs.writeFile(this.fileUri, new TextEncoder().encode(text));
    this.problem = undefined;
    this.live.setStored(next);
    await Promise.all([...new Set(next.map((t) => t.location.path))].map((path) => this.reanchorFromSource(path)));
    this.changed.fire();
  }

  /** After the code file was saved: write the places its trade-offs moved to, if any did. */
  async settle(path: string): Promise<void> {
    const before = this.live.stored.filter((t) => t.location.path === path);
    const moved = before.some((t) => {
      const now = this.live.asLastSeen(t);
      return now.location.startLine !== t.location.startLine || now.location.endLine !== t.location.endLine || now.anchor.fingerprint !== t.anchor.fingerprint;
    });
    if (moved && this.problem === undefined) {
      await this.modify((current) => [...current]);
    }
  }

  private isDirty(path: string): boolean {
    const uri = vscode.Uri.joinPath(this.folder.uri, ...path.split('/')).toString();
    return vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri && d.isDirty);
  }

  private async readText(): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(this.fileUri));
    } catch (error) {
      if (isNotFound(error)) {
        return undefined;
      }
      throw error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'EntryNotFound');
}
