import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { NOT_COMMITTED } from '../../src/core/impact/blame';
import { addedLines, removedLines } from '../../src/core/impact/diff';
import type { FileDiff, Hunk } from '../../src/core/impact/diff';
import { computeImpact, firstTouchedLine } from '../../src/core/impact/impact';
import type { BlamedFile, BranchItem, ImpactInput, ImpactReason, TradeOffPlace } from '../../src/core/impact/impact';
import { impactTotals } from '../../src/core/impact/impactTotals';
import { branchItemId } from '../../src/core/impact/branchItem';
import { hintsFor, replaceFile } from '../../src/core/impact/perFile';
import { DEFAULT_BRANCH_TEMPLATE, DEFAULT_PATTERNS, ReferenceMatcher } from '../../src/core/references';
import { compareDemand } from '../../src/core/demand';
import type { ItemSummary } from '../../src/core/model';
import { propertyRuns } from '../support/propertySeed';
import { summary } from './fakeItems';
import { hunksArbitrary } from './impactFakes';

const ROOT = '/work/repo';
const A1 = 'a1'.repeat(20);
const B2 = 'b2'.repeat(20);
const C3 = 'c3'.repeat(20);

function diff(path: string, hunks: readonly Hunk[], oldPath: string | undefined = path): FileDiff {
  return { path, oldPath, oldBlob: undefined, newBlob: undefined, hunks };
}

/** Blame giving every line of `ranges` to `sha`, with exceptions. */
function blameOf(from: number, to: number, sha: string, except: Record<number, string> = {}): Map<number, string> {
  const lines = new Map<number, string>();
  for (let line = from; line <= to; line++) {
    lines.set(line, except[line] ?? sha);
  }
  return lines;
}

function input(overrides: Partial<ImpactInput>): ImpactInput {
  return { files: [], links: new Map(), tradeOffs: [], branches: [], findItem: () => undefined, ...overrides };
}

