// Which tracker the extension talks to, and how it got there: the user's
// settings and SecretStorage, the sample tracker, or (for demos and tests
// only) environment variables. Nothing here touches the network: trackers are
// built lazily and the sample tracker starts on first use.
import * as vscode from 'vscode';
import { CANNY_KEY_SECRET, CHOICE_KEY, LINEAR_KEY_SECRET, originTokenKey } from '../../core/connections/legacy';
import type { TrackerChoice } from '../../core/connections/legacy';
import { Emitter } from '../../core/events';
import type { TrackerClient } from '../../trackers/tracker';
import { setContext } from '../../platform/contextKeys';
import { Disposable } from '../../platform/disposable';
import type { Log } from '../../platform/log';
import { affects, readSetting } from '../../platform/settings';
import { repositoryOffer } from './repositoryOffer';
import { buildOnce, createRestTracker } from './trackerFactory';
import { connectionFor, fiderTokenKey, LINEAR_PROVIDER, readChoice } from './trackerChoice';
import type { SampleTracker } from './sampleTracker';
import { startSampleTracker } from './sampleTracker';

export type ConnectionSource = 'settings' | 'environment' | 'sample' | 'workspace';

interface Connection {
  readonly source: ConnectionSource;
  /** Resolves to the tracker, starting the sample tracker when needed. */
  readonly tracker: () => Promise<TrackerClient>;
  readonly label: string;
  /** Which tracker this is, for the outbox: the base URL's origin, or `sample`. */
  readonly id: string;
}

const SAMPLE_MODE_KEY = 'feedbackLoop.sampleMode';
/** The repository named in settings that the user chose not to switch to (repositoryOffer.ts). */
const DECLINED_REPOSITORY_KEY = 'feedbackLoop.github.declinedRepository';
const originOf = (baseUrl: string): string => {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return baseUrl; // not a URL: the tracker, built on first use, reports it as an error row
  }
};

