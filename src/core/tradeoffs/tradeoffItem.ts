// Which item a trade-off is about, across connections (issue 14).
// `.feedback/tradeoffs.json` is committed with the repository and read by
// teammates whose connection ids differ (each machine makes its own), so the
// file cannot name a connection by id. It names the item as a commit trailer
// does (core/references.ts): with one connection, the tracker's id as always
// (`FB-12`, `github:octo/app#12`); with several, the kind-qualified id
// (`rest:FB-12`, `github:github:octo/app#12`). Read back, that resolves to the
// first connection of that kind whose scope matches the id (GitHub's
// repository, Fider's host; any for REST, Canny, Linear). A trade-off naming
// no connection of this workspace resolves to nothing: shown as unknown,
// never sent. Writes do not resolve: they go to the ref the user chose
// (tradeoffWrite.ts, loaded with Mark Trade-off…).
import type { ConnectionKind, ConnectionRecord } from '../connections/registry';
import { CONNECTION_KINDS } from '../connections/registry';
import { formatItemRef } from '../itemRef';
import type { ItemRef } from '../itemRef';

/** A connection of this workspace as trade-offs need it: its id, its kind, and which ids of that kind it can hold. */
export interface TradeOffConnection {
  readonly id: string;
  readonly kind: ConnectionKind;
  /**
   * GitHub's `owner/repo`, Fider's host: the part of an item id that says
   * which tracker of the kind holds it. Undefined where ids are global (REST
   * ids carry none; Canny's and Linear's are global) or the scope is not
   * known (the environment's connection): then any id of the kind matches.
   */
  readonly scope: string | undefined;
}

/** A connection as the file's ids see it: its scope from its record (none known for the environment's and the sample tracker). */
export function tradeOffConnectionOf(connection: { readonly id: string; readonly kind: ConnectionKind; readonly record: ConnectionRecord | undefined }): TradeOffConnection {
  const record = connection.record;
  let scope: string | undefined;
  if (record?.kind === 'github') {
    scope = record.settings.repository;
  } else if (record?.kind === 'fider') {
    // The record's schema made sure it is a URL; the id's `fider:<host>#7` carries its host (with a port, if any).
    scope = new URL(record.settings.baseUrl).host;
  }
  return { id: connection.id, kind: connection.kind, scope };
}

/** A stored item id split into the kind it names (if it names one) and the tracker's id. */
export interface StoredItemId {
  readonly kind: ConnectionKind;
  readonly id: string;
}

const KINDS: ReadonlySet<string> = new Set(CONNECTION_KINDS);

function isKind(value: string): value is ConnectionKind {
  return KINDS.has(value);
}

/**
 * What a stored `itemId` names. `rest:FB-12` and `github:github:octo/app#12`
 * name their kind; so does a bare id of a tracker whose ids carry their kind
 * (`github:octo/app#12`, `canny:…`, `fider:…`, `linear:…`). Any other bare
 * id is the REST contract's (`FB-12`): the only kind whose ids are bare.
 */
export function parseStoredItemId(value: string): StoredItemId {
  const colon = value.indexOf(':');
  const prefix = colon > 0 ? value.slice(0, colon) : '';
  if (!isKind(prefix)) {
    return { kind: 'rest', id: value };
  }
  const rest = value.slice(colon + 1);
  // `rest:FB-12` is qualified; `github:octo/app#12` is GitHub's own id, `github:github:octo/app#12` its qualified form.
  if (prefix === 'rest' || rest.startsWith(`${prefix}:`)) {
    return rest.length > 0 ? { kind: prefix, id: rest } : { kind: 'rest', id: value };
  }
  return { kind: prefix, id: value };
}

/** The scope an item id of `kind` names (GitHub's repository, Fider's host), lower-cased; undefined when its kind has none. */
function scopeOfId(kind: ConnectionKind, id: string): string | undefined {
  if (kind !== 'github' && kind !== 'fider') {
    return undefined;
  }
  const hash = id.lastIndexOf('#');
  const prefix = `${kind}:`;
  return id.startsWith(prefix) && hash > prefix.length ? id.slice(prefix.length, hash).toLowerCase() : undefined;
}

function holds(connection: TradeOffConnection, item: StoredItemId): boolean {
  if (connection.kind !== item.kind) {
    return false;
  }
  // Repositories and hosts are case-insensitive on GitHub and the web alike.
  return connection.scope === undefined || scopeOfId(item.kind, item.id) === connection.scope.toLowerCase();
}

/** The item a stored `itemId` means in this workspace: the first connection of its kind whose scope holds it; undefined when none does. */
export function resolveStoredItemId(value: string, connections: readonly TradeOffConnection[]): ItemRef | undefined {
  const item = parseStoredItemId(value);
  const connection = connections.find((c) => holds(c, item));
  return connection && { connection: connection.id, id: item.id };
}

/** The ref string of what a stored item id means here, or undefined: the key the item panels and SessionItems('ref') take. */
export function storedItemKey(value: string, connections: readonly TradeOffConnection[]): string | undefined {
  const ref = resolveStoredItemId(value, connections);
  return ref && formatItemRef(ref);
}

