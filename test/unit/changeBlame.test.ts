// The changes of a real repository made in a temp dir, blamed: main has a
// commit linking FB-12; the branch `feedback/FB-31` adds one linking FB-31;
// the working tree edits on top. Then the impact, end to end.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NOT_COMMITTED } from '../../src/core/impact/blame';
import { computeImpact } from '../../src/core/impact/impact';
import { linkedByRepository } from '../../src/core/closeLoop/linked';
import { HistoryIndex, LOG_FORMAT, LogParser } from '../../src/core/historyScan';
import { DEFAULT_PATTERNS, ReferenceMatcher } from '../../src/core/references';
import { ChangeBlame } from '../../src/platform/changeBlame';
import type { ChangeBase } from '../../src/platform/changeBlame';
import { gitProcess, isAbortError } from '../../src/platform/gitProcess';
import type { GitProcess } from '../../src/platform/gitProcess';

const who = { GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com' };
const env = { ...process.env, ...who, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };
const ODD_NAME = 'sp ace "ü".ts';

function lines(count: number, change: Record<number, string> = {}): string {
  return Array.from({ length: count }, (_, i) => change[i + 1] ?? `line ${i + 1}`).join('\n') + '\n';
}

/** Every git command ChangeBlame runs, to see what an edit costs. */
function recording(git: GitProcess, calls: string[][]): GitProcess {
  return {
    run: (root, args, signal, options) => (calls.push([...args]), git.run(root, args, signal, options)),
    stream: (root, args, onChunk, signal) => (calls.push([...args]), git.stream(root, args, onChunk, signal)),
  };
}

describe('change blame: a real repository', function () {
  this.timeout(30_000);
  let dir: string;
  let shas: { first: string; quote: string; rewrite: string; side: string; fix: string; branch: string };
  const git = (...args: string[]): string => execFileSync('git', args, { cwd: dir, env, encoding: 'utf8' }).trim();
  const write = (file: string, text: string): void => fs.writeFileSync(path.join(dir, file), text);
  const calls: string[][] = [];
  let blame: ChangeBlame;
  let base: ChangeBase;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-change-blame-'));
    git('init', '-q', '--initial-branch=main');
    // Settings a user may have that change what git writes: the commands must not depend on them.
    for (const [name, value] of [['diff.noprefix', 'true'], ['diff.mnemonicPrefix', 'true'], ['color.ui', 'always'], ['blame.ignoreRevsFile', '.missing-ignore-revs']]) {
      git('config', name, value);
    }
    write('billing.ts', lines(10));
    write('other.ts', lines(6));
    write(ODD_NAME, lines(3));
    write('legacy.ts', lines(5));
    write('vintage.ts', lines(4));
    git('add', '-A');
    git('commit', '-q', '-m', 'Start');
    write('legacy.ts', lines(5, { 3: 'quoted 3' }));
    git('commit', '-q', '-am', 'Quote names\n\nFeedback: rest:FB-40');
    write('vintage.ts', lines(4, { 1: 'new 1', 2: 'new 2', 3: 'new 3' }));
    git('commit', '-q', '-am', 'Rewrite vintage\n\nFeedback: rest:FB-41');
    git('mv', 'legacy.ts', 'modern.ts');
    git('mv', 'vintage.ts', 'classic.ts');
    git('commit', '-q', '-m', 'Rename');
    git('switch', '-q', '-c', 'side', 'HEAD~3');
    write('other.ts', lines(6, { 4: 'side 4' }));
    git('commit', '-q', '-am', 'Side\n\nFeedback: rest:FB-50');
    git('switch', '-q', 'main');
    git('merge', '-q', '--no-ff', '-m', 'Merge side', 'side');
    write('billing.ts', lines(10, { 4: 'round 4', 5: 'round 5', 6: 'round 6' }));
    git('commit', '-q', '-am', 'Fix rounding\n\nFeedback: rest:FB-12');
    git('switch', '-q', '-c', 'feedback/FB-31-export');
    write('billing.ts', lines(10, { 4: 'round 4', 5: 'round 5', 6: 'round 6', 9: 'export 9' }));
    write(ODD_NAME, lines(3, { 2: 'odd 2' }));
    git('commit', '-q', '-am', 'Export\n\nFeedback: rest:FB-31');
    const at = (n: number): string => git('rev-parse', `HEAD~${n}`);
    shas = { first: at(6), quote: at(5), rewrite: at(4), side: git('rev-parse', 'side'), fix: at(1), branch: at(0) };
    // The working tree: line 5 rewritten, other.ts renamed with its lines 2 and 4 removed, modern.ts's line 3 rewritten.
    write('billing.ts', lines(10, { 4: 'round 4', 5: 'edited 5', 6: 'round 6', 9: 'export 9' }));
    write('modern.ts', lines(5, { 3: 'modern 3' }));
    write('classic.ts', lines(4, { 1: 'new 1', 2: 'classic 2', 3: 'new 3' }));
    git('mv', 'other.ts', 'renamed.ts');
    write('renamed.ts', lines(6).replace('line 2\n', '').replace('line 4\n', ''));
    blame = new ChangeBlame(recording(gitProcess(() => 'git'), calls));
    base = (await blame.base(dir, 'main'))!;
  });

  after(() => {
    blame.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('measures from the merge base with the default branch', async () => {
    assert.deepEqual(base, { commit: shas.fix, head: shas.branch });
    assert.deepEqual(await blame.base(dir, undefined), { commit: shas.branch, head: shas.branch });
    assert.deepEqual(await blame.base(dir, 'no-such-branch'), { commit: shas.branch, head: shas.branch });
    assert.deepEqual(await blame.base(dir, '--output=/tmp/x'), { commit: shas.branch, head: shas.branch });
  });

  it('has no base without commits', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'fl-empty-'));
    try {
      execFileSync('git', ['init', '-q'], { cwd: empty, env });
      assert.equal(await blame.base(empty, 'main'), undefined);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });

  it('blames removed lines at the base and added lines in the working tree, where the branch changed them', async () => {
    const { files, truncated } = await blame.changedFiles(dir, base);
    assert.equal(truncated, false);
    const byPath = new Map(files.map((f) => [f.diff.path, f]));
    assert.deepEqual([...byPath.keys()].sort(), ['billing.ts', 'classic.ts', 'modern.ts', 'renamed.ts', ODD_NAME].sort());

    const billing = byPath.get('billing.ts')!;
    assert.equal(billing.blameProblem, undefined);
    assert.deepEqual(billing.diff.hunks, [
      { oldStart: 5, oldCount: 1, newStart: 5, newCount: 1 },
      { oldStart: 9, oldCount: 1, newStart: 9, newCount: 1 },
    ]);
    assert.deepEqual([...billing.removedBlame].sort(), [
      [5, shas.fix],
      [9, shas.first],
    ]);
    assert.deepEqual([...billing.addedBlame].sort(), [
      [5, NOT_COMMITTED],
      [9, shas.branch],
    ]);

    const renamed = byPath.get('renamed.ts')!;
    assert.equal(renamed.diff.oldPath, 'other.ts');
    assert.deepEqual([...renamed.removedBlame].sort(), [
      [2, shas.first],
      [4, shas.side],
    ], 'line 4 changed on a branch merged since');
    assert.equal(renamed.addedBlame.size, 0, 'the branch did not touch it: nothing committed to find');

    assert.deepEqual([...byPath.get(ODD_NAME)!.addedBlame], [[2, shas.branch]]);
  });

  it('blames along the changed paths’ history, and past a rename along git’s own', async () => {
    calls.length = 0;
    const fresh = new ChangeBlame(recording(gitProcess(() => 'git'), calls));
    const { files } = await fresh.changedFiles(dir, base);
    fresh.dispose();
    const walk = calls.find((args) => args.includes('log'));
    assert.deepEqual(walk?.slice(-6), ['--', 'billing.ts', 'classic.ts', 'modern.ts', 'other.ts', ODD_NAME], 'one walk over the changed paths');
    const blamed = (name: string) => files.find((f) => f.diff.path === name)!.removedBlame;
    const withHistory = (name: string) => calls.filter((args) => args.includes('blame') && args.at(-1) === name).map((args) => args.includes('-S'));
    assert.deepEqual([...blamed('billing.ts')].sort(), [
      [5, shas.fix],
      [9, shas.first],
    ]);
    // modern.ts: the history's rename commit names legacy.ts before it.
    assert.deepEqual([...blamed('modern.ts')], [[3, shas.quote]], 'changed under its old name, legacy.ts');
    assert.deepEqual(withHistory('modern.ts'), [true, false], 'the shared history first; git’s own walk past the rename');
    // classic.ts: too unlike the old name's version in the history for blame to see the rename; git's rename detection sees it.
    assert.deepEqual([...blamed('classic.ts')], [[2, shas.rewrite]], 'changed under its old name, vintage.ts');
    assert.deepEqual(withHistory('classic.ts'), [true, false]);
  });

  it('gives the impact end to end, with links from the history scan', async () => {
    const parser = new LogParser(new ReferenceMatcher({ patterns: DEFAULT_PATTERNS, trailerKey: 'Feedback' }));
    const commits = [...parser.push(git('log', '-z', `--format=${LOG_FORMAT}`, 'HEAD')), ...parser.end()];
    const history = new HistoryIndex();
    history.record(dir, parser.first, commits, parser.count);
    const { files } = await blame.changedFiles(dir, base);
    const impact = computeImpact({
      files,
      links: linkedByRepository(history, 'rest'),
      tradeOffs: [{ repository: dir, path: 'billing.ts', lines: { start: 1, end: 3 }, tradeOffId: 't1', itemId: 'FB-2' }],
      branches: [{ repository: dir, branch: 'feedback/FB-31-export', itemId: 'FB-31' }],
      findItem: () => undefined,
    });
    assert.deepEqual(
      impact.items.map((i) => [i.id, i.reasons.map((r) => (r.kind === 'commit' ? `${r.side} ${r.path}:${r.lines.start}` : r.kind))]),
      [
        ['FB-12', ['removed billing.ts:5']],
        ['FB-31', ['branch', 'added billing.ts:9', `added ${ODD_NAME}:2`]],
        ['FB-40', ['removed modern.ts:3']],
        ['FB-41', ['removed classic.ts:2']],
        ['FB-50', ['removed other.ts:4']],
      ],
    );
  });

  it('after an edit, diffs and blames that file only, and only lines not blamed before', async () => {
    await blame.changedFiles(dir, base);
    write('billing.ts', lines(10, { 4: 'round 4', 5: 'edited 5', 6: 'edited 6', 9: 'export 9' }));
    calls.length = 0;
    const file = (await blame.changedFile(dir, base, 'billing.ts'))!;
    assert.deepEqual(file.diff.hunks[0], { oldStart: 5, oldCount: 2, newStart: 5, newCount: 2 });
    assert.deepEqual(file.removedBlame.get(6), shas.fix);
    const blames = calls.filter((args) => args.includes('blame'));
    assert.deepEqual(
      blames.map((args) => `${args.includes(shas.fix) ? 'base' : 'working tree'}: ${args.filter((a) => /^\d+,\d+$/.test(a)).join(' ')}`).sort(),
      ['base: 6,6', 'working tree: 5,6 9,9'],
      'at the base, line 6 alone (5 and 9 were blamed before); in the working tree, its new state',
    );
    assert.ok(calls.every((args) => args.includes('billing.ts')), 'no other file');

    calls.length = 0;
    await blame.changedFile(dir, base, 'billing.ts');
    assert.deepEqual(
      calls.map((args) => args.find((a) => !a.startsWith('-'))),
      ['diff'],
      'saved as it was: the diff shows the same blob, and nothing is blamed',
    );
  });

  it('blames an editor’s unsaved text: its diff against the base, its branch-committed lines in the text as it is', async () => {
    await blame.changedFiles(dir, base);
    const onDisk = fs.readFileSync(path.join(dir, 'billing.ts'), 'utf8');
    // Two lines typed above: the branch's line 9 is now line 11; line 6 rewritten (it was last changed by the fix).
    const text = `typed 1\ntyped 2\n${lines(10, { 4: 'round 4', 5: 'round 5', 6: 'unsaved 6', 9: 'export 9' })}`;
    calls.length = 0;
    const file = (await blame.changedText(dir, base, 'billing.ts', text))!;
    assert.equal(fs.readFileSync(path.join(dir, 'billing.ts'), 'utf8'), onDisk, 'the file on disk is left alone');
    assert.deepEqual(file.diff.hunks, [
      { oldStart: 0, oldCount: 0, newStart: 1, newCount: 2 },
      { oldStart: 6, oldCount: 1, newStart: 8, newCount: 1 },
      { oldStart: 9, oldCount: 1, newStart: 11, newCount: 1 },
    ]);
    assert.equal(file.removedBlame.get(6), shas.fix);
    assert.deepEqual([...file.addedBlame].sort((a, b) => a[0] - b[0]), [
      [1, NOT_COMMITTED],
      [2, NOT_COMMITTED],
      [8, NOT_COMMITTED],
      [11, shas.branch],
    ]);
    assert.ok(calls.some((args) => args.includes('--contents')), 'blamed as the editor holds it');

    assert.equal(await blame.changedText(dir, base, 'billing.ts', git('show', `${base.commit}:billing.ts`) + '\n'), undefined, 'back to the base: no change');
    const added = (await blame.changedText(dir, base, 'brand-new.ts', 'one\ntwo\n'))!;
    assert.deepEqual([added.diff.oldPath, added.diff.hunks], [undefined, [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: 2 }]], 'a file the base does not have: all added');
  });

  it('follows a rename when one file is asked for, and answers nothing for a file back as it was', async () => {
    await blame.changedFiles(dir, base);
    assert.equal((await blame.changedFile(dir, base, 'renamed.ts'))?.diff.oldPath, 'other.ts');
    assert.equal(await blame.changedFile(dir, base, 'README.md'), undefined);
  });

  it('aborts a run a newer one for the same file supersedes', async () => {
    write('billing.ts', lines(10, { 5: 'again 5' }));
    const first = blame.changedFile(dir, base, 'billing.ts');
    const second = blame.changedFile(dir, base, 'billing.ts');
    await assert.rejects(first, (error) => isAbortError(error));
    assert.ok((await second)?.diff.hunks.length);
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(blame.changedFiles(dir, base, controller.signal), (error) => isAbortError(error));
  });

  it('refuses paths outside the repository and bases that are not commit ids', async () => {
    for (const bad of ['../x', '/etc/passwd', 'a//b', './a', 'C:/x', 'a\\b', '']) {
      await assert.rejects(blame.changedFile(dir, base, bad), /Not a repository-relative path/, bad);
    }
    await assert.rejects(blame.changedFiles(dir, { commit: '--output=x', head: base.head }), /Not a commit id/);
  });
});
