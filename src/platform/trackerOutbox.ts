// The outbox every write goes through (replies, status changes, links,
// trade-offs), built once in the composition root: kept in a file per window
// in global storage, each entry sent through the connection it names (its
// `tracker`) and no other; an entry of a connection this window does not
// have waits.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Outbox } from '../core/outbox';
import type { OutboxEntry } from '../core/outbox';
import type { TrackerClient } from '../trackers/tracker';
import { OUTBOX_FILE_NAME } from './outboxStorage';
import { sendWrite, verifyWrite } from './sendWrite';
import { WindowOutboxStorage } from './windowOutboxStorage';

export interface TrackerOutboxDeps {
  /** The extension's global storage folder. */
  readonly globalStorage: string;
  /** The connection of that id, if this window has it. */
  readonly connectionOf: (id: string) => { readonly id: string; tracker(): Promise<TrackerClient> } | undefined;
  readonly log: (line: string) => void;
}

class NotConnected extends Error {}

export function createTrackerOutbox(deps: TrackerOutboxDeps): Outbox {
  const trackerFor = async (entry: OutboxEntry): Promise<TrackerClient> => {
    const connection = deps.connectionOf(entry.tracker);
    if (!connection) {
      throw new NotConnected(vscode.l10n.t('Not connected to {0}.', entry.tracker));
    }
    return connection.tracker();
  };
  return new Outbox({
    // One file per window: two windows never overwrite each other's writes.
    storage: new WindowOutboxStorage({
      folder: () => path.join(deps.globalStorage, 'outbox'),
      legacyFile: () => path.join(deps.globalStorage, OUTBOX_FILE_NAME),
      log: deps.log,
    }),
    send: async (entry, signal) => sendWrite(await trackerFor(entry), entry, signal),
    verify: async (entry, signal) => verifyWrite(await trackerFor(entry), entry, signal),
    canSend: (tracker) => deps.connectionOf(tracker) !== undefined,
    log: deps.log,
  });
}
