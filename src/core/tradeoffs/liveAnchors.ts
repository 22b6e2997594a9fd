// Where each trade-off is now. The workspace file says where a trade-off was
// when last saved; while the user types, its place is recomputed from the
// editor's text (never from disk), and written back only when the code file
// is saved, so `.feedback/tradeoffs.json` changes with the code it describes.
import { Emitter } from '../events';
import { LineIndex, anchorLimitProblem, count, fingerprintLines, reanchor, splitLines } from './anchor';
import type { AnchorOptions, AnchorResult } from './anchor';
import type { StoredTradeOff } from './tradeoffFile';

/** Trade-offs followed per file: a file from a clone could name one file thousands of times, each costing an anchoring per edit. */
export const MAX_ANCHORS_PER_TEXT = 1_000;
/** Anchor lines followed per file, all its trade-offs together: bounds the work of one re-anchoring whatever the file holds. */
export const MAX_ANCHOR_LINES_PER_TEXT = 10_000;

export interface LivePlace {
  readonly startLine: number;
  readonly endLine: number;
  /** True when the code is gone: the trade-off stays, shown as detached. */
  readonly detached: boolean;
  /** The block's current text, when attached. */
  readonly lines: readonly string[];
  /** Why the trade-off is not followed at all (over a limit, a refused path): detached, with this reason. */
  readonly unanchorable?: string;
}

export type LiveResult = AnchorResult & { lines?: string[] };

/** The lines of trade-offs, re-anchored against one text version; past the per-file limits, the rest are unanchorable. */
export function reanchorAll(
  text: string,
  tradeOffs: readonly Pick<StoredTradeOff, 'id' | 'anchor' | 'location'>[],
  options?: AnchorOptions,
): Map<string, LiveResult> {
  const raw = splitLines(text);
  const index = new LineIndex(raw);
  const results = new Map<string, LiveResult>();
  const budget = { anchors: MAX_ANCHORS_PER_TEXT, lines: MAX_ANCHOR_LINES_PER_TEXT };
  for (const t of tradeOffs) {
    const reason = anchorLimitProblem(t.anchor.lines) ?? spend(budget, t.anchor.lines.length);
    const result: AnchorResult = reason !== undefined ? { kind: 'unanchorable', reason } : reanchor(index, { lines: t.anchor.lines, startLine: t.location.startLine }, options);
    results.set(t.id, result.kind === 'exact' || result.kind === 'fuzzy' ? { ...result, lines: raw.slice(result.startLine - 1, result.endLine) } : result);
  }
  return results;
}

/** Takes one anchor of `lines` lines from the per-file budget, or says why it is over. */
function spend(budget: { anchors: number; lines: number }, lines: number): string | undefined {
  if (budget.anchors === 0) {
    return `more than ${count(MAX_ANCHORS_PER_TEXT)} trade-offs on this file; the others are not followed`;
  }
  if (lines > budget.lines) {
    return `the trade-offs on this file hold more than ${count(MAX_ANCHOR_LINES_PER_TEXT)} anchor lines; the others are not followed`;
  }
  budget.anchors--;
  budget.lines -= lines;
  return undefined;
}

export class LiveAnchors {
  private readonly places = new Map<string, LivePlace>();
  /** Paths whose text must not be anchored (a symbolic link, say), with the reason. */
  private readonly refused = new Map<string, string>();
  private readonly changed = new Emitter<{ readonly path: string }>();
  readonly onDidChange = this.changed.event;

  /** The stored trade-offs by path: loading re-anchors every path, and a filter per path would be quadratic. */
  private byPath = new Map<string, StoredTradeOff[]>();

  constructor(private tradeOffs: readonly StoredTradeOff[] = []) {
    this.index();
  }

  private index(): void {
    this.byPath = new Map();
    for (const t of this.tradeOffs) {
      const list = this.byPath.get(t.location.path);
      if (list) {
        list.push(t);
      } else {
        this.byPath.set(t.location.path, [t]);
      }
    }
  }

