// The data file: validated when loaded, replaced atomically (temp file, fsync,
// rename) when saved, so a crash leaves either the old or the new state and
// never half of one. Saves are coalesced: writes that arrive while a save runs
// share the next save, and each caller resolves once its change is on disk.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { parseOrThrow } from '../core/validation';
import type { TrackerData } from './data';
import { dataFileSchema } from './data';

export async function loadDataFile(file: string): Promise<TrackerData | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      return undefined;
    }
    throw error;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`, { cause: error });
  }
  return parseOrThrow(dataFileSchema, json, file);
}

export class DataFile {
  private running: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private tempCounter = 0;
  private closed = false;

  constructor(
    private readonly file: string,
    /** The state to write, taken when a save starts so it holds every change made before. */
    private readonly snapshot: () => string,
  ) {}

  save(): Promise<void> {
    if (this.closed) {
      return Promise.reject(new Error('The data file is closed: the tracker has stopped.'));
    }
    if (this.queued) {
      return this.queued;
    }
    if (this.running) {
      const after = this.running.catch(() => undefined); // its caller gets the error; the next save only waits
      this.queued = after.then(() => {
        this.queued = null;
        return this.start();
      });
      return this.queued;
    }
    return this.start();
  }

  /** Resolves when no save is running or queued. */
  async idle(): Promise<void> {
    while (this.queued ?? this.running) {
      await (this.queued ?? this.running)?.catch(() => undefined); // their callers get the errors
    }
  }

  /** Finishes pending saves and refuses later ones, so nothing writes the file after stop(). */
  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  private start(): Promise<void> {
    const run = this.write(this.snapshot()).finally(() => {
      if (this.running === run) {
        this.running = null;
      }
    });
    this.running = run;
    return run;
  }

  private async write(text: string): Promise<void> {
    await fs.mkdir(path.dirname(this.file), { recursive: true });
    const temp = `${this.file}.${process.pid}.${this.tempCounter++}.tmp`;
    const handle = await fs.open(temp, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await fs.rename(temp, this.file);
    } catch (error) {
      await fs.rm(temp, { force: true });
      throw error;
    }
  }
}
