// Where the last-known items live between sessions (issue 12): one JSON file
// per workspace and tracker. Written as the outbox's file is (outboxStorage.ts):
// to a temporary name, flushed, renamed over the old one, the folder flushed,
// so a crash leaves the old snapshot or the new one, never half of one. Read
// with zod; a file that cannot be read is set aside (renamed, never deleted)
// and nothing is shown from it. The file is a cache: losing it costs only the
// rows shown before the tracker answers.
import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { readSnapshot } from '../core/snapshot';
import type { Snapshot } from '../core/snapshot';

const TEMPORARY = /^\.[0-9a-f]{12}\.tmp$/;

export class SnapshotStorage {
  /** `locate` is asked on first use: activation computes no paths and touches no disk. */
  constructor(
    private readonly locate: () => string,
    private readonly log: (line: string) => void = () => undefined,
  ) {}

  /** The stored snapshot; undefined when there is none, it is over `maxBytes`, or it cannot be read (then set aside). */
  async read(maxBytes: number): Promise<Snapshot | undefined> {
    const file = this.locate();
    let text: string;
    try {
      const size = (await fsp.stat(file)).size;
      if (size > maxBytes) {
        this.log(`Snapshot: ${file} holds ${size} bytes, over the ${maxBytes} allowed; not read`);
        return undefined;
      }
      text = await fsp.readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        this.log(`Snapshot: could not read ${file} (${(error as Error).message})`);
      }
      return undefined;
    }
    const read = readSnapshot(text);
    if (read.ok) {
      return read.snapshot;
    }
    await this.setAside(file, read.reason);
    return undefined;
  }

  async write(text: string): Promise<void> {
    const file = this.locate();
    const folder = path.dirname(file);
    await fsp.mkdir(folder, { recursive: true });
    await this.removeLeftovers(file);
    const temporary = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await fsp.open(temporary, 'w', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fsp.rename(temporary, file);
    } catch (error) {
      await fsp.unlink(temporary).catch(() => undefined);
      throw error;
    }
    await syncFolder(folder);
  }

  /** Removes the stored snapshot (the bound was set to 0). */
  async remove(): Promise<void> {
    await fsp.unlink(this.locate()).catch(() => undefined);
  }

  private async setAside(file: string, reason: string): Promise<void> {
    const aside = `${file}.unreadable-${new Date().toISOString().replace(/[:.]/g, '-')}`;
    try {
      await fsp.rename(file, aside);
      this.log(`Snapshot: set ${file} aside as ${aside}: ${reason}`);
    } catch (error) {
      this.log(`Snapshot: ${file} cannot be read (${reason}) nor set aside (${(error as Error).message})`);
    }
  }

  /** Temporary files of writes a crash interrupted: never the snapshot itself. */
  private async removeLeftovers(file: string): Promise<void> {
    const folder = path.dirname(file);
    const name = path.basename(file);
    const names = await fsp.readdir(folder).catch(() => [] as string[]);
    for (const other of names.filter((n) => n.startsWith(`${name}.`) && TEMPORARY.test(n.slice(name.length)))) {
      await fsp.unlink(path.join(folder, other)).catch(() => undefined);
    }
  }
}

/** A rename is on disk only once its folder is (POSIX); Windows cannot open a folder. */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') {
    return;
  }
  try {
    const handle = await fsp.open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Some file systems cannot flush a folder: the rename is as durable as it gets.
  }
}
