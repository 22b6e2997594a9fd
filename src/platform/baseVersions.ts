// A file as it was at the base of the current changes, in a file of its own:
// `git diff --no-index` compares files, and an editor's unsaved text comes on
// standard input, so the other side must be on disk. Kept per blob id in a
// private temp dir (a few at a time: typing in one file asks for the same one
// at every pause), removed on dispose.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { GitProcess } from './gitProcess';

const BLOB = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** Base versions kept on disk at once: the files being typed in. */
const KEPT_FILES = 16;

export interface BaseFile {
  readonly file: string;
  readonly blob: string;
}

export class BaseVersions {
  private directory: Promise<string> | undefined;
  private made: string | undefined;
  /** Blob → its file, the most recently used last. */
  private readonly files = new Map<string, Promise<string>>();

  constructor(private readonly git: GitProcess) {}

  /** `filePath` at `commit` in a file; undefined when the path holds no file there (added since). */
  async file(root: string, commit: string, filePath: string, signal: AbortSignal): Promise<BaseFile | undefined> {
    // `<commit>:<path>` starts with the checked commit id: never an option. Exit 1: no such path.
    const blob = (await this.git.run(root, ['rev-parse', '--verify', '--quiet', `${commit}:${filePath}`], signal, { answerCodes: [1] })).trim();
    if (!BLOB.test(blob)) {
      return undefined;
    }
    let file = this.files.get(blob);
    if (file) {
      this.files.delete(blob); // to the end: used most recently
    } else {
      file = this.write(root, blob);
      void file.catch(() => this.files.delete(blob)); // written again next time
    }
    this.files.set(blob, file);
    this.evict();
    return { file: await file, blob };
  }

  dispose(): void {
    if (this.made !== undefined) {
      fs.rmSync(this.made, { recursive: true, force: true });
    }
    this.directory = undefined;
    this.made = undefined;
    this.files.clear();
  }

  private async write(root: string, blob: string): Promise<string> {
    this.directory ??= fs.promises.mkdtemp(path.join(os.tmpdir(), 'feedback-loop-base-')).then((dir) => (this.made = dir));
    const file = path.join(await this.directory, blob);
    // Not aborted: the version of a blob never changes, and the next pause in typing wants it too.
    const text = await this.git.run(root, ['cat-file', 'blob', blob]);
    await fs.promises.writeFile(file, text, { mode: 0o600 });
    return file;
  }

  private evict(): void {
    for (const [blob, file] of this.files) {
      if (this.files.size <= KEPT_FILES) {
        return;
      }
      this.files.delete(blob);
      void file.then((name) => fs.promises.rm(name, { force: true })).catch(() => undefined);
    }
  }
}
