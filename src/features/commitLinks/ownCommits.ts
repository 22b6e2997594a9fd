// The commits the user makes in this window through Source Control: the Git
// extension's `onDidCommit` fires for its own commit operation (the commit box,
// the Commit commands) and never for a pull, a checkout or a commit made in a
// terminal. It also fires when that commit failed, so HEAD's reflog must say a
// commit just moved it (linkPolicy.ts). Each is announced with its message.
import * as vscode from 'vscode';
import { Disposable } from '../../platform/disposable';
import { assertSha } from '../../platform/git';
import type { Git, Repository } from '../../platform/git';
import { isFreshCommitEntry } from './linkPolicy';

/** A commit the user just made through Source Control. */
export interface OwnCommit {
  readonly root: string;
  readonly sha: string;
  readonly message: string;
}

/** `onDidCommit` is in the Git extension's API 1 (git.d.ts); declared here, optional, as only this file uses it. */
type CommittingRepository = Repository & { readonly onDidCommit?: vscode.Event<void> };

export class OwnCommits extends Disposable {
  private readonly watched = new Map<string, vscode.Disposable>();
  private readonly committed = this._register(new vscode.EventEmitter<OwnCommit>());
  readonly onDidCommit = this.committed.event;

  constructor(
    private readonly git: Git,
    private readonly log: (line: string) => void,
  ) {
    super();
    this._register(git.onDidChangeRepositories(() => this.watchRepositories()));
    this._register({ dispose: () => this.watched.forEach((w) => w.dispose()) });
    this.watchRepositories();
  }

  private watchRepositories(): void {
    const open = new Set(this.git.repositories.map((r) => r.rootUri.fsPath));
    for (const [root, watch] of this.watched) {
      if (!open.has(root)) {
        watch.dispose();
        this.watched.delete(root);
      }
    }
    for (const repo of this.git.repositories as readonly CommittingRepository[]) {
      const root = repo.rootUri.fsPath;
      if (this.watched.has(root)) {
        continue;
      }
      if (!repo.onDidCommit) {
        this.log(`The Git extension does not report commits in ${root}: links are posted only with “Link a Past Commit…”`);
        this.watched.set(root, { dispose: () => undefined });
        continue;
      }
      this.watched.set(root, repo.onDidCommit(() => void this.announce(root)));
    }
  }

  private async announce(root: string): Promise<void> {
    try {
      // HEAD's last move, from the reflog: the commit just made, unless the commit failed (isFreshCommitEntry).
      const entry = await this.git.run(root, ['log', '-g', '-1', '--date=unix', '--format=%H%x00%gd%x00%gs', 'HEAD']);
      const [sha = '', selector = '', subject = ''] = entry.replace(/\n$/, '').split('\0');
      const movedAt = Number(/@\{(\d+)\}$/.exec(selector)?.[1] ?? NaN) * 1000;
      if (!isFreshCommitEntry(subject, movedAt, Date.now())) {
        this.log(`Source Control reported a commit in ${root}, but HEAD's last move is ${JSON.stringify(subject.slice(0, 80))}: no link posted`);
        return;
      }
      const message = await this.git.run(root, ['show', '-s', '--format=%B', '--end-of-options', assertSha(sha)]);
      this.committed.fire({ root, sha, message });
    } catch (error) {
      this.log(`Could not read the commit just made in ${root}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
