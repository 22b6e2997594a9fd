// The item a branch was started from: remembered per repository and branch,
// shown in the status bar (click: open its panel), and proposed as a trailer
// in the commit message box whenever that box is empty on such a branch.
// With several connections (issue 14) the connection the item was chosen in
// is remembered beside it: the trailer names that connection's kind, and a
// link of a commit on the branch goes there when its trailer could mean two.
import * as vscode from 'vscode';
import { formatItemRef, isRefConnectionId } from '../../core/itemRef';
import { formatTrailerValue } from '../../core/references';
import { appendTrailers } from '../../core/trailers';
import { Disposable } from '../../platform/disposable';
import type { Git, Repository } from '../../platform/git';

const STATE_KEY = 'feedbackLoop.links.branchItems';
/** Apart from the items, so that what an older version stored (and reads) keeps its form. */
const CONNECTIONS_KEY = 'feedbackLoop.links.branchConnections';

export interface CurrentItemDeps {
  readonly git: Git;
  readonly state: vscode.Memento;
  readonly trailerKey: () => string;
  /** The tracker kind of a connection (undefined: of the first), which the trailer names; undefined without one. */
  readonly trackerKind: (connectionId: string | undefined) => string | undefined;
  readonly titleOf: (id: string) => string | undefined;
}

export class CurrentItem extends Disposable {
  private readonly statusItem = this._register(vscode.window.createStatusBarItem('feedbackLoop.currentItem', vscode.StatusBarAlignment.Left, 50));
  private readonly watched = new Map<string, vscode.Disposable>();
  /** The item the status bar entry's command opens: its command is set only when this changes. */
  private commandItemId: string | undefined;

  constructor(private readonly deps: CurrentItemDeps) {
    super();
    this.statusItem.name = vscode.l10n.t('Feedback Loop: Current Item');
    this._register(deps.git.onDidChangeRepositories(() => this.watchRepositories()));
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this._register({ dispose: () => this.watched.forEach((w) => w.dispose()) });
    this.watchRepositories();
  }

  /** Remembers that `branch` of `repo` works on `itemId`, of `connectionId` when known. */
  async remember(repo: Repository, branch: string, itemId: string, connectionId?: string): Promise<void> {
    const key = this.key(repo, branch);
    const connections = this.stored(CONNECTIONS_KEY);
    // An item chosen in no known connection drops what the branch's item of before was chosen in.
    delete connections[key];
    await this.deps.state.update(STATE_KEY, { ...this.branchItems(), [key]: itemId });
    await this.deps.state.update(CONNECTIONS_KEY, connectionId === undefined ? connections : { ...connections, [key]: connectionId });
    this.update();
  }

  /** The connection the item of `repo`'s current branch was chosen in, if known. */
  connectionOf(repo: Repository | undefined): string | undefined {
    const branch = repo?.state.HEAD?.name;
    return repo && branch ? this.stored(CONNECTIONS_KEY)[this.key(repo, branch)] : undefined;
  }

  /** The item of `repo`'s current branch, if it was started from one. */
  itemOf(repo: Repository | undefined): string | undefined {
    const branch = repo?.state.HEAD?.name;
    return repo && branch ? this.branchItems()[this.key(repo, branch)] : undefined;
  }

  /** Refreshes the status bar and proposes the trailer where the box is empty. */
  update(): void {
    for (const repo of this.deps.git.repositories) {
      this.propose(repo);
    }
    const repo = this.deps.git.currentRepository();
    const itemId = this.itemOf(repo);
    if (!itemId) {
      this.statusItem.hide();
      return;
    }
    const title = this.deps.titleOf(itemId);
    this.statusItem.text = `$(comment-discussion) ${itemId}`;
    this.statusItem.tooltip = title ? `${itemId}: ${title}` : itemId;
    // A command with arguments lives under an id VS Code makes for each assignment and
    // drops at the next: re-set on every repository change (git refreshes after a
    // commit), a click landing in between ran nothing ("command not found").
    // Its connection's item when known (a bare id makes Open Item ask which connection's).
    const connectionId = this.connectionOf(repo);
    const target = connectionId !== undefined && isRefConnectionId(connectionId) ? formatItemRef({ connection: connectionId, id: itemId }) : itemId;
    if (this.commandItemId !== target) {
      this.statusItem.command = { title: vscode.l10n.t('Open Feedback Item'), command: 'feedbackLoop.openItem', arguments: [target] };
      this.commandItemId = target;
    }
    this.statusItem.show();
  }

  /** The trailer line for `itemId` of `connectionId` (undefined: the first's), e.g. `Feedback: rest:FB-12`. */
  trailerFor(itemId: string, connectionId?: string): { key: string; value: string } | undefined {
    const kind = this.deps.trackerKind(connectionId);
    return kind ? { key: this.deps.trailerKey(), value: formatTrailerValue(kind, itemId) } : undefined;
  }

  private propose(repo: Repository): void {
    const itemId = this.itemOf(repo);
    const trailer = itemId ? this.trailerFor(itemId, this.connectionOf(repo)) : undefined;
    // Only an empty box: never rewrite what the user is typing.
    if (trailer && repo.inputBox.value.trim() === '') {
      repo.inputBox.value = appendTrailers('', [trailer]);
    }
  }

  private branchItems(): Record<string, string> {
    return this.stored(STATE_KEY);
  }

  /** A map of strings from workspace state, anything else in it dropped. */
  private stored(stateKey: string): Record<string, string> {
    const raw = this.deps.state.get<unknown>(stateKey);
    if (!raw || typeof raw !== 'object') {
      return {};
    }
    return Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string'));
  }

  private key(repo: Repository, branch: string): string {
    return `${repo.rootUri.fsPath}\u0000${branch}`;
  }

  private watchRepositories(): void {
    for (const repo of this.deps.git.repositories) {
      const root = repo.rootUri.fsPath;
      if (!this.watched.has(root)) {
        this.watched.set(root, repo.state.onDidChange(() => this.update()));
      }
    }
    this.update();
  }
}
