// History scanning, the pure part: reading `git log -z` output as it streams,
// keeping the commits that reference items, and the index that remembers, per
// repository, the last commit scanned (so the next scan reads only newer
// commits) and what each item is linked to. The git layer runs git and feeds
// chunks in; the index is persisted between sessions (validated on load).
import * as z from 'zod/mini';
import type { ItemReference, ReferenceMatcher } from './references';

/** `git log -z --format=LOG_FORMAT`: fields and records are all NUL-separated. */
export const LOG_FORMAT = '%H%x00%an%x00%aI%x00%B';
const FIELDS = 4;

export const SHA = /^[0-9a-f]{7,40}$/;

export interface ScannedCommit {
  readonly sha: string;
  readonly subject: string;
  readonly author: string;
  readonly committedAt: string;
  readonly refs: readonly ItemReference[];
}

/**
 * Reads `git log -z --format=LOG_FORMAT` in chunks of any size; keeps commits
 * with references. Linear in the log's size: each chunk is searched for NULs
 * once, and a field spanning chunks is kept as pieces joined once, when its
 * NUL arrives (re-splitting the unfinished field with each chunk was quadratic
 * in the size of a long message).
 */
export class LogParser {
  /** The unfinished field: pieces of chunks after the last NUL. */
  private pieces: string[] = [];
  private fields: string[] = [];
  /** Commits read so far, referencing items or not. */
  count = 0;
  /** The first commit read: the newest, when git lists from a tip. */
  first: string | undefined;

  constructor(private readonly matcher: ReferenceMatcher) {}

  push(chunk: string): ScannedCommit[] {
    const found: ScannedCommit[] = [];
    let from = 0;
    for (let nul = chunk.indexOf('\0'); nul !== -1; nul = chunk.indexOf('\0', from)) {
      this.pieces.push(chunk.slice(from, nul));
      this.field(this.takePieces(), found);
      from = nul + 1;
    }
    if (from < chunk.length) {
      this.pieces.push(chunk.slice(from));
    }
    return found;
  }

  /** The end of the stream: the last field has no NUL after it. */
  end(): ScannedCommit[] {
    const found: ScannedCommit[] = [];
    const last = this.takePieces();
    if (last !== '' || this.fields.length > 0) {
      this.field(last, found);
    }
    return found;
  }

  private takePieces(): string {
    const text = this.pieces.length === 1 ? this.pieces[0] : this.pieces.join('');
    this.pieces = [];
    return text;
  }

  /** One complete field; every FIELDS of them make a commit. */
  private field(text: string, found: ScannedCommit[]): void {
    this.fields.push(text);
    if (this.fields.length < FIELDS) {
      return;
    }
    const [rawSha, author, date, body] = this.fields;
    this.fields = [];
    // Between records git writes a NUL, and some versions a newline too.
    const sha = rawSha.startsWith('\n') ? rawSha.slice(1) : rawSha;
    if (!SHA.test(sha)) {
      throw new Error(`git log: expected a commit id, read ${JSON.stringify(sha.slice(0, 50))}`);
    }
    this.count++;
    this.first ??= sha;
    const refs = this.matcher.inMessage(body);
    if (refs.length > 0) {
      found.push({ sha, subject: subjectOf(body), author, committedAt: date, refs });
    }
  }
}

export function subjectOf(message: string): string {
  const end = message.indexOf('\n\n');
  return (end === -1 ? message : message.slice(0, end)).replace(/\s+/g, ' ').trim();
}

const referenceSchema = z.object({ id: z.string().check(z.minLength(1)), tracker: z.optional(z.string()), via: z.enum(['trailer', 'pattern']) });
const commitSchema = z.object({
  sha: z.string().check(z.regex(SHA)),
  subject: z.string(),
  author: z.string(),
  committedAt: z.string(),
  refs: z.array(referenceSchema),
});
const repoSchema = z.object({ head: z.nullable(z.string().check(z.regex(SHA))), scanned: z.number().check(z.int(), z.nonnegative()), commits: z.array(commitSchema) });
export const historyIndexSchema = z.object({ version: z.literal(1), repos: z.record(z.string(), repoSchema) });
export type SerializedHistoryIndex = z.infer<typeof historyIndexSchema>;

