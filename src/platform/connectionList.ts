// Reading the connection registry (core/connections/registry.ts) where it is
// kept: this workspace's connections in workspaceState, the machine's known
// connections in globalState, each connection's secret in SecretStorage under
// its own key. Read at every activation, so it is this small part of the
// store; the writes and the migration (connectionStore.ts) are the lazy
// bundle dist/connectionStore.js, loaded when a connection is added,
// renamed, removed, or carried over from before the registry. Takes VS
// Code's Memento and SecretStorage, or anything shaped like them (the unit
// tests' fakes): no vscode import.
import { connectionSecretKey, parseConnections, SECRET_NAME } from '../core/connections/registry';
import type { ConnectionRecord } from '../core/connections/registry';

/** workspaceState: this workspace's connections. Absent until the migration has run once. */
export const CONNECTIONS_KEY = 'feedbackLoop.connections';
/** globalState: connections of every workspace on this machine, without secrets. */
export const KNOWN_CONNECTIONS_KEY = 'feedbackLoop.knownConnections';

/** A Memento, or anything like it. */
export interface StateStore {
  get(key: string): unknown;
  update(key: string, value: unknown): PromiseLike<void>;
}

/** SecretStorage, or anything like it. */
export interface SecretStore {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

/**
 * The connections stored under `key`, parsed with the registry's schema: a
 * record that does not parse is dropped, and each problem is said through
 * `warn` (which the caller makes say each text once). In a workspace's list
 * (`uniqueNames`) a repeated name is made unique.
 */
export function readConnections(state: StateStore, key: string, uniqueNames: boolean, warn: (message: string) => void): readonly ConnectionRecord[] {
  const { connections, problems } = parseConnections(state.get(key), { uniqueNames });
  problems.forEach((problem) => warn(`${key}: ${problem}`));
  return connections;
}

/** Where the connection's token or API key is kept in SecretStorage. */
export function secretKeyOf(record: ConnectionRecord): string {
  return connectionSecretKey(record.id, SECRET_NAME[record.kind]);
}

/** Whether this workspace's connections were stored once (an empty list included): the migration has run. */
export function isMigrated(workspaceState: StateStore): boolean {
  return workspaceState.get(CONNECTIONS_KEY) !== undefined;
}

/** Says each text once per window: a damaged list is read at every reload. */
export function onceEach(warn: (message: string) => void): (message: string) => void {
  const said = new Set<string>();
  return (message) => {
    if (!said.has(message)) {
      said.add(message);
      warn(message);
    }
  };
}
