// The hover of a reference in text (issue 14), loaded on the first hover
// over one (in the lazy bundle dist/workCommands.js). A pattern (`FB-12`,
// `#12`) names no connection: the hover lists the item of each connection
// that has one of that id, naming the connection, each with a link that
// opens that connection's item; with one connection it reads as it always
// did. A trailer line (`Feedback: rest:FB-12`) names a kind: the hover shows
// the items of the connections it resolves to (core/trailerConnections.ts),
// or says that no connection here is that tracker, so nothing is sent.
import * as vscode from 'vscode';
import { formatItemRef } from '../../core/itemRef';
import type { ItemSummary } from '../../core/model';
import { parseTrailerValue } from '../../core/references';
import type { ReferenceMatch } from '../../core/references';
import { connectionsForTrailer } from '../../core/trailerConnections';
import type { TrailerConnection } from '../../core/trailerConnections';
import { itemHover, openItemUri } from '../../platform/itemHover';
import { demandLine } from '../../platform/itemWords';
import { statusLabel } from '../../platform/statusLabels';

const OPEN_ITEM_COMMAND = 'feedbackLoop.openItem';

export interface ReferenceHoverDeps {
  readonly connections: () => readonly TrailerConnection[];
  /** One connection's item; rejects when it has none of that id. */
  readonly itemOf: (connectionId: string, itemId: string) => Promise<ItemSummary>;
  readonly trailerKey: () => string;
}

/** The trailer of ours a line holds (`Feedback: rest:FB-12`), with where its value is; undefined for any other line. */
export function trailerInLine(line: string, trailerKey: string): { tracker: string; id: string; start: number; end: number } | undefined {
  const match = /^(\s*)([A-Za-z0-9-]+)(\s*:\s*)(\S+)\s*$/.exec(line);
  if (!match || match[2].toLowerCase() !== trailerKey.toLowerCase()) {
    return undefined;
  }
  const value = parseTrailerValue(match[4]);
  const start = match[1].length + match[2].length + match[3].length;
  return value && { ...value, start, end: start + match[4].length };
}

/** The hover at `character` of `line`: a trailer of ours, else the pattern match there (`match`). */
export async function referenceHover(deps: ReferenceHoverDeps, line: string, lineNumber: number, character: number, match: ReferenceMatch | undefined): Promise<vscode.Hover | undefined> {
  const connections = deps.connections();
  const trailer = trailerInLine(line, deps.trailerKey());
  if (trailer && character >= trailer.start && character <= trailer.end) {
    const range = new vscode.Range(lineNumber, trailer.start, lineNumber, trailer.end);
    const targets = connectionsForTrailer(trailer, connections);
    return new vscode.Hover(targets.length === 0 ? unknownTrailerHover(trailer) : await itemsHover(deps, trailer.id, targets, true), range);
  }
  if (!match) {
    return undefined;
  }
  const range = new vscode.Range(lineNumber, match.start, lineNumber, match.end);
  return new vscode.Hover(await itemsHover(deps, match.id, connections, connections.length > 1), range);
}

/** The items of `id` the connections have, each naming its connection when `nameConnections`; one connection's reads as before. */
async function itemsHover(deps: ReferenceHoverDeps, id: string, connections: readonly TrailerConnection[], nameConnections: boolean): Promise<vscode.MarkdownString> {
  // For hovers on references in text: most unknown ids are not items at all (an issue number of
  // another project), so a failed lookup just shows nothing, unlogged.
  const found = await Promise.all(connections.map(async (connection) => ({ connection, item: await deps.itemOf(connection.id, id).catch(() => undefined) })));
  const held = found.filter((f): f is { connection: TrailerConnection; item: ItemSummary } => f.item !== undefined);
  if (!nameConnections || held.length === 0) {
    return itemHover(id, held[0]?.item);
  }
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: [OPEN_ITEM_COMMAND] };
  for (const { connection, item } of held) {
    // The title and the connection's name are text a user or a customer wrote: plain text, never markdown.
    md.appendMarkdown('$(comment-discussion) **').appendText(`${item.id}: ${item.title}`).appendMarkdown('**\n\n');
    md.appendText(`${connection.name ?? connection.id} · ${statusLabel(item.status)} · ${demandLine(item)}`).appendMarkdown('\n\n');
    const ref = formatItemRef({ connection: connection.id, id: item.id });
    md.appendMarkdown(`[${vscode.l10n.t('Open in {0}', markdownText(connection.name ?? connection.id))}](${openItemUri(ref).toString()})`).appendMarkdown('\n\n');
  }
  return md;
}

function unknownTrailerHover(trailer: { tracker: string; id: string }): vscode.MarkdownString {
  return new vscode.MarkdownString().appendText(
    vscode.l10n.t('{0}:{1}: no connection of this workspace is that {0} tracker. Links to it are shown as unknown and never sent.', trailer.tracker, trailer.id),
  );
}

/** Text inside a markdown link's label, its markdown characters escaped. */
function markdownText(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~]/g, '\\$&');
}
