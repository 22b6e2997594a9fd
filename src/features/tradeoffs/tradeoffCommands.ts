// Edit, resolve, reopen, delete, reply and open, from a thread, a comment or a
// row of the Trade-offs view (each passes a different argument). Registered at
// activation; what they do is in tradeoffActions.ts, a bundle of its own
// (dist/tradeoffCommands.js) loaded when one of them first runs.
import * as vscode from 'vscode';
import type { TradeOffComment, TradeOffThreads } from './commentThreads';
import type { TradeOffNode, TradeOffTree } from './tradeoffTree';
import type { TradeOffStore } from './tradeoffStore';
import { describeError } from '../../platform/errorText';

export interface CommandDeps {
  readonly store: TradeOffStore;
  readonly threads: TradeOffThreads;
  readonly tree: TradeOffTree;
  readonly author: () => Promise<string>;
}

export type Target = string | TradeOffNode | vscode.CommentThread | TradeOffComment | vscode.CommentReply | undefined;

export function registerTradeOffCommands(deps: CommandDeps): vscode.Disposable {
  const run = (action: 'edit' | 'resolve' | 'reopen' | 'remove' | 'reply' | 'open') => async (target: Target) => {
    try {
      await (await import('./tradeoffActions'))[action](deps, target);
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
    }
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('feedbackLoop.editTradeOff', run('edit')),
    vscode.commands.registerCommand('feedbackLoop.resolveTradeOff', run('resolve')),
    vscode.commands.registerCommand('feedbackLoop.reopenTradeOff', run('reopen')),
    vscode.commands.registerCommand('feedbackLoop.deleteTradeOff', run('remove')),
    vscode.commands.registerCommand('feedbackLoop.replyTradeOff', run('reply')),
    vscode.commands.registerCommand('feedbackLoop.openTradeOff', run('open')),
    vscode.commands.registerCommand('feedbackLoop.showTradeOffsByFile', () => deps.tree.setGrouping('file')),
    vscode.commands.registerCommand('feedbackLoop.showTradeOffsByItem', () => deps.tree.setGrouping('item')),
  );
}
