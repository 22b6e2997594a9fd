// A command's argument as the item of one connection (core/itemTarget.ts),
// asking the user which connection's item a bare id means when several could
// have it: two REST servers both have an FB-12.
import * as vscode from 'vscode';
import { singleLineText } from '../core/displayText';
import { formatItemRef } from '../core/itemRef';
import { itemTarget } from '../core/itemTarget';
import type { NamedConnection } from '../core/itemTarget';
import type { MultiTreeNode } from '../core/multiTree';

export interface ItemTargetSource {
  /** Every connection, in the list's order. */
  connections(): readonly NamedConnection[];
  /** The connections that have an item of this id loaded or read. */
  holders(itemId: string): readonly NamedConnection[];
}

/** The key (ref) of the item `text` names; undefined when no connection here could have it, or the user chose none. */
export async function chooseItemKey(text: string, source: ItemTargetSource): Promise<string | undefined> {
  const target = itemTarget(text, source.connections(), (id) => source.holders(id));
  if ('key' in target) {
    return target.key;
  }
  if ('none' in target) {
    return undefined;
  }
  const id = singleLineText(target.id);
  const picked = await vscode.window.showQuickPick(
    target.choose.map((connection) => ({ label: singleLineText(connection.name), connection })),
    { title: vscode.l10n.t('Which connection’s {0}?', id), placeHolder: vscode.l10n.t('Several connections could have an item {0}', id) },
  );
  return picked && formatItemRef({ connection: picked.connection.id, id: target.id });
}

/**
 * The key of the item a command is run on: a ref from a row's click (or a
 * bare id from elsewhere, chosen as chooseItemKey does), or a Feedback view
 * row from a context menu (its connection's, or the one there is).
 */
export async function targetKey(target: unknown, source: ItemTargetSource): Promise<string | undefined> {
  if (typeof target === 'string') {
    return chooseItemKey(target, source);
  }
  const node = target as MultiTreeNode | undefined;
  if (!node || typeof node !== 'object' || node.kind !== 'item') {
    return undefined;
  }
  return node.connection ? formatItemRef({ connection: node.connection.id, id: node.item.id }) : chooseItemKey(node.item.id, source);
}
