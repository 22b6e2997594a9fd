// The customer impact of the current changes: which feedback items the changed
// lines belong to, and why. Pure: the platform hands in the diff of each file
// against the base, the blame of its changed lines, what history scanning
// linked each commit to, the trade-offs' places and the branch's item; this
// answers the items, most demanded first, each with its reasons as data (the
// platform words them), and the totals (impactTotals.ts).
//
// Which lines are blamed, and where (the platform does it; see changeBlame.ts):
// - lines removed or rewritten: at the base, in the base's file. The customers
//   a change reaches are those whose requests shaped the code it replaces, and
//   the base's blame still knows that code; the working tree no longer has it.
// - lines added or rewritten: in the working tree. Lines not committed yet
//   have no commit; lines committed on the branch name its commits, and their
//   `Feedback:` trailers count too.
// - a pure insertion replaces nothing: it is not charged to the lines beside it
//   (a guess that would list the items of every function a line lands in).
import type { LineCommits } from './blame';
import { addedLines, removedLines } from './diff';
import type { FileDiff, Hunk, LineRange } from './diff';
import { compareDemand } from '../demand';
import type { Customer, ItemSummary } from '../model';
import { impactTotals } from './impactTotals';
import type { ImpactTotals } from './impactTotals';

/** One changed file of a repository, and the blame of its changed lines. */
export interface BlamedFile {
  /** The repository's root, as history scanning keys it (core/closeLoop/linked.ts). */
  readonly repository: string;
  readonly diff: FileDiff;
  /** Removed or rewritten lines (removedRanges, in the base's file) → the commit that last changed each. */
  readonly removedBlame: LineCommits;
  /** Added or rewritten lines (addedRanges, in the working tree) → their commit (zeros: not committed yet). */
  readonly addedBlame: LineCommits;
  /** Why git could not blame this file (its lines then give no reasons): for the log. */
  readonly blameProblem?: string;
}

/** Where a trade-off is now (its live place), in a repository. */
export interface TradeOffPlace {
  readonly repository: string;
  readonly path: string;
  readonly lines: LineRange;
  readonly tradeOffId: string;
  readonly itemId: string;
}

/** The item a repository's current branch works on (started from it, or named after it). */
export interface BranchItem {
  readonly repository: string;
  readonly branch: string;
  readonly itemId: string;
}

export interface ImpactInput {
  readonly files: readonly BlamedFile[];
  /** Per repository: commit id → the items it links (linkedByRepository in core/closeLoop/linked.ts). */
  readonly links: ReadonlyMap<string, ReadonlyMap<string, readonly string[]>>;
  readonly tradeOffs: readonly TradeOffPlace[];
  /** Counted only for a repository with changes: the impact is the changes'. */
  readonly branches: readonly BranchItem[];
  /** The tracker's summary of an item; undefined without a tracker or for an item it did not list. */
  readonly findItem: (id: string) => ItemSummary | undefined;
  /** An item's customers, where known (its panel was opened): lets the totals count each customer once. */
  readonly customersOf?: (id: string) => readonly Customer[] | undefined;
}

/** Where the change to some lines shows in the working tree: for CodeLens and gutter hints. */
export interface ShownAt {
  readonly path: string;
  readonly line: number;
}

export type ImpactReason =
  /** Changed lines last changed by a commit that links the item: "lines 40–58 of billing.ts last changed in a1b2c3". */
  | {
      readonly kind: 'commit';
      readonly repository: string;
      /** `removed`: lines of the base's file (`path` is its path there); `added`: lines of the working tree's. */
      readonly side: 'removed' | 'added';
      readonly path: string;
      readonly lines: LineRange;
      readonly sha: string;
      /** Undefined when the file was deleted. */
      readonly shownAt: ShownAt | undefined;
    }
  /** A change inside a trade-off's lines: "trade-off on lines 12–20". */
  | {
      readonly kind: 'tradeOff';
      readonly repository: string;
      readonly path: string;
      readonly tradeOffId: string;
      /** The trade-off's lines. */
      readonly lines: LineRange;
      /** The first of them the change touches (for a removal: the line after which lines went). */
      readonly shownAt: ShownAt;
    }
  /** The branch works on the item: "branch feedback/FB-31". */
  | { readonly kind: 'branch'; readonly repository: string; readonly branch: string };

export interface ImpactedItem {
  readonly id: string;
  /** Undefined without a tracker, or for an item it did not list: a link without demand. */
  readonly item: ItemSummary | undefined;
  /** The branch first, then trade-offs, then commits; by file and line within each. */
  readonly reasons: readonly ImpactReason[];
}

export interface Impact {
  /** Most demanded first (compareDemand); items without a summary last; by id among equals. */
  readonly items: readonly ImpactedItem[];
  readonly totals: ImpactTotals;
}

