// Where the outbox lives between sessions: one JSON file under the
// extension's global storage folder. A file rather than globalState because
// "persisted before the first attempt" must mean on disk when enqueue
// resolves: the file is written to a temporary name, flushed (fsync), renamed
// over the old one, and the folder flushed so the rename itself survives a
// crash, which then leaves the old or the new list, never half of one. A
// failed save (a full disk) removes its temporary file, and a load removes
// those a crash left; a damaged file can be set aside for a person to read.
// Each save still writes the whole list: it holds only unconfirmed writes, and
// the outbox batches saves that are asked for while one is running.
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import type { OutboxEntry, OutboxStorage } from '../core/outbox';

export const OUTBOX_FILE_NAME = 'outbox.json';

/** The file operations used: Node's, or a test's that fails on purpose. */
export interface OutboxFileSystem {
  mkdir(folder: string, options: { recursive: true }): Promise<unknown>;
  open(file: string, flags: string, mode?: number): Promise<OutboxFileHandle>;
  readFile(file: string, encoding: 'utf8'): Promise<string>;
  readdir(folder: string): Promise<string[]>;
  rename(from: string, to: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export interface OutboxFileHandle {
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

const nodeFileSystem: OutboxFileSystem = {
  mkdir: (folder, options) => fsp.mkdir(folder, options),
  open: (file, flags, mode) => fsp.open(file, flags, mode),
  readFile: (file, encoding) => fsp.readFile(file, encoding),
  readdir: (folder) => fsp.readdir(folder),
  rename: (from, to) => fsp.rename(from, to),
  unlink: (file) => fsp.unlink(file),
};

/** Where fsync of a folder cannot be asked for (some network and FUSE file systems): the rename is as durable as it gets. */
const FOLDER_SYNC_UNSUPPORTED: ReadonlySet<string | undefined> = new Set(['EINVAL', 'ENOTSUP', 'EISDIR', 'EBADF']);

/** The temporary name of a save of `file`: `<file>.<12 hex>.tmp`. */
function temporaryName(file: string): string {
  return `${file}.${randomBytes(6).toString('hex')}.tmp`;
}

function isTemporaryOf(fileName: string, name: string): boolean {
  return name.startsWith(`${fileName}.`) && /^\.[0-9a-f]{12}\.tmp$/.test(name.slice(fileName.length));
}

export class FileOutboxStorage implements OutboxStorage {
  /** `locate` is asked on first use: activation computes no paths and touches no disk. */
  constructor(
    private readonly locate: () => string,
    private readonly log: (line: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
    private readonly fs: OutboxFileSystem = nodeFileSystem,
  ) {}

  get file(): string {
    return this.locate();
  }

  async load(): Promise<unknown> {
    await this.removeLeftovers();
    let text: string;
    try {
      text = await this.fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return undefined;
      }
      throw error;
    }
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      this.log(`Outbox: ${this.file} is not JSON (${(error as Error).message})`);
      // Not a list: the outbox reports it and sets the file aside.
      return { notJson: (error as Error).message };
    }
  }

  async save(entries: readonly OutboxEntry[]): Promise<void> {
    const file = this.file;
    await this.fs.mkdir(path.dirname(file), { recursive: true });
    const temporary = temporaryName(file);
    try {
      await this.writeFlushed(temporary, `${JSON.stringify(entries, null, 1)}\n`);
      await this.fs.rename(temporary, file);
    } catch (error) {
      // A full disk must not also leave a half-written copy per attempt.
      await this.fs.unlink(temporary).catch(() => undefined); // it may not exist; the write's error is the one to report
      throw error;
    }
    await this.syncFolder(path.dirname(file));
  }

  /** Renames the damaged file next to the good one, with the time in its name; never deletes it. */
  async setAside(reason: string): Promise<string | undefined> {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    const aside = `${this.file}.unreadable-${stamp}`;
    try {
      await this.fs.rename(this.file, aside);
      this.log(`Outbox: set ${this.file} aside as ${aside}: ${reason}`);
      return aside;
    } catch (error) {
      this.log(`Outbox: could not set ${this.file} aside (${(error as Error).message})`);
      return undefined;
    }
  }

  private async writeFlushed(file: string, text: string): Promise<void> {
    const handle = await this.fs.open(file, 'w', 0o600);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** A rename is on disk only once its folder is (POSIX). Windows cannot open a folder, and NTFS journals the rename. */
  private async syncFolder(folder: string): Promise<void> {
    if (process.platform === 'win32') {
      return;
    }
    try {
      const handle = await this.fs.open(folder, 'r');
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
    } catch (error) {
      if (!FOLDER_SYNC_UNSUPPORTED.has((error as NodeJS.ErrnoException).code)) {
        throw error;
      }
    }
  }

  /**
   * The temporary files of saves that a crash or a full disk interrupted:
   * never the list itself (that is renamed into place whole), so they can go.
   * Only this file's: one storage per file, one window per file.
   */
  private async removeLeftovers(): Promise<void> {
    const folder = path.dirname(this.file);
    const fileName = path.basename(this.file);
    let names: string[];
    try {
      names = await this.fs.readdir(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return;
      }
      throw error;
    }
    for (const name of names.filter((n) => isTemporaryOf(fileName, n))) {
      await this.fs.unlink(path.join(folder, name)).catch((error: Error) => this.log(`Outbox: could not remove ${name} (${error.message})`));
    }
  }
}
