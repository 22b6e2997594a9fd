// What the trade-offs need from the built-in Git extension, when it is there:
// the branch (its item goes first in the picker), HEAD (the commit a trade-off
// was marked at), user.name (its author) and renames (a trade-off follows its
// file). Only the few members used are declared; all of them are optional.
import * as vscode from 'vscode';

interface GitChange {
  readonly originalUri: vscode.Uri;
  readonly renameUri?: vscode.Uri;
  readonly status: number;
}

interface GitRepository {
  readonly rootUri: vscode.Uri;
  readonly state: {
    readonly HEAD?: { readonly name?: string; readonly commit?: string };
    readonly indexChanges: readonly GitChange[];
    readonly workingTreeChanges: readonly GitChange[];
    readonly onDidChange: vscode.Event<void>;
  };
  getConfig?(key: string): Promise<string>;
}

interface GitApi {
  readonly repositories: readonly GitRepository[];
  getRepository(uri: vscode.Uri): GitRepository | null;
  readonly onDidOpenRepository: vscode.Event<GitRepository>;
}

// Status.INDEX_RENAMED and Status.INTENT_TO_RENAME in the Git extension's git.d.ts.
const RENAMED = new Set([3, 10]);

export class GitInfo {
  private api(): GitApi | undefined {
    const extension = vscode.extensions.getExtension<{ getAPI(version: 1): GitApi }>('vscode.git');
    if (!extension?.isActive) {
      return undefined;
    }
    try {
      return extension.exports.getAPI(1);
    } catch {
      return undefined; // the Git extension is disabled ("git.enabled": false)
    }
  }

  private repository(uri: vscode.Uri): GitRepository | undefined {
    return this.api()?.getRepository(uri) ?? undefined;
  }

  branch(uri: vscode.Uri): string | undefined {
    return this.repository(uri)?.state.HEAD?.name;
  }

  headCommit(uri: vscode.Uri): string | null {
    return this.repository(uri)?.state.HEAD?.commit ?? null;
  }

  async userName(uri: vscode.Uri): Promise<string | undefined> {
    try {
      return (await this.repository(uri)?.getConfig?.('user.name')) || undefined;
    } catch {
      return undefined; // user.name unset: git answers with an error
    }
  }

  /** Activates the Git extension if it is installed and enabled; true when its API is usable. */
  async ready(): Promise<boolean> {
    const extension = vscode.extensions.getExtension('vscode.git');
    try {
      await extension?.activate();
    } catch {
      return false; // no usable Git extension: trade-offs work without it, as when it is disabled
    }
    return this.api() !== undefined;
  }

  /** Calls `onRename(from, to)` for each rename git reports in the repository holding `folder`, once it is open. */
  watchRenames(folder: vscode.Uri, onRename: (from: vscode.Uri, to: vscode.Uri) => void): vscode.Disposable {
    const api = this.api();
    const repository = this.repository(folder);
    if (!repository) {
      // The repository opens a moment after the extension: watch for it.
      let inner: vscode.Disposable | undefined;
      const opened = api?.onDidOpenRepository(() => {
        if (!inner && this.repository(folder)) {
          inner = this.watchRenames(folder, onRename);
        }
      });
      return { dispose: () => (opened?.dispose(), inner?.dispose()) };
    }
    return repository.state.onDidChange(() => {
      for (const change of [...repository.state.indexChanges, ...repository.state.workingTreeChanges]) {
        if (RENAMED.has(change.status) && change.renameUri) {
          onRename(change.originalUri, change.renameUri);
        }
      }
    });
  }
}
