// Which connection's item a reference is, where one item is asked about
// (issue 14): the commits an item panel lists, and where a link of the
// user's own commit goes: the connection its trailer resolves to
// (trailerConnections.ts), never another. Run on a commit or an open panel
// only: in the lazy bundle dist/workCommands.js.
import type { ItemReference } from './references';
import { connectionsForTrailer } from './trailerConnections';
import type { TrailerConnection } from './trailerConnections';

/** Where a link of the user's own commit goes: one connection, none here (unknown), or several it cannot choose between. */
export type LinkTarget =
  | { readonly outcome: 'connection'; readonly connectionId: string }
  | { readonly outcome: 'unknown' }
  | { readonly outcome: 'ambiguous'; readonly connectionIds: readonly string[] };

/**
 * A write speaks as the user on someone's tracker, so it is never sent on
 * "the first wins": with one matching connection, that one; with several,
 * the one the user chose the item in (`chosen`, e.g. the connection Start
 * Work was run in) when it is among them, else none (ambiguous); with none,
 * unknown. Two REST servers both have an FB-12.
 */
export function linkTargetOf(ref: { readonly tracker: string; readonly id: string }, connections: readonly TrailerConnection[], chosen?: string): LinkTarget {
  const matching = connectionsForTrailer(ref, connections);
  if (matching.length === 0) {
    return { outcome: 'unknown' };
  }
  if (matching.length === 1) {
    return { outcome: 'connection', connectionId: matching[0].id };
  }
  const picked = matching.find((c) => c.id === chosen);
  return picked ? { outcome: 'connection', connectionId: picked.id } : { outcome: 'ambiguous', connectionIds: matching.map((c) => c.id) };
}


/** Whether `ref` may name the item `itemId` of `connectionId`: a trailer only its first matching connection's, a pattern any connection's. */
export function refNamesConnection(ref: ItemReference, itemId: string, connectionId: string, connections: readonly TrailerConnection[]): boolean {
  if (ref.id !== itemId) {
    return false;
  }
  return ref.tracker === undefined || connectionsForTrailer({ tracker: ref.tracker, id: ref.id }, connections)[0]?.id === connectionId;
}
