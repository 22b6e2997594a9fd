// Writing a trade-off across connections (issue 14): how the file names the
// item the user chose, and queueing the trade-off for that item's connection
// only. Loaded with Mark Trade-off… (the lazy bundle dist/tradeoffCommands.js);
// reading the file's names back is tradeoffItem.ts.
import { formatTrailerValue } from '../references';
import { parseItemRef } from '../itemRef';
import type { ItemRef } from '../itemRef';
import type { NewTradeOff } from '../model';
import type { WriteRequest } from '../outboxTypes';
import { resolveStoredItemId } from './tradeoffItem';
import type { TradeOffConnection } from './tradeoffItem';

/** How the file names the item of `ref`: the tracker's id with one connection (as always), else kind-qualified; undefined for a connection not here. */
export function storedItemIdOf(ref: ItemRef, connections: readonly TradeOffConnection[]): string | undefined {
  const connection = connections.find((c) => c.id === ref.connection);
  if (!connection) {
    return undefined;
  }
  return connections.length === 1 ? ref.id : formatTrailerValue(connection.kind, ref.id);
}

/**
 * A ref's string, or else a stored item id, as the item it names here;
 * undefined when it names none. A ref of a connection this workspace lacks
 * (removed since) names nothing: it is never read as some REST id instead.
 */
export function tradeOffTarget(target: string, connections: readonly TradeOffConnection[]): ItemRef | undefined {
  const ref = parseItemRef(target);
  if (ref) {
    return connections.some((c) => c.id === ref.connection) ? ref : undefined;
  }
  return resolveStoredItemId(target, connections);
}

/** A trade-off whose item names no connection of this workspace: kept in the file, never sent. */
export class UnknownTradeOffItem extends Error {
  constructor(readonly target: string) {
    super(`${JSON.stringify(target.slice(0, 120))} names no item of a connection here`);
    this.name = 'UnknownTradeOffItem';
  }
}

/**
 * Queues the trade-off for the connection of its item, and that one only.
 * `target` is the ref the user chose (or a stored item id, for scripted use);
 * throws UnknownTradeOffItem, queueing nothing, when it names no connection here.
 */
export async function enqueueTradeOff(
  outbox: { enqueue(tracker: string, request: WriteRequest): Promise<unknown> },
  target: string,
  body: NewTradeOff,
  connections: readonly TradeOffConnection[],
): Promise<ItemRef> {
  const ref = tradeOffTarget(target, connections);
  if (!ref) {
    throw new UnknownTradeOffItem(target);
  }
  await outbox.enqueue(ref.connection, { kind: 'tradeoff', itemId: ref.id, body });
  return ref;
}