export interface RepoCommit extends ScannedCommit {
  readonly repository: string;
}

interface RepoState {
  head: string | null;
  scanned: number;
  commits: Map<string, ScannedCommit>;
}

/** What history scanning found, per repository; the newest commit scanned is where the next scan stops. */
export class HistoryIndex {
  private readonly repos = new Map<string, RepoState>();

  static fromJSON(raw: unknown): HistoryIndex {
    const index = new HistoryIndex();
    const parsed = historyIndexSchema.safeParse(raw);
    if (!parsed.success) {
      return index; // a stale or damaged cache is rebuilt by the next scan
    }
    for (const [repo, state] of Object.entries(parsed.data.repos)) {
      const commits = state.commits.map((c) => ({ ...c, refs: c.refs.map((r) => ({ ...r, tracker: r.tracker })) }));
      index.repos.set(repo, { head: state.head, scanned: state.scanned, commits: new Map(commits.map((c) => [c.sha, c])) });
    }
    return index;
  }

  toJSON(): SerializedHistoryIndex {
    const repos: SerializedHistoryIndex['repos'] = {};
    for (const [repo, state] of this.repos) {
      const commits = [...state.commits.values()].map((c) => ({ ...c, refs: c.refs.map(serializeRef) }));
      repos[repo] = { head: state.head, scanned: state.scanned, commits };
    }
    return { version: 1, repos };
  }

  /** The newest commit the last scan of `repo` read, if any: scan `HEAD --not <it>` next. */
  lastScanned(repo: string): string | undefined {
    return this.repos.get(repo)?.head ?? undefined;
  }

  scannedCount(repo: string): number {
    return this.repos.get(repo)?.scanned ?? 0;
  }

  /** Records one scan's outcome; `head` is the newest commit it read (unchanged when it read none). */
  record(repo: string, head: string | undefined, commits: readonly ScannedCommit[], read: number): void {
    const state = this.repos.get(repo) ?? { head: null, scanned: 0, commits: new Map<string, ScannedCommit>() };
    state.head = head ?? state.head;
    state.scanned += read;
    for (const commit of commits) {
      state.commits.set(commit.sha, commit);
    }
    this.repos.set(repo, state);
  }

  /** Forgets `repo` (its history was rewritten under us): the next scan starts over. */
  forget(repo: string): void {
    this.repos.delete(repo);
  }

  /** Commits with a reference `names` accepts, newest first (a connection's item: core/trailerConnections.ts). */
  commitsWhere(names: (ref: ItemReference) => boolean): RepoCommit[] {
    const found: RepoCommit[] = [];
    for (const [repository, state] of this.repos) {
      for (const commit of state.commits.values()) {
        if (commit.refs.some(names)) {
          found.push({ ...commit, repository });
        }
      }
    }
    return found.sort((a, b) => b.committedAt.localeCompare(a.committedAt));
  }

  /** Every commit found, of every repository. */
  *commits(): Generator<ScannedCommit> {
    for (const state of this.repos.values()) {
      yield* state.commits.values();
    }
  }

  /** The commit `sha` (full or abbreviated) in `repo`, if it references items. */
  commit(repo: string, sha: string): ScannedCommit | undefined {
    const commits = this.repos.get(repo)?.commits;
    return commits?.get(sha) ?? [...(commits?.values() ?? [])].find((c) => c.sha.startsWith(sha));
  }
}

function serializeRef(ref: ItemReference): z.infer<typeof referenceSchema> {
  return ref.tracker === undefined ? { id: ref.id, via: ref.via } : { id: ref.id, tracker: ref.tracker, via: ref.via };
}