describe('impact: which items the current changes touch', () => {
  // billing.ts: lines 40–58 rewritten into 40–60; line 50 came from a commit linking nothing.
  const billing: BlamedFile = {
    repository: ROOT,
    diff: diff('billing.ts', [{ oldStart: 40, oldCount: 19, newStart: 40, newCount: 21 }]),
    removedBlame: blameOf(40, 58, A1, { 50: B2 }),
    addedBlame: blameOf(40, 60, NOT_COMMITTED, { 60: C3 }),
  };
  const links = new Map([[ROOT, new Map([[A1, ['FB-12']], [C3, ['FB-7', 'FB-12']]])]]);

  it('charges rewritten lines to the items their last commits link, in runs', () => {
    const impact = computeImpact(input({ files: [billing], links }));
    assert.deepEqual(
      impact.items.map((i) => [i.id, i.reasons.map((r) => (r.kind === 'commit' ? `${r.side} ${r.path}:${r.lines.start}-${r.lines.end} ${r.sha.slice(0, 2)}` : r.kind))]),
      [
        ['FB-12', ['removed billing.ts:40-49 a1', 'removed billing.ts:51-58 a1', 'added billing.ts:60-60 c3']],
        ['FB-7', ['added billing.ts:60-60 c3']],
      ],
    );
    const first = impact.items[0].reasons[0];
    assert.deepEqual(first.kind === 'commit' && first.shownAt, { path: 'billing.ts', line: 40 });
  });

  it('names trade-offs whose lines change, and the branch of a repository with changes', () => {
    const tradeOffs: TradeOffPlace[] = [
      { repository: ROOT, path: 'billing.ts', lines: { start: 12, end: 45 }, tradeOffId: 't1', itemId: 'FB-3' },
      { repository: ROOT, path: 'billing.ts', lines: { start: 61, end: 70 }, tradeOffId: 't2', itemId: 'FB-4' },
      { repository: '/elsewhere', path: 'billing.ts', lines: { start: 1, end: 100 }, tradeOffId: 't3', itemId: 'FB-5' },
    ];
    const branches: BranchItem[] = [
      { repository: ROOT, branch: 'feedback/FB-31-export', itemId: 'FB-31' },
      { repository: '/clean', branch: 'feedback/FB-32', itemId: 'FB-32' },
    ];
    const impact = computeImpact(input({ files: [billing], tradeOffs, branches }));
    assert.deepEqual(
      impact.items.map((i) => [i.id, i.reasons]),
      [
        ['FB-3', [{ kind: 'tradeOff', repository: ROOT, path: 'billing.ts', tradeOffId: 't1', lines: { start: 12, end: 45 }, shownAt: { path: 'billing.ts', line: 40 } }]],
        ['FB-31', [{ kind: 'branch', repository: ROOT, branch: 'feedback/FB-31-export' }]],
      ],
    );
  });

  it('ranks by demand, items the tracker did not describe last', () => {
    const described: Record<string, ItemSummary> = { 'FB-12': summary(12, { votes: 10 }), 'FB-7': summary(7, { votes: 40 }) };
    const files = [{ ...billing, removedBlame: blameOf(40, 58, A1, { 41: C3, 42: B2 }) }];
    const threeLinks = new Map([[ROOT, new Map([[A1, ['FB-12']], [C3, ['FB-7']], [B2, ['FB-1']]])]]);
    const impact = computeImpact(input({ files, links: threeLinks, findItem: (id) => described[id] }));
    assert.deepEqual(
      impact.items.map((i) => i.id),
      ['FB-7', 'FB-12', 'FB-1'],
    );
    assert.equal(impact.totals.withoutDemand, 1);
    assert.equal(impact.totals.requests, 3);
  });

  it('without a tracker, still lists what history and trade-offs link', () => {
    const impact = computeImpact(input({ files: [billing], links }));
    assert.ok(impact.items.every((i) => i.item === undefined));
    assert.deepEqual(impact.totals, { requests: 2, votes: 0, customers: 0, customersAtLeast: 0, revenue: [], exact: true, withoutDemand: 2 });
  });

  it('charges a deleted file at the base, with nowhere to show it', () => {
    const deleted: BlamedFile = { repository: ROOT, diff: { ...diff('gone.ts', [{ oldStart: 1, oldCount: 3, newStart: 0, newCount: 0 }]), path: undefined }, removedBlame: blameOf(1, 3, A1), addedBlame: new Map() };
    const [item] = computeImpact(input({ files: [deleted], links })).items;
    assert.deepEqual(item.reasons, [{ kind: 'commit', repository: ROOT, side: 'removed', path: 'gone.ts', lines: { start: 1, end: 3 }, sha: A1, shownAt: undefined }]);
  });

  describe('file by file', () => {
    it('gives the lines of one file where changes touch items, most demanded first', () => {
      const tradeOffs: TradeOffPlace[] = [{ repository: ROOT, path: 'billing.ts', lines: { start: 12, end: 45 }, tradeOffId: 't1', itemId: 'FB-3' }];
      const impact = computeImpact(input({ files: [billing], links, tradeOffs }));
      assert.deepEqual(hintsFor(impact, ROOT, 'billing.ts'), [{ line: 40, itemIds: ['FB-12', 'FB-3', 'FB-7'] }]);
      assert.deepEqual(hintsFor(impact, '/elsewhere', 'billing.ts'), []);
    });

    it('replaces one file’s entry after it was recomputed, or drops it', () => {
      const other: BlamedFile = { ...billing, diff: diff('other.ts', billing.diff.hunks) };
      const again: BlamedFile = { ...billing, removedBlame: new Map() };
      assert.deepEqual(replaceFile([billing, other], ROOT, 'billing.ts', again), [other, again]);
      assert.deepEqual(replaceFile([billing, other], ROOT, 'billing.ts', undefined), [other]);
      assert.deepEqual(replaceFile([billing], '/elsewhere', 'billing.ts', undefined), [billing]);
    });
  });

  describe('the first line of a trade-off a change touches', () => {
    const lines = { start: 10, end: 20 };
    it('a line added or rewritten inside it', () => {
      assert.equal(firstTouchedLine([{ oldStart: 5, oldCount: 8, newStart: 5, newCount: 8 }], lines), 10);
      assert.equal(firstTouchedLine([{ oldStart: 20, oldCount: 0, newStart: 20, newCount: 1 }], lines), 20);
      assert.equal(firstTouchedLine([{ oldStart: 21, oldCount: 1, newStart: 21, newCount: 1 }], lines), undefined);
    });
    it('lines removed between two of its lines, not above or below it', () => {
      const removal = (after: number): Hunk[] => [{ oldStart: after + 1, oldCount: 2, newStart: after, newCount: 0 }];
      assert.equal(firstTouchedLine(removal(10), lines), 10);
      assert.equal(firstTouchedLine(removal(19), lines), 19);
      assert.equal(firstTouchedLine(removal(9), lines), undefined);
      assert.equal(firstTouchedLine(removal(20), lines), undefined);
    });
  });

  describe('the item a branch works on, from its name', () => {
    const matcher = new ReferenceMatcher({ patterns: DEFAULT_PATTERNS, trailerKey: 'Feedback' });
    it('a known item whose id the name holds, as branch names write ids', () => {
      assert.equal(branchItemId('feedback/FB-12-export', DEFAULT_BRANCH_TEMPLATE, ['FB-1', 'FB-12'], matcher), 'FB-12');
      assert.equal(branchItemId('feedback/github-o-r-12-csv', DEFAULT_BRANCH_TEMPLATE, ['github:o/r#12'], matcher), 'github:o/r#12');
    });
    it('with no ids known, a reference where the template puts the id, or anywhere in another name', () => {
      assert.equal(branchItemId('feedback/FB-31-export-csv', DEFAULT_BRANCH_TEMPLATE, [], matcher), 'FB-31');
      assert.equal(branchItemId('feedback/fix-FB-31', DEFAULT_BRANCH_TEMPLATE, [], matcher), undefined);
      assert.equal(branchItemId('fix/FB-31-typo', DEFAULT_BRANCH_TEMPLATE, [], matcher), 'FB-31');
      assert.equal(branchItemId('main', DEFAULT_BRANCH_TEMPLATE, ['FB-1'], matcher), undefined);
    });
  });

  describe('totals', () => {
    const a = summary(1, { customerCount: 14, revenue: { amount: 9000, currency: 'USD' } });
    const b = summary(2, { customerCount: 9, revenue: { amount: 3000, currency: 'USD' } });
    const c = summary(3, { customerCount: 2, revenue: { amount: 500, currency: 'EUR' } });
    const entries = [a, b, c].map((item) => ({ id: item.id, item }));

    it('sums customers as an upper bound beside the largest item, revenue per currency', () => {
      assert.deepEqual(impactTotals(entries), {
        requests: 3,
        votes: a.votes + b.votes + c.votes,
        customers: 25,
        customersAtLeast: 14,
        revenue: [
          { currency: 'USD', amount: 12000 },
          { currency: 'EUR', amount: 500 },
        ],
        exact: false,
        withoutDemand: 0,
      });
    });

    it('counts each customer once when every item’s customers are known', () => {
      const customer = (id: string, amount: number) => ({ id, name: id, company: null, revenue: { amount, currency: 'USD' } });
      const known: Record<string, ReturnType<typeof customer>[]> = { 'FB-1': [customer('x', 100), customer('y', 50)], 'FB-2': [customer('y', 50)], 'FB-3': [customer('z', 10)] };
      const totals = impactTotals(entries, (id) => known[id]);
      assert.deepEqual([totals.customers, totals.customersAtLeast, totals.exact, totals.revenue], [3, 3, true, [{ currency: 'USD', amount: 160 }]]);
    });

    it('is exact with one item that has customers', () => {
      const totals = impactTotals([{ id: a.id, item: a }, { id: 'FB-9', item: summary(9, { customerCount: 0, revenue: null }) }]);
      assert.deepEqual([totals.customers, totals.customersAtLeast, totals.exact], [14, 14, true]);
    });
  });

  describe('properties', () => {
    it('reasons point inside the changed lines, at commits that link the item', () => {
      fc.assert(
        fc.property(inputArbitrary, (generated) => {
          for (const { id, reasons } of computeImpact(generated).items) {
            for (const reason of reasons) {
              assertInsideChanges(generated, id, reason);
            }
          }
        }),
        { numRuns: propertyRuns(300) },
      );
    });

    it('every changed line whose commit links an item is among that item’s reasons', () => {
      fc.assert(
        fc.property(inputArbitrary, (generated) => {
          const byId = new Map(computeImpact(generated).items.map((i) => [i.id, i.reasons]));
          for (const file of generated.files) {
            for (const hunk of file.diff.hunks) {
              for (const [side, range, blame, path] of [
                ['removed', removedLines(hunk), file.removedBlame, file.diff.oldPath],
                ['added', addedLines(hunk), file.addedBlame, file.diff.path],
              ] as const) {
                for (let line = range?.start ?? 1; range && line <= range.end; line++) {
                  const sha = blame.get(line)!;
                  for (const id of generated.links.get(file.repository)?.get(sha) ?? []) {
                    const covered = byId.get(id)?.some((r) => r.kind === 'commit' && r.side === side && r.path === path && r.repository === file.repository && r.lines.start <= line && line <= r.lines.end);
                    assert.ok(covered, `${id}: ${side} ${path}:${line}`);
                  }
                }
              }
            }
          }
        }),
        { numRuns: propertyRuns(300) },
      );
    });

    it('lists each item once, most demanded first', () => {
      fc.assert(
        fc.property(inputArbitrary, (generated) => {
          const { items } = computeImpact(generated);
          assert.equal(new Set(items.map((i) => i.id)).size, items.length);
          for (let i = 1; i < items.length; i++) {
            const [before, after] = [items[i - 1].item, items[i].item];
            assert.ok(before !== undefined || after === undefined, 'an item without demand before one with');
            assert.ok(!before || !after || compareDemand(before, after) <= 0, `${items[i - 1].id} before ${items[i].id}`);
          }
        }),
        { numRuns: propertyRuns(300) },
      );
    });

    it('removing a changed range never adds an item', () => {
      fc.assert(
        fc.property(inputArbitrary, fc.nat(), fc.nat(), (generated, fileIndex, hunkIndex) => {
          fc.pre(generated.files.length > 0);
          const files = [...generated.files];
          const file = files[fileIndex % files.length];
          const hunks = file.diff.hunks.filter((_, i) => i !== hunkIndex % Math.max(1, file.diff.hunks.length));
          files[fileIndex % files.length] = { ...file, diff: { ...file.diff, hunks } };
          const before = new Set(computeImpact(generated).items.map((i) => i.id));
          for (const { id } of computeImpact({ ...generated, files }).items) {
            assert.ok(before.has(id), id);
          }
        }),
        { numRuns: propertyRuns(300) },
      );
    });

    it('totals bound the customers between the largest item and the sum', () => {
      fc.assert(
        fc.property(inputArbitrary, (generated) => {
          const { items, totals } = computeImpact(generated);
          const counts = items.map((i) => i.item?.customerCount ?? 0);
          assert.equal(totals.customers, counts.reduce((a, b) => a + b, 0));
          assert.equal(totals.customersAtLeast, Math.max(0, ...counts));
          assert.equal(totals.requests, items.length);
        }),
        { numRuns: propertyRuns(100) },
      );
    });
  });
});

