// The connection registry (issue 14): every tracker a workspace is connected
// to, each a record with a stable id, its kind, the name the user gave it and
// the settings of that kind. The id is the namespace of everything kept per
// connection: its secrets (`feedbackLoop.connection/<id>/<name>`), its
// outbox entries (their `tracker`), drafts, snapshots. Records hold no
// secret, so the same record can sit in a workspace's list and in the
// machine's list of known connections. Pure: the lists are values, every
// operation returns a new one; platform/connectionStore.ts keeps them.
//
// Where a tracker lives (a REST or Fider base URL, a GitHub API URL) is per
// connection here, no longer one setting for the machine. The lists are
// VS Code's own storage, written only by this extension, never by a cloned
// repository's settings: a workspace cannot point a token elsewhere.
import * as z from 'zod/mini';
import { describeIssues, parseOrThrow } from '../validation';
import { capName, MAX_NAME_LENGTH, nameProblem, normalizeName, uniqueName } from './connectionNames';
import type { NameProblem } from './connectionNames';

export const CONNECTION_KINDS = ['rest', 'github', 'canny', 'fider', 'linear'] as const;
export type ConnectionKind = (typeof CONNECTION_KINDS)[number];
/** A list longer than this is not one a person made: the rest is dropped when read. */
export const MAX_CONNECTIONS = 50;
/** The machine's known connections: the most recently used first, the oldest dropped beyond this. */
export const MAX_KNOWN = 100;
export const DEFAULT_GITHUB_API_URL = 'https://api.github.com';

/** `<kind>-<random>`: lower-case letters and digits only, so it can sit in a storage key between slashes. */
const ID = /^(rest|github|canny|fider|linear)-[a-z0-9]{8,32}$/;
/** A stored name may be longer than ours (another version's rule) and is cut when read; beyond this it is not ours. */
const MAX_STORED_NAME = MAX_NAME_LENGTH * 4;
const MAX_URL = 2_000;
const REPOSITORY = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}\/[A-Za-z0-9._-]{1,100}$/;
const LOOPBACK = ['127.0.0.1', 'localhost', '[::1]'];

function parseUrl(value: string): URL | undefined {
  try {
    return value.length <= MAX_URL ? new URL(value) : undefined;
  } catch {
    return undefined; // not a URL: the answer, not an error
  }
}

const urlWhere = (allowed: (url: URL) => boolean, message: string) =>
  z.string().check(
    z.maxLength(MAX_URL),
    z.refine((value) => {
      const url = parseUrl(value);
      return url !== undefined && allowed(url);
    }, message),
  );
/** As the `tracker.baseUrl` setting: our REST contract, http or https. */
const httpUrl = urlWhere((url) => url.protocol === 'http:' || url.protocol === 'https:', 'must be an http:// or https:// URL');
/** As the `github.apiUrl` and `fider.baseUrl` settings: https, or http on this machine only. */
const httpsUrl = urlWhere((url) => url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.includes(url.hostname)), 'must be an https:// URL');
/** A tracker's own id of a board, user, team, project or label. */
const trackerId = z.string().check(z.minLength(1), z.maxLength(200));
/** A tracker's own name of one, kept for the connection's words. */
const trackerName = z.string().check(z.maxLength(500));

/** What each kind needs besides its secret: what the tracker choice held, and where the tracker lives. */
export const settingsSchemas = {
  rest: z.object({ baseUrl: httpUrl }),
  github: z.object({
    repository: z.string().check(z.maxLength(200), z.regex(REPOSITORY)),
    apiUrl: httpsUrl,
    /** The VS Code GitHub account this connection signs in with, where VS Code lets an extension choose one; else its default, or a token. */
    account: z.optional(z.object({ id: trackerId, label: trackerName })),
  }),
  canny: z.object({ boardID: z.optional(trackerId), boardName: z.optional(trackerName), authorID: z.optional(trackerId) }),
  fider: z.object({ baseUrl: httpsUrl }),
  linear: z.object({
    teamId: trackerId,
    teamName: trackerName,
    projectId: z.optional(trackerId),
    projectName: z.optional(trackerName),
    labelId: z.optional(trackerId),
    labelName: z.optional(trackerName),
  }),
};

const common = {
  id: z.string().check(z.maxLength(100), z.regex(ID)),
  name: z.string().check(z.maxLength(MAX_STORED_NAME)),
  /** The id this tracker had before the registry (`github:octo/app`, an origin…): outbox entries and drafts of then carry it. */
  legacyId: z.optional(z.string().check(z.minLength(1), z.maxLength(500))),
};

