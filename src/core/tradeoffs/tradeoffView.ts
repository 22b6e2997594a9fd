// What the Trade-offs view and the comment threads show, as plain data: the
// feature words it (flags, counts, an item's status and demand) and turns it
// into TreeItems and thread labels.
import type { LivePlace } from './liveAnchors';
import type { StoredTradeOff } from './tradeoffFile';
import { singleLineText } from '../displayText';
import type { ItemSummary } from '../model';

export type TradeOffGrouping = 'file' | 'item';

export interface TradeOffRow {
  readonly id: string;
  readonly label: string;
  /** Where it sits: `L3–4 · FB-12` by file, `src/a.ts:3` by item. */
  readonly where: string;
  readonly detached: boolean;
  readonly resolved: boolean;
  /** `tradeoff`, `tradeoff:resolved`, with `:detached` appended when its code is gone. */
  readonly contextValue: string;
}

export interface TradeOffGroup {
  readonly key: string;
  readonly label: string;
  /** How many of its trade-offs lost their code. */
  readonly detached: number;
  readonly rows: readonly TradeOffRow[];
}

export interface Placed {
  readonly tradeOff: StoredTradeOff;
  readonly place: LivePlace;
}

/** Shown on one line of the editor's UI: no bidi controls (core/displayText), at most 80 characters. */
export function oneLine(text: string): string {
  const line = singleLineText(text);
  return line.length > 80 ? `${line.slice(0, 79)}…` : line;
}

export function lineSpan(place: LivePlace): string {
  return place.startLine === place.endLine ? `L${place.startLine}` : `L${place.startLine}–${place.endLine}`;
}

function row(p: Placed, grouping: TradeOffGrouping): TradeOffRow {
  const { tradeOff, place } = p;
  const resolved = tradeOff.state === 'resolved';
  const where = grouping === 'file' ? `${lineSpan(place)} · ${tradeOff.itemId}` : `${tradeOff.location.path}:${place.startLine}`;
  return {
    id: tradeOff.id,
    label: oneLine(tradeOff.summary),
    where: singleLineText(where),
    detached: place.detached,
    resolved,
    contextValue: `tradeoff${resolved ? ':resolved' : ''}${place.detached ? ':detached' : ''}`,
  };
}

/** Groups by file (rows by line) or by item (rows by file and line); groups sorted by name. */
export function groupTradeOffs(
  placed: readonly Placed[],
  grouping: TradeOffGrouping,
  findItem: (id: string) => ItemSummary | undefined,
): TradeOffGroup[] {
  const groups = new Map<string, Placed[]>();
  for (const p of placed) {
    const key = grouping === 'file' ? p.tradeOff.location.path : p.tradeOff.itemId;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, members]) => {
      members.sort((a, b) => compare(a.tradeOff.location.path, b.tradeOff.location.path) || a.place.startLine - b.place.startLine);
      const item = grouping === 'item' ? findItem(key) : undefined;
      return {
        key,
        label: singleLineText(grouping === 'file' ? key : item ? `${key} · ${oneLine(item.title)}` : key),
        detached: members.filter((m) => m.place.detached).length,
        rows: members.map((m) => row(m, grouping)),
      };
    });
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The item a branch is about, if its name holds a known item id as a word:
 * `feature/FB-12-csv-export` → `FB-12`. Case-insensitive, longest id first so
 * that FB-12 wins over FB-1.
 */
export function itemIdFromBranch(branch: string | undefined, knownIds: readonly string[]): string | undefined {
  if (!branch) {
    return undefined;
  }
  const name = branch.toLowerCase();
  const sorted = [...knownIds].sort((a, b) => b.length - a.length);
  return sorted.find((id) => {
    const at = name.indexOf(id.toLowerCase());
    if (at < 0) {
      return false;
    }
    const before = name[at - 1];
    const after = name[at + id.length];
    return (before === undefined || !/[a-z0-9]/.test(before)) && (after === undefined || !/[a-z0-9]/.test(after));
  });
}
