// Which external tracker this workspace uses (GitHub Issues, Canny, Fider, Linear) and
// how its client is built: the choice lives in workspaceState (per workspace),
// secrets in SecretStorage, API URLs in machine-scoped settings. The REST
// tracker keeps its own settings (connectionManager.ts).
import * as vscode from 'vscode';
import { CANNY_KEY_SECRET, CHOICE_KEY, choiceSchema, originTokenKey } from '../../core/connections/legacy';
import type { TrackerChoice } from '../../core/connections/legacy';
import type { CannyTracker } from '../../trackers/canny/cannyTracker';
import type { HttpClient, HttpClientOptions } from '../../trackers/http';
import { TrackerError } from '../../trackers/tracker';
import type { TrackerClient } from '../../trackers/tracker';
import type { Log } from '../../platform/log';
import { readSetting } from '../../platform/settings';
import { GITHUB_API_URL, githubAuthFor } from './githubAuth';
import type { GithubAuthRefusal, GithubProvider } from './githubAuth';
import { buildOnce } from './trackerFactory';
import { cannyModule, fiderModule, githubModule, httpModule, linearClientModule } from './trackerModules';

export const GITHUB_SCOPES = ['repo'];
/** The VS Code sign-in an installed extension may provide (Linear's own "Linear Connect"). */
export const LINEAR_PROVIDER = 'linear';
/** Reading issues and customer requests; writing replies, states and attachments. */
export const LINEAR_SCOPES = ['read', 'write'];
export type LinearChoice = Extract<TrackerChoice, { kind: 'linear' }>;
const USER_AGENT = 'feedback-loop-vscode';

export function readChoice(state: vscode.Memento, log: Log): TrackerChoice | undefined {
  const raw = state.get<unknown>(CHOICE_KEY);
  if (raw === undefined) {
    return undefined;
  }
  const parsed = choiceSchema.safeParse(raw);
  if (!parsed.success) {
    log.warn('The tracker chosen for this workspace is unreadable; choose it again with “Connect a Tracker…”.');
  }
  return parsed.success ? parsed.data : undefined;
}

export function fiderTokenKey(baseUrl: string): string {
  return originTokenKey(baseUrl);
}

export interface ChoiceConnection {
  readonly label: string;
  /** Stable per tracker, for the outbox and the item ids' namespace. */
  readonly id: string;
  readonly tracker: () => Promise<TrackerClient>;
}

export interface Deps {
  readonly secrets: vscode.SecretStorage;
  readonly log: Log;
}

/** A connection for the choice, or undefined when it lacks what it needs (then the REST settings apply). */
export function connectionFor(choice: TrackerChoice, deps: Deps): ChoiceConnection | undefined {
  switch (choice.kind) {
    case 'rest':
      return undefined;
    case 'github': {
      // Always the repository the user confirmed: a setting naming another one is only offered (repositoryOffer.ts).
      const repository = choice.repository;
      return { label: `GitHub ${repository}`, id: `github:${repository}`, tracker: buildOnce(() => githubTracker(repository, deps)) };
    }
    case 'canny':
      return { label: `Canny${choice.boardName ? ` (${choice.boardName})` : ''}`, id: 'canny', tracker: buildOnce(() => cannyTracker(choice, deps)) };
    case 'fider': {
      const baseUrl = readSetting('fider.baseUrl');
      return baseUrl ? { label: `Fider ${baseUrl}`, id: `fider:${new URL(baseUrl).host}`, tracker: buildOnce(() => fiderTracker(baseUrl, deps)) } : undefined;
    }
    case 'linear':
      // The id is the team's alone: narrowing to a project or label shows fewer of the same items, in the same outbox.
      return { label: `Linear ${choice.teamName}`, id: `linear:${choice.teamId}`, tracker: buildOnce(async () => (await linearClientModule()).linearTracker(choice, deps)) };
  }
}

/** How a tracker's answers are read and its token sent, where it differs from the generic client's. */
export type HttpHooks = Pick<HttpClientOptions, 'headers' | 'authHeaders' | 'refusal' | 'limitResetMs'>;

/** The HTTP client of an external tracker: the timeout setting, our user agent, a log line per request. */
export async function trackerHttp(baseUrl: string, getToken: () => Promise<string | undefined>, deps: Deps, hooks: HttpHooks = {}): Promise<HttpClient> {
  const timeoutMs = readSetting('tracker.requestTimeoutSeconds') * 1000;
  const { HttpClient } = await httpModule();
  return new HttpClient({ baseUrl, getToken, timeoutMs, ...hooks, userAgent: USER_AGENT, log: (line) => deps.log.info(line) });
}

/**
 * The token of the VS Code sign-in that may go to `apiUrl` (githubAuth.ts),
 * asked silently (the connect command is where the user signs in).
 * FEEDBACK_LOOP_GITHUB_TOKEN is for demos and tests only, like
 * FEEDBACK_LOOP_TRACKER_TOKEN.
 */
export async function githubToken(apiUrl: string, log: Log): Promise<string | undefined> {
  const fromEnv = process.env.FEEDBACK_LOOP_GITHUB_TOKEN;
  if (fromEnv) {
    log.addSecret(fromEnv);
    return fromEnv;
  }
  const provider = githubProvider(apiUrl);
  const session = await vscode.authentication.getSession(provider, GITHUB_SCOPES, { silent: true });
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

async function githubTracker(repository: string, deps: Deps): Promise<TrackerClient> {
  const apiUrl = githubApiUrl();
  const { GITHUB_HEADERS, GithubTracker } = await githubModule();
  const client = await trackerHttp(apiUrl, () => githubToken(apiUrl, deps.log), deps, { headers: GITHUB_HEADERS });
  return new GithubTracker({ http: client, repository, statusLabels: readSetting('github.statusLabels') });
}

export async function cannyTracker(choice: Extract<TrackerChoice, { kind: 'canny' }>, deps: Deps, apiKey?: string): Promise<CannyTracker> {
  const getApiKey = async (): Promise<string | undefined> => {
    const key = apiKey ?? (await deps.secrets.get(CANNY_KEY_SECRET));
    deps.log.addSecret(key);
    return key;
  };
  const { CANNY_API, CannyTracker } = await cannyModule();
  // Canny takes the key in the body, never a header: no token for HttpClient to send.
  const client = await trackerHttp(process.env.FEEDBACK_LOOP_CANNY_API_URL || CANNY_API, async () => undefined, deps);
  return new CannyTracker({ http: client, getApiKey, boardID: choice.boardID, authorID: choice.authorID });
}

async function fiderTracker(baseUrl: string, deps: Deps): Promise<TrackerClient> {
  const getToken = async (): Promise<string | undefined> => {
    const token = await deps.secrets.get(fiderTokenKey(baseUrl));
    deps.log.addSecret(token);
    return token;
  };
  const { FiderTracker } = await fiderModule();
  return new FiderTracker(await trackerHttp(baseUrl, getToken, deps), baseUrl);
}