export function computeImpact(input: ImpactInput): Impact {
  const reasons = new Map<string, ImpactReason[]>();
  const add = (itemId: string, reason: ImpactReason): void => {
    const list = reasons.get(itemId);
    if (list) {
      list.push(reason);
    } else {
      reasons.set(itemId, [reason]);
    }
  };
  const changed = new Set<string>();
  const tradeOffs = tradeOffsByFile(input.tradeOffs);
  for (const file of input.files) {
    if (file.diff.hunks.length === 0) {
      continue;
    }
    changed.add(file.repository);
    commitReasons(file, input.links.get(file.repository), add);
    if (file.diff.path !== undefined) {
      tradeOffReasons(file, tradeOffs.get(fileKey(file.repository, file.diff.path)) ?? [], add);
    }
  }
  for (const { repository, branch, itemId } of input.branches) {
    if (changed.has(repository)) {
      add(itemId, { kind: 'branch', repository, branch });
    }
  }
  const items = [...reasons].map(([id, list]) => ({ id, item: input.findItem(id), reasons: list.sort(byPlace) })).sort(byDemand);
  return { items, totals: impactTotals(items, input.customersOf) };
}

type AddReason = (itemId: string, reason: ImpactReason) => void;

/** Runs of consecutive changed lines last changed by one linked commit, per hunk and side. */
function commitReasons(file: BlamedFile, links: ReadonlyMap<string, readonly string[]> | undefined, add: AddReason): void {
  const { diff, repository } = file;
  if (!links || links.size === 0) {
    return;
  }
  for (const hunk of diff.hunks) {
    const shownAt = diff.path === undefined ? undefined : { path: diff.path, line: Math.max(1, hunk.newStart) };
    const sides = [
      { side: 'removed' as const, path: diff.oldPath, range: removedLines(hunk), blame: file.removedBlame },
      { side: 'added' as const, path: diff.path, range: addedLines(hunk), blame: file.addedBlame },
    ];
    for (const { side, path, range, blame } of sides) {
      if (path === undefined || range === undefined) {
        continue;
      }
      for (const run of linkedRuns(range, blame, links)) {
        for (const itemId of links.get(run.sha)!) {
          add(itemId, { kind: 'commit', repository, side, path, lines: run.lines, sha: run.sha, shownAt });
        }
      }
    }
  }
}

/** Within `range`, the maximal runs of lines whose commit links items. */
function linkedRuns(range: LineRange, blame: LineCommits, links: ReadonlyMap<string, readonly string[]>): { sha: string; lines: LineRange }[] {
  const runs: { sha: string; lines: { start: number; end: number } }[] = [];
  for (let line = range.start; line <= range.end; line++) {
    const sha = blame.get(line);
    if (sha === undefined || !links.has(sha)) {
      continue;
    }
    const last = runs[runs.length - 1];
    if (last && last.sha === sha && last.lines.end === line - 1) {
      last.lines.end = line;
    } else {
      runs.push({ sha, lines: { start: line, end: line } });
    }
  }
  return runs;
}

function fileKey(repository: string, path: string): string {
  return `${repository}\u0000${path}`;
}

function tradeOffsByFile(places: readonly TradeOffPlace[]): Map<string, TradeOffPlace[]> {
  const byFile = new Map<string, TradeOffPlace[]>();
  for (const place of places) {
    const key = fileKey(place.repository, place.path);
    const list = byFile.get(key);
    if (list) {
      list.push(place);
    } else {
      byFile.set(key, [place]);
    }
  }
  return byFile;
}

function tradeOffReasons(file: BlamedFile, places: readonly TradeOffPlace[], add: AddReason): void {
  for (const place of places) {
    const line = firstTouchedLine(file.diff.hunks, place.lines);
    if (line !== undefined) {
      const { repository, path, tradeOffId, lines } = place;
      add(place.itemId, { kind: 'tradeOff', repository, path, tradeOffId, lines, shownAt: { path, line } });
    }
  }
}

/**
 * The first line of `lines` (working tree) a hunk changes: a line it adds or
 * rewrites, or, for lines it only removes, the line after which they went when
 * that is inside the block (so not its last line: the removal was below it).
 * Hunks are in file order and never overlap: a binary search finds the first
 * that can reach `lines`.
 */
export function firstTouchedLine(hunks: readonly Hunk[], lines: LineRange): number | undefined {
  let low = 0;
  let high = hunks.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (lastNewLine(hunks[middle]) < lines.start) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  for (let i = low; i < hunks.length && hunks[i].newStart <= lines.end; i++) {
    const hunk = hunks[i];
    if (hunk.newCount > 0) {
      return Math.max(hunk.newStart, lines.start);
    }
    if (hunk.newStart >= lines.start && hunk.newStart < lines.end) {
      return hunk.newStart;
    }
  }
  return undefined;
}

/** The last working-tree line a hunk holds, or, with none, the line after which its removal sits. */
function lastNewLine(hunk: Hunk): number {
  return hunk.newCount > 0 ? hunk.newStart + hunk.newCount - 1 : hunk.newStart;
}

const KIND_ORDER: Readonly<Record<ImpactReason['kind'], number>> = { branch: 0, tradeOff: 1, commit: 2 };

function byPlace(a: ImpactReason, b: ImpactReason): number {
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareText(a.repository, b.repository) ||
    (a.kind === 'branch' || b.kind === 'branch' ? 0 : compareText(a.path, b.path) || a.lines.start - b.lines.start)
  );
}

function byDemand(a: ImpactedItem, b: ImpactedItem): number {
  if (a.item && b.item) {
    return compareDemand(a.item, b.item) || compareText(a.id, b.id);
  }
  return (a.item ? 0 : 1) - (b.item ? 0 : 1) || compareText(a.id, b.id);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
