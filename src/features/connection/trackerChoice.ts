// How the client of a connection is built from its record in the registry
// (core/connections/registry.ts): where the tracker lives and what it reads
// come from the record, the secret from SecretStorage under the connection's
// own key, the sign-ins (GitHub, Linear) from VS Code. Nothing here touches
// the network until a client is first used.
import * as vscode from 'vscode';
import type { ConnectionRecord, ConnectionSettings } from '../../core/connections/registry';
import type { CannyTracker } from '../../trackers/canny/cannyTracker';
import type { HttpClient, HttpClientOptions } from '../../trackers/http';
import { TrackerError } from '../../trackers/tracker';
import type { TrackerClient } from '../../trackers/tracker';
import type { Log } from '../../platform/log';
import { readSetting } from '../../platform/settings';
import { GITHUB_API_URL, githubAuthFor } from './githubAuth';
import type { GithubAuthRefusal, GithubProvider } from './githubAuth';
import { buildOnce, createRestTracker } from './trackerFactory';
import { cannyModule, fiderModule, githubModule, httpModule, linearClientModule } from './trackerModules';

export const GITHUB_SCOPES = ['repo'];
/** The VS Code sign-in an installed extension may provide (Linear's own "Linear Connect"). */
export const LINEAR_PROVIDER = 'linear';
/** Reading issues and customer requests; writing replies, states and attachments. */
export const LINEAR_SCOPES = ['read', 'write'];
export type LinearSettings = ConnectionSettings<'linear'>;
const USER_AGENT = 'feedback-loop-vscode';

/** What a connection's client needs besides its record: the log, and its secret (SecretStorage under the connection's own key). */
export interface Deps {
  readonly log: Log;
  /** The connection's token or API key, if it has one stored. */
  readonly secret: () => Promise<string | undefined>;
}

/**
 * The client of a connection in the registry, built on first use (a bad URL
 * then shows as the connection's error row, not as an activation failure).
 * Where the tracker lives comes from the record, never from a setting a
 * workspace could change; the environment's URLs (demos, tests) still win.
 */
export function trackerFor(record: ConnectionRecord, deps: Deps): () => Promise<TrackerClient> {
  switch (record.kind) {
    case 'rest': {
      const { baseUrl } = record.settings;
      return buildOnce(() => createRestTracker({ baseUrl, getToken: logged(deps), timeoutMs: readSetting('tracker.requestTimeoutSeconds') * 1000, log: (line) => deps.log.info(line) }));
    }
    case 'github': {
      // Always the repository the user confirmed: a setting naming another one is only offered (repositoryOffer.ts).
      const { repository, apiUrl, account } = record.settings;
      return buildOnce(() => githubTracker(repository, process.env.FEEDBACK_LOOP_GITHUB_API_URL || apiUrl, account, deps));
    }
    case 'canny':
      return buildOnce(() => cannyTracker(record.settings, logged(deps), deps.log));
    case 'fider': {
      const { baseUrl } = record.settings;
      return buildOnce(() => fiderTracker(baseUrl, deps));
    }
    case 'linear': {
      const settings = record.settings;
      return buildOnce(async () => (await linearClientModule()).linearTracker(settings, deps));
    }
  }
}

/** The connection's secret, added to what the log hides. */
function logged(deps: Deps): () => Promise<string | undefined> {
  return async () => {
    const secret = await deps.secret();
    deps.log.addSecret(secret);
    return secret;
  };
}

/** How a tracker's answers are read and its token sent, where it differs from the generic client's. */
export type HttpHooks = Pick<HttpClientOptions, 'headers' | 'authHeaders' | 'refusal' | 'limitResetMs'>;

/** The HTTP client of an external tracker: the timeout setting, our user agent, a log line per request. */
export async function trackerHttp(baseUrl: string, getToken: () => Promise<string | undefined>, deps: Pick<Deps, 'log'>, hooks: HttpHooks = {}): Promise<HttpClient> {
  const timeoutMs = readSetting('tracker.requestTimeoutSeconds') * 1000;
  const { HttpClient } = await httpModule();
  return new HttpClient({ baseUrl, getToken, timeoutMs, ...hooks, userAgent: USER_AGENT, log: (line) => deps.log.info(line) });
}

/** A VS Code account a GitHub connection signs in with (registry: `settings.account`). */
export interface GithubAccount {
  readonly id: string;
  readonly label: string;
}

/**
 * The token a GitHub connection sends to `apiUrl`: the connection's own
 * personal access token when it has one (a second account where VS Code
 * offers no account choice), else the VS Code sign-in that may go there
 * (githubAuth.ts), of the connection's account when it names one; asked
 * silently (the connect command is where the user signs in).
 * FEEDBACK_LOOP_GITHUB_TOKEN is for demos and tests only, like
 * FEEDBACK_LOOP_TRACKER_TOKEN.
 */
