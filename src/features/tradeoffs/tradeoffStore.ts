// `.feedback/tradeoffs.json` in the workspace, read and written through
// vscode.workspace.fs (so it works in remote and virtual workspaces), and the
// live places of the trade-offs it holds. An invalid file (hand-edited,
// merge-conflicted) is reported with its line and never overwritten: every
// write first re-reads the file and refuses if it does not parse.
//
// The file comes from whatever repository was cloned. Until the workspace is
// trusted, nothing more than its size is looked at (activation, at startup
// or on `workspaceContains:.feedback/tradeoffs.json`, happens in Restricted
// Mode too); once trusted, a file over the size limit is refused, and every path
// read or written because of it goes through pathGuard (no symbolic links,
// nothing outside the folder).
import * as vscode from 'vscode';
import { count } from '../../core/tradeoffs/anchor';
import { LiveAnchors } from '../../core/tradeoffs/liveAnchors';
import { TRADEOFF_FILE, parseTradeOffFile, serializeTradeOffFile, tradeOffFileSizeProblem } from '../../core/tradeoffs/tradeoffFile';
import type { StoredTradeOff } from '../../core/tradeoffs/tradeoffFile';
import { Disposable } from '../../platform/disposable';
import { UnsafePathError, resolveInsideFolder } from './pathGuard';

/**
 * Code files larger than this are not read from disk to anchor trade-offs
 * (an open editor's text always is): a path in the file could name a
 * multi-gigabyte file of the clone.
 */
