import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { LineIndex, MAX_ANCHOR_LINES, MAX_ANCHOR_LINE_CHARS, fingerprintLines, isSignificant, lineHash, normalizeLine, reanchor } from '../../src/core/tradeoffs/anchor';
import type { AnchorResult } from '../../src/core/tradeoffs/anchor';
import { MAX_ANCHORS_PER_TEXT, MAX_ANCHOR_LINES_PER_TEXT, reanchorAll } from '../../src/core/tradeoffs/liveAnchors';
import type { StoredTradeOff } from '../../src/core/tradeoffs/tradeoffFile';
import { propertyRuns } from '../support/propertySeed';

const FILE = Array.from({ length: 40 }, (_, i) => `const value${i} = compute(${i});`);

function at(lines: readonly string[], start: number, length: number): string[] {
  return lines.slice(start - 1, start - 1 + length);
}

describe('trade-off anchoring', () => {
  it('finds the block where it was, and follows lines inserted above', () => {
    const block = at(FILE, 10, 3);
    assert.deepEqual(reanchor(new LineIndex(FILE), { lines: block, startLine: 10 }), { kind: 'exact', startLine: 10, endLine: 12 });
    const edited = ['// new', '// lines', ...FILE];
    assert.deepEqual(reanchor(new LineIndex(edited), { lines: block, startLine: 10 }), { kind: 'exact', startLine: 12, endLine: 14 });
  });

  it('ignores indentation and whitespace changes', () => {
    const block = at(FILE, 5, 2);
    const edited = FILE.map((line, i) => (i === 4 || i === 5 ? `    ${line.replace(' = ', '   =   ')}` : line));
    assert.equal(reanchor(new LineIndex(edited), { lines: block, startLine: 5 }).kind, 'exact');
  });

  it('follows a block edited a little, and a line added inside it', () => {
    const block = at(FILE, 20, 4);
    const edited = [...FILE];
    edited[20] = 'const value20 = somethingElse();';
    edited.splice(22, 0, 'log("inserted inside the block");');
    const result = reanchor(new LineIndex(['// moved', ...edited]), { lines: block, startLine: 20 });
    assert.equal(result.kind, 'fuzzy');
    assert.ok(result.kind === 'fuzzy');
    assert.equal(result.startLine, 21);
    assert.equal(result.endLine, 25);
    assert.equal(result.score, 0.75);
  });

  it('detaches when most of the block is gone', () => {
    const block = at(FILE, 20, 4);
    const edited = FILE.filter((_, i) => i < 19 || i > 21);
    const result = reanchor(new LineIndex(edited), { lines: block, startLine: 20 });
    assert.equal(result.kind, 'detached');
  });

  it('never anchors on lines that prove nothing, such as } or blank lines', () => {
    assert.equal(isSignificant(normalizeLine('  });  ')), false);
    assert.equal(isSignificant('ab'), false);
    assert.equal(isSignificant('foo()'), true);
    const result = reanchor(new LineIndex(['a();', '}', '', 'b();']), { lines: ['}', '', 'gone();'], startLine: 2 });
    assert.equal(result.kind, 'detached');
  });

  it('prefers the copy nearest to the old place', () => {
    const block = ['function twin() {', '  return 2;'];
    const text = ['x1', ...block, ...FILE.slice(0, 30), ...block, 'x2'];
    assert.deepEqual(reanchor(new LineIndex(text), { lines: block, startLine: 30 }), { kind: 'exact', startLine: 34, endLine: 35 });
    assert.deepEqual(reanchor(new LineIndex(text), { lines: block, startLine: 3 }), { kind: 'exact', startLine: 2, endLine: 3 });
  });

  it('hashes lines as normalised: whitespace-blind, content-sensitive', () => {
    assert.equal(lineHash('  a \t b  '), lineHash('a b'));
    assert.notEqual(lineHash('ab'), lineHash('a b'));
    assert.notEqual(lineHash('a b'), lineHash('a c'));
    assert.ok(Number.isSafeInteger(lineHash('some line of code();')));
  });

  it('fingerprints normalised lines: stable, whitespace-blind, content-sensitive', () => {
    assert.match(fingerprintLines(['a', 'b']), /^[0-9a-f]{16}$/);
    assert.equal(fingerprintLines(['a  b', 'c']), fingerprintLines(['  a b', 'c\t']));
    assert.notEqual(fingerprintLines(['a', 'b']), fingerprintLines(['a', 'c']));
    assert.notEqual(fingerprintLines(['ab']), fingerprintLines(['a', 'b']));
  });
});

