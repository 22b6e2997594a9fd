// The feedback item quick pick as commands open it: VS Code's QuickPick, our
// texts, and the session in itemPickerSession.ts (which holds the logic).
import * as vscode from 'vscode';
import type { ItemSummary } from '../core/model';
import type { ItemPick, ItemPickSource } from './itemPickerSession';
import { runItemPick } from './itemPickerSession';
import { singleLineText } from '../core/displayText';
import { demandLine } from './itemWords';
import { statusLabels } from './statusLabels';

export interface FeedbackItemPickOptions<T extends ItemSummary = ItemSummary> extends ItemPickSource<T> {
  readonly title?: string;
  readonly placeholder: string;
  /** The description of the `preferredId` row, e.g. "current branch". */
  readonly preferredLabel?: string;
  /** The name of the item's connection, shown on its row when items of several connections are offered. */
  readonly connectionName?: (item: T) => string | undefined;
}

/** The item the user accepted (as shown on its row), or undefined when they closed the pick. */
export function pickFeedbackItem<T extends ItemSummary = ItemSummary>(options: FeedbackItemPickOptions<T>): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<ItemPick<T>>();
  pick.title = options.title;
  pick.placeholder = options.placeholder;
  pick.matchOnDescription = true;
  // A webview (the Conversation view, a panel) that had the focus takes it back a moment
  // after the command palette closes, which would close this pick before it is used.
  pick.ignoreFocusOut = true;
  const statuses = statusLabels();
  return runItemPick(pick, options, {
    describe: (item, preferred) => {
      const status = preferred && options.preferredLabel ? options.preferredLabel : statuses[item.status];
      const connection = options.connectionName?.(item);
      return { description: connection === undefined ? status : `${status} · ${singleLineText(connection)}`, detail: demandLine(item) };
    },
  });
}
