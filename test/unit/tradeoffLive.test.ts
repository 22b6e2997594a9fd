import * as assert from 'node:assert/strict';
import { fingerprintLines } from '../../src/core/tradeoffs/anchor';
import { LiveAnchors } from '../../src/core/tradeoffs/liveAnchors';
import type { StoredTradeOff } from '../../src/core/tradeoffs/tradeoffFile';

const CODE = ['import x;', 'function price() {', '  return cache.get(key);', '}', 'export y;'];

function stored(id: string, path: string): StoredTradeOff {
  const lines = CODE.slice(1, 3);
  return {
    id,
    itemId: 'FB-1',
    summary: 's',
    rationale: '',
    state: 'open',
    author: 'a',
    createdAt: '2025-01-01T00:00:00.000Z',
    location: { repository: 'r', path, startLine: 2, endLine: 3, commit: null },
    anchor: { fingerprint: fingerprintLines(lines), lines },
    replies: [],
  };
}

describe('live trade-off places', () => {
  it('follows the text of its own file only, and says which file changed', () => {
    const live = new LiveAnchors([stored('to-000001', 'a.ts'), stored('to-000002', 'b.ts')]);
    const seen: string[] = [];
    live.onDidChange((e) => seen.push(e.path));
    live.update('a.ts', ['// one', '// two', ...CODE].join('\n'));
    const [a, b] = live.stored;
    assert.deepEqual([live.place(a).startLine, live.place(a).endLine, live.place(a).detached], [4, 5, false]);
    assert.deepEqual([live.place(b).startLine, live.place(b).detached], [2, false]);
    assert.deepEqual(seen, ['a.ts']);
    live.update('a.ts', ['// one', '// two', ...CODE].join('\n'));
    assert.deepEqual(seen, ['a.ts'], 'no event when nothing moved');
  });

  it('keeps a trade-off whose code is gone, detached at its last place, and settles the new place for saving', () => {
    const live = new LiveAnchors([stored('to-000001', 'a.ts')]);
    const [t] = live.stored;
    live.update('a.ts', ['// x', ...CODE].join('\n'));
    live.update('a.ts', 'nothing left here\n');
    assert.deepEqual([live.place(t).startLine, live.place(t).detached], [3, true]);
    assert.deepEqual(live.settled('a.ts')[0].location, t.location, 'a detached trade-off is saved where it was');
    live.update('a.ts', ['// x', '// y', ...CODE.slice(0, 2), '  return cache.get(key) ?? load(key);', ...CODE.slice(3)].join('\n'));
    const settled = live.settled('a.ts')[0];
    assert.deepEqual([settled.location.startLine, settled.location.endLine], [4, 5]);
    assert.deepEqual(settled.anchor.lines, ['function price() {', '  return cache.get(key) ?? load(key);']);
    assert.equal(settled.anchor.fingerprint, fingerprintLines(settled.anchor.lines));
  });

  it('marks every trade-off of a deleted file detached', () => {
    const live = new LiveAnchors([stored('to-000001', 'a.ts')]);
    live.update('a.ts', undefined);
    assert.equal(live.place(live.stored[0]).detached, true);
  });

  it('shows an over-cap anchor detached with its reason, and saves it unchanged', () => {
    const live = new LiveAnchors([{ ...stored('to-000001', 'a.ts'), anchor: { fingerprint: fingerprintLines(['x']), lines: Array<string>(15_000).fill('x();') } }]);
    const [t] = live.stored;
    live.update('a.ts', CODE.join('\n'));
    assert.equal(live.place(t).detached, true);
    assert.match(live.place(t).unanchorable ?? '', /15,000 lines/);
    assert.deepEqual(live.settled('a.ts')[0], t);
  });

  it('refuses a path: its trade-offs stay detached with the reason, whatever text comes, until it is allowed again', () => {
    const live = new LiveAnchors([stored('to-000001', 'a.ts'), stored('to-000002', 'b.ts')]);
    const [a, b] = live.stored;
    live.refuse('a.ts', 'a.ts is a symbolic link');
    assert.equal(live.refusalOf('a.ts'), 'a.ts is a symbolic link');
    live.update('a.ts', ['// x', ...CODE].join('\n'));
    assert.deepEqual([live.place(a).detached, live.place(a).unanchorable], [true, 'a.ts is a symbolic link']);
    assert.deepEqual(live.settled('a.ts')[0], a, 'nothing of the refused file is copied into the stored anchor');
    live.update('b.ts', ['// x', ...CODE].join('\n'));
    assert.deepEqual([live.place(b).startLine, live.place(b).detached], [3, false]);
    live.allow('a.ts');
    assert.equal(live.refusalOf('a.ts'), undefined);
    live.update('a.ts', ['// x', ...CODE].join('\n'));
    assert.deepEqual([live.place(a).startLine, live.place(a).detached, live.place(a).unanchorable], [3, false, undefined]);
  });

  it('follows 20,000 trade-offs on as many files without a pass over all of them per file', () => {
    const many = Array.from({ length: 20_000 }, (_, n) => stored(`to-${String(n).padStart(6, '0')}`, `f${n}.ts`));
    const live = new LiveAnchors(many);
    const started = process.hrtime.bigint();
    for (const path of live.paths()) {
      live.update(path, undefined);
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(live.place(many[19_999]).detached, true);
    assert.ok(ms < 1_500, `${ms.toFixed(0)} ms`);
  });
});