const recordSchema = z
  .discriminatedUnion('kind', [
    z.object({ ...common, kind: z.literal('rest'), settings: settingsSchemas.rest }),
    z.object({ ...common, kind: z.literal('github'), settings: settingsSchemas.github }),
    z.object({ ...common, kind: z.literal('canny'), settings: settingsSchemas.canny }),
    z.object({ ...common, kind: z.literal('fider'), settings: settingsSchemas.fider }),
    z.object({ ...common, kind: z.literal('linear'), settings: settingsSchemas.linear }),
  ])
  .check(z.refine((record) => record.id.startsWith(`${record.kind}-`), { message: 'does not start with the kind', path: ['id'] }));

export type ConnectionRecord = z.infer<typeof recordSchema>;
export type ConnectionSettings<K extends ConnectionKind = ConnectionKind> = Extract<ConnectionRecord, { kind: K }>['settings'];
/** Which tracker, and how it is reached: a record without its id and name. */
export type TrackerTarget = { [K in ConnectionKind]: { readonly kind: K; readonly settings: ConnectionSettings<K> } }[ConnectionKind];
/** A connection about to be added: its id is made, its name suggested when not given. */
export type ConnectionDraft = TrackerTarget & { readonly name?: string; readonly legacyId?: string };

export interface ParsedConnections {
  readonly connections: readonly ConnectionRecord[];
  /** One line per record dropped or renamed, naming it: for the log. */
  readonly problems: readonly string[];
}

/**
 * Stored connections as read from storage, which anything may have written:
 * a record that does not parse, or repeats an id, is dropped with a line
 * naming it, the others kept. Names are cleaned and cut; in a workspace's
 * list (`uniqueNames`) a repeated name is made unique.
 */
export function parseConnections(raw: unknown, options: { readonly uniqueNames: boolean }): ParsedConnections {
  if (raw === undefined) {
    return { connections: [], problems: [] };
  }
  if (!Array.isArray(raw)) {
    return { connections: [], problems: ['The stored connections are not a list: none was read.'] };
  }
  const problems: string[] = raw.length > MAX_CONNECTIONS ? [`${raw.length - MAX_CONNECTIONS} stored connections after the first ${MAX_CONNECTIONS} were dropped.`] : [];
  const connections: ConnectionRecord[] = [];
  raw.slice(0, MAX_CONNECTIONS).forEach((value: unknown, index) => {
    const parsed = recordSchema.safeParse(value);
    if (!parsed.success) {
      problems.push(`${describeStored(value, index)} was dropped: ${describeIssues(parsed.error).join('; ')}.`);
      return;
    }
    if (connections.some((c) => c.id === parsed.data.id)) {
      problems.push(`${describeStored(value, index)} was dropped: an earlier connection has its id.`);
      return;
    }
    const cleaned = capName(normalizeName(parsed.data.name));
    const name = options.uniqueNames ? uniqueName(cleaned || suggestName(parsed.data), connections.map((c) => c.name)) : cleaned || suggestName(parsed.data);
    if (cleaned && name !== cleaned) {
      problems.push(`${describeStored(value, index)} was renamed ${JSON.stringify(name)}: an earlier connection has its name.`);
    }
    connections.push({ ...parsed.data, name });
  });
  return { connections, problems };
}

/** `Connection 3 "canny-k2…" ("Acme Canny")`: enough to find it, escaped and short whatever it holds. */
function describeStored(value: unknown, index: number): string {
  const clip = (text: unknown): string | undefined => (typeof text === 'string' ? escaped(text.length > 40 ? `${text.slice(0, 40)}…` : text) : undefined);
  const { id, name } = typeof value === 'object' && value !== null ? (value as { id?: unknown; name?: unknown }) : {};
  return [`Connection ${index + 1}`, clip(id), clip(name) && `(${clip(name)})`].filter(Boolean).join(' ');
}

