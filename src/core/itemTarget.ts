// Which connection's item a command's argument means (issue 14). The Feedback
// view and the features pass refs (`<connection id>/<item id>`); a bare item
// id (`FB-12`, from a keybinding, another extension, a panel kept from before
// the registry, a reference in text) names the item of the one connection
// that has it loaded or read, else of the one connection there is, else the
// user is asked which: two REST servers both have an FB-12.
import { formatItemRef, parseItemRef } from './itemRef';

export interface NamedConnection {
  readonly id: string;
  readonly name: string;
}

export type ItemTarget =
  /** The item's key: a ref. */
  | { readonly key: string }
  /** Several connections could have it: ask which. */
  | { readonly id: string; readonly choose: readonly NamedConnection[] }
  /** No connection here could. */
  | { readonly none: true };

export function itemTarget(text: string, connections: readonly NamedConnection[], holders: (itemId: string) => readonly NamedConnection[]): ItemTarget {
  const ref = parseItemRef(text);
  if (ref && connections.some((c) => c.id === ref.connection)) {
    return { key: text };
  }
  // Else the tracker's own id (which may hold a `/`: a REST server's ids are its own).
  const holding = holders(text);
  // Nobody has it: any connection could, but not a ref of a connection this workspace does not have (one removed since).
  const candidates = holding.length > 0 ? holding : ref ? [] : connections;
  if (candidates.length === 0) {
    return { none: true };
  }
  return candidates.length === 1 ? { key: formatItemRef({ connection: candidates[0].id, id: text }) } : { id: text, choose: candidates };
}
