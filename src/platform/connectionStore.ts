// Changing the connection registry (core/connections/registry.ts) where it is
// kept (connectionList.ts reads it): this workspace's connections in
// workspaceState, the machine's known connections (to reuse one in another
// workspace) in globalState, not synced (their secrets are this machine's),
// and each connection's secret in SecretStorage under its own key. Everything
// read is parsed with the registry's schema. The lazy bundle
// dist/connectionStore.js: loaded when a connection is added, renamed or
// removed, or the one of before the registry is carried over. Takes VS Code's
// Memento and SecretStorage, or anything shaped like them (the unit tests'
// fakes): no vscode import.
import { CHOICE_KEY } from '../core/connections/legacy';
import { legacyConnection, migrateLegacy } from '../core/connections/migration';
import type { LegacySettings, MigrationOutcome } from '../core/connections/migration';
import { adoptConnection, addConnection, connectionSecretKey, findConnection, rememberConnection, removeConnection, renameConnection } from '../core/connections/registry';
import type { ConnectionDraft, ConnectionKind, ConnectionRecord, RenameResult } from '../core/connections/registry';
import { CONNECTIONS_KEY, isMigrated, KNOWN_CONNECTIONS_KEY, readConnections, secretKeyOf } from './connectionList';
import type { SecretStore, StateStore } from './connectionList';

export interface ConnectionStoreDeps {
  readonly workspaceState: StateStore;
  readonly globalState: StateStore;
  readonly secrets: SecretStore;
  /** A stored record dropped or renamed, or a migration that failed: said once per text. */
  readonly warn: (message: string) => void;
  readonly newId?: (kind: ConnectionKind) => string;
}

export type MigrationReport =
  | { readonly outcome: 'alreadyMigrated' | 'nothingToMigrate' }
  | { readonly outcome: MigrationOutcome; readonly record: ConnectionRecord }
  | { readonly outcome: 'failed'; readonly reason: string };

export class ConnectionStore {
  /** Every change reads, awaits secrets, then writes: one at a time, so none is lost. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly warned = new Set<string>();

  constructor(private readonly deps: ConnectionStoreDeps) {}

  /** This workspace's connections, in the order they were added. */
  list(): readonly ConnectionRecord[] {
    return this.read(this.deps.workspaceState, CONNECTIONS_KEY, true);
  }

  /** The machine's known connections, the most recently used first. */
  known(): readonly ConnectionRecord[] {
    return this.read(this.deps.globalState, KNOWN_CONNECTIONS_KEY, false);
  }

  /** Known connections this workspace does not have: what "reuse a connection" offers. */
  reusable(): readonly ConnectionRecord[] {
    const here = new Set(this.list().map((c) => c.id));
    return this.known().filter((c) => !here.has(c.id));
  }

  /** Adds a connection; its secret (when given) is stored first, so no record is ever without the secret it was made with. */
  add(draft: ConnectionDraft, secret?: string): Promise<ConnectionRecord> {
    return this.serialize(async () => {
      const { list, record } = addConnection(this.list(), draft, this.deps.newId);
      if (secret !== undefined) {
        await this.deps.secrets.store(secretKeyOf(record), secret);
      }
      await this.save(list, record);
      return record;
    });
  }

  /** Adds a known connection (another workspace's) with its id, so its secret serves here too; undefined when unknown. */
  adopt(id: string): Promise<ConnectionRecord | undefined> {
    return this.serialize(async () => {
      const known = findConnection(this.known(), id);
      if (!known) {
        return undefined;
      }
      const { list, record } = adoptConnection(this.list(), known);
      await this.save(list, record);
      return record;
    });
  }

  rename(id: string, name: string): Promise<RenameResult> {
    return this.serialize(async () => {
      const result = renameConnection(this.list(), id, name);
      if (result.ok) {
        await this.save(result.list, result.record);
      }
      return result;
    });
  }

