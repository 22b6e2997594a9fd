// References are live: hovering `FB-123` (or any configured form) in a file
// shows the item, Ctrl/Cmd-click opens it, and typing the reference prefix in
// the Source Control input box offers items to insert. What a hover shows
// (each connection's item, a trailer's connection) is referenceHover.ts,
// loaded on the first hover over a reference.
import * as vscode from 'vscode';
import type { ItemSummary } from '../../core/model';
import type { ReferenceMatcher } from '../../core/references';
import { openItemUri } from '../../platform/itemHover';
import { demandLine } from '../../platform/itemWords';
import { statusLabel } from '../../platform/statusLabels';
import type { ReferenceHoverDeps } from './referenceHover';

const MAX_LINKS = 500;
const MAX_SCANNED_CHARS = 2_000_000;

export interface ReferenceDeps extends ReferenceHoverDeps {
  readonly matcher: () => ReferenceMatcher;
  readonly prefix: () => string;
  readonly loadedItems: () => readonly ItemSummary[];
}

class ReferenceHovers implements vscode.HoverProvider, vscode.DocumentLinkProvider {
  constructor(private readonly deps: ReferenceDeps) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const line = document.lineAt(position.line).text;
    const match = this.deps.matcher().matchAt(line, position.character);
    // Most lines hold neither: the hover's code is loaded only for one that may.
    if (!match && !line.toLowerCase().includes(this.deps.trailerKey().toLowerCase())) {
      return undefined;
    }
    const { referenceHover } = await import('./onDemand');
    return referenceHover(this.deps, line, position.line, position.character, match);
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
