// References are live: hovering `FB-123` (or any configured form) in a file
// shows the item, Ctrl/Cmd-click opens it, and typing the reference prefix in
// the Source Control input box offers items to insert.
import * as vscode from 'vscode';
import type { ItemSummary } from '../../core/model';
import type { ReferenceMatcher } from '../../core/references';
import { itemHover, openItemUri } from '../../platform/itemHover';
import { demandLine } from '../../platform/itemWords';
import { statusLabel } from '../../platform/statusLabels';

const MAX_LINKS = 500;
const MAX_SCANNED_CHARS = 2_000_000;

export interface ReferenceDeps {
  readonly matcher: () => ReferenceMatcher;
  readonly prefix: () => string;
  /** An item by id: the loaded list first, else the tracker; undefined when unknown. */
  readonly findItem: (id: string, token: vscode.CancellationToken) => Promise<ItemSummary | undefined>;
  readonly loadedItems: () => readonly ItemSummary[];
}

class ReferenceHovers implements vscode.HoverProvider, vscode.DocumentLinkProvider {
  constructor(private readonly deps: ReferenceDeps) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const line = document.lineAt(position.line).text;
    const match = this.deps.matcher().matchAt(line, position.character);
    if (!match) {
      return undefined;
    }
    const item = await this.deps.findItem(match.id, token);
    const range = new vscode.Range(position.line, match.start, position.line, match.end);
    return new vscode.Hover(itemHover(match.id, item), range);
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const text = document.getText().slice(0, MAX_SCANNED_CHARS);
    const links: vscode.DocumentLink[] = [];
    for (const match of this.deps.matcher().matches(text).slice(0, MAX_LINKS)) {
      const range = new vscode.Range(document.positionAt(match.start), document.positionAt(match.end));
      const link = new vscode.DocumentLink(range, openItemUri(match.id));
      link.tooltip = vscode.l10n.t('Open feedback item {0}', match.id);
      links.push(link);
    }
    return links;
  }
}

class ItemCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly deps: ReferenceDeps) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] {
    const prefix = this.deps.prefix();
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const at = before.lastIndexOf(prefix);
    // Only right after the prefix (and what follows it is part of an id being typed).
    if (at === -1 || !/^[\w-]*$/.test(before.slice(at + prefix.length))) {
      return [];
    }
    const range = new vscode.Range(position.line, at, position.line, position.character);
    return this.deps.loadedItems().map((item, rank) => {
      const reference = item.id.startsWith(prefix) ? item.id : `${prefix}${item.id}`;
      const completion = new vscode.CompletionItem({ label: reference, description: item.title }, vscode.CompletionItemKind.Reference);
      completion.detail = `${statusLabel(item.status)} · ${demandLine(item)}`;
      completion.range = range;
      completion.insertText = reference;
      completion.filterText = `${reference} ${item.title}`;
      completion.sortText = String(rank).padStart(6, '0'); // keep the demand ranking
      return completion;
    });
  }
}

export function registerReferenceProviders(deps: ReferenceDeps): vscode.Disposable {
  const files: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }, { scheme: 'vscode-remote' }];
  const hovers = new ReferenceHovers(deps);
  const triggers = [...new Set([deps.prefix().slice(-1), '-', '#'])];
  return vscode.Disposable.from(
    vscode.languages.registerHoverProvider(files, hovers),
    vscode.languages.registerDocumentLinkProvider(files, hovers),
    vscode.languages.registerHoverProvider({ language: 'scminput' }, hovers),
    vscode.languages.registerCompletionItemProvider({ language: 'scminput' }, new ItemCompletions(deps), ...triggers),
  );
}
