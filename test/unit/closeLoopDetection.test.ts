// Detection against a real repository made in a temp dir: 200 items linked
// from 200 commits; an old tag, a new tag, and a side branch never merged.
import * as assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { memoryOf, newShipments, readRefs, shippedItems } from '../../src/core/closeLoop/detection';
import type { RunGit } from '../../src/core/closeLoop/detection';
import { ShipLog } from '../../src/core/closeLoop/shipLog';

const who = { GIT_AUTHOR_NAME: 'Ada', GIT_AUTHOR_EMAIL: 'ada@example.com', GIT_COMMITTER_NAME: 'Ada', GIT_COMMITTER_EMAIL: 'ada@example.com' };
const env = { ...process.env, ...who, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };

function gitIn(dir: string): RunGit {
  return (args) =>
    new Promise((resolve, reject) => {
      execFile('git', [...args], { cwd: dir, env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => (error ? reject(new Error(stderr || error.message)) : resolve(stdout)));
    });
}

/** Commits c1…c200 on main, each linking FB-<n>; v1.0 at c50; c151…c200 on a side branch from c150. */
function fastImport(dir: string): void {
  const lines: string[] = [];
  let mark = 0;
  const commit = (branch: string, n: number, parent: number | undefined): number => {
    const message = `Work ${n}\n\nFeedback: rest:FB-${n}\n`;
    lines.push(`commit refs/heads/${branch}`, `mark :${++mark}`, `committer Ada <ada@example.com> ${1_700_000_000 + n} +0000`, `data ${Buffer.byteLength(message)}`, message);
    if (parent !== undefined) {
      lines.push(`from :${parent}`);
    }
    lines.push('');
    return mark;
  };
  let previous: number | undefined;
  const marks: number[] = [];
  for (let n = 1; n <= 150; n++) {
    previous = commit('main', n, previous);
    marks.push(previous);
  }
  for (let n = 151; n <= 200; n++) {
    previous = commit('side', n, n === 151 ? marks[149] : previous);
  }
  lines.push(`reset refs/tags/v1.0`, `from :${marks[49]}`, '');
  execFileSync('git', ['init', '-q', '--initial-branch=main', dir], { env });
  execFileSync('git', ['fast-import', '--quiet'], { cwd: dir, env, input: lines.join('\n') });
}

describe('close the loop: detection from a real repository', function () {
  this.timeout(30_000);
  let dir: string;
  let git: RunGit;
  let linked: Map<string, string[]>;

  before(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'close-loop-'));
    fastImport(dir);
    git = gitIn(dir);
    // The link data, as history scanning finds it: every commit's trailer.
    const log = await git(['log', '--all', '--format=%H %s']);
    linked = new Map(log.trim().split('\n').map((line) => [line.slice(0, 40), [`FB-${line.slice(46)}`]]));
    assert.equal(linked.size, 200);
  });

  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function detect(shipLog: ShipLog, mode: 'merged' | 'tagged'): Promise<string[]> {
    const refs = await readRefs(git, 'main');
    const shipments = await newShipments(git, shipLog.repo(dir), refs, mode);
    shipLog.setRepo(dir, memoryOf(refs));
    return shipLog.offer('rest', shippedItems(dir, shipments, linked), '2026-01-01T00:00:00Z').map((s) => `${s.itemId}@${s.release}`);
  }

  it('offers exactly the items whose commits a new tag reaches, once', async () => {
    const shipLog = ShipLog.fromJSON(undefined);
    assert.deepEqual(await detect(shipLog, 'tagged'), [], 'a first look only records the refs');
    await git(['tag', '-a', '-m', 'Release 2.0', 'v2.0', 'main~30']); // c120
    const offered = await detect(shipLog, 'tagged');
    const expected = Array.from({ length: 70 }, (_, i) => `FB-${51 + i}@v2.0`);
    assert.deepEqual(offered.sort(), expected.sort());
    assert.deepEqual(await detect(shipLog, 'tagged'), [], 're-running offers nothing new');
    // Survives a restart: the log is stored as JSON.
    const reloaded = ShipLog.fromJSON(JSON.parse(JSON.stringify(shipLog.toJSON())));
    assert.deepEqual(await detect(reloaded, 'tagged'), []);
    assert.equal(reloaded.unannounced('rest').length, 70);
    assert.equal(reloaded.unannounced('other-tracker').length, 0);
  });

  it('with "merged", the default branch ships what no tag holds; a later tag offers it again by name', async () => {
    const shipLog = ShipLog.fromJSON(undefined);
    await git(['update-ref', 'refs/heads/main', 'main~10']); // back to c140
    await detect(shipLog, 'merged');
    await git(['update-ref', 'refs/heads/main', 'side']); // a fast-forward pull: main now at c200
    const merged = await detect(shipLog, 'merged');
    assert.deepEqual(merged.sort(), Array.from({ length: 60 }, (_, i) => `FB-${141 + i}@main`).sort());
    shipLog.update('rest', 'FB-141', { never: true });
    shipLog.update('rest', 'FB-142', { announced: 'main' });
    await git(['tag', 'v3.0', 'main']);
    const tagged = await detect(shipLog, 'merged');
    assert.equal(tagged.length, 78, 'c121…c200 reach v3.0, less the "never" and the announced item');
    assert.ok(tagged.includes('FB-121@v3.0') && tagged.includes('FB-200@v3.0') && !tagged.includes('FB-141@v3.0') && !tagged.includes('FB-142@v3.0'));
    assert.deepEqual(await detect(shipLog, 'merged'), []);
  });

  it('carries what it remembered under a tracker’s id of before the registry over to its connection', () => {
    const shipLog = ShipLog.fromJSON(undefined);
    const shipped = { release: 'v1', repository: dir, shas: [], at: '2026-01-01T00:00:00Z' };
    shipLog.update('http://127.0.0.1:3000', 'FB-1', { shipped });
    shipLog.update('http://127.0.0.1:3000', 'FB-2', { shipped, never: true });
    shipLog.update('rest-k2x7aaaa', 'FB-2', { shipped });
    shipLog.update('canny', 'FB-3', { shipped });
    assert.equal(shipLog.retarget('http://127.0.0.1:3000', 'rest-k2x7aaaa'), true);
    assert.deepEqual(
      shipLog.unannounced('rest-k2x7aaaa').map((u) => u.itemId).sort(),
      ['FB-1', 'FB-2'],
      'FB-2 as the connection remembered it, not "never"',
    );
    assert.deepEqual(shipLog.unannounced('http://127.0.0.1:3000'), []);
    assert.equal(shipLog.unannounced('canny').length, 1, 'another tracker’s stay');
    assert.equal(shipLog.retarget('http://127.0.0.1:3000', 'rest-k2x7aaaa'), false);
  });

  it('ignores a damaged store instead of failing', () => {
    const shipLog = ShipLog.fromJSON({ version: 1, repos: { x: { tags: { v1: 'not a sha' }, branch: null } }, items: {} });
    assert.equal(shipLog.repo('x'), undefined);
  });
});
