// The Linear connection's client, apart from trackerChoice.ts so that it is
// its own lazy bundle (dist/linearClient.js, loaded with the first Linear
// request or the connect steps): the extension bundle keeps only the choice.
// The token is the `linear` sign-in's when an installed extension provides
// one, else the connection's personal API key in SecretStorage.
import * as vscode from 'vscode';
import type { HttpClient } from '../../trackers/http';
import { TrackerError } from '../../trackers/tracker';
import type { TrackerClient } from '../../trackers/tracker';
import { readSetting } from '../../platform/settings';
import { LINEAR_PROVIDER, LINEAR_SCOPES, trackerHttp } from './trackerChoice';
import type { Deps, HttpHooks, LinearSettings } from './trackerChoice';
import { linearModule } from './trackerModules';

/**
 * The `linear` sign-in's session, or undefined when nobody signed in or no
 * installed extension provides that sign-in: VS Code throws for an unknown
 * provider (and when the user declines to sign in).
 */
export async function linearSession(createIfNone: boolean): Promise<vscode.AuthenticationSession | undefined> {
  if (!linearProviderInstalled()) {
    return undefined;
  }
  try {
    return await vscode.authentication.getSession(LINEAR_PROVIDER, LINEAR_SCOPES, createIfNone ? { createIfNone: true } : { silent: true });
  } catch {
    return undefined; // no such provider, or declined: the API key, if any, is used
  }
}

/**
 * Whether an installed extension declares the `linear` sign-in. Asked first
 * because VS Code waits up to seconds for an unknown provider to register
 * before it throws, and the client asks before every request.
 */
export function linearProviderInstalled(): boolean {
  return vscode.extensions.all.some((extension) => {
    const declared: unknown = (extension.packageJSON as { contributes?: { authentication?: unknown } } | undefined)?.contributes?.authentication;
    return Array.isArray(declared) && declared.some((provider: unknown) => (provider as { id?: unknown } | null)?.id === LINEAR_PROVIDER);
  });
}

/** A token the connect steps already have (probing before anything is stored). */
export interface LinearToken {
  readonly value: string;
  readonly oauth: boolean;
}

/**
 * An HTTP client for Linear's GraphQL API with the token of the `linear`
 * sign-in when there is one, else the connection's API key; `token`
 * instead when given (the connect steps, before anything is stored). FEEDBACK_LOOP_LINEAR_API_URL is for demos and tests.
 */
export async function linearClient(deps: Pick<Deps, 'log'> & Partial<Pick<Deps, 'secret'>>, token?: LinearToken): Promise<HttpClient> {
  // Which tokens came from a sign-in, so each goes with its own header even when requests overlap.
  const oauthTokens = new Set<string>(token?.oauth ? [token.value] : []);
  const getToken = async (): Promise<string | undefined> => {
    if (token) {
      return token.value;
    }
    const session = await linearSession(false);
    const value = session?.accessToken ?? (await deps.secret?.());
    if (!value) {
      throw new TrackerError('unauthorized', vscode.l10n.t('Not signed in to Linear: run “Feedback Loop: Connect a Tracker…” and sign in or enter an API key.'));
    }
    if (session) {
      oauthTokens.add(value);
    }
    deps.log.addSecret(value);
    return value;
  };
  deps.log.addSecret(token?.value);
  const { LINEAR_API, linearAuthHeaders, linearLimitResetMs, linearRefusal } = await linearModule();
  const hooks: HttpHooks = {
    authHeaders: (value) => linearAuthHeaders(value, oauthTokens.has(value)),
    refusal: linearRefusal,
    limitResetMs: (headers) => linearLimitResetMs(headers),
  };
  return trackerHttp(process.env.FEEDBACK_LOOP_LINEAR_API_URL || LINEAR_API, getToken, deps, hooks);
}

export async function linearTracker(settings: LinearSettings, deps: Deps): Promise<TrackerClient> {
  const { LinearTracker } = await linearModule();
  const { teamId, projectId, labelId } = settings;
  return new LinearTracker({ http: await linearClient(deps), teamId, projectId, labelId, statusOverrides: readSetting('linear.statusOverrides') });
}
