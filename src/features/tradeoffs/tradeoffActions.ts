// What Edit, Resolve, Reopen, Delete, Reply and Open do to a trade-off, from a
// thread, a comment or a row of the Trade-offs view (each passes a different
// argument), and opening a trade-off's place from the item panel and following
// a renamed file. tradeoffCommands.ts registers the commands at activation; this
// file (with markTradeOff.ts) is the bundle dist/tradeoffCommands.js, loaded
// when one of them first runs.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { StoredTradeOff } from '../../core/tradeoffs/tradeoffFile';
import { TradeOffComment } from './commentThreads';
import type { CommandDeps, Target } from './tradeoffCommands';
import type { GitInfo } from './gitInfo';
import type { TradeOffStore } from './tradeoffStore';

function idOf(deps: CommandDeps, target: Target): string | undefined {
  if (typeof target === 'string') {
    return target;
  }
  if (target instanceof TradeOffComment) {
    return target.tradeOffId;
  }
  if (target && 'kind' in target) {
    return target.kind === 'tradeoff' ? target.row.id : undefined;
  }
  if (target && 'thread' in target && 'text' in target) {
    return deps.threads.idOf(target.thread);
  }
  return target ? deps.threads.idOf(target) : undefined;
}

function change(deps: CommandDeps, target: Target, edit: (t: StoredTradeOff) => StoredTradeOff | undefined): Promise<void> {
  const id = idOf(deps, target);
  return deps.store.modify((current) => current.flatMap((t) => (t.id === id ? (edit(t) ?? []) : [t])));
}

export async function edit(deps: CommandDeps, target: Target): Promise<void> {
  const t = deps.store.find(idOf(deps, target) ?? '');
  if (!t) {
    return;
  }
  const summary = await vscode.window.showInputBox({
    title: vscode.l10n.t('Edit Trade-off: summary'),
    value: t.summary,
    validateInput: (v) => (v.trim().length === 0 || v.trim().length > 200 ? vscode.l10n.t('1 to 200 characters.') : undefined),
  });
  const rationale = summary === undefined ? undefined : await vscode.window.showInputBox({ title: vscode.l10n.t('Edit Trade-off: rationale (markdown)'), value: t.rationale });
  if (summary !== undefined && rationale !== undefined) {
    await change(deps, t.id, (old) => ({ ...old, summary: summary.trim(), rationale: rationale.trim() }));
  }
}

export async function remove(deps: CommandDeps, target: Target): Promise<void> {
  const t = deps.store.find(idOf(deps, target) ?? '');
  const confirm = vscode.l10n.t('Delete');
  if (t && (await vscode.window.showWarningMessage(vscode.l10n.t('Delete the trade-off “{0}”?', t.summary), { modal: true }, confirm)) === confirm) {
    await change(deps, t.id, () => undefined);
  }
}

/** The comment widget's reply box: the only target this command is given. */
export async function reply(deps: CommandDeps, target: Target): Promise<void> {
  const body = (target as vscode.CommentReply).text.trim();
  if (body) {
    const author = await deps.author();
    await change(deps, target, (t) => ({ ...t, replies: [...t.replies, { author, body, createdAt: new Date().toISOString() }] }));
  }
}

export async function open(deps: CommandDeps, target: Target): Promise<void> {
  const t = deps.store.find(idOf(deps, target) ?? '');
  if (!t) {
    return;
  }
  const refused = deps.store.live.refusalOf(t.location.path);
  if (refused !== undefined) {
    // A refused path may be a link to a secret: not even shown in an editor.
    void vscode.window.showWarningMessage(vscode.l10n.t('“{0}” is not opened: {1}', t.summary, refused));
    return;
  }
  const place = deps.store.live.place(t);
  const range = new vscode.Range(place.startLine - 1, 0, place.endLine - 1, 0);
  try {
    await vscode.window.showTextDocument(deps.store.uriOf(t), { selection: range });
    deps.threads.expandNext(t.id);
  } catch {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} no longer exists: the trade-off is detached.', t.location.path));
  }
  if (place.detached) {
    void vscode.window.showWarningMessage(vscode.l10n.t('The code of “{0}” is gone: it is detached. Edit or delete it from the Trade-offs view.', t.summary));
  }
}

export function resolve(deps: CommandDeps, target: Target): Promise<void> {
  return change(deps, target, (t) => ({ ...t, state: 'resolved' }));
}

export function reopen(deps: CommandDeps, target: Target): Promise<void> {
  return change(deps, target, (t) => ({ ...t, state: 'open' }));
}

/** Opens a workspace file at a line, for the item panel's links: only a trade-off's place, and paths are checked like the file's. */
export function openLocation(store: TradeOffStore | undefined, log: (line: string) => void, path: string, line: number): void {
  const known = store?.tradeOffs.some((t) => t.location.path === path);
  if (!store || !known) {
    log(`Trade-offs: refused to open ${JSON.stringify(path.slice(0, 200))}: not the place of a trade-off`);
    return;
  }
  const refused = store.live.refusalOf(path);
  if (refused !== undefined) {
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is not opened: {1}', path, refused));
    return;
  }
  const position = new vscode.Position(line - 1, 0);
  void vscode.window.showTextDocument(vscode.Uri.joinPath(store.folder.uri, ...path.split('/')), { selection: new vscode.Range(position, position) });
}

/** Moves the trade-offs of a renamed file (or of the files under a renamed folder). */
export async function followRename(store: TradeOffStore, log: (line: string) => void, from: vscode.Uri, to: vscode.Uri): Promise<void> {
  const oldPath = vscode.workspace.asRelativePath(from, false);
  const newPath = vscode.workspace.asRelativePath(to, false);
  const moves = (path: string): boolean => path === oldPath || path.startsWith(`${oldPath}/`);
  if (oldPath === newPath || !store.tradeOffs.some((t) => moves(t.location.path))) {
    return;
  }
  try {
    await store.modify((current) => current.map((t) => (moves(t.location.path) ? { ...t, location: { ...t.location, path: newPath + t.location.path.slice(oldPath.length) } } : t)));
    log(`Trade-offs: followed ${oldPath} → ${newPath}`);
  } catch (error) {
    log(`Trade-offs: could not follow ${oldPath} → ${newPath}: ${String(error)}`);
  }
}

/** Who edits or replies: Git's user.name, else the GitHub account signed in to VS Code (never prompting), else the system user. */
export async function authorOf(git: GitInfo, folder: vscode.Uri): Promise<string> {
  const fromGit = await git.userName(folder);
  if (fromGit) {
    return fromGit;
  }
  const session = await Promise.resolve(vscode.authentication.getSession('github', [], { silent: true })).catch(() => undefined);
  return session?.account.label ?? os.userInfo().username;
}
