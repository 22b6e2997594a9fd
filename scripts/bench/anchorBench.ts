// Re-anchoring figures: 500 trade-offs in a 20,000-line file, after an edit.
// What is timed is what the editor does on each (debounced) change: split the
// document's text, index it, re-anchor every trade-off of the file.
//
// Then a hostile `.feedback/tradeoffs.json` (issue 13): what a trusted
// workspace spends on a 15,000-line anchor (parse and re-anchor; in Restricted
// Mode the file is only stat'ed, so this bounds that case too), and the worst
// the limits still let through.
import { MAX_ANCHOR_LINES, fingerprintLines } from '../../src/core/tradeoffs/anchor';
import { MAX_ANCHOR_LINES_PER_TEXT, reanchorAll } from '../../src/core/tradeoffs/liveAnchors';
import { parseTradeOffFile, serializeTradeOffFile } from '../../src/core/tradeoffs/tradeoffFile';
import type { StoredTradeOff } from '../../src/core/tradeoffs/tradeoffFile';

type Row = (name: string, value: string, budget: string) => void;
type Timer = (run: () => void, runs?: number) => number;

const LINES = 20_000;
const TRADEOFFS = 500;

/** Code-like lines: mostly distinct, with the braces and blank lines real code repeats. */
function codeFile(): string[] {
  let seed = 42;
  const next = (): number => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648);
  return Array.from({ length: LINES }, (_, i) => {
    const r = next() % 10;
    return r === 0 ? '}' : r === 1 ? '' : `    const v${i} = compute${next() % 500}(input, ${next() % 1000});`;
  });
}

function tradeOffsOn(lines: readonly string[]): Pick<StoredTradeOff, 'id' | 'anchor' | 'location'>[] {
  return Array.from({ length: TRADEOFFS }, (_, n) => {
    const startLine = 1 + Math.floor((n * (LINES - 20)) / TRADEOFFS);
    const block = lines.slice(startLine - 1, startLine - 1 + 1 + (n % 12));
    return {
      id: `to-${n}`,
      anchor: { fingerprint: fingerprintLines(block), lines: block },
      location: { repository: 'bench', path: 'big.ts', startLine, endLine: startLine + block.length - 1, commit: null },
    };
  });
}

export function anchorBench(row: Row, timeMs: Timer): void {
  const lines = codeFile();
  const tradeOffs = tradeOffsOn(lines);
  // Typing a few lines near the top moves every trade-off below them.
  const inserted = [...lines.slice(0, 50), '// a', '// new', '// comment', ...lines.slice(50)].join('\n');
  const results = reanchorAll(inserted, tradeOffs);
  const exact = [...results.values()].filter((r) => r.kind === 'exact').length;
  row(`re-anchoring ${TRADEOFFS} trade-offs, ${LINES} lines, after an insert`, `${timeMs(() => reanchorAll(inserted, tradeOffs)).toFixed(1)} ms`, '≤ 20 ms');
  row(`  of which found exactly (moved down 3 lines)`, `${exact}/${TRADEOFFS}`, '—');
  // Worst case: every block edited, so every trade-off takes the closest-match path.
  const edited = lines.map((line, i) => (tradeOffs.some((t) => t.location.startLine === i + 1) ? `${line} // edited` : line)).join('\n');
  const fuzzy = reanchorAll(edited, tradeOffs);
  const found = [...fuzzy.values()].filter((r) => r.kind !== 'detached').length;
  row(`  every block's first line edited (closest-match path)`, `${timeMs(() => reanchorAll(edited, tradeOffs), 5).toFixed(1)} ms`, '—');
  row(`  of which still attached`, `${found}/${TRADEOFFS}`, '—');
  hostileAnchors(row, timeMs);
}

const HOSTILE_LINES = 15_000;

function stored(id: string, lines: string[], startLine: number): StoredTradeOff {
  return {
    id,
    itemId: 'FB-1',
    summary: 'hostile',
    rationale: '',
    state: 'open',
    author: 'clone',
    createdAt: '2025-01-01T00:00:00.000Z',
    location: { repository: 'bench', path: 'big.ts', startLine, endLine: startLine + lines.length - 1, commit: null },
    anchor: { fingerprint: fingerprintLines(lines), lines },
    replies: [],
  };
}

/** Milliseconds (median) and the memory one run allocates (heap + buffers, no collection during it). */
function costOf(run: () => void, timeMs: Timer): { ms: number; mb: number } {
  const ms = timeMs(run, 5);
  (globalThis as { gc?: () => void }).gc?.();
  const used = (): number => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const before = used();
  run();
  return { ms, mb: (used() - before) / 1e6 };
}

function hostileAnchors(row: Row, timeMs: Timer): void {
  // Every other line edited: no exact copy, so the anchor would take the closest-match path.
  const code = Array.from({ length: HOSTILE_LINES + 100 }, (_, i) => `const v${i} = f(${i});`);
  const anchor = code.slice(50, 50 + HOSTILE_LINES).map((line, i) => (i % 2 ? `${line} // edited` : line));
  const fileText = serializeTradeOffFile([stored('to-hostile', anchor, 51)]);
  const codeText = code.join('\n');
  let kind = '';
  const huge = costOf(() => {
    const parsed = parseTradeOffFile(fileText);
    kind = parsed.ok ? (reanchorAll(codeText, parsed.file.tradeoffs).get('to-hostile')?.kind ?? '') : 'invalid';
  }, timeMs);
  row(`a ${HOSTILE_LINES.toLocaleString('en-US')}-line anchor: parse + re-anchor (time)`, `${huge.ms.toFixed(1)} ms`, '≤ 50 ms');
  row(`  (memory allocated by one run)`, `${huge.mb.toFixed(1)} MB`, '≤ 20 MB');
  row(`  reported as`, kind, 'unanchorable');
  // Within the limits, at their worst: anchors of the largest size, all fuzzy, in a file of one repeated line.
  const same = Array.from({ length: 60_000 }, () => 'call v1;');
  const block = Array.from({ length: MAX_ANCHOR_LINES }, (_, i) => (i === 1_000 ? 'call v2;' : 'call v1;'));
  const count = MAX_ANCHOR_LINES_PER_TEXT / MAX_ANCHOR_LINES;
  const atLimit = Array.from({ length: count }, (_, n) => stored(`to-${n}`, block, 1 + n * 5_000));
  const worst = costOf(() => reanchorAll(same.join('\n'), atLimit), timeMs);
  row(`  worst within limits: ${count} × ${MAX_ANCHOR_LINES} lines, fuzzy`, `${worst.ms.toFixed(1)} ms`, '—');
  row(`  (memory allocated by one run)`, `${worst.mb.toFixed(1)} MB`, '—');
}
