// Commands of close the loop: "Draft Release Notes…" for a tag range, and
// "Announce a Shipped Item…" to prepare the reply for an item later (after
// "Not now", or from the list of items not yet announced).
import * as vscode from 'vscode';
import type { LinkData } from '../../core/closeLoop/linked';
import { describeError } from '../../platform/errorText';
import type { Git } from '../../platform/git';
import type { FeedbackSession } from '../../core/session';
import type { Announcer } from './announcer';

export interface CloseLoopCommandDeps {
  readonly git: Git;
  readonly links: () => Promise<LinkData>;
  readonly connection: () => { readonly id: string } | undefined;
  /** Items are read through the session (the view's rows, else the tracker). */
  readonly items: Pick<FeedbackSession, 'summary'>;
  readonly announcer: Announcer;
  /** Every connection's items shipped and not yet announced, as refs. */
  readonly unannounced: () => string[];
  /** The connections' names, for the picker's rows: a ref names its connection by id. */
  readonly connections: () => readonly { readonly id: string; readonly name: string }[];
}

export function registerCloseLoopCommands(deps: CloseLoopCommandDeps): vscode.Disposable {
  const report = (error: unknown): void => void vscode.window.showErrorMessage(describeError(error));
  return vscode.Disposable.from(
    vscode.commands.registerCommand('feedbackLoop.draftReleaseNotes', (arg: unknown) =>
      import('./releaseNotesDraft')
        .then((draft) => draft.draftNotes(deps, arg))
        .catch(report),
    ),
    // The picker lives with Review in dist/announcements.js: nothing of it is needed before the command runs.
    vscode.commands.registerCommand('feedbackLoop.announceShipped', (arg: unknown) =>
      import('./announcements')
        .then((announcements) => announcements.announceShipped(deps, arg))
        .catch(report),
    ),
  );
}