export class ConnectionManager extends Disposable {
  private connection: Connection | undefined;
  private sample: Promise<SampleTracker> | undefined;
  /** Repositories from settings already offered in this window. */
  private readonly offered = new Set<string>();
  private readonly changed = new Emitter<void>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly log: Log,
  ) {
    super();
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        const keys = ['tracker.baseUrl', 'tracker.requestTimeoutSeconds', 'github.repository', 'github.apiUrl', 'github.statusLabels', 'fider.baseUrl', 'linear.statusOverrides'] as const;
        // github-enterprise.uri decides where a GitHub Enterprise token may go (githubAuth.ts).
        if (keys.some((key) => affects(e, key)) || e.affectsConfiguration('github-enterprise.uri')) {
          this.reload();
        }
      }),
    );
    this._register({ dispose: () => this.stopSample() });
    // Signing in or out of GitHub or Linear (Accounts menu) changes what that tracker can read: start afresh.
    this._register(
      vscode.authentication.onDidChangeSessions((e) => {
        const github = (e.provider.id === 'github' || e.provider.id === 'github-enterprise') && this.connection?.label.startsWith('GitHub ');
        const linear = e.provider.id === LINEAR_PROVIDER && this.connection?.label.startsWith('Linear ');
        if (github || linear) {
          this.reload();
        }
      }),
    );
  }

  /** Where the connect steps keep API keys. */
  get secrets(): vscode.SecretStorage {
    return this.context.secrets;
  }

  get current(): Connection | undefined {
    return this.connection;
  }

  /** Decides the connection from what is configured; no I/O. */
  reload(): void {
    this.connection = this.fromEnvironment() ?? this.fromChoice() ?? this.fromSettings() ?? this.fromSampleMode();
    if (this.connection?.source !== 'sample') {
      this.stopSample();
    }
    setContext('feedbackLoop:isConnected', this.connection !== undefined);
    this.log.info(this.connection ? `Connected to ${this.connection.label}` : 'No tracker configured');
    this.changed.fire();
    void this.offerConfiguredRepository();
  }

  /**
   * Settings (perhaps the workspace's own) name another GitHub repository than
   * the one connected: switch only if the user says so, asked once per value.
   */
  private async offerConfiguredRepository(): Promise<void> {
    const choice = readChoice(this.context.workspaceState, this.log);
    if (choice?.kind !== 'github') {
      return;
    }
    const declined = this.context.workspaceState.get<string>(DECLINED_REPOSITORY_KEY);
    const offered = repositoryOffer(choice.repository, readSetting('github.repository', (m) => this.log.warn(m)), declined);
    if (!offered || this.offered.has(offered)) {
      return;
    }
    this.offered.add(offered); // once per window, even when the notification is dismissed unanswered
    const use = vscode.l10n.t('Use {0}', offered);
    const keep = vscode.l10n.t('Keep {0}', choice.repository);
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t(
        'The setting feedbackLoop.github.repository names {0}, but this workspace is connected to {1}: replies, links and status changes go to {1}. Use {0} instead?',
        offered,
        choice.repository,
      ),
      use,
      keep,
    );
    if (answer === use) {
      await this.useChoice({ kind: 'github', repository: offered });
    } else if (answer === keep) {
      await this.context.workspaceState.update(DECLINED_REPOSITORY_KEY, offered);
    }
  }

  /** Uses GitHub, Canny or Fider in this workspace (its secrets already stored by the connect steps). */
  async useChoice(choice: TrackerChoice): Promise<void> {
    await this.context.workspaceState.update(CHOICE_KEY, choice);
    await this.context.globalState.update(SAMPLE_MODE_KEY, false);
    this.reload();
  }

  async connect(baseUrl: string, token: string): Promise<void> {
    await this.context.workspaceState.update(CHOICE_KEY, { kind: 'rest' } satisfies TrackerChoice);
    await this.context.secrets.store(originTokenKey(baseUrl), token);
    await this.context.globalState.update(SAMPLE_MODE_KEY, false);
    await vscode.workspace.getConfiguration('feedbackLoop').update('tracker.baseUrl', baseUrl, vscode.ConfigurationTarget.Global);
    this.reload();
  }

  async useSampleData(): Promise<void> {
    await this.context.workspaceState.update(CHOICE_KEY, undefined);
    await this.context.globalState.update(SAMPLE_MODE_KEY, true);
    if (readSetting('tracker.baseUrl')) {
      await vscode.workspace.getConfiguration('feedbackLoop').update('tracker.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    }
    this.reload();
    await this.connection?.tracker();
  }

  async disconnect(): Promise<void> {
    if (await this.forgetChoice()) {
      return;
    }
    const baseUrl = readSetting('tracker.baseUrl');
    if (baseUrl) {
      await this.context.secrets.delete(originTokenKey(baseUrl));
      await vscode.workspace.getConfiguration('feedbackLoop').update('tracker.baseUrl', undefined, vscode.ConfigurationTarget.Global);
    }
    await this.context.globalState.update(SAMPLE_MODE_KEY, false);
    this.reload();
  }

  private fromEnvironment(): Connection | undefined {
    const baseUrl = process.env.FEEDBACK_LOOP_TRACKER_URL;
    const token = process.env.FEEDBACK_LOOP_TRACKER_TOKEN;
    if (!baseUrl || !token) {
      return undefined;
    }
    this.log.addSecret(token);
    return { source: 'environment', label: `${baseUrl} (from the environment)`, id: originOf(baseUrl), tracker: this.lazy(baseUrl, async () => token) };
  }

  private fromChoice(): Connection | undefined {
    const choice = readChoice(this.context.workspaceState, this.log);
    const connection = choice && connectionFor(choice, { secrets: this.context.secrets, log: this.log });
    return connection && { source: 'workspace', ...connection };
  }

  /** Disconnects an external tracker (its secret removed); false when the REST tracker is in use. */
  private async forgetChoice(): Promise<boolean> {
    const choice = readChoice(this.context.workspaceState, this.log);
    if (!choice || choice.kind === 'rest') {
      return false;
    }
    if (choice.kind === 'canny') {
      await this.context.secrets.delete(CANNY_KEY_SECRET);
    }
    // A Linear sign-in is VS Code's (Accounts menu), not ours to sign out; the API key is ours.
    if (choice.kind === 'linear') {
      await this.context.secrets.delete(LINEAR_KEY_SECRET);
    }
    const fider = readSetting('fider.baseUrl');
    if (choice.kind === 'fider' && fider) {
      await this.context.secrets.delete(fiderTokenKey(fider));
    }
    await this.context.workspaceState.update(CHOICE_KEY, undefined);
    this.reload();
    return true;
  }

  private fromSettings(): Connection | undefined {
    const baseUrl = readSetting('tracker.baseUrl', (message) => this.log.warn(message));
    if (!baseUrl) {
      return undefined;
    }
    const getToken = async (): Promise<string | undefined> => {
      const token = await this.context.secrets.get(originTokenKey(baseUrl));
      this.log.addSecret(token);
      return token;
    };
    return { source: 'settings', label: baseUrl, id: originOf(baseUrl), tracker: this.lazy(baseUrl, getToken) };
  }

  private fromSampleMode(): Connection | undefined {
    if (!this.context.globalState.get<boolean>(SAMPLE_MODE_KEY)) {
      return undefined;
    }
    const tracker = buildOnce(async () => {
      const sample = await this.startSample();
      return this.build(sample.url, async () => sample.token);
    });
    return { source: 'sample', label: 'the sample tracker', id: 'sample', tracker };
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
