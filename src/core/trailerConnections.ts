// Which connection a commit's reference means (issue 14). A trailer
// `Feedback: <kind>:<id>` names a tracker kind and the tracker's id of the
// item, never a connection: trailers in git history keep their meaning
// whatever a workspace connects to. So a trailer resolves to this
// workspace's connections of that kind whose scope is the id's (GitHub: the
// repository in `github:octo/app#12`; Fider: the host in
// `fider:feedback.example.com#7`; REST, Canny and Linear ids carry none),
// the first in the connection list winning where one must be chosen. A
// pattern (`FB-12` in a subject) names no tracker and may be any
// connection's item. Pure: the commit links feature feeds connections in.
import type { ConnectionRecord } from './connections/registry';
import type { ItemReference } from './references';

/** A connection as a reference is matched against it. */
export interface TrailerConnection {
  readonly id: string;
  /** Its name, for what a log line or a hover says. */
  readonly name?: string;
  /** The tracker kind trailers name (`rest`, `github`…). */
  readonly kind: string;
  /** What of an item id tells its tracker apart: GitHub's `owner/repo`, Fider's host; undefined for kinds whose ids carry none. */
  readonly scope?: string;
}

/** Kinds whose item ids hold their tracker's scope: `<kind>:<scope>#<number>` (trackers/itemId.ts). */
const SCOPED_KINDS = new Set(['github', 'fider']);

/** The scope a connection's item ids carry, from its record: as the GitHub and Fider adapters write their ids. */
export function trailerScopeOf(record: ConnectionRecord | undefined): string | undefined {
  switch (record?.kind) {
    case 'github':
      return record.settings.repository;
    case 'fider':
      try {
        return new URL(record.settings.baseUrl).host;
      } catch {
        return undefined; // the registry stores only URLs that parse; were one not to, it matches no trailer
      }
    default:
      return undefined;
  }
}

/** The scope an item id of `kind` names (`github:octo/app#12` → `octo/app`); undefined when the kind has none or the id is not of that form. */
export function scopeOfItemId(kind: string, id: string): string | undefined {
  if (!SCOPED_KINDS.has(kind) || !id.startsWith(`${kind}:`)) {
    return undefined;
  }
  const hash = id.lastIndexOf('#');
  return hash > kind.length + 1 ? id.slice(kind.length + 1, hash) : undefined;
}

/**
 * The connections a trailer's tracker and id can mean, in the list's order.
 * GitHub repositories and hosts are compared case-insensitively, as GitHub
 * and DNS compare them; a scoped kind's connection whose scope is unknown
 * matches nothing (never a guess that could send a link elsewhere).
 */
export function connectionsForTrailer(ref: { readonly tracker: string; readonly id: string }, connections: readonly TrailerConnection[]): TrailerConnection[] {
  const ofKind = connections.filter((c) => c.kind === ref.tracker);
  if (!SCOPED_KINDS.has(ref.tracker)) {
    return ofKind;
  }
  const scope = scopeOfItemId(ref.tracker, ref.id)?.toLowerCase();
  return scope === undefined ? [] : ofKind.filter((c) => c.scope?.toLowerCase() === scope);
}

/**
 * How many commits link to each item, per connection: a trailer counts for
 * the first connection it resolves to (none when it names no connection
 * here), a pattern for every connection (it names none). Each commit counts
 * once per item and connection.
 */
export function linkCountsByConnection(
  commits: Iterable<{ readonly refs: readonly ItemReference[] }>,
  connections: readonly TrailerConnection[],
): Map<string, Map<string, number>> {
  const counts = new Map<string, Map<string, number>>(connections.map((c) => [c.id, new Map<string, number>()]));
  // Trailers of one kind and id resolve alike in every commit: resolved once.
  const resolved = new Map<string, string | undefined>();
  const firstFor = (tracker: string, id: string): string | undefined => {
    const key = `${tracker}\u0000${id}`;
    if (!resolved.has(key)) {
      resolved.set(key, connectionsForTrailer({ tracker, id }, connections)[0]?.id);
    }
    return resolved.get(key);
  };
  for (const commit of commits) {
    const seen = new Set<string>();
    for (const ref of commit.refs) {
      const targets = ref.tracker === undefined ? connections.map((c) => c.id) : [firstFor(ref.tracker, ref.id)];
      for (const connectionId of targets) {
        const key = `${connectionId}\u0000${ref.id}`;
        const perItem = connectionId === undefined ? undefined : counts.get(connectionId);
        if (perItem && !seen.has(key)) {
          seen.add(key);
          perItem.set(ref.id, (perItem.get(ref.id) ?? 0) + 1);
        }
      }
    }
  }
  return counts;
}
