// Edit, resolve, reopen, delete, reply and open, from a thread, a comment or a
// row of the Trade-offs view (each passes a different argument).
import * as vscode from 'vscode';
import type { StoredTradeOff } from '../../core/tradeoffs/tradeoffFile';
import { TradeOffComment } from './commentThreads';
import type { TradeOffThreads } from './commentThreads';
import type { TradeOffNode, TradeOffTree } from './tradeoffTree';
import type { TradeOffStore } from './tradeoffStore';
import { describeError } from '../../platform/errorText';

export interface CommandDeps {
  readonly store: TradeOffStore;
  readonly threads: TradeOffThreads;
  readonly tree: TradeOffTree;
  readonly author: () => Promise<string>;
}

type Target = string | TradeOffNode | vscode.CommentThread | TradeOffComment | vscode.CommentReply | undefined;

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

async function edit(deps: CommandDeps, target: Target): Promise<void> {
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

async function remove(deps: CommandDeps, target: Target): Promise<void> {
  const t = deps.store.find(idOf(deps, target) ?? '');
  const confirm = vscode.l10n.t('Delete');
  if (t && (await vscode.window.showWarningMessage(vscode.l10n.t('Delete the trade-off “{0}”?', t.summary), { modal: true }, confirm)) === confirm) {
    await change(deps, t.id, () => undefined);
  }
}

async function reply(deps: CommandDeps, target: vscode.CommentReply): Promise<void> {
  const body = target.text.trim();
  if (body) {
    const author = await deps.author();
    await change(deps, target, (t) => ({ ...t, replies: [...t.replies, { author, body, createdAt: new Date().toISOString() }] }));
  }
}

async function open(deps: CommandDeps, target: Target): Promise<void> {
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

function reporting(run: (target: Target) => Promise<void>): (target: Target) => Promise<void> {
  return async (target) => {
    try {
      await run(target);
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
    }
  };
}

export function registerTradeOffCommands(deps: CommandDeps): vscode.Disposable {
  const setState = (state: StoredTradeOff['state']) => (target: Target) => change(deps, target, (t) => ({ ...t, state }));
  return vscode.Disposable.from(
    vscode.commands.registerCommand('feedbackLoop.editTradeOff', reporting((t) => edit(deps, t))),
    vscode.commands.registerCommand('feedbackLoop.resolveTradeOff', reporting(setState('resolved'))),
    vscode.commands.registerCommand('feedbackLoop.reopenTradeOff', reporting(setState('open'))),
    vscode.commands.registerCommand('feedbackLoop.deleteTradeOff', reporting((t) => remove(deps, t))),
    vscode.commands.registerCommand('feedbackLoop.replyTradeOff', reporting((t) => reply(deps, t as vscode.CommentReply))),
    vscode.commands.registerCommand('feedbackLoop.openTradeOff', reporting((t) => open(deps, t))),
    vscode.commands.registerCommand('feedbackLoop.showTradeOffsByFile', () => deps.tree.setGrouping('file')),
    vscode.commands.registerCommand('feedbackLoop.showTradeOffsByItem', () => deps.tree.setGrouping('item')),
  );
}
