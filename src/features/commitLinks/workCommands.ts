// Commands of commit links: start work on an item, link an item to the commit
// message, link a past commit, open a commit's changes. Registered at
// activation; what they do is in workActions.ts, a bundle of its own
// (dist/workCommands.js) loaded when one of them first runs.
import * as vscode from 'vscode';
import type { ItemSummary } from '../../core/model';
import type { Git } from '../../platform/git';
import { describeError } from '../../platform/errorText';
import type { ItemTargetSource } from '../../platform/itemTargets';
import type { CurrentItem } from './currentItem';
import type { LinkWriter } from './linkWriter';

export interface WorkCommandDeps {
  readonly git: Git;
  readonly current: CurrentItem;
  readonly writer: LinkWriter;
  readonly branchTemplate: () => string;
  readonly loadedItems: () => readonly ItemSummary[];
  readonly findItem: (id: string) => ItemSummary | undefined;
  /** Which connection's item an argument or a pick is: a row's, a ref's, else asked when several could have it. */
  readonly targets: ItemTargetSource;
  /** After a link is made: refresh what shows links. */
  readonly linked: (itemId: string) => void;
}

export function registerWorkCommands(deps: WorkCommandDeps): vscode.Disposable {
  const run = (action: 'startWork' | 'linkItemToMessage' | 'linkPastCommit' | 'openCommitCommand') => async (target: unknown) => {
    try {
      await (await import('./onDemand'))[action](deps, target);
    } catch (error) {
      void vscode.window.showErrorMessage(describeError(error));
    }
  };
  return vscode.Disposable.from(
    vscode.commands.registerCommand('feedbackLoop.startWork', run('startWork')),
    vscode.commands.registerCommand('feedbackLoop.linkItemToCommitMessage', run('linkItemToMessage')),
    vscode.commands.registerCommand('feedbackLoop.linkPastCommit', run('linkPastCommit')),
    vscode.commands.registerCommand('feedbackLoop.openCommitChanges', run('openCommitCommand')),
  );
}