/** What a reason says holds in the input: its lines changed, its commit links the item, its trade-off is the item's. */
function assertInsideChanges(generated: ImpactInput, id: string, reason: ImpactReason): void {
  const files = generated.files.filter((f) => f.repository === reason.repository);
  switch (reason.kind) {
    case 'commit': {
      assert.ok(generated.links.get(reason.repository)?.get(reason.sha)?.includes(id));
      const inside = files.some((f) => {
        const path = reason.side === 'removed' ? f.diff.oldPath : f.diff.path;
        const blame = reason.side === 'removed' ? f.removedBlame : f.addedBlame;
        const ranges = f.diff.hunks.map(reason.side === 'removed' ? removedLines : addedLines);
        return path === reason.path && ranges.some((r) => r && r.start <= reason.lines.start && reason.lines.end <= r.end) && allBlamedTo(blame, reason.lines, reason.sha);
      });
      assert.ok(inside, JSON.stringify(reason));
      return;
    }
    case 'tradeOff': {
      const line = reason.shownAt.line;
      assert.ok(generated.tradeOffs.some((t) => t.tradeOffId === reason.tradeOffId && t.itemId === id));
      assert.ok(reason.lines.start <= line && line <= reason.lines.end);
      const touched = files.some((f) => f.diff.path === reason.path && f.diff.hunks.some((h) => (h.newCount > 0 ? h.newStart <= line && line < h.newStart + h.newCount : h.newStart === line)));
      assert.ok(touched, JSON.stringify(reason));
      return;
    }
    case 'branch':
      assert.ok(generated.branches.some((b) => b.itemId === id && b.repository === reason.repository) && files.some((f) => f.diff.hunks.length > 0));
  }
}

