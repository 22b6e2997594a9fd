// Issue 12, "Offline-first": the first page of every group the view shows,
// and the items last opened with their threads, are kept on disk per
// workspace and tracker (bounded by
// `feedbackLoop.offlineSnapshotMegabytes`), and shown, marked stale, as soon as
// it is read — after activation, never during it — until the tracker answers.
// Written after a refresh that answered, at most every few seconds.
import { createHash } from 'node:crypto';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { FeedbackStore } from '../../core/feedbackStore';
import type { ItemDetails } from '../../core/itemDetails';
import { snapshotText } from '../../core/snapshot';
import { Disposable } from '../../platform/disposable';
import { affects, readSetting } from '../../platform/settings';
import { SnapshotStorage } from '../../platform/snapshotStorage';

/** At most one write per this many milliseconds. */
export const SNAPSHOT_WRITE_EVERY_MS = 5_000;
const MEGABYTE = 1024 * 1024;

export interface OfflineSnapshotOptions {
  readonly store: FeedbackStore;
  /** The session's item details: opened items are kept, and restored for panels opened offline. */
  readonly details: Pick<ItemDetails, 'fetched' | 'restore' | 'onDidChange'>;
  /** This workspace's storage folder (asked on first use). */
  readonly folder: () => string;
  /** The connected tracker's id, or undefined. */
  readonly connectionId: () => string | undefined;
  readonly log: (line: string) => void;
}

export class OfflineSnapshot extends Disposable {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loadTimer: ReturnType<typeof setTimeout> | undefined;
  private lastWrite = 0;

  constructor(private readonly options: OfflineSnapshotOptions) {
    super();
    this._register(options.store.onDidRefresh(({ error }) => error === undefined && this.scheduleWrite()));
    // An item opened (or its thread grown) is kept too, at the same pace.
    this._register(options.details.onDidChange(() => this.options.store.lastSyncedAt && this.scheduleWrite()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((event) => {
        const id = options.connectionId();
        if (affects(event, 'offlineSnapshotMegabytes') && this.maxBytes() === 0 && id) {
          void this.storage(id).remove();
        }
      }),
    );
    this._register({
      dispose: () => {
        this.cancelWrite();
        clearTimeout(this.loadTimer);
      },
    });
  }

  /** Reads and shows the snapshot of the connected tracker on a later tick: activation is not delayed by the disk. */
  start(): void {
    this.scheduleLoad();
  }

  /** A new tracker (or none): its own snapshot, if any. */
  connectionChanged(): void {
    this.cancelWrite();
    this.scheduleLoad();
  }

  private scheduleLoad(): void {
    this.loadTimer ??= setTimeout(() => {
      this.loadTimer = undefined;
      void this.load();
    }, 0);
  }

  private maxBytes(): number {
    return Math.floor(readSetting('offlineSnapshotMegabytes', this.options.log) * MEGABYTE);
  }

  private storage(connectionId: string): SnapshotStorage {
    const name = createHash('sha256').update(connectionId).digest('hex').slice(0, 24);
    return new SnapshotStorage(() => path.join(this.options.folder(), 'snapshots', `${name}.json`), this.options.log);
  }

  private async load(): Promise<void> {
    const id = this.options.connectionId();
    const maxBytes = this.maxBytes();
    if (!id || maxBytes === 0 || this.isDisposed) {
      return;
    }
    const started = Date.now();
    const snapshot = await this.storage(id).read(maxBytes);
    if (!snapshot || this.isDisposed || this.options.connectionId() !== id) {
      return;
    }
    this.options.details.restore((snapshot.opened ?? []).map((o) => ({ ...o, fetchedAt: Date.parse(o.fetchedAt) })));
    if (this.options.store.showSnapshot(snapshot)) {
      this.options.log(`Snapshot: showing the items of ${snapshot.syncedAt} until the tracker answers (read in ${Date.now() - started} ms)`);
    }
  }

  private scheduleWrite(): void {
    if (this.timer !== undefined) {
      return;
    }
    const wait = Math.max(0, this.lastWrite + SNAPSHOT_WRITE_EVERY_MS - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.write();
    }, wait);
  }

  private cancelWrite(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }

  private async write(): Promise<void> {
    const { store } = this.options;
    const id = this.options.connectionId();
    const maxBytes = this.maxBytes();
    const syncedAt = store.lastSyncedAt;
    // Only what the tracker answered, as the view first shows it: not a filtered view, not the snapshot itself.
    if (!id || maxBytes === 0 || !syncedAt || store.fromSnapshot || store.error !== undefined || store.viewOptions.filter !== '') {
      return;
    }
    const { grouping, sort } = store.viewOptions;
    const text = snapshotText({ groups: store.groups(), grouping, sort, syncedAt, opened: this.options.details.fetched() }, maxBytes);
    if (text === undefined) {
      return;
    }
    this.lastWrite = Date.now();
    try {
      await this.storage(id).write(text);
    } catch (error) {
      this.options.log(`Snapshot: could not write (${(error as Error).message})`);
    }
  }
}
