// Which external tracker this workspace uses (GitHub Issues, Canny, Fider) and
// how its client is built: the choice lives in workspaceState (per workspace),
// secrets in SecretStorage, API URLs in machine-scoped settings. The REST
// tracker keeps its own settings (connectionManager.ts).
import * as vscode from 'vscode';
import * as z from 'zod';
import { CannyTracker, CANNY_API } from '../../trackers/canny/cannyTracker';
import { FiderTracker } from '../../trackers/fider/fiderTracker';
import { GITHUB_HEADERS, GithubTracker } from '../../trackers/github/githubTracker';
import { HttpClient } from '../../trackers/http';
import { TrackerError } from '../../trackers/tracker';
import type { TrackerClient } from '../../trackers/tracker';
import type { Log } from '../../platform/log';
import { readSetting } from '../../platform/settings';

export const CHOICE_KEY = 'feedbackLoop.trackerChoice';
export const CANNY_KEY_SECRET = 'feedbackLoop.canny.apiKey';
export const GITHUB_SCOPES = ['repo'];
const USER_AGENT = 'feedback-loop-vscode';

const choiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rest') }),
  z.object({ kind: z.literal('github'), repository: z.string().min(3) }),
  z.object({ kind: z.literal('canny'), boardID: z.string().optional(), boardName: z.string().optional(), authorID: z.string().optional() }),
  z.object({ kind: z.literal('fider') }),
]);
export type TrackerChoice = z.infer<typeof choiceSchema>;

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
  return `feedbackLoop.token:${new URL(baseUrl).origin}`;
}

export interface ChoiceConnection {
  readonly label: string;
  /** Stable per tracker, for the outbox and the item ids' namespace. */
  readonly id: string;
  readonly tracker: () => Promise<TrackerClient>;
}

interface Deps {
  readonly secrets: vscode.SecretStorage;
  readonly log: Log;
}

/** A connection for the choice, or undefined when it lacks what it needs (then the REST settings apply). */
export function connectionFor(choice: TrackerChoice, deps: Deps): ChoiceConnection | undefined {
  switch (choice.kind) {
    case 'rest':
      return undefined;
    case 'github': {
      // The setting (e.g. in the workspace's settings.json) wins over the repository chosen when connecting.
      const repository = readSetting('github.repository', (m) => deps.log.warn(m)) || choice.repository;
      return { label: `GitHub ${repository}`, id: `github:${repository}`, tracker: once(() => githubTracker(repository, deps)) };
    }
    case 'canny':
      return { label: `Canny${choice.boardName ? ` (${choice.boardName})` : ''}`, id: 'canny', tracker: once(() => cannyTracker(choice, deps)) };
    case 'fider': {
      const baseUrl = readSetting('fider.baseUrl');
      return baseUrl ? { label: `Fider ${baseUrl}`, id: `fider:${new URL(baseUrl).host}`, tracker: once(() => fiderTracker(baseUrl, deps)) } : undefined;
    }
  }
}

function once(build: () => TrackerClient): () => Promise<TrackerClient> {
  let tracker: TrackerClient | undefined;
  return async () => (tracker ??= build());
}

function http(baseUrl: string, getToken: () => Promise<string | undefined>, deps: Deps, headers?: Readonly<Record<string, string>>): HttpClient {
  const timeoutMs = readSetting('tracker.requestTimeoutSeconds') * 1000;
  return new HttpClient({ baseUrl, getToken, timeoutMs, headers, userAgent: USER_AGENT, log: (line) => deps.log.info(line) });
}

/**
 * The token of VS Code's GitHub sign-in, asked silently (the connect command
 * is where the user signs in). FEEDBACK_LOOP_GITHUB_TOKEN is for demos and
 * tests only, like FEEDBACK_LOOP_TRACKER_TOKEN.
 */
export async function githubToken(log: Log): Promise<string | undefined> {
  const fromEnv = process.env.FEEDBACK_LOOP_GITHUB_TOKEN;
  if (fromEnv) {
    log.addSecret(fromEnv);
    return fromEnv;
  }
  const session = await vscode.authentication.getSession('github', GITHUB_SCOPES, { silent: true });
  if (!session) {
    throw new TrackerError('unauthorized', 'Not signed in to GitHub: run “Feedback Loop: Connect a Tracker…” and sign in.');
  }
  log.addSecret(session.accessToken);
  return session.accessToken;
}

function githubTracker(repository: string, deps: Deps): TrackerClient {
  const apiUrl = process.env.FEEDBACK_LOOP_GITHUB_API_URL || readSetting('github.apiUrl');
  const client = http(apiUrl, () => githubToken(deps.log), deps, GITHUB_HEADERS);
  return new GithubTracker({ http: client, repository, statusLabels: readSetting('github.statusLabels') });
}

export function cannyTracker(choice: Extract<TrackerChoice, { kind: 'canny' }>, deps: Deps, apiKey?: string): CannyTracker {
  const getApiKey = async (): Promise<string | undefined> => {
    const key = apiKey ?? (await deps.secrets.get(CANNY_KEY_SECRET));
    deps.log.addSecret(key);
    return key;
  };
  // Canny takes the key in the body, never a header: no token for HttpClient to send.
  const client = http(process.env.FEEDBACK_LOOP_CANNY_API_URL || CANNY_API, async () => undefined, deps);
  return new CannyTracker({ http: client, getApiKey, boardID: choice.boardID, authorID: choice.authorID });
}

function fiderTracker(baseUrl: string, deps: Deps): TrackerClient {
  const getToken = async (): Promise<string | undefined> => {
    const token = await deps.secrets.get(fiderTokenKey(baseUrl));
    deps.log.addSecret(token);
    return token;
  };
  return new FiderTracker(http(baseUrl, getToken, deps), baseUrl);
}