export async function githubToken(apiUrl: string, log: Log, account?: GithubAccount, secret?: () => Promise<string | undefined>): Promise<string | undefined> {
  const fromEnv = process.env.FEEDBACK_LOOP_GITHUB_TOKEN;
  if (fromEnv) {
    log.addSecret(fromEnv);
    return fromEnv;
  }
  // A token given for this connection goes to its API URL only (https, or http on this machine: the registry's rule).
  const own = await secret?.();
  if (own) {
    log.addSecret(own);
    return own;
  }
  const provider = githubProvider(apiUrl);
  // `account` (VS Code 1.93) is passed where an account was chosen; an older VS Code ignores it and answers its default.
  const options = account ? ({ silent: true, account } as vscode.AuthenticationGetSessionOptions) : { silent: true };
  const session = await vscode.authentication.getSession(provider, GITHUB_SCOPES, options);
  if (!session) {
    throw new TrackerError('unauthorized', vscode.l10n.t('Not signed in to GitHub: run “Feedback Loop: Connect a Tracker…” and sign in.'));
  }
  log.addSecret(session.accessToken);
  return session.accessToken;
}

/** The GitHub API URL in use: the environment's (demos and tests), else the machine-scoped setting. */
export function githubApiUrl(): string {
  return process.env.FEEDBACK_LOOP_GITHUB_API_URL || readSetting('github.apiUrl');
}

/** The sign-in whose token may go to `apiUrl`; throws, saying what to change, when none may. */
export function githubProvider(apiUrl: string): GithubProvider {
  const enterpriseUri = vscode.workspace.getConfiguration('github-enterprise').get<string>('uri');
  const auth = githubAuthFor(apiUrl, enterpriseUri);
  if ('refused' in auth) {
    throw new TrackerError('rejected', refusalText(auth.refused, apiUrl));
  }
  return auth.provider;
}

function refusalText(refusal: GithubAuthRefusal, apiUrl: string): string {
  const url = JSON.stringify(apiUrl.slice(0, 200));
  switch (refusal) {
    case 'invalidUrl':
      return vscode.l10n.t('The setting feedbackLoop.github.apiUrl ({0}) is not a URL.', url);
    case 'notHttps':
      return vscode.l10n.t('The setting feedbackLoop.github.apiUrl ({0}) is not https://: no GitHub token is sent over it.', url);
    case 'credentialsInUrl':
      return vscode.l10n.t('The setting feedbackLoop.github.apiUrl ({0}) holds a user name or password: remove them, VS Code’s sign-in provides the token.', url);
    case 'noEnterpriseUri':
      return vscode.l10n.t(
        'The setting feedbackLoop.github.apiUrl ({0}) is not {1}: for GitHub Enterprise, also set github-enterprise.uri to that server’s address, so the token comes from the GitHub Enterprise sign-in.',
        url,
        GITHUB_API_URL,
      );
    case 'invalidEnterpriseUri':
      return vscode.l10n.t('The setting github-enterprise.uri is not an http(s) URL: set it to your GitHub Enterprise server’s address.');
    case 'otherHost':
      return vscode.l10n.t(
        'The setting feedbackLoop.github.apiUrl ({0}) is neither {1} nor on the GitHub Enterprise server of github-enterprise.uri: no GitHub token is sent to another host.',
        url,
        GITHUB_API_URL,
      );
  }
}

async function githubTracker(repository: string, apiUrl: string, account: GithubAccount | undefined, deps: Deps): Promise<TrackerClient> {
  const { GITHUB_HEADERS, GithubTracker } = await githubModule();
  const client = await trackerHttp(apiUrl, () => githubToken(apiUrl, deps.log, account, deps.secret), deps, { headers: GITHUB_HEADERS });
  return new GithubTracker({ http: client, repository, statusLabels: readSetting('github.statusLabels') });
}

/** A Canny client: `getApiKey` is the connection's key, or the key being tried by the connect steps. */
export async function cannyTracker(settings: ConnectionSettings<'canny'>, getApiKey: () => Promise<string | undefined>, log: Log): Promise<CannyTracker> {
  const { CANNY_API, CannyTracker } = await cannyModule();
  // Canny takes the key in the body, never a header: no token for HttpClient to send.
  const client = await trackerHttp(process.env.FEEDBACK_LOOP_CANNY_API_URL || CANNY_API, async () => undefined, { log });
  return new CannyTracker({ http: client, getApiKey, boardID: settings.boardID, authorID: settings.authorID });
}

async function fiderTracker(baseUrl: string, deps: Deps): Promise<TrackerClient> {
  const { FiderTracker } = await fiderModule();
  return new FiderTracker(await trackerHttp(baseUrl, logged(deps), deps), baseUrl);
}
