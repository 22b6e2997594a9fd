// The outbox of one VS Code window. Every window has its own extension host
// and so its own Outbox; with one shared file the last save would win and a
// write queued in another window could be lost. So each window keeps its own
// file, named by its extension host's pid, and on start adopts the files of
// windows whose process has ended (and the single file of earlier versions).
// A file is claimed by renaming it into this window's name first — a rename is
// atomic, so two windows never adopt the same file — and deleted only after
// its entries are durable in this window's own file. An adopted file holding
// entries the outbox cannot read is not deleted but set aside, for a person.
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';
import type { OutboxEntry, OutboxStorage } from '../core/outbox';
import { readStoredEntries } from '../core/outboxSchema';
import { FileOutboxStorage } from './outboxStorage';

const WINDOW_FILE = /^w-(\d+)-[0-9a-f]+\.(?:adopted-\d+\.)?json$/;
/** A window's save interrupted by a crash or a full disk (see FileOutboxStorage). */
const WINDOW_TEMPORARY = /^w-(\d+)-[0-9a-f]+\.json\.[0-9a-f]{12}\.tmp$/;

export interface WindowOutboxOptions {
  /** The folder of the per-window files (asked on first use: activation touches no disk). */
  readonly folder: () => string;
  /** The single file of earlier versions, adopted once if it exists. */
  readonly legacyFile?: () => string;
  readonly log?: (line: string) => void;
  readonly pid?: number;
  readonly isAlive?: (pid: number) => boolean;
}

export class WindowOutboxStorage implements OutboxStorage {
  private readonly pid: number;
  private readonly name: string;
  private readonly own: FileOutboxStorage;
  /** Adopted files, deleted once their entries are durable in our own file. */
  private readonly claimed: string[] = [];
  /** Adopted files holding entries the outbox cannot read: set aside, never deleted. */
  private readonly damaged = new Set<string>();
  /** Numbers the claims: never reused, so a claim is never renamed over one kept after a failed set-aside. */
  private adoptions = 0;
  private readonly log: (line: string) => void;

  constructor(private readonly options: WindowOutboxOptions) {
    this.pid = options.pid ?? process.pid;
    this.name = `w-${this.pid}-${randomBytes(4).toString('hex')}`;
    this.log = options.log ?? (() => undefined);
    this.own = new FileOutboxStorage(() => path.join(options.folder(), `${this.name}.json`), this.log);
  }

  async load(): Promise<unknown> {
    const folder = this.options.folder();
    await mkdir(folder, { recursive: true });
    const names = await readdir(folder);
    await this.removeLeftovers(folder, names);
    const entries: unknown[] = [];
    for (const file of this.orphans(folder, names)) {
      entries.push(...(await this.adopt(file, folder)));
    }
    if (this.claimed.length > 0) {
      this.log(`Outbox: adopted ${entries.length} entries from ${this.claimed.length} file(s) of closed windows`);
    }
    const unique = withoutRepeatedIds(entries);
    return unique.length > 0 ? unique : undefined;
  }

  async save(entries: readonly OutboxEntry[]): Promise<void> {
    await this.own.save(entries);
    // The adopted entries are now durable in our own file: their old files can go.
    for (const file of this.claimed.splice(0)) {
      await unlink(file).catch((error: Error) => this.log(`Outbox: could not remove ${file} (${error.message})`));
    }
  }

  /**
   * The outbox found entries it cannot read. Our own file is new, so they came
   * from adopted files: those are renamed aside (and never deleted, even if the
   * rename fails). Answers where they are, or undefined if nowhere.
   */
  async setAside(reason: string): Promise<string | undefined> {
    const kept: string[] = [];
    for (const file of this.claimed.filter((f) => this.damaged.has(f))) {
      this.claimed.splice(this.claimed.indexOf(file), 1);
      // If the rename fails the file keeps its adopted name: the next window adopts it again.
      kept.push((await new FileOutboxStorage(() => file, this.log).setAside(reason)) ?? file);
    }
    return kept.length > 0 ? kept.join(', ') : undefined;
  }

  /** Files of windows whose extension host is gone, and the legacy single file. */
  private orphans(folder: string, names: readonly string[]): string[] {
    const dead = names.filter((name) => this.isClosedWindow(WINDOW_FILE.exec(name)));
    const legacy = this.options.legacyFile?.();
    return [...(legacy ? [legacy] : []), ...dead.map((name) => path.join(folder, name))];
  }

  /** Closed windows' interrupted saves; an open window's may be a save under way. */
  private async removeLeftovers(folder: string, names: readonly string[]): Promise<void> {
    for (const name of names.filter((n) => this.isClosedWindow(WINDOW_TEMPORARY.exec(n)))) {
      await unlink(path.join(folder, name)).catch((error: Error) => this.log(`Outbox: could not remove ${name} (${error.message})`));
    }
  }

  private isClosedWindow(match: RegExpExecArray | null): boolean {
    const pid = Number(match?.[1]);
    return match !== null && pid !== this.pid && !(this.options.isAlive ?? processIsAlive)(pid);
  }

  /** Claims one file by renaming it into this window's name, then reads it. */
  private async adopt(file: string, folder: string): Promise<unknown[]> {
    const claim = path.join(folder, `${this.name}.adopted-${this.adoptions++}.json`);
    try {
      await rename(file, claim);
    } catch {
      return []; // gone, or another window claimed it first
    }
    this.claimed.push(claim);
    const storage = new FileOutboxStorage(() => claim, this.log);
    const value = await storage.load();
    if (Array.isArray(value)) {
      if (readStoredEntries(value).issues.length > 0) {
        this.damaged.add(claim);
      }
      return value;
    }
    if (value !== undefined) {
      this.claimed.pop();
      await storage.setAside('not a list of outbox entries');
    }
    return [];
  }
}

/**
 * A window that ended between saving its own file and removing the files it
 * had adopted leaves the same entries twice: keep the first of each id.
 */
function withoutRepeatedIds(entries: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  return entries.filter((entry) => {
    const id = typeof entry === 'object' && entry !== null && 'id' in entry && typeof entry.id === 'string' ? entry.id : undefined;
    if (id === undefined) {
      return true; // the outbox validates it and reports it
    }
    if (seen.has(id)) {
      return false;
    }
    seen.add(id);
    return true;
  });
}

/** Signal 0 checks that a process exists without touching it; EPERM means it exists under another user. */
function processIsAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