const MAX_SOURCE_BYTES = 16 * 1024 * 1024;

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
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(reload));
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

  /** Reads the file (again), then re-anchors every trade-off against its code. Only its size until the workspace is trusted. */
  async load(): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      await this.noteRestricted();
      return;
    }
    let text: string | undefined;
    try {
      text = await this.readText();
    } catch (error) {
      if (error instanceof InvalidTradeOffFile) {
        this.report(error.message);
      } else {
        // Callers fire and forget (watchers, activation): report here, keep what is shown.
        this.log(`Trade-offs: cannot read ${this.fileUri.fsPath}: ${error instanceof Error ? error.message : String(error)}`);
      }
      return;
    }
    if (text !== undefined && text === this.lastWritten && this.problem === undefined) {
      return; // our own write, seen by the watcher
    }
    const parsed = parseTradeOffFile(text ?? '');
    if (!parsed.ok) {
      this.report(parsed.message);
      return;
    }
    this.problem = undefined;
    this.live.setStored(parsed.file.tradeoffs);
    await Promise.all(this.live.paths().map((path) => this.reanchorFromSource(path)));
    this.logUnanchorable();
    this.changed.fire();
  }

  /** The last good trade-offs stay on screen; nothing is written until the file is fixed. */
  private report(message: string): void {
    if (this.problem !== message) {
      this.problem = message;
      this.log(`Trade-offs: ${message}`);
      this.showProblem(message, this.fileUri);
    }
    this.changed.fire();
  }

  /** Restricted Mode: says, in the view, that the file exists and is not read yet. A stat is all it costs. */
  private async noteRestricted(): Promise<void> {
    const exists = await vscode.workspace.fs.stat(this.fileUri).then(
      () => true,
      () => false,
    );
    this.problem = exists ? vscode.l10n.t('{0} is not read in Restricted Mode: trust this workspace to see its trade-offs.', TRADEOFF_FILE) : undefined;
    this.changed.fire();
  }

  private logUnanchorable(): void {
    for (const t of this.live.stored) {
      const reason = this.live.place(t).unanchorable;
      if (reason !== undefined) {
        this.log(`Trade-offs: ${t.id} on ${t.location.path} is not followed: ${reason}`);
      }
    }
  }

  /**
   * Re-anchors the trade-offs of one file from its open document, or from
   * disk when it is not open; a path that is a link, or leads out of the
   * folder, is refused and its trade-offs shown detached with the reason.
   */
  async reanchorFromSource(path: string): Promise<void> {
    const uri = await this.checkSource(path);
    if (uri === undefined) {
      return;
    }
    const open = this.openDocument(path);
    if (open) {
      this.live.update(path, open.getText());
      return;
    }
    try {
      const size = (await vscode.workspace.fs.stat(uri)).size;
      if (size > MAX_SOURCE_BYTES) {
        this.live.refuse(path, `${path} has ${count(size)} bytes; files over ${count(MAX_SOURCE_BYTES)} bytes are not read to anchor trade-offs unless open`);
        return;
      }
      this.live.update(path, new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch (error) {
      if (isNotFound(error)) {
        this.live.update(path, undefined);
      } else {
        this.log(`Trade-offs: could not read ${path}: ${String(error)}`);
      }
    }
  }

  /** Re-anchors from an editor's text as the user types or saves, once the path is checked like any other. */
  async reanchorFromEditor(path: string, document: vscode.TextDocument): Promise<void> {
    if ((await this.checkSource(path)) !== undefined) {
      // Read after the check, not before: of two checks in flight, either one applies the latest text.
      this.live.update(path, document.getText());
    }
  }

  /** The URI to read `path` at, after pathGuard; undefined when it cannot be checked, and its trade-offs refused when it is unsafe. */
  private async checkSource(path: string): Promise<vscode.Uri | undefined> {
    try {
      const uri = await this.safeUri(path);
      this.live.allow(path);
      return uri;
    } catch (error) {
      if (error instanceof UnsafePathError) {
        this.live.refuse(path, error.message);
      }
      this.log(`Trade-offs: could not check ${path}: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  /**
   * Where a path of the workspace folder may be read or written: its real
   * path, links refused. Virtual workspaces have no real paths; there, the
   * file system's own link flag is checked on each part of the path.
   */
  private async safeUri(relative: string): Promise<vscode.Uri> {
    if (this.folder.uri.scheme === 'file') {
      return vscode.Uri.file(await resolveInsideFolder(this.folder.uri.fsPath, relative));
    }
    const parts = relative.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(this.folder.uri, ...parts.slice(0, i))).then(
        (found) => found,
        () => undefined,
      );
      if (stat === undefined) {
        break; // the rest does not exist: nothing to follow
      }
      if ((stat.type & vscode.FileType.SymbolicLink) !== 0) {
        throw new UnsafePathError(`${relative} is refused: "${parts.slice(0, i).join('/')}" is a symbolic link`);
      }
    }
    return vscode.Uri.joinPath(this.folder.uri, ...parts);
  }

  private openDocument(path: string): vscode.TextDocument | undefined {
    const uri = vscode.Uri.joinPath(this.folder.uri, ...path.split('/')).toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri);
  }

  /** Applies `change` to the stored list and writes the file; refuses while the file on disk is invalid. */
  async modify(change: (current: readonly StoredTradeOff[]) => StoredTradeOff[]): Promise<void> {
    if (!vscode.workspace.isTrusted) {
      throw new InvalidTradeOffFile(vscode.l10n.t('Trust this workspace to change its trade-offs: {0} is not read in Restricted Mode.', TRADEOFF_FILE));
    }
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
    // Checked again right before writing: `.feedback` or the file may have become a link meanwhile (a checkout).
    const target = await this.realFileUri();
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(target, '..')); // its folder, .feedback
    this.lastWritten = text;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(text));
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

  /** The file's text, or undefined when there is none; InvalidTradeOffFile when it is a link or too large to read. */
  private async readText(): Promise<string | undefined> {
    try {
      const uri = await this.realFileUri();
      const tooLarge = tradeOffFileSizeProblem((await vscode.workspace.fs.stat(uri)).size);
      if (tooLarge !== undefined) {
        throw new InvalidTradeOffFile(tooLarge);
      }
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch (error) {
      if (isNotFound(error)) {
        return undefined;
      }
      throw error;
    }
  }

  /** Where `.feedback/tradeoffs.json` really is, to read or write it; a link there makes the file invalid. */
  private async realFileUri(): Promise<vscode.Uri> {
    try {
      return await this.safeUri(TRADEOFF_FILE);
    } catch (error) {
      throw error instanceof UnsafePathError ? new InvalidTradeOffFile(error.message) : error;
    }
  }
}

function isNotFound(error: unknown): boolean {
  return error instanceof vscode.FileSystemError && (error.code === 'FileNotFound' || error.code === 'EntryNotFound');
}
