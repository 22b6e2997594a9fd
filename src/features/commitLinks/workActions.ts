// What the commands of commit links do: start work on an item, link an item
// to the commit message, link a past commit, open a commit's changes. A
// bundle of its own (dist/workCommands.js), loaded when one of them first
// runs: workCommands.ts registers them at activation, nothing of this is
// needed before.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { singleLineText } from '../../core/displayText';
import type { ItemSummary } from '../../core/model';
import { branchNameFor } from '../../core/branchName';
import { appendTrailers } from '../../core/trailers';
import type { Git, Repository } from '../../platform/git';
import { assertSha } from '../../platform/git';
import { pickFeedbackItem } from '../../platform/itemPicker';
import { newLinkFor } from './linkedCommits';
import type { WorkCommandDeps } from './workCommands';

/** An item id from a command argument: an id, a tree node, or an SCM/panel argument with `itemId`. */
function itemIdOf(target: unknown): string | undefined {
  if (typeof target === 'string') {
    return target;
  }
  if (target && typeof target === 'object') {
    const node = target as { kind?: unknown; item?: { id?: unknown }; itemId?: unknown };
    if (node.kind === 'item' && typeof node.item?.id === 'string') {
      return node.item.id;
    }
    if (typeof node.itemId === 'string') {
      return node.itemId;
    }
  }
  return undefined;
}

/** The shared item pick (platform/itemPicker.ts) over the Feedback view's items. */
async function pickItem(deps: WorkCommandDeps, placeholder: string): Promise<ItemSummary | undefined> {
  const known = deps.loadedItems();
  if (known.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No feedback items are loaded: open the Feedback view first.'));
    return undefined;
  }
  return pickFeedbackItem({ placeholder, known });
}

async function pickRepository(git: Git, target?: unknown): Promise<Repository | undefined> {
  const rootUri = (target as { rootUri?: unknown } | undefined)?.rootUri;
  if (rootUri instanceof vscode.Uri) {
    return git.repositoryFor(rootUri);
  }
  const current = git.currentRepository();
  if (current || git.repositories.length === 0) {
    if (!current) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No Git repository is open.'));
    }
    return current;
  }
  const picked = await vscode.window.showQuickPick(
    git.repositories.map((repo) => ({ label: path.basename(repo.rootUri.fsPath), description: repo.rootUri.fsPath, repo })),
    { placeHolder: vscode.l10n.t('Which repository?') },
  );
  return picked?.repo;
}

export async function startWork(deps: WorkCommandDeps, target: unknown): Promise<void> {
  const id = itemIdOf(target);
  const item = id ? (deps.findItem(id) ?? { id, title: '' }) : await pickItem(deps, vscode.l10n.t('Start work on which item?'));
  const repo = item && (await pickRepository(deps.git));
  if (!item || !repo) {
    return;
  }
  const branch = branchNameFor(deps.branchTemplate(), item);
  try {
    await repo.createBranch(branch, true);
  } catch {
    await repo.checkout(branch); // it exists: work on it again
  }
  await deps.current.remember(repo, branch, item.id);
  void vscode.window.showInformationMessage(vscode.l10n.t('Working on {0} on branch {1}.', item.id, branch));
}

export async function linkItemToMessage(deps: WorkCommandDeps, target: unknown): Promise<void> {
  const repo = await pickRepository(deps.git, target);
  const item = repo && (await pickItem(deps, vscode.l10n.t('Link which feedback item to the commit message?')));
  const trailer = item && deps.current.trailerFor(item.id);
  if (repo && trailer) {
    repo.inputBox.value = appendTrailers(repo.inputBox.value, [trailer]);
  }
}

export async function linkPastCommit(deps: WorkCommandDeps, target: unknown): Promise<void> {
  const id = itemIdOf(target) ?? (await pickItem(deps, vscode.l10n.t('Link a commit to which item?')))?.id;
  const repo = id && (await pickRepository(deps.git));
  if (!id || !repo) {
    return;
  }
  const commits = await repo.log({ maxEntries: 200 });
  const picked = await vscode.window.showQuickPick(
    commits.map((c) => ({
      label: singleLineText(c.message.split('\n')[0]),
      description: `${singleLineText(c.authorName ?? '')} · ${c.authorDate?.toLocaleDateString() ?? ''}`,
      detail: c.hash.slice(0, 7),
      sha: c.hash,
    })),
    { placeHolder: vscode.l10n.t('Link which commit to {0}?', id), matchOnDescription: true, matchOnDetail: true },
  );
  if (!picked) {
    return;
  }
  const link = await newLinkFor(deps.git, repo.rootUri.fsPath, assertSha(picked.sha));
  await deps.writer.sendLink(id, link);
  deps.linked(id);
  void vscode.window.showInformationMessage(vscode.l10n.t('Linked {0} to {1}.', picked.sha.slice(0, 7), id));
}

/** Opens the commit's changes in a multi-file diff (`vscode.changes`), git: URIs from the Git extension. */
export async function openCommitChanges(git: Git, root: string, sha: string): Promise<void> {
  assertSha(sha);
  const [files, parent] = await Promise.all([git.changedFiles(root, sha), git.parentOf(root, sha)]);
  const resources = files.map((file) => {
    const uri = vscode.Uri.file(path.join(root, file.path));
    const before = parent && file.status !== 'A' ? git.toGitUri(vscode.Uri.file(path.join(root, file.oldPath ?? file.path)), parent) : undefined;
    const after = file.status === 'D' ? undefined : git.toGitUri(uri, sha);
    return [uri, before, after] as const;
  });
  await vscode.commands.executeCommand('vscode.changes', `${sha.slice(0, 7)} (${path.basename(root)})`, resources);
}

/** The Open Commit Changes command: `{ root, sha }` of an open repository. */
export async function openCommitCommand(deps: WorkCommandDeps, target: unknown): Promise<void> {
  const { root, sha } = (target ?? {}) as { root?: unknown; sha?: unknown };
  if (typeof root === 'string' && typeof sha === 'string' && deps.git.repositories.some((r) => r.rootUri.fsPath === root)) {
    await openCommitChanges(deps.git, root, sha);
  }
}
