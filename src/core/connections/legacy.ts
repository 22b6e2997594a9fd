// Where a workspace's one connection was stored before the connection
// registry (issue 14): the tracker choice in workspaceState, the API keys
// under one SecretStorage key per tracker kind, REST and Fider tokens under
// one key per origin. Nothing writes them any more; the migration
// (migration.ts) reads them. No zod here: activation reads CHOICE_KEY to know
// whether there is anything to carry over, and the choice's schema is the
// migration's, loaded only then.

/** workspaceState: the external tracker chosen for this workspace. */
export const CHOICE_KEY = 'feedbackLoop.trackerChoice';
/** SecretStorage: the one Canny API key of this machine. */
export const CANNY_KEY_SECRET = 'feedbackLoop.canny.apiKey';
/** SecretStorage: the one Linear personal API key of this machine (a sign-in needs none). */
export const LINEAR_KEY_SECRET = 'feedbackLoop.linear.apiKey';

/** SecretStorage: the token of a REST tracker or a Fider site, one per origin (both kinds share the key). */
export function originTokenKey(baseUrl: string): string {
  return `feedbackLoop.token:${new URL(baseUrl).origin}`;
}

/**
 * Whether a workspace may have had a connection before the registry: a
 * tracker choice stored, or a REST base URL set (a choice of none fell back
 * to it). Without either the migration finds nothing, and need not be loaded.
 */
export function mayHaveLegacyConnection(storedChoice: unknown, restBaseUrl: string): boolean {
  return storedChoice !== undefined || restBaseUrl !== '';
}
