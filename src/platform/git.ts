// The Git layer: the built-in Git extension's API (repositories, HEAD, the
// commit input box, branches, git: URIs) where it offers what we need, and the
// git executable for the rest (streaming log, ancestry, tags, file history):
// always execFile with an argument array, `--end-of-options` before any ref,
// commit ids validated first. Never a shell.
import { execFile } from 'node:child_process';
import * as vscode from 'vscode';
import type { API, GitExtension, Repository } from './gitApi';
import { Disposable } from './disposable';
import { gitEnv, gitProcess } from './gitProcess';
import type { GitProcess } from './gitProcess';

export type { Repository } from './gitApi';

const SHA = /^[0-9a-f]{7,40}$/;

export function assertSha(sha: string): string {
  if (!SHA.test(sha)) {
    throw new Error(`Not a commit id: ${JSON.stringify(sha.slice(0, 60))}`);
  }
  return sha;
}

/** A changed file of a commit: its status letter and path(s), relative to the repository root. */
export interface ChangedFile {
  readonly status: string;
  readonly path: string;
  readonly oldPath?: string;
}

export class Git extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires when a repository opens or closes, or the Git extension becomes ready. */
  readonly onDidChangeRepositories = this.changed.event;

  private api: API | undefined;
  /** The git executable VS Code uses, for what needs no VS Code (platform/changeBlame.ts). */
  readonly process: GitProcess = gitProcess(() => this.gitPath());

  /**
   * Connects to `vscode.git` in the background (activating it may take a
   * while): until then, and without it (disabled, a virtual workspace), there
   * are no repositories; onDidChangeRepositories fires when it is ready.
   */
  constructor(log: (line: string) => void) {
    super();
    const extension = vscode.extensions.getExtension<GitExtension>('vscode.git');
    const exports = extension ? (extension.isActive ? Promise.resolve(extension.exports) : extension.activate()) : Promise.resolve(undefined);
    exports.then(
      (git) => this.attach(git?.enabled ? git.getAPI(1) : undefined),
      (error: unknown) => log(`Git extension unavailable: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  private attach(api: API | undefined): void {
    if (!api || this.isDisposed) {
      return;
    }
    this.api = api;
    this._register(api.onDidOpenRepository(() => this.changed.fire()));
    this._register(api.onDidCloseRepository(() => this.changed.fire()));
    this._register(api.onDidChangeState(() => this.changed.fire()));
    this.changed.fire();
  }

  get repositories(): readonly Repository[] {
    return this.api?.repositories ?? [];
  }

  repositoryFor(uri: vscode.Uri): Repository | undefined {
    return this.api?.getRepository(uri) ?? undefined;
  }

  /** The repository of the active editor, else the only one, else undefined. */
  currentRepository(): Repository | undefined {
    const active = vscode.window.activeTextEditor?.document.uri;
    const repo = active ? this.repositoryFor(active) : undefined;
    return repo ?? (this.repositories.length === 1 ? this.repositories[0] : undefined);
  }

  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri {
    if (!this.api) {
      throw new Error('The Git extension is not available');
    }
    return this.api.toGitUri(uri, ref);
  }

  /** Runs git in `root` and resolves with stdout; rejects with git's message. */
  run(root: string, args: readonly string[]): Promise<string> {
    return this.process.run(root, args);
  }

  /** Whether git exits 0 (for yes/no questions like `merge-base --is-ancestor`). */
  succeeds(root: string, args: readonly string[]): Promise<boolean> {
    return new Promise((resolve) => {
      execFile(this.gitPath(), [...args], { cwd: root, env: gitEnv() }, (error) => resolve(!error));
    });
  }

  /** Streams `git log` output to `onChunk` as it arrives; resolves when git exits. */
  streamLog(root: string, args: readonly string[], onChunk: (text: string) => void, signal?: AbortSignal): Promise<void> {
    return this.process.stream(root, ['log', ...args], onChunk, signal);
  }

  /** The branch others merge into: origin's HEAD, else a local main or master. */
  async defaultBranch(root: string): Promise<string | undefined> {
    // Fails when there is no origin or it was never fetched: then a local main or master.
    const remote = await this.run(root, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']).catch(() => '');
    if (remote.trim()) {
      return remote.trim();
    }
    for (const name of ['main', 'master']) {
      if (await this.succeeds(root, ['rev-parse', '--verify', '--quiet', `refs/heads/${name}`])) {
        return name;
      }
    }
    return undefined;
  }

  /** Whether `sha` is on `branch`, and the tags that contain it (at most 10). */
  async whereIs(root: string, sha: string, branch: string | undefined): Promise<{ onDefaultBranch: boolean; tags: string[] }> {
    assertSha(sha);
    const onDefaultBranch = branch ? await this.succeeds(root, ['merge-base', '--is-ancestor', '--end-of-options', sha, branch]) : false;
    // Tags are a detail of a linked commit's row: a failure shows none.
    const tags = await this.run(root, ['tag', '--contains', sha, '--sort=creatordate']).catch(() => '');
    return { onDefaultBranch, tags: tags.split('\n').filter(Boolean).slice(0, 10) };
  }

  /** The files `sha` changed against its first parent (or, for a root commit, all its files). */
  async changedFiles(root: string, sha: string): Promise<ChangedFile[]> {
    assertSha(sha);
    const out = await this.run(root, ['diff-tree', '--no-commit-id', '-r', '--root', '-M', '--name-status', '-z', '--end-of-options', sha]);
    const parts = out.split('\0');
    const files: ChangedFile[] = [];
    for (let i = 0; i + 1 < parts.length && parts[i]; ) {
      const status = parts[i];
      if (status.startsWith('R') || status.startsWith('C')) {
        files.push({ status: status[0], oldPath: parts[i + 1], path: parts[i + 2] });
        i += 3;
      } else {
        files.push({ status, path: parts[i + 1] });
        i += 2;
      }
    }
    return files;
  }

  /** The first parent of `sha`, or undefined for a root commit. */
  async parentOf(root: string, sha: string): Promise<string | undefined> {
    assertSha(sha);
    const out = await this.run(root, ['rev-list', '--parents', '-n', '1', '--end-of-options', sha]);
    const parent = out.trim().split(' ')[1];
    return parent && SHA.test(parent) ? parent : undefined;
  }

  /** Commits (newest first, at most `max`) that touched `relativePath` on HEAD. */
  async commitsTouching(root: string, relativePath: string, max: number): Promise<string[]> {
    const out = await this.run(root, ['log', '--format=%H', `--max-count=${max}`, '--end-of-options', 'HEAD', '--', relativePath]);
    return out.split('\n').filter((line) => SHA.test(line));
  }

  private gitPath(): string {
    return this.api?.git.path ?? 'git';
  }
}
