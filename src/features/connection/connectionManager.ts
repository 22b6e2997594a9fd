// Which trackers the extension talks to: the workspace's connections in the
// registry (platform/connectionStore.ts), or, outside it, the environment's
// (FEEDBACK_LOOP_TRACKER_*, for demos and tests only: it replaces the list)
// and the sample tracker (shown when the list is empty and sample mode is
// on). Nothing here touches the network: clients are built on first use and
// the sample tracker starts then.
import { createHash } from 'node:crypto';
import * as vscode from 'vscode';
import { CHOICE_KEY, mayHaveLegacyConnection } from '../../core/connections/legacy';
import type { ConnectionDraft, ConnectionKind, ConnectionRecord, RenameResult } from '../../core/connections/registry';
import { Emitter } from '../../core/events';
import type { TrackerClient } from '../../trackers/tracker';
import { CONNECTIONS_KEY, isMigrated, onceEach, readConnections, secretKeyOf } from '../../platform/connectionList';
import type { ConnectionStore } from '../../platform/connectionStore';
import { setContext } from '../../platform/contextKeys';
import { Disposable } from '../../platform/disposable';
import type { Log } from '../../platform/log';
import { affects, readSetting } from '../../platform/settings';
import { repositoryOffer } from './repositoryOffer';
import { buildOnce, createRestTracker } from './trackerFactory';
import { LINEAR_PROVIDER, trackerFor } from './trackerChoice';
import type { SampleTracker } from './sampleTracker';
import { startSampleTracker } from './sampleTracker';

export type ConnectionSource = 'registry' | 'environment' | 'sample';

export interface Connection {
  /** Its id: `ItemRef.connection`, outbox entries' `tracker`, the key of its snapshot and drafts. */
  readonly id: string;
  /** Its name, as the user gave it (or the one suggested). */
  readonly label: string;
  readonly kind: ConnectionKind;
  readonly source: ConnectionSource;
  /** The registry's record; undefined for the environment's and the sample tracker. */
  readonly record: ConnectionRecord | undefined;
  /** The ids it had before the registry: outbox entries, drafts and close the loop's memory of then carry one. */
  readonly legacyIds: readonly string[];
  /** Resolves to the tracker, starting the sample tracker when needed; one client per connection until its definition changes. */
  readonly tracker: () => Promise<TrackerClient>;
}

const SAMPLE_MODE_KEY = 'feedbackLoop.sampleMode';
/** The repository named in settings that the user chose not to switch to (repositoryOffer.ts). */
const DECLINED_REPOSITORY_KEY = 'feedbackLoop.github.declinedRepository';
/** Settings the clients read when they are built: a change builds every client again. */
const CLIENT_SETTINGS = ['tracker.requestTimeoutSeconds', 'github.statusLabels', 'linear.statusOverrides'] as const;

const originOf = (baseUrl: string): string => {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl; // not a URL: the tracker, built on first use, reports it as an error row
  }
};

/**
 * The environment's connection is one per tracker origin, as it was before
 * the registry: a write queued for one tracker never goes to another the
 * environment names later. A ref's connection id has no `/` or `:`, so the
 * origin is hashed.
 */
export function environmentConnectionId(baseUrl: string): string {
  return `environment-${createHash('sha256').update(originOf(baseUrl)).digest('hex').slice(0, 12)}`;
}