function allBlamedTo(blame: ReadonlyMap<number, string>, lines: { start: number; end: number }, sha: string): boolean {
  for (let line = lines.start; line <= lines.end; line++) {
    if (blame.get(line) !== sha) {
      return false;
    }
  }
  return true;
}

const SHAS = [A1, B2, C3, 'd4'.repeat(20), NOT_COMMITTED];
const IDS = ['FB-1', 'FB-2', 'FB-3', 'FB-4', 'FB-5', 'FB-6'];
const REPOS = ['/r1', '/r2'];
const PATHS = ['a.ts', 'b.ts', 'c.ts'];

/** Blame of every changed line of `hunks`: line n of a side gets SHAS[picks[n % picks.length]]. */
function generatedBlame(hunks: readonly Hunk[], side: typeof addedLines, picks: readonly number[]): Map<number, string> {
  const blame = new Map<number, string>();
  for (const range of hunks.map(side)) {
    for (let line = range?.start ?? 1; range && line <= range.end; line++) {
      blame.set(line, SHAS[picks[line % picks.length] % SHAS.length]);
    }
  }
  return blame;
}

const fileArbitrary: fc.Arbitrary<BlamedFile> = fc
  .record({
    repository: fc.constantFrom(...REPOS),
    path: fc.constantFrom(...PATHS),
    renamedFrom: fc.option(fc.constantFrom(...PATHS)),
    deleted: fc.boolean(),
    hunks: hunksArbitrary,
    picks: fc.array(fc.nat(), { minLength: 1, maxLength: 7 }),
  })
  .map(({ repository, path, renamedFrom, deleted, hunks, picks }) => {
    const kept = deleted ? hunks.map((h) => ({ ...h, newStart: 0, newCount: 0 })).filter((h) => h.oldCount > 0) : hunks;
    return {
      repository,
      diff: { path: deleted ? undefined : path, oldPath: renamedFrom ?? path, oldBlob: undefined, newBlob: undefined, hunks: kept },
      removedBlame: generatedBlame(kept, removedLines, picks),
      addedBlame: generatedBlame(kept, addedLines, [...picks].reverse()),
    };
  });

