// Commands on one feedback item, from the tree's rows and context menu.
import * as vscode from 'vscode';
import { parseItemRef } from '../../core/itemRef';
import type { ItemSummary } from '../../core/model';
import { targetKey } from '../../platform/itemTargets';
import type { ItemTargetSource } from '../../platform/itemTargets';
import { isHttpUrl } from '../../platform/settingSchemas';

export interface ItemCommandDeps {
  /** The item as its connection's lists show it, by key (a ref). */
  readonly findItem: (key: string) => ItemSummary | undefined;
  /** The connections a bare id could name. */
  readonly targets: ItemTargetSource;
  readonly openPanel: (key: string) => Promise<void>;
}

export function registerItemCommands(deps: ItemCommandDeps): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('feedbackLoop.openItem', async (target: unknown) => {
      const key = await targetKey(target, deps.targets);
      return key ? deps.openPanel(key) : undefined;
    }),
    vscode.commands.registerCommand('feedbackLoop.openInTracker', async (target: unknown) => {
      const key = await targetKey(target, deps.targets);
      const url = key ? deps.findItem(key)?.url : undefined;
      if (url && isHttpUrl(url)) {
        return vscode.env.openExternal(vscode.Uri.parse(url));
      }
      return undefined;
    }),
    // The tracker's id, as trailers and people write it: never the connection's.
    vscode.commands.registerCommand('feedbackLoop.copyItemId', async (target: unknown) => {
      const key = await targetKey(target, deps.targets);
      const id = key === undefined ? undefined : parseItemRef(key)?.id;
      return id ? vscode.env.clipboard.writeText(id) : undefined;
    }),
  );
}
