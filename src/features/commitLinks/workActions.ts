// What the commands of commit links do: start work on an item, link an item
// to the commit message, link a past commit, open a commit's changes. A
// bundle of its own (dist/workCommands.js), loaded when one of them first
// runs: workCommands.ts registers them at activation, nothing of this is
// needed before. With several connections (issue 14) an item is one
// connection's: a row or a ref says which, a bare id is asked about
// (platform/itemTargets.ts) when two connections could have it.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { singleLineText } from '../../core/displayText';
import { parseItemRef } from '../../core/itemRef';
import type { ItemSummary } from '../../core/model';
import { branchNameFor } from '../../core/branchName';
import { appendTrailers } from '../../core/trailers';
import type { Git, Repository } from '../../platform/git';
import { assertSha } from '../../platform/git';
import { pickFeedbackItem } from '../../platform/itemPicker';
import { chooseItemKey, targetKey } from '../../platform/itemTargets';
import { newLinkFor } from './linkedCommits';
import type { WorkCommandDeps } from './workCommands';

/** An item of one connection, or of none known (no connection here could have it: the id alone). */
interface ChosenItem {
  readonly id: string;
  readonly connectionId: string | undefined;
}

/**
 * The item a command argument names: a ref, a bare id or a tree row (its
 * connection's, else asked), or an SCM/panel argument with `itemId`;
 * undefined without one, or when the user chose no connection.
 */
async function itemOf(deps: WorkCommandDeps, target: unknown): Promise<ChosenItem | undefined> {
  const itemId = (target as { itemId?: unknown } | undefined)?.itemId;
  const named = typeof itemId === 'string' ? itemId : target;
  const ref = parseItemRef(await targetKey(named, deps.targets));
  if (ref) {
    return { id: ref.id, connectionId: ref.connection };
  }
  // Without any connection an id is still one to start work on, as before the registry (no trailer, no link).
  return typeof named === 'string' && deps.targets.connections().length === 0 ? { id: named, connectionId: undefined } : undefined;
}

/** The item picked from the loaded ones, of the connection it is chosen in (asked when several have its id). */
async function pickChosenItem(deps: WorkCommandDeps, placeholder: string): Promise<ChosenItem | undefined> {
  const picked = await pickItem(deps, placeholder);
  const ref = picked && parseItemRef(await chooseItemKey(picked.id, deps.targets));
  return ref ? { id: ref.id, connectionId: ref.connection } : undefined;
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
  const chosen = target === undefined ? await pickChosenItem(deps, vscode.l10n.t('Start work on which item?')) : await itemOf(deps, target);
  const item = chosen && (deps.findItem(chosen.id) ?? { id: chosen.id, title: '' });
  const repo = item && (await pickRepository(deps.git));
  if (!chosen || !item || !repo) {
    return;
  }
  const branch = branchNameFor(deps.branchTemplate(), item);
  try {
    await repo.createBranch(branch, true);
  } catch {
    await repo.checkout(branch); // it exists: work on it again
  }
  // The connection it was chosen in: the trailer's kind, and where a link of a commit on the branch goes.
  await deps.current.remember(repo, branch, item.id, chosen.connectionId);
  void vscode.window.showInformationMessage(vscode.l10n.t('Working on {0} on branch {1}.', item.id, branch));
}

export async function linkItemToMessage(deps: WorkCommandDeps, target: unknown): Promise<void> {
  const repo = await pickRepository(deps.git, target);
  const item = repo && (await pickChosenItem(deps, vscode.l10n.t('Link which feedback item to the commit message?')));
  const trailer = item && deps.current.trailerFor(item.id, item.connectionId);
  if (repo && trailer) {
    repo.inputBox.value = appendTrailers(repo.inputBox.value, [trailer]);
  }
}

export async function linkPastCommit(deps: WorkCommandDeps, target: unknown): Promise<void> {
  const chosen = target === undefined ? await pickChosenItem(deps, vscode.l10n.t('Link a commit to which item?')) : await itemOf(deps, target);
  const repo = chosen && (await pickRepository(deps.git));
  // A link is a write as the user: only to the connection the item was chosen in, never a guess.
  const connectionId = chosen?.connectionId;
  if (!chosen || !repo || connectionId === undefined) {
    return;
  }
  const id = chosen.id;
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
  await deps.writer.sendLink(connectionId, id, link);
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

/** Show File Demand: the items linked to commits that touched the active file; the one picked opens (its connection asked when several have it). */
export async function showFileDemand(itemIds: readonly string[], findLoaded: (id: string) => ItemSummary | undefined): Promise<void> {
  const picks = itemIds.map((id) => ({ label: id, description: singleLineText(findLoaded(id)?.title ?? '') }));
  const picked = await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Feedback items linked to commits that touched this file') });
  if (picked) {
    await vscode.commands.executeCommand('feedbackLoop.openItem', picked.label);
  }
}