/** As JSON, and the invisible characters JSON keeps (direction overrides, line separators) as `\uXXXX` too: a log line shows what is there. */
function escaped(text: string): string {
  return JSON.stringify(text).replace(/[\p{Cf}\p{Zl}\p{Zp}]/gu, (c) => {
    const code = c.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** 60 random bits as 12 letters and digits (32 symbols, so every byte maps without bias). */
export function randomIdSuffix(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  return Array.from(bytes, (b) => ID_ALPHABET[b % 32]).join('');
}

export function newConnectionId(kind: ConnectionKind, random: () => string = randomIdSuffix): string {
  return `${kind}-${random()}`;
}

export function isConnectionId(id: string): boolean {
  return ID.test(id);
}

/** The name a new connection gets unless the user gives one: "feedback.example.com", "octo/app", "Canny Feature Requests", "Fider feedback.example.com", "Linear ENG". */
export function suggestName(draft: TrackerTarget): string {
  const host = (url: string): string => parseUrl(url)?.host ?? url;
  switch (draft.kind) {
    case 'rest':
      return host(draft.settings.baseUrl);
    case 'github':
      return draft.settings.apiUrl === DEFAULT_GITHUB_API_URL ? draft.settings.repository : `${draft.settings.repository} (${host(draft.settings.apiUrl)})`;
    case 'canny':
      return draft.settings.boardName ? `Canny ${draft.settings.boardName}` : 'Canny';
    case 'fider':
      return `Fider ${host(draft.settings.baseUrl)}`;
    case 'linear': {
      const scope = draft.settings.projectName ?? draft.settings.labelName;
      return `Linear ${draft.settings.teamName}${scope ? ` / ${scope}` : ''}`;
    }
  }
}

/**
 * The list with a new connection: a fresh id, the given or suggested name
 * made unique. Throws a ValidationError for settings no record may hold,
 * and a RangeError when the list is full.
 */
export function addConnection(
  list: readonly ConnectionRecord[],
  draft: ConnectionDraft,
  newId: (kind: ConnectionKind) => string = (kind) => newConnectionId(kind),
): { readonly list: readonly ConnectionRecord[]; readonly record: ConnectionRecord } {
  let id = newId(draft.kind);
  for (let tries = 1; list.some((c) => c.id === id); tries++) {
    if (tries >= 5) {
      throw new Error(`No unused id for a new ${draft.kind} connection.`);
    }
    id = newId(draft.kind);
  }
  const { name, ...rest } = draft;
  return insert(list, { ...rest, id, name: name ?? suggestName(draft) });
}

/** The list with a known connection (another workspace's), its id kept; unchanged when it is there already. */
export function adoptConnection(list: readonly ConnectionRecord[], known: ConnectionRecord): { readonly list: readonly ConnectionRecord[]; readonly record: ConnectionRecord } {
  const present = findConnection(list, known.id);
  return present ? { list, record: present } : insert(list, known);
}

function insert(list: readonly ConnectionRecord[], candidate: Omit<ConnectionRecord, 'name'> & { name: string }): { list: readonly ConnectionRecord[]; record: ConnectionRecord } {
  if (list.length >= MAX_CONNECTIONS) {
    throw new RangeError(`A workspace holds at most ${MAX_CONNECTIONS} connections.`);
  }
  const name = uniqueName(candidate.name, list.map((c) => c.name), suggestName(candidate as ConnectionRecord));
  const record = parseOrThrow(recordSchema, { ...candidate, name }, `The ${candidate.kind} connection`);
  return { list: [...list, record], record };
}

export type RenameResult = { readonly ok: true; readonly list: readonly ConnectionRecord[]; readonly record: ConnectionRecord } | { readonly ok: false; readonly problem: NameProblem | 'notFound' };

/** The list with the connection renamed; the name as typed is cleaned, and refused when empty, too long or another's. */
export function renameConnection(list: readonly ConnectionRecord[], id: string, name: string): RenameResult {
  const current = findConnection(list, id);
  if (!current) {
    return { ok: false, problem: 'notFound' };
  }
  const problem = nameProblem(name, list.filter((c) => c.id !== id).map((c) => c.name));
  if (problem) {
    return { ok: false, problem };
  }
  const record = { ...current, name: normalizeName(name) };
  return { ok: true, list: list.map((c) => (c.id === id ? record : c)), record };
}

export function removeConnection(list: readonly ConnectionRecord[], id: string): readonly ConnectionRecord[] {
  return list.filter((c) => c.id !== id);
}

export function findConnection(list: readonly ConnectionRecord[], id: string): ConnectionRecord | undefined {
  return list.find((c) => c.id === id);
}

/** The machine's list with `record` first (its latest name and settings), the oldest dropped beyond MAX_KNOWN. */
export function rememberConnection(known: readonly ConnectionRecord[], record: ConnectionRecord): readonly ConnectionRecord[] {
  return [record, ...known.filter((c) => c.id !== record.id)].slice(0, MAX_KNOWN);
}

/** Whether two records reach the same tracker the same way: same kind and same settings. */
export function sameTracker(a: TrackerTarget, b: TrackerTarget): boolean {
  return a.kind === b.kind && canonical(a.settings) === canonical(b.settings);
}

/** Settings as JSON with sorted keys and no undefined values, so that equal settings compare equal. */
function canonical(settings: object): string {
  return JSON.stringify(Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))));
}

/** What a connection keeps in SecretStorage: a token (REST, or GitHub where no sign-in serves) or an API key. */
export type SecretName = 'token' | 'apiKey';
export const SECRET_NAME: { readonly [K in ConnectionKind]: SecretName } = { rest: 'token', github: 'token', canny: 'apiKey', fider: 'apiKey', linear: 'apiKey' };

/** `feedbackLoop.connection/<id>/<name>`; throws for anything but a connection id, so no key reaches outside its own. */
export function connectionSecretKey(id: string, name: SecretName): string {
  if (!isConnectionId(id)) {
    throw new Error(`Not a connection id: ${JSON.stringify(id.slice(0, 60))}.`);
  }
  return `feedbackLoop.connection/${id}/${name}`;
}
