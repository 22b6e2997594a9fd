// Where each trade-off is now. The workspace file says where a trade-off was
// when last saved; while the user types, its place is recomputed from the
// editor's text (never from disk), and written back only when the code file
// is saved, so `.feedback/tradeoffs.json` changes with the code it describes.
import { Emitter } from '../events';
import { LineIndex, fingerprintLines, reanchor, splitLines } from './anchor';
import type { AnchorOptions, AnchorResult } from './anchor';
import type { StoredTradeOff } from './tradeoffFile';

export interface LivePlace {
  readonly startLine: number;
  readonly endLine: number;
  /** True when the code is gone: the trade-off stays, shown as detached. */
  readonly detached: boolean;
  /** The block's current text, when attached. */
  readonly lines: readonly string[];
}

/** The lines of trade-offs, re-anchored against one text version. */
export function reanchorAll(
  text: string,
  tradeOffs: readonly Pick<StoredTradeOff, 'id' | 'anchor' | 'location'>[],
  options?: AnchorOptions,
): Map<string, AnchorResult & { lines?: string[] }> {
  const raw = splitLines(text);
  const index = new LineIndex(raw);
  const results = new Map<string, AnchorResult & { lines?: string[] }>();
  for (const t of tradeOffs) {
    const result = reanchor(index, { lines: t.anchor.lines, startLine: t.location.startLine }, options);
    results.set(t.id, result.kind === 'detached' ? result : { ...result, lines: raw.slice(result.startLine - 1, result.endLine) });
  }
  return results;
}

export class LiveAnchors {
  private readonly places = new Map<string, LivePlace>();
  private readonly changed = new Emitter<{ readonly path: string }>();
  readonly onDidChange = this.changed.event;

  constructor(private tradeOffs: readonly StoredTradeOff[] = []) {}

  /** The trade-offs as stored, replaced when the workspace file changes. Places of kept ids stay. */
  setStored(tradeOffs: readonly StoredTradeOff[]): void {
    this.tradeOffs = tradeOffs;
    const ids = new Set(tradeOffs.map((t) => t.id));
    for (const id of [...this.places.keys()]) {
      if (!ids.has(id)) {
        this.places.delete(id);
      }
    }
  }

  get stored(): readonly StoredTradeOff[] {
    return this.tradeOffs;
  }

  paths(): string[] {
    return [...new Set(this.tradeOffs.map((t) => t.location.path))];
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

  /** Re-anchors the trade-offs of `path` against its current text; `undefined` text means the file is gone. */
  update(path: string, text: string | undefined): void {
    const mine = this.tradeOffs.filter((t) => t.location.path === path);
    if (mine.length === 0) {
      return;
    }
    const results = text === undefined ? undefined : reanchorAll(text, mine.map((t) => this.asLastSeen(t)));
    let changed = false;
    for (const t of mine) {
      const result = results?.get(t.id);
      const next: LivePlace =
        result === undefined || result.kind === 'detached'
          ? { ...this.place(t), detached: true }
          : { startLine: result.startLine, endLine: result.endLine, detached: false, lines: result.lines ?? [] };
      const before = this.places.get(t.id);
      if (!before || before.startLine !== next.startLine || before.endLine !== next.endLine || before.detached !== next.detached || before.lines.join('\n') !== next.lines.join('\n')) {
        changed = true;
      }
      this.places.set(t.id, next);
    }
    if (changed) {
      this.changed.fire({ path });
    }
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
