// Commands of close the loop: "Draft Release Notes…" for a tag range, and
// "Announce a Shipped Item…" to prepare the reply for an item later (after
// "Not now", or from the list of items not yet announced).
import * as vscode from 'vscode';
import * as z from 'zod/mini';
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
  readonly unannounced: () => string[];
}

export function registerCloseLoopCommands(deps: CloseLoopCommandDeps): vscode.Disposable {
  const report = (error: unknown): void => void vscode.window.showErrorMessage(describeError(error));
  return vscode.Disposable.from(
    vscode.commands.registerCommand('feedbackLoop.draftReleaseNotes', (arg: unknown) =>
      import('./releaseNotesDraft')
        .then((draft) => draft.draftNotes(deps, rangeSchema.safeParse(arg).data))
        .catch(report),
    ),
    vscode.commands.registerCommand('feedbackLoop.announceShipped', async (arg: unknown) => {
      const itemId = typeof arg === 'string' ? arg : await pickUnannounced(deps.unannounced());
      return itemId ? deps.announcer.review(itemId).catch(report) : undefined;
    }),
  );
}

/** From another extension or a test: the range without asking. */
const rangeSchema = z.object({ repository: z.string(), from: z.optional(z.string()), to: z.string() });
export type TagRange = z.infer<typeof rangeSchema>;

async function pickUnannounced(ids: readonly string[]): Promise<string | undefined> {
  if (ids.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Every shipped item has been announced.'));
    return undefined;
  }
  return vscode.window.showQuickPick([...ids], { title: vscode.l10n.t('Announce a Shipped Item') });
}
