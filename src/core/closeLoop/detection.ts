// Which linked commits shipped since we last looked, from a repository's refs:
// its tags (oldest first) and its default branch. Incremental: the refs seen
// last time are remembered, and only commits newly reachable from a new or
// moved ref are listed (`rev-list <new> --not <known…>`), so a fetch that
// brings one tag costs one rev-list whatever the history's length. The first
// look at a repository only records its refs: what shipped before the
// extension watched is not news. Git runs through an injected function.
import type { LinkedItem } from './linked';
import type { RepoMemory } from './shipLog';

/** Runs git in one repository with an argument array; resolves with stdout. */
export type RunGit = (args: readonly string[]) => Promise<string>;

const SHA = /^[0-9a-f]{40}$/;
/** Ref names as git allows them, bounded: they end up in notifications and replies. */
const REF_NAME = /^[^\s\0~^:?*[\\]{1,200}$/;

export interface RefTip {
  readonly name: string;
  readonly sha: string;
}

export interface RepoRefs {
  /** Tags, oldest first (by creator date), with the commit each points at. */
  readonly tags: readonly RefTip[];
  readonly branch: RefTip | undefined;
}


/** Commits that became part of a release: a tag's name, or the default branch's. */
export interface Shipment {
  readonly release: string;
  readonly kind: 'tag' | 'branch';
  readonly shas: readonly string[];
}

/** The repository's tags and its default branch's commit (`branch`: e.g. `main` or `origin/main`). */
export async function readRefs(git: RunGit, branch: string | undefined): Promise<RepoRefs> {
  // %(*objectname) is the commit an annotated tag points at; empty for a lightweight tag.
  const out = await git(['for-each-ref', '--sort=creatordate', '--format=%(refname:strip=2)%00%(objectname)%00%(*objectname)', 'refs/tags']);
  const tags: RefTip[] = [];
  for (const line of out.split('\n')) {
    const [name, object, peeled] = line.split('\0');
    const sha = peeled || object;
    if (name && REF_NAME.test(name) && sha && SHA.test(sha)) {
      tags.push({ name, sha });
    }
  }
  let tip: RefTip | undefined;
  if (branch && REF_NAME.test(branch)) {
    // `--verify --quiet` exits non-zero for a branch that does not exist (yet): no tip, not an error.
    const sha = (await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${branch}^{commit}`]).catch(() => '')).trim();
    tip = SHA.test(sha) ? { name: branch, sha } : undefined;
  }
  return { tags, branch: tip };
}

export function memoryOf(refs: RepoRefs): RepoMemory {
  return { tags: Object.fromEntries(refs.tags.map((t) => [t.name, t.sha])), branch: refs.branch ? { ...refs.branch } : null };
}

/**
 * The shipments since `previous` (none on a first look), and the memory to keep.
 * A new tag ships what no earlier tag held; with `merged`, the default branch
 * ships what it gained and no tag holds (a later tag ships it again, by name).
 */
export async function newShipments(git: RunGit, previous: RepoMemory | undefined, current: RepoRefs, mode: 'merged' | 'tagged'): Promise<Shipment[]> {
  if (!previous) {
    return [];
  }
  const shipments: Shipment[] = [];
  const excluded = new Set(Object.values(previous.tags));
  for (const tag of current.tags) {
    if (previous.tags[tag.name] === tag.sha) {
      continue;
    }
    const shas = await reachable(git, tag.sha, excluded);
    excluded.add(tag.sha);
    if (shas.length > 0) {
      shipments.push({ release: tag.name, kind: 'tag', shas });
    }
  }
  const branch = current.branch;
  if (mode === 'merged' && branch && previous.branch?.sha !== branch.sha) {
    const before = previous.branch?.name === branch.name ? [previous.branch.sha] : [];
    const shas = await reachable(git, branch.sha, new Set([...before, ...current.tags.map((t) => t.sha)]));
    if (shas.length > 0) {
      shipments.push({ release: branch.name, kind: 'branch', shas });
    }
  }
  return shipments;
}

async function reachable(git: RunGit, tip: string, excluded: ReadonlySet<string>): Promise<string[]> {
  const not = [...excluded].filter((sha) => sha !== tip);
  if (excluded.has(tip)) {
    return [];
  }
  const out = await git(['rev-list', tip, ...(not.length > 0 ? ['--not', ...not] : [])]);
  return out.split('\n').filter((line) => SHA.test(line));
}

/** One item's news: its commits that shipped in `release`. */
export interface ShippedItem {
  readonly itemId: string;
  readonly release: string;
  readonly kind: 'tag' | 'branch';
  readonly repository: string;
  readonly shas: readonly string[];
}

/** The items whose linked commits (`linked`: sha → item ids) are among the shipments' commits. */
export function shippedItems(repository: string, shipments: readonly Shipment[], linked: ReadonlyMap<string, readonly string[]>): ShippedItem[] {
  const found = new Map<string, { itemId: string; release: string; kind: 'tag' | 'branch'; shas: string[] }>();
  for (const shipment of shipments) {
    for (const sha of shipment.shas) {
      for (const itemId of linked.get(sha) ?? []) {
        const key = `${shipment.release}\0${itemId}`;
        const entry = found.get(key) ?? { itemId, release: shipment.release, kind: shipment.kind, shas: [] };
        entry.shas.push(sha);
        found.set(key, entry);
      }
    }
  }
  return [...found.values()].map((e) => ({ ...e, repository }));
}

/** One item's news in the connection its commits' references resolve to (linked.ts `linkedItemsByRepository`). */
export interface ConnectionShippedItem extends ShippedItem {
  readonly connection: string;
  /** Only patterns linked it: whether that connection holds such an item is still to be asked. */
  readonly byPattern: boolean;
}

/** The items, per connection, whose linked commits (`linked`: sha → items) are among the shipments' commits. */
export function shippedConnectionItems(repository: string, shipments: readonly Shipment[], linked: ReadonlyMap<string, readonly LinkedItem[]>): ConnectionShippedItem[] {
  const found = new Map<string, { connection: string; itemId: string; byPattern: boolean; release: string; kind: 'tag' | 'branch'; shas: string[] }>();
  for (const shipment of shipments) {
    for (const sha of shipment.shas) {
      for (const { connection, itemId, byPattern } of linked.get(sha) ?? []) {
        const key = `${shipment.release}\0${connection}\0${itemId}`;
        const entry = found.get(key) ?? { connection, itemId, byPattern, release: shipment.release, kind: shipment.kind, shas: [] };
        entry.shas.push(sha);
        // One commit's trailer naming the item is enough to know the connection holds it.
        entry.byPattern &&= byPattern;
        found.set(key, entry);
      }
    }
  }
  return [...found.values()].map((e) => ({ ...e, repository }));
}

/**
 * What is offered of the shipped items: a trailer's always (it named its
 * connection); a pattern's only in the connections holding an item of that
 * id (`holds` asks each connection once per item), since `FB-12` may be
 * one REST server's item and not another's. With one connection a pattern is
 * its item, as before there were several: nothing is asked.
 */
export async function heldShipments(
  found: readonly ConnectionShippedItem[],
  connectionCount: number,
  holds: (connection: string, itemId: string) => Promise<boolean>,
): Promise<ConnectionShippedItem[]> {
  if (connectionCount <= 1) {
    return [...found];
  }
  const asked = new Map<string, Promise<boolean>>();
  const held = await Promise.all(
    found.map((shipped) => {
      if (!shipped.byPattern) {
        return true;
      }
      const key = `${shipped.connection}\0${shipped.itemId}`;
      const answer = asked.get(key) ?? holds(shipped.connection, shipped.itemId);
      asked.set(key, answer);
      return answer;
    }),
  );
  return found.filter((_, index) => held[index]);
}