  /** The trade-offs as stored, replaced when the workspace file changes. Places of kept ids stay. */
  setStored(tradeOffs: readonly StoredTradeOff[]): void {
    this.tradeOffs = tradeOffs;
    this.index();
    const ids = new Set(tradeOffs.map((t) => t.id));
    for (const id of [...this.places.keys()]) {
      if (!ids.has(id)) {
        this.places.delete(id);
      }
    }
    for (const path of [...this.refused.keys()]) {
      if (!this.byPath.has(path)) {
        this.refused.delete(path);
      }
    }
  }

  get stored(): readonly StoredTradeOff[] {
    return this.tradeOffs;
  }

  paths(): string[] {
    return [...this.byPath.keys()];
  }

  /** Where a trade-off is: its live place if its file was seen, else where it was saved. */
  place(tradeOff: StoredTradeOff): LivePlace {
    return (
      this.places.get(tradeOff.id) ?? {
        startLine: tradeOff.location.startLine,
        endLine: tradeOff.location.endLine,
        detached: false,
        lines: tradeOff.anchor.lines,
      }
    );
  }

  /**
   * Refuses the text of `path` until allow(): its trade-offs stay detached
   * with `reason`, and no text of it reaches a live place, so none can be
   * written back into the stored anchors.
   */
  refuse(path: string, reason: string): void {
    this.refused.set(path, reason);
    this.update(path, undefined);
  }

  /** Why `path` is refused, if it is. */
  refusalOf(path: string): string | undefined {
    return this.refused.get(path);
  }

  /** Lets the text of `path` be anchored again (it was checked); the next update() re-anchors it. */
  allow(path: string): void {
    this.refused.delete(path);
  }

  /** Re-anchors the trade-offs of `path` against its current text; `undefined` text means the file is gone. */
  update(path: string, text: string | undefined): void {
    const mine = this.byPath.get(path) ?? [];
    if (mine.length === 0) {
      return;
    }
    const refusal = this.refused.get(path);
    const results = text === undefined || refusal !== undefined ? undefined : reanchorAll(text, mine.map((t) => this.asLastSeen(t)));
    let changed = false;
    for (const t of mine) {
      changed = this.setPlace(t.id, this.nextPlace(t, results?.get(t.id), refusal)) || changed;
    }
    if (changed) {
      this.changed.fire({ path });
    }
  }

  private nextPlace(t: StoredTradeOff, result: LiveResult | undefined, refusal: string | undefined): LivePlace {
    if (refusal !== undefined || result?.kind === 'unanchorable') {
      return this.detachedAt(t, refusal ?? (result?.kind === 'unanchorable' ? result.reason : undefined));
    }
    if (result === undefined || result.kind === 'detached') {
      return this.detachedAt(t, undefined);
    }
    return { startLine: result.startLine, endLine: result.endLine, detached: false, lines: result.lines ?? [] };
  }

  /** Detached at its last place; an earlier reason does not outlive the state it explained. */
  private detachedAt(t: StoredTradeOff, reason: string | undefined): LivePlace {
    const { startLine, endLine, lines } = this.place(t);
    return reason === undefined ? { startLine, endLine, detached: true, lines } : { startLine, endLine, detached: true, lines, unanchorable: reason };
  }

  /** Stores the place; says whether it differs from the one before. */
  private setPlace(id: string, next: LivePlace): boolean {
    const before = this.places.get(id);
    this.places.set(id, next);
    return (
      !before ||
      before.startLine !== next.startLine ||
      before.endLine !== next.endLine ||
      before.detached !== next.detached ||
      before.unanchorable !== next.unanchorable ||
      before.lines.join('\n') !== next.lines.join('\n')
    );
  }

  /** The trade-offs of `path` with their live places written in: what to save after the code was saved. */
  settled(path: string): StoredTradeOff[] {
    return this.tradeOffs.map((t) => (t.location.path === path ? this.asLastSeen(t) : t));
  }

  /** A trade-off with its live place as its stored one (the detached keep their last place and text). */
  asLastSeen(t: StoredTradeOff): StoredTradeOff {
    const place = this.places.get(t.id);
    if (!place || place.detached) {
      return t;
    }
    return {
      ...t,
      location: { ...t.location, startLine: place.startLine, endLine: place.endLine },
      anchor: { fingerprint: fingerprintLines(place.lines), lines: [...place.lines] },
    };
  }

  dispose(): void {
    this.changed.dispose();
  }
}
