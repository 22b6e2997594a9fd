// Where the outbox lives between sessions: one JSON file under the
// extension's global storage folder. A file rather than globalState because
// "persisted before the first attempt" must mean on disk when enqueue
// resolves: the file is written to a temporary name, flushed (fsync) and
// renamed over the old one, so a crash leaves the old or the new list, never
// half of one; and a damaged file can be set aside for a person to read.
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import * as path from 'node:path';
import type { OutboxEntry, OutboxStorage } from '../core/outbox';

export const OUTBOX_FILE_NAME = 'outbox.json';

export class FileOutboxStorage implements OutboxStorage {
  /** `locate` is asked on first use: activation computes no paths and touches no disk. */
  constructor(
    private readonly locate: () => string,
    private readonly log: (line: string) => void = () => undefined,
    private readonly now: () => number = Date.now,
  ) {}

  get file(): string {
    return this.locate();
  }

  async load(): Promise<unknown> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
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
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temporary, 'w', 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(entries, null, 1)}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, this.file);
  }

  /** Renames the damaged file next to the good one, with the time in its name; never deletes it. */
  async setAside(reason: string): Promise<string | undefined> {
    const stamp = new Date(this.now()).toISOString().replace(/[:.]/g, '-');
    const aside = `${this.file}.unreadable-${stamp}`;
    try {
      await rename(this.file, aside);
      this.log(`Outbox: set ${this.file} aside as ${aside}: ${reason}`);
      return aside;
    } catch (error) {
      this.log(`Outbox: could not set ${this.file} aside (${(error as Error).message})`);
      return undefined;
    }
  }
}
