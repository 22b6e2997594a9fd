// The one connection a workspace had before the registry, carried over into
// it on the first start of a version that has one, so that nobody enters
// anything again. What it was is decided as connectionManager decided it:
// the tracker choice of this workspace, else (or for a Fider choice without
// its base URL) the REST settings. The environment's connection (demos,
// tests) and the sample tracker are not carried over: neither is the user's
// configuration, and neither needs a secret we hold.
import * as z from 'zod/mini';
import { CANNY_KEY_SECRET, LINEAR_KEY_SECRET, originTokenKey } from './legacy';
import { addConnection, adoptConnection, SECRET_NAME, sameTracker } from './registry';
import type { ConnectionDraft, ConnectionKind, ConnectionRecord, SecretName } from './registry';

/** The tracker choice of a workspace before the registry, as the connect steps stored it (legacy.ts CHOICE_KEY). */
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

/** The machine settings that named a host before the registry, as read (validated; '' when unset). */
export interface LegacySettings {
  /** `feedbackLoop.tracker.baseUrl` */
  readonly restBaseUrl: string;
  /** `feedbackLoop.github.apiUrl`: the setting only, never FEEDBACK_LOOP_GITHUB_API_URL, which is a demo's. */
  readonly githubApiUrl: string;
  /** `feedbackLoop.fider.baseUrl` */
  readonly fiderBaseUrl: string;
}

export interface LegacyConnection {
  /** With `legacyId`: the id the old connection had (outbox entries, drafts, snapshots were kept under it). */
  readonly draft: ConnectionDraft & { readonly legacyId: string };
  /** Where its secret was, and under which name the connection keeps it; none for a GitHub sign-in. */
  readonly secret?: { readonly from: string; readonly name: SecretName };
}

/** The workspace's connection before the registry, from its stored choice (unparsed) and the settings; undefined when it had none. */
export function legacyConnection(storedChoice: unknown, settings: LegacySettings): LegacyConnection | undefined {
  const parsed = choiceSchema.safeParse(storedChoice);
  const choice = parsed.success ? parsed.data : undefined;
  switch (choice?.kind) {
    case 'github': {
      const { repository } = choice;
      return { draft: { kind: 'github', settings: { repository, apiUrl: settings.githubApiUrl }, legacyId: `github:${repository}` } };
    }
    case 'canny': {
      const { boardID, boardName, authorID } = choice;
      return withSecret({ kind: 'canny', settings: defined({ boardID, boardName, authorID }), legacyId: 'canny' }, CANNY_KEY_SECRET);
    }
    case 'linear': {
      const { teamId, teamName, projectId, projectName, labelId, labelName } = choice;
      const draft = { kind: 'linear', settings: defined({ teamId, teamName, projectId, projectName, labelId, labelName }), legacyId: `linear:${teamId}` } as const;
      // With a `linear` sign-in there is no key: the copy finds nothing, and the sign-in serves as before.
      return withSecret(draft, LINEAR_KEY_SECRET);
    }
    case 'fider': {
      const host = hostOf(settings.fiderBaseUrl);
      if (host !== undefined) {
        return withSecret({ kind: 'fider', settings: { baseUrl: settings.fiderBaseUrl }, legacyId: `fider:${host}` }, originTokenKey(settings.fiderBaseUrl));
      }
      return restFromSettings(settings); // a Fider choice without its URL fell back to the REST settings
    }
    case 'rest':
    case undefined:
      return restFromSettings(settings);
  }
}

function restFromSettings(settings: LegacySettings): LegacyConnection | undefined {
  const baseUrl = settings.restBaseUrl;
  // A base URL that is not a URL was only ever an error row: nothing to carry over.
  return hostOf(baseUrl) === undefined ? undefined : withSecret({ kind: 'rest', settings: { baseUrl }, legacyId: new URL(baseUrl).origin }, originTokenKey(baseUrl));
}

function withSecret(draft: LegacyConnection['draft'], from: string): LegacyConnection {
  return { draft, secret: { from, name: SECRET_NAME[draft.kind] } };
}

function hostOf(url: string): string | undefined {
  try {
    return url ? new URL(url).host : undefined;
  } catch {
    return undefined; // not a URL: the answer, not an error
  }
}

/** The object without its undefined values: stored records then compare equal however they were made. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export type MigrationOutcome = 'present' | 'reused' | 'created';

/**
 * The workspace's list with the legacy connection in it. Idempotent: a record
 * carrying its legacy id already is the answer (`present`). Else a known
 * connection of the machine reaching the same tracker the same way keeps its
 * id (`reused`): two workspaces that had the same tracker share its secret
 * and outbox entries, as they did. Else a new record (`created`). Throws
 * (ValidationError) when the old connection cannot be a record.
 */
export function migrateLegacy(
  legacy: LegacyConnection,
  workspace: readonly ConnectionRecord[],
  known: readonly ConnectionRecord[],
  newId?: (kind: ConnectionKind) => string,
): { readonly list: readonly ConnectionRecord[]; readonly record: ConnectionRecord; readonly outcome: MigrationOutcome } {
  const present = workspace.find((c) => c.legacyId === legacy.draft.legacyId && c.kind === legacy.draft.kind);
  if (present) {
    return { list: workspace, record: present, outcome: 'present' };
  }
  const same = known.find((c) => c.legacyId === legacy.draft.legacyId && sameTracker(c, legacy.draft));
  if (same) {
    return { ...adoptConnection(workspace, same), outcome: 'reused' };
  }
  return { ...addConnection(workspace, legacy.draft, newId), outcome: 'created' };
}
