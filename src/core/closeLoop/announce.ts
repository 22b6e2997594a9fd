// After a prepared announcement goes out: the status change to *shipped*,
// for the item the reply went to. With several connections (issue 14) two of
// them may both have FB-12; the reply names its item by ref, and so must the
// status change: it goes to that connection, and only when that connection's
// item had the announcement prepared (the ship log is per connection).
import type { Outbox } from '../outbox';
import type { ShipLog } from './shipLog';

/** The item a reply went to: its connection's id (the outbox's `tracker`) and the tracker's id of the item. */
export interface AnnouncedItem {
  readonly tracker: string;
  readonly itemId: string;
}

/**
 * Queues the status change for `at` when its connection's ship log has an
 * announcement prepared for it, and records it as announced; false (nothing
 * queued) for any other reply, an item of another connection included.
 */
export async function queueShippedStatus(shipLog: ShipLog, outbox: Pick<Outbox, 'enqueue'>, at: AnnouncedItem | undefined): Promise<boolean> {
  const prepared = at === undefined ? null : shipLog.item(at.tracker, at.itemId).prepared;
  if (at === undefined || prepared === null) {
    return false;
  }
  await outbox.enqueue(at.tracker, { kind: 'status', itemId: at.itemId, body: { status: 'shipped' } });
  shipLog.update(at.tracker, at.itemId, { prepared: null, announced: prepared });
  return true;
}