  /** Removes the connection from this workspace; the machine still knows it, and its secret stays for the workspaces that use it. */
  remove(id: string): Promise<void> {
    return this.serialize(async () => this.deps.workspaceState.update(CONNECTIONS_KEY, removeConnection(this.list(), id)));
  }

  /** Removes the connection from this workspace and the machine's list, and deletes its secret. */
  forget(id: string): Promise<void> {
    return this.serialize(async () => {
      const record = findConnection(this.list(), id) ?? findConnection(this.known(), id);
      if (record) {
        await this.deps.secrets.delete(secretKeyOf(record));
      }
      await this.deps.workspaceState.update(CONNECTIONS_KEY, removeConnection(this.list(), id));
      await this.deps.globalState.update(KNOWN_CONNECTIONS_KEY, removeConnection(this.known(), id));
    });
  }

  secret(record: ConnectionRecord): Promise<string | undefined> {
    return Promise.resolve(this.deps.secrets.get(secretKeyOf(record)));
  }

  /** A new token or key for the connection (reconnect). */
  storeSecret(record: ConnectionRecord, value: string): Promise<void> {
    return this.serialize(async () => this.deps.secrets.store(secretKeyOf(record), value));
  }

  /**
   * Carries the workspace's connection from before the registry into it, once:
   * a workspace whose list is stored (even empty) has been migrated. The list
   * is written last, so an interrupted migration runs again on the next start.
   */
  migrate(settings: LegacySettings): Promise<MigrationReport> {
    return this.serialize(async () => {
      if (isMigrated(this.deps.workspaceState)) {
        return { outcome: 'alreadyMigrated' };
      }
      const legacy = legacyConnection(this.deps.workspaceState.get(CHOICE_KEY), settings);
      if (!legacy) {
        await this.deps.workspaceState.update(CONNECTIONS_KEY, []);
        return { outcome: 'nothingToMigrate' };
      }
      let migrated: ReturnType<typeof migrateLegacy>;
      try {
        migrated = migrateLegacy(legacy, this.list(), this.known(), this.deps.newId);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        this.warnOnce(`The ${legacy.draft.kind} tracker connected before could not be carried over (${reason}); connect it again with “Connect a Tracker…”.`);
        await this.deps.workspaceState.update(CONNECTIONS_KEY, []);
        return { outcome: 'failed', reason };
      }
      if (legacy.secret) {
        await this.copySecret(legacy.secret.from, connectionSecretKey(migrated.record.id, legacy.secret.name));
      }
      await this.save(migrated.list, migrated.record);
      return { outcome: migrated.outcome, record: migrated.record };
    });
  }

  /**
   * Copies, and keeps the old key: it is one per kind (Canny, Linear) or per
   * origin (REST, Fider) for the whole machine, while the migration is one
   * workspace's. Other workspaces not yet opened with this version still
   * migrate from it, and a window still running the previous version (every
   * window shares SecretStorage) still reads it. A secret already under the
   * new key (a reused connection's) is newer and stays.
   */
  private async copySecret(from: string, to: string): Promise<void> {
    const value = await this.deps.secrets.get(from);
    if (value === undefined || (await this.deps.secrets.get(to)) !== undefined) {
      return;
    }
    await this.deps.secrets.store(to, value);
  }

  /** Writes the workspace's list, and the record first in the machine's. */
  private async save(list: readonly ConnectionRecord[], used: ConnectionRecord): Promise<void> {
    await this.deps.workspaceState.update(CONNECTIONS_KEY, list);
    await this.deps.globalState.update(KNOWN_CONNECTIONS_KEY, rememberConnection(this.known(), used));
  }

  private read(state: StateStore, key: string, uniqueNames: boolean): readonly ConnectionRecord[] {
    return readConnections(state, key, uniqueNames, (message) => this.warnOnce(message));
  }

  private warnOnce(message: string): void {
    if (!this.warned.has(message)) {
      this.warned.add(message);
      this.deps.warn(message);
    }
  }

  private serialize<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined); // the caller hears of its failure; the next change still runs
    return run;
  }
}