// ── properties ────────────────────────────────────────────────────────────

/** Lines a file is made of: some repeat (braces, blanks, common calls), most do not. */
const lineArb = fc.oneof(
  { weight: 1, arbitrary: fc.constantFrom('}', '', '  return;', 'end();', '{') },
  { weight: 4, arbitrary: fc.tuple(fc.constantFrom('let', 'call', 'if', 'emit'), fc.nat(5000)).map(([w, n]) => `${w} v${n};`) },
);
const linesArb = (min: number, max: number) => fc.array(lineArb, { minLength: min, maxLength: max });

const scenarioArb = fc.record({
  before: linesArb(0, 60),
  block: linesArb(1, 12),
  after: linesArb(0, 60),
  edits: fc.array(
    fc.record({ where: fc.constantFrom('before', 'after'), at: fc.nat(100), remove: fc.nat(5), insert: linesArb(0, 6) }),
    { maxLength: 6 },
  ),
  move: fc.option(fc.nat(200), { nil: undefined }),
});

function splice(lines: string[], at: number, remove: number, insert: readonly string[]): string[] {
  const copy = [...lines];
  copy.splice(Math.min(at, copy.length), remove, ...insert);
  return copy;
}

function occurrences(text: readonly string[], block: readonly string[]): number[] {
  const index = new LineIndex(text);
  const wanted = block.map(lineHash);
  const starts: number[] = [];
  for (let s = 0; s + wanted.length <= text.length; s++) {
    if (wanted.every((line, i) => index.lines[s + i] === line)) {
      starts.push(s + 1);
    }
  }
  return starts;
}

