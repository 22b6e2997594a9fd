// Re-anchoring figures: 500 trade-offs in a 20,000-line file, after an edit.
// What is timed is what the editor does on each (debounced) change: split the
// document's text, index it, re-anchor every trade-off of the file.
import { fingerprintLines } from '../../src/core/tradeoffs/anchor';
import { reanchorAll } from '../../src/core/tradeoffs/liveAnchors';
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
}