const tradeOffArbitrary: fc.Arbitrary<TradeOffPlace> = fc
  .record({ repository: fc.constantFrom(...REPOS), path: fc.constantFrom(...PATHS), start: fc.integer({ min: 1, max: 80 }), length: fc.nat(15), id: fc.nat(99), itemId: fc.constantFrom(...IDS) })
  .map(({ repository, path, start, length, id, itemId }) => ({ repository, path, lines: { start, end: start + length }, tradeOffId: `t${id}`, itemId }));

const inputArbitrary: fc.Arbitrary<ImpactInput> = fc
  .record({
    files: fc.array(fileArbitrary, { maxLength: 4 }),
    links: fc.array(fc.tuple(fc.constantFrom(...REPOS), fc.constantFrom(...SHAS.slice(0, 4)), fc.subarray(IDS, { minLength: 1 })), { maxLength: 6 }),
    tradeOffs: fc.array(tradeOffArbitrary, { maxLength: 5 }),
    branches: fc.array(fc.record({ repository: fc.constantFrom(...REPOS), branch: fc.constant('feedback/x'), itemId: fc.constantFrom(...IDS) }), { maxLength: 2 }),
    demand: fc.dictionary(fc.constantFrom(...IDS), fc.record({ votes: fc.nat(5), customerCount: fc.nat(5), amount: fc.nat(3) })),
  })
  .map(({ files, links, tradeOffs, branches, demand }) => {
    const linkMap = new Map<string, Map<string, string[]>>();
    for (const [repository, sha, ids] of links) {
      const shas = linkMap.get(repository) ?? new Map<string, string[]>();
      shas.set(sha, ids);
      linkMap.set(repository, shas);
    }
    const items = new Map(
      Object.entries(demand).map(([id, d]) => [id, summary(Number(id.slice(3)), { id, votes: d.votes, customerCount: d.customerCount, revenue: { amount: d.amount * 100, currency: 'USD' } })]),
    );
    return { files, links: linkMap, tradeOffs, branches, findItem: (id: string) => items.get(id) };
  });