describe('trade-off anchoring properties', () => {
  it('finds an intact block after edits elsewhere and moves of the block (1,000 cases)', () => {
    fc.assert(
      fc.property(scenarioArb, ({ before, block, after, edits, move }) => {
        let head = before;
        let tail = after;
        for (const edit of edits) {
          if (edit.where === 'before') {
            head = splice(head, edit.at, edit.remove, edit.insert);
          } else {
            tail = splice(tail, edit.at, edit.remove, edit.insert);
          }
        }
        let text = [...head, ...block, ...tail];
        let expected = head.length + 1;
        if (move !== undefined) {
          const rest = [...head, ...tail];
          const to = move % (rest.length + 1);
          text = [...rest.slice(0, to), ...block, ...rest.slice(to)];
          expected = to + 1;
        }
        // The block must be one place only, or "the" block is ambiguous.
        fc.pre(occurrences(text, block).length === 1);
        const result = reanchor(new LineIndex(text), { lines: block, startLine: before.length + 1 });
        assert.deepEqual(result, { kind: 'exact', startLine: expected, endLine: expected + block.length - 1 });
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('reports the block detached when an edit deletes it (1,000 cases)', () => {
    fc.assert(
      fc.property(scenarioArb, fc.array(lineArb, { maxLength: 3 }), ({ before, block, after }, replacement) => {
        // Some of the block's lines must be its own, or a copy elsewhere is the block.
        const significantOwn = block.filter((line) => isSignificant(normalizeLine(line)) && ![...before, ...after, ...replacement].includes(line));
        fc.pre(significantOwn.length * 2 > block.filter((line) => isSignificant(normalizeLine(line))).length);
        const text = [...before, ...replacement, ...after];
        const result = reanchor(new LineIndex(text), { lines: block, startLine: before.length + 1 });
        assert.equal(result.kind, 'detached');
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});

// ── limits: `.feedback/tradeoffs.json` may come from a hostile repository ──

/**
 * The fastest of three runs: a busy machine only adds time, so the minimum is
 * what the code costs. The bounds only catch the old quadratic blow-ups
 * (seconds); `npm run bench` measures the real figures.
 */
function elapsedMs(run: () => void): number {
  let fastest = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = process.hrtime.bigint();
    run();
    fastest = Math.min(fastest, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return fastest;
}

describe('trade-off anchoring limits', () => {
  it(`reports an anchor over ${MAX_ANCHOR_LINES} lines as unanchorable, and still follows one of exactly that many`, () => {
    const file = Array.from({ length: 15_100 }, (_, i) => `const v${i} = f(${i});`);
    const index = new LineIndex(file);
    const huge = reanchor(index, { lines: file.slice(50, 15_050), startLine: 51 });
    assert.equal(huge.kind, 'unanchorable');
    assert.ok(huge.kind === 'unanchorable');
    assert.match(huge.reason, /15,000 lines/);
    assert.match(huge.reason, new RegExp(MAX_ANCHOR_LINES.toLocaleString('en-US')));
    const atCap = reanchor(index, { lines: file.slice(50, 50 + MAX_ANCHOR_LINES), startLine: 51 });
    assert.deepEqual(atCap, { kind: 'exact', startLine: 51, endLine: 50 + MAX_ANCHOR_LINES });
  });

  it(`reports an anchor with a line over ${MAX_ANCHOR_LINE_CHARS} characters as unanchorable, naming the line`, () => {
    const long = `const x = "${'a'.repeat(MAX_ANCHOR_LINE_CHARS)}";`;
    const result = reanchor(new LineIndex(['a();', 'b();', long]), { lines: ['b();', long], startLine: 2 });
    assert.ok(result.kind === 'unanchorable', result.kind);
    assert.match(result.reason, /line 2 of its anchor/);
  });

  it('follows a 2,000-line block among 60,000 identical lines in bounded time (closest-match path)', () => {
    const same = Array.from({ length: 60_000 }, () => 'call v1;');
    const block = Array.from({ length: 2_000 }, (_, i) => (i === 1_000 ? 'call v2;' : 'call v1;'));
    const index = new LineIndex(same);
    let result: AnchorResult | undefined;
    const ms = elapsedMs(() => (result = reanchor(index, { lines: block, startLine: 30_000 })));
    assert.deepEqual(result, { kind: 'fuzzy', startLine: 30_000, endLine: 31_999, score: 1_999 / 2_000 });
    assert.ok(ms < 1_000, `${ms.toFixed(0)} ms`);
  });

  it('looks for an exact copy in bounded time when every line of the block is common', () => {
    // 50 runs of 1,999 equal lines: the 2,000-line block of them is nowhere exactly.
    const runs = Array.from({ length: 50 }, () => [...Array<string>(1_999).fill('call a;'), 'call b;']).flat();
    const index = new LineIndex(runs);
    let result: AnchorResult | undefined;
    const ms = elapsedMs(() => (result = reanchor(index, { lines: Array<string>(2_000).fill('call a;'), startLine: 1 })));
    assert.equal(result?.kind, 'fuzzy');
    assert.ok(ms < 1_000, `${ms.toFixed(0)} ms`);
  });

  it(`anchors at most ${MAX_ANCHORS_PER_TEXT} trade-offs and ${MAX_ANCHOR_LINES_PER_TEXT} anchor lines per file, the rest reported unanchorable`, () => {
    const file = Array.from({ length: 3_000 }, (_, i) => `const v${i} = f(${i});`);
    const text = file.join('\n');
    const many = Array.from({ length: MAX_ANCHORS_PER_TEXT + 1 }, (_, n) => stored(`to-${n}`, file.slice(n, n + 1), n + 1));
    const counted = reanchorAll(text, many);
    assert.equal(counted.get('to-0')?.kind, 'exact');
    assert.equal(counted.get(`to-${MAX_ANCHORS_PER_TEXT - 1}`)?.kind, 'exact');
    const over = counted.get(`to-${MAX_ANCHORS_PER_TEXT}`);
    assert.ok(over?.kind === 'unanchorable', over?.kind);
    assert.match(over.reason, new RegExp(`${MAX_ANCHORS_PER_TEXT.toLocaleString('en-US')} trade-offs`));

    const perAnchor = MAX_ANCHOR_LINES_PER_TEXT / 10;
    const big = Array.from({ length: 11 }, (_, n) => stored(`to-big${n}`, file.slice(0, perAnchor), 1));
    const lined = reanchorAll(text, big);
    assert.equal(lined.get('to-big9')?.kind, 'exact');
    const past = lined.get('to-big10');
    assert.ok(past?.kind === 'unanchorable', past?.kind);
    assert.match(past.reason, new RegExp(`${MAX_ANCHOR_LINES_PER_TEXT.toLocaleString('en-US')} anchor lines`));
  });
});

function stored(id: string, lines: string[], startLine: number): Pick<StoredTradeOff, 'id' | 'anchor' | 'location'> {
  return {
    id,
    anchor: { fingerprint: fingerprintLines(lines), lines },
    location: { repository: 'r', path: 'a.ts', startLine, endLine: startLine + lines.length - 1, commit: null },
  };
}
