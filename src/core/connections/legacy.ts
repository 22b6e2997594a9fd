// What a workspace's one connection was stored as before the connection
// registry (issue 14): the tracker choice in workspaceState, the API keys
// under one SecretStorage key per tracker kind, REST and Fider tokens under
// one key per origin. The connect steps still write these today; the
// migration (migration.ts) reads them, so both name them from here.
import * as z from 'zod/mini';

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

export const choiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rest') }),
  z.object({ kind: z.literal('github'), repository: z.string().check(z.minLength(3)) }),
  z.object({ kind: z.literal('canny'), boardID: z.optional(z.string()), boardName: z.optional(z.string()), authorID: z.optional(z.string()) }),
  z.object({ kind: z.literal('fider') }),
  z.object({
    kind: z.literal('linear'),
    teamId: z.string().check(z.minLength(1)),
    teamName: z.string(),
    projectId: z.optional(z.string()),
    projectName: z.optional(z.string()),
    labelId: z.optional(z.string()),
    labelName: z.optional(z.string()),
  }),
]);
export type TrackerChoice = z.infer<typeof choiceSchema>;
