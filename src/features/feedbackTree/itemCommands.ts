// Commands on one feedback item, from the tree's rows and context menu.
import * as vscode from 'vscode';
import type { ItemSummary } from '../../core/model';
import type { TreeNode } from '../../core/treeModel';
import { isHttpUrl } from '../../platform/settingSchemas';

export function registerItemCommands(items: { findItem(key: string): ItemSummary | undefined }, openPanel: (itemId: string) => Promise<void>): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand('feedbackLoop.openItem', (target: unknown) => {
      const id = itemIdOf(target);
      return id ? openPanel(id) : undefined;
    }),
    vscode.commands.registerCommand('feedbackLoop.openInTracker', (target: unknown) => {
      const id = itemIdOf(target);
      const url = id ? items.findItem(id)?.url : undefined;
      if (url && isHttpUrl(url)) {
        return vscode.env.openExternal(vscode.Uri.parse(url));
      }
      return undefined;
    }),
    vscode.commands.registerCommand('feedbackLoop.copyItemId', (target: unknown) => {
      const id = itemIdOf(target);
      return id ? vscode.env.clipboard.writeText(id) : undefined;
    }),
  );
}

/** Commands get an id from a row's click, or a tree node from a context menu. */
function itemIdOf(target: unknown): string | undefined {
  if (typeof target === 'string') {
    return target;
  }
  const node = target as TreeNode | undefined;
  return node && typeof node === 'object' && node.kind === 'item' ? node.item.id : undefined;
}
