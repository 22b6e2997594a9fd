// What Copy Customer Impact, Add Trailers for Affected Items and a row's or
// lens's list of affected items do. Part of the impact bundle
// (dist/impact.js), loaded with the engine whose impact they read:
// customerImpact.ts registers the commands at activation.
import * as vscode from 'vscode';
import type { ImpactedItem } from '../../core/impact/impact';
import { singleLineText } from '../../core/displayText';
import { appendTrailers } from '../../core/trailers';
import { describeError } from '../../platform/errorText';
import { demandLine } from '../../platform/itemWords';
import type { CustomerImpactDeps } from './customerImpact';
import { impactMarkdown } from './impactMarkdown';
import type { ImpactService } from './impactService';

/** Items whose thread is read for a quote when copying: the first of the ranking. */
const QUOTED_ITEMS = 20;

/** Copies the impact as markdown; the first items' threads are read for a customer's words. */
export async function copyImpact(service: ImpactService, deps: CustomerImpactDeps): Promise<void> {
  const { items } = service.impact;
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Your changes touch no code linked to feedback: there is no customer impact to copy.'));
    return;
  }
  const { details } = deps.items;
  const toRead = items.slice(0, QUOTED_ITEMS).filter(({ id, item }) => item && details.get(id)?.comments.value === undefined);
  if (toRead.length > 0) {
    // A thread that cannot be read (tracker down) just gives no quote.
    const reads = Promise.allSettled(toRead.map(({ id }) => details.load(id)));
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Reading what customers said…') }, () => reads);
  }
  const tradeOffs = new Map(deps.tradeOffs().map((t) => [t.tradeOffId, t.summary]));
  const markdown = impactMarkdown(service.impact, {
    quoteOf: (id) => details.get(id)?.comments.value?.find((comment) => comment.author.role === 'customer')?.body,
    tradeOffSummary: (id) => tradeOffs.get(id),
  });
  await vscode.env.clipboard.writeText(markdown);
  void vscode.window.showInformationMessage(vscode.l10n.t('Copied the customer impact of {0} items as Markdown.', items.length));
}

/** Adds the trailers of the items the user keeps to each changed repository's commit message. */
export async function addImpactTrailers(service: ImpactService, deps: CustomerImpactDeps): Promise<void> {
  const { items } = service.impact;
  const picks = items.map((entry) => ({ ...itemPick(entry), picked: true, entry }));
  if (picks.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Your changes touch no code linked to feedback: there are no trailers to add.'));
    return;
  }
  const chosen = await vscode.window.showQuickPick(picks, { canPickMany: true, placeHolder: vscode.l10n.t('Items to name in the commit message') });
  if (!chosen || chosen.length === 0) {
    return;
  }
  try {
    const added = appendToMessages(deps, chosen.map(({ entry }) => entry));
    if (added === 0) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Connect a tracker to add trailers: a trailer names the tracker of its item.'));
      return;
    }
    await vscode.commands.executeCommand('workbench.view.scm');
  } catch (error) {
    void vscode.window.showErrorMessage(describeError(error));
  }
}

/** Appends trailers per repository (an item touched in two repositories is named in both); returns how many. */
function appendToMessages(deps: CustomerImpactDeps, entries: readonly ImpactedItem[]): number {
  let added = 0;
  for (const repo of deps.git.repositories) {
    const root = repo.rootUri.fsPath;
    const trailers = entries.filter(({ reasons }) => reasons.some((r) => r.repository === root)).flatMap(({ id }) => deps.trailerFor(id) ?? []);
    if (trailers.length > 0) {
      repo.inputBox.value = appendTrailers(repo.inputBox.value, trailers);
      added += trailers.length;
    }
  }
  return added;
}

/** The items a row or lens names (their ids as its argument): the one opens, several are picked from. */
export async function showImpactItems(service: ImpactService, _deps: CustomerImpactDeps, ids: unknown): Promise<void> {
  const wanted = new Set(Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : []);
  const picks = service.impact.items.filter(({ id }) => wanted.has(id)).map((entry) => ({ ...itemPick(entry), id: entry.id }));
  const picked = picks.length === 1 ? picks[0] : await vscode.window.showQuickPick(picks, { placeHolder: vscode.l10n.t('Feedback items this change affects') });
  if (picked) {
    await vscode.commands.executeCommand('feedbackLoop.openItem', picked.id);
  }
}

function itemPick({ id, item }: ImpactedItem): { label: string; description: string } {
  return item ? { label: singleLineText(item.title), description: `${id} · ${demandLine(item)}` } : { label: id, description: '' };
}