export class ConnectionManager extends Disposable {
  private connections: readonly Connection[] = [];
  /** Clients by connection id and definition, kept across reloads: a rename keeps its client (and its session its lists). */
  private readonly clients = new Map<string, { readonly definition: string; readonly tracker: () => Promise<TrackerClient> }>();
  private sample: Promise<SampleTracker> | undefined;
  /** The registry's writes and migration: the lazy bundle dist/connectionStore.js, loaded on the first change. */
  private store: Promise<ConnectionStore> | undefined;
  private readonly warn: (message: string) => void;
  /** Repositories from settings already offered in this window. */
  private readonly offered = new Set<string>();
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    super();
    this.warn = onceEach((message) => log.warn(message));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        // github-enterprise.uri decides where a GitHub Enterprise token may go (githubAuth.ts).
        if (CLIENT_SETTINGS.some((key) => affects(e, key)) || e.affectsConfiguration('github-enterprise.uri')) {
          this.reload(true);
        } else if (affects(e, 'github.repository')) {
          void this.offerConfiguredRepository();
        }
      }),
    );
    this._register({ dispose: () => this.stopSample() });
    // Signing in or out of GitHub or Linear (Accounts menu) changes what those trackers can read: start them afresh.
    this._register(
      vscode.authentication.onDidChangeSessions((e) => {
        const github = e.provider.id === 'github' || e.provider.id === 'github-enterprise';
        const kind = github ? 'github' : e.provider.id === LINEAR_PROVIDER ? 'linear' : undefined;
        if (kind && this.connections.some((c) => c.kind === kind)) {
          this.reload(false, kind);
        }
      }),
    );
  }

  /** Where the connect steps keep what they probe with. */
  get secrets(): vscode.SecretStorage {
    return this.context.secrets;
  }

  /** Every connection, in the list's order. */
  list(): readonly Connection[] {
    return this.connections;
  }

  /**
   * The first connection. Features not yet addressing items by connection
   * (docs/notes/multi-connection.md) use it; with one connection it is that one.
   */
  get current(): Connection | undefined {
    return this.connections[0];
  }

  /**
   * Carries the connection of before the registry into it (once per
   * workspace), then reads the list. Before the first reload, so that nobody
   * upgrading sees "connect a tracker" for a moment.
   */
  async start(): Promise<void> {
    try {
      await this.migrate();
    } catch (error) {
      this.log.error('Connection registry: the connection of before could not be carried over', error);
    }
    this.reload();
  }

  /** Once per workspace; the migration's code is loaded only where there may be something to carry over. */
  private async migrate(): Promise<void> {
    const state = this.context.workspaceState;
    if (isMigrated(state)) {
      return;
    }
    if (!mayHaveLegacyConnection(state.get(CHOICE_KEY), readSetting('tracker.baseUrl'))) {
      await state.update(CONNECTIONS_KEY, []);
      return;
    }
    const [store, { migrateConnections }] = await Promise.all([this.edits(), import('../../platform/connectionMigration')]);
    await migrateConnections(store, this.log);
  }

  /** This workspace's connections as stored (the environment's and the sample tracker are not). */
  records(): readonly ConnectionRecord[] {
    return readConnections(this.context.workspaceState, CONNECTIONS_KEY, true, this.warn);
  }

  /** The store's writes, loaded once (a failed load is tried again next time). */
  private edits(): Promise<ConnectionStore> {
    this.store ??= import('../../platform/connectionStore').then(
      ({ ConnectionStore }) =>
        new ConnectionStore({ workspaceState: this.context.workspaceState, globalState: this.context.globalState, secrets: this.context.secrets, warn: this.warn }),
      (error: unknown) => {
        this.store = undefined;
        throw error;
      },
    );
    return this.store;
  }

  /**
   * Reads the connections from what is configured; no I/O. `rebuild`: the
   * settings the clients read changed, so every client is made again; `kind`:
   * only those of that kind (a sign-in changed).
   */
  reload(rebuild = false, kind?: ConnectionKind): void {
    for (const connection of this.connections) {
      if (rebuild || connection.kind === kind) {
        this.clients.delete(connection.id);
      }
    }
    const environment = this.fromEnvironment();
    const registry = environment ? [] : this.records().map((record) => this.fromRecord(record));
    const sample = environment || registry.length > 0 ? undefined : this.fromSampleMode();
    this.connections = environment ? [environment] : sample ? [sample] : registry;
    const ids = new Set(this.connections.map((c) => c.id));
    for (const id of [...this.clients.keys()]) {
      if (!ids.has(id)) {
        this.clients.delete(id);
      }
    }
    if (!sample) {
      this.stopSample();
    }
    setContext('feedbackLoop:isConnected', this.connections.length > 0);
    this.log.info(this.connections.length > 0 ? `Connected to ${this.connections.map((c) => c.label).join(', ')}` : 'No tracker configured');
    this.changed.fire();
    void this.offerConfiguredRepository();
  }

  /** Adds a connection to this workspace; its secret, when it has one, is stored under its own key first. */
  async add(draft: ConnectionDraft, secret?: string): Promise<ConnectionRecord> {
    const record = await (await this.edits()).add(draft, secret);
    await this.context.globalState.update(SAMPLE_MODE_KEY, false);
    this.reload();
    return record;
  }

  /** This machine's known connections (made in other workspaces) that this workspace does not have: Connect a Tracker… offers them. */
  async reusable(): Promise<readonly ConnectionRecord[]> {
    return (await this.edits()).reusable();
  }

  /** Adds a known connection of another workspace, with its id: the secret stored for it serves here too, nothing to enter again. */
  async adopt(id: string): Promise<ConnectionRecord | undefined> {
    const record = await (await this.edits()).adopt(id);
    if (record) {
      await this.context.globalState.update(SAMPLE_MODE_KEY, false);
      this.reload();
    }
    return record;
  }

  /** Renames a connection of this workspace: its session and lists stay. */
  async rename(id: string, name: string): Promise<RenameResult> {
    const result = await (await this.edits()).rename(id, name);
    if (result.ok) {
      this.reload();
    }
    return result;
  }

  /**
   * Reconnects: a new token or key (stored under the connection's key), or a
   * sign-in done again (none given). Its client is made anew, so its session
   * loads its lists again with it; the others are left as they are.
   */
  async reconnect(id: string, secret?: string): Promise<void> {
    const record = this.records().find((r) => r.id === id);
    if (record && secret !== undefined) {
      await (await this.edits()).storeSecret(record, secret);
    }
    this.clients.delete(id);
    this.reload();
  }

  /** Removes a connection from this workspace and deletes its secret, as Disconnect always did; the sample tracker is put away. */
  async disconnect(id: string): Promise<void> {
    if (this.records().some((r) => r.id === id)) {
      await (await this.edits()).forget(id);
    }
    if (id === 'sample') {
      await this.context.globalState.update(SAMPLE_MODE_KEY, false);
    }
    this.reload();
  }

  /** Shows the sample tracker: only while this workspace has no connection of its own (answers false then). */
  async useSampleData(): Promise<boolean> {
    if (this.records().length > 0) {
      return false;
    }
    await this.context.globalState.update(SAMPLE_MODE_KEY, true);
    this.reload();
    await this.current?.tracker();
    return true;
  }

  /**
   * Settings (perhaps the workspace's own) name a GitHub repository no GitHub
   * connection here has: it is connected only if the user says so (as a new
   * connection, beside the others), asked once per value. Writes never go
   * to a repository only a setting names.
   */
  private async offerConfiguredRepository(): Promise<void> {
    const github = this.connections.flatMap((c) => (c.record?.kind === 'github' ? [c.record] : []));
    if (github.length === 0) {
      return;
    }
    const declined = this.context.workspaceState.get<string>(DECLINED_REPOSITORY_KEY);
    const configured = readSetting('github.repository', (m) => this.log.warn(m));
    const offers = github.map((record) => repositoryOffer(record.settings.repository, configured, declined));
    const offered = offers.every((offer) => offer !== undefined) ? offers[0] : undefined;
    if (!offered || this.offered.has(offered)) {
      return;
    }
    this.offered.add(offered); // once per window, even when the notification is dismissed unanswered
    // The question is the connect steps' (dist/connect.js), loaded only when there is one to ask.
    const answer = await (await import('./githubSignIn')).askToAddRepository(offered, github[0].settings.repository);
    if (answer === 'add') {
      await this.add({ kind: 'github', settings: { repository: offered, apiUrl: github[0].settings.apiUrl } });
    } else if (answer === 'no') {
      await this.context.workspaceState.update(DECLINED_REPOSITORY_KEY, offered);
    }
  }

  private fromRecord(record: ConnectionRecord): Connection {
    const definition = JSON.stringify([record.kind, record.settings]);
    const secret = async (): Promise<string | undefined> => this.context.secrets.get(secretKeyOf(record));
    const tracker = this.client(record.id, definition, () => trackerFor(record, { log: this.log, secret }));
    return { id: record.id, label: record.name, kind: record.kind, source: 'registry', record, legacyIds: record.legacyId ? [record.legacyId] : [], tracker };
  }

  private fromEnvironment(): Connection | undefined {
    const baseUrl = process.env.FEEDBACK_LOOP_TRACKER_URL;
    const token = process.env.FEEDBACK_LOOP_TRACKER_TOKEN;
    if (!baseUrl || !token) {
      return undefined;
    }
    this.log.addSecret(token);
    const id = environmentConnectionId(baseUrl);
    const tracker = this.client(id, JSON.stringify([baseUrl, token]), () => this.lazy(baseUrl, async () => token));
    return { id, label: `${baseUrl} (from the environment)`, kind: 'rest', source: 'environment', record: undefined, legacyIds: [originOf(baseUrl)], tracker };
  }

  private fromSampleMode(): Connection | undefined {
    if (!this.context.globalState.get<boolean>(SAMPLE_MODE_KEY)) {
      return undefined;
    }
    const tracker = this.client('sample', 'sample', () =>
      buildOnce(async () => {
        const sample = await this.startSample();
        return this.build(sample.url, async () => sample.token);
      }),
    );
    return { id: 'sample', label: 'the sample tracker', kind: 'rest', source: 'sample', record: undefined, legacyIds: [], tracker };
  }

  /** The connection's client as it was, unless its definition changed. */
  private client(id: string, definition: string, make: () => () => Promise<TrackerClient>): () => Promise<TrackerClient> {
    const kept = this.clients.get(id);
    if (kept?.definition === definition) {
      return kept.tracker;
    }
    const tracker = make();
    this.clients.set(id, { definition, tracker });
    return tracker;
  }

  private startSample(): Promise<SampleTracker> {
    this.sample ??= this.launchSample();
    return this.sample;
  }

  private async launchSample(): Promise<SampleTracker> {
    try {
      await vscode.workspace.fs.createDirectory(this.context.globalStorageUri);
      const dataFile = vscode.Uri.joinPath(this.context.globalStorageUri, 'sample-tracker.json').fsPath;
      const sample = await startSampleTracker(this.context.extensionPath, dataFile, (line) => this.log.info(line));
      this.log.addSecret(sample.token);
      return sample;
    } catch (error) {
      // Let the next attempt (a retry in the view) start it afresh.
      this.sample = undefined;
      throw error;
    }
  }

  private stopSample(): void {
    const sample = this.sample;
    this.sample = undefined;
    // A sample that failed to start was reported to whoever awaited it; there is nothing left to stop.
    sample?.then((s) => s.stop()).catch(() => undefined);
  }

  /** Builds the client on first use, so a bad URL surfaces as an error row, not an activation failure. */
  private lazy(baseUrl: string, getToken: () => Promise<string | undefined>): () => Promise<TrackerClient> {
    return buildOnce(() => this.build(baseUrl, getToken));
  }

  /** Loads the REST adapter (its own bundle) and builds the client. */
  private build(baseUrl: string, getToken: () => Promise<string | undefined>): Promise<TrackerClient> {
    const timeoutMs = readSetting('tracker.requestTimeoutSeconds') * 1000;
    return createRestTracker({ baseUrl, getToken, timeoutMs, log: (line) => this.log.info(line) });
  }

  override dispose(): void {
    super.dispose();
    this.changed.dispose();
  }
}
