// What a Feedback view row says, in the user's language and made safe to show.
// The words come from platform/itemWords.ts (items, demand, groups) and from
// here (the notices); every text a row shows holds tracker text somewhere
// (titles, tags, companies, error texts), so every one goes through
// core/displayText, not a chosen few. Only vscode.l10n is used: tested in Node.
import * as vscode from 'vscode';
import { singleLineText, withoutBidiControls } from '../../core/displayText';
import type { ConnectionNode, MultiTreeNode } from '../../core/multiTree';
import { emptyMessage, groupRow, itemCount, itemRow, rejectedDetails } from '../../platform/itemWords';

export interface RowText {
  readonly label: string;
  readonly description?: string;
  /** Plain text; its line breaks are kept. */
  readonly tooltip?: string;
  /** What a screen reader says for the row, when not its label. */
  readonly accessibleName?: string;
}

export interface RowTextOptions {
  /** Merge All: an item row names its connection (under a connection's root, the root does). */
  readonly nameConnection?: boolean;
}

export function rowText(node: MultiTreeNode, options: RowTextOptions = {}): RowText {
  const text = words(node, options);
  const line = (value: string | undefined) => (value === undefined ? undefined : singleLineText(value));
  return {
    label: singleLineText(text.label),
    description: line(text.description),
    tooltip: text.tooltip === undefined ? undefined : withoutBidiControls(text.tooltip),
    accessibleName: line(text.accessibleName),
  };
}

function words(node: MultiTreeNode, options: RowTextOptions): RowText {
  switch (node.kind) {
    case 'connection':
      return connectionRow(node);
    case 'error': {
      const message = singleLineText(node.message);
      return {
        label: message,
        description: node.stale ? vscode.l10n.t('showing the last good items') : undefined,
        tooltip: vscode.l10n.t('{0}\n\nClick to retry. Details are in the Feedback Loop log.', message),
      };
    }
    case 'filter':
      return { label: vscode.l10n.t('Filter: “{0}”', node.filter), description: vscode.l10n.t('click to clear') };
    case 'rejected': {
      const label = vscode.l10n.t('{0} items could not be read', node.count);
      const showLog = vscode.l10n.t('show log');
      // Said without the validation details (hundreds of words); they are in the tooltip and the log.
      return { label, description: showLog, tooltip: rejectedDetails(node.shown), accessibleName: `${label}, ${showLog}` };
    }
    case 'loading':
      return { label: vscode.l10n.t('Loading feedback…') };
    case 'empty':
      return { label: emptyMessage(node.filter) };
    case 'group':
      return groupRow(node);
    case 'item': {
      const row = itemRow(node);
      const name = options.nameConnection ? node.connection?.name : undefined;
      return name === undefined ? row : { ...row, description: [row.description, name].filter(Boolean).join(' · '), accessibleName: `${row.accessibleName}, ${name}` };
    }
    case 'loadMore':
      return {
        label: node.loading ? vscode.l10n.t('Loading…') : vscode.l10n.t('Load more'),
        description: node.error ? vscode.l10n.t('failed: {0} — click to retry', node.error) : undefined,
      };
  }
}

/** A connection's root: its name, and what it shows (how many items, loading, or that it failed: its error row is below). */
function connectionRow(node: ConnectionNode): RowText {
  const { name } = node.connection;
  switch (node.state.kind) {
    case 'loading':
      return { label: name, description: vscode.l10n.t('loading…') };
    case 'error': {
      const message = singleLineText(node.state.message);
      const description = node.state.stale ? vscode.l10n.t('failed, showing the last good items') : vscode.l10n.t('failed');
      return { label: name, description, tooltip: `${name}\n\n${message}`, accessibleName: `${name}, ${description}` };
    }
    case 'items': {
      const count = itemCount(node.state.count, node.state.hasMore);
      const description = node.state.stale ? `${count} · ${vscode.l10n.t('stale')}` : count;
      return { label: name, description, accessibleName: `${name}, ${description}` };
    }
  }
}
