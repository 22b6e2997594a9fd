import * as assert from 'node:assert/strict';
import { fileHistory, parsePathLog } from '../../src/core/impact/fileHistory';

const id = (name: string): string => name.padEnd(40, '0');
const [M, X, Y, Z, B4, B3, B2, B1, BASE] = ['a1', 'a2', 'a3', 'a4', 'b4', 'b3', 'b2', 'b1', 'ba'].map(id);

/** What `git log -z --parents --name-only --format=%x01%H %P` writes: a root commit's line ends in a space. */
function logOf(commits: readonly [string, readonly string[], readonly string[]][]): string {
  return commits.map(([commit, parents, paths]) => `\x01${commit} ${parents.join(' ')}\0${paths.length ? `\n${paths.join('\0')}\0` : ''}`).join('');
}

const PATHS = new Set(['a.ts', 'b.ts']);

describe('impact: each changed file’s own history, from one walk', () => {
  const linear = parsePathLog(
    logOf([
      [B4, [B3], ['a.ts']],
      [B3, [B2], ['b.ts']],
      [B2, [B1], ['a.ts', 'b.ts']],
      [B1, [], ['a.ts', 'b.ts']],
    ]),
    PATHS,
  );

  it('reads commits, their listed parents and the paths they changed', () => {
    assert.deepEqual(linear.commits.get(B2), { parents: [B1], paths: new Set(['a.ts', 'b.ts']) });
    assert.deepEqual(linear.commits.get(B1), { parents: [], paths: new Set(['a.ts', 'b.ts']) });
    assert.deepEqual(linear.newest, [B4]);
  });

  it('keeps a file’s commits, parents rewritten past the others, the base first', () => {
    assert.equal(fileHistory(linear, BASE, 'a.ts'), `${BASE} ${B4}\n${B4} ${B2}\n${B2} ${B1}\n${B1}\n`);
    assert.equal(fileHistory(linear, BASE, 'b.ts'), `${BASE} ${B3}\n${B3} ${B2}\n${B2} ${B1}\n${B1}\n`);
    assert.equal(fileHistory(linear, B3, 'a.ts'), `${B3} ${B2}\n${B4} ${B2}\n${B2} ${B1}\n${B1}\n`, 'a base that changed another path');
  });

  it('keeps merges, whose paths git does not list', () => {
    const merged = parsePathLog(
      logOf([
        [M, [X, Y], []],
        [X, [Z], ['a.ts']],
        [Y, [Z], ['b.ts']],
        [Z, [], ['a.ts', 'b.ts']],
      ]),
      PATHS,
    );
    assert.equal(fileHistory(merged, M, 'a.ts'), `${M} ${X} ${Z}\n${X} ${Z}\n${Z}\n`);
  });

  it('refuses what git would not write', () => {
    assert.throws(() => parsePathLog(`\x01${B1} \0\nother.ts\0`, PATHS), /unexpected "other.ts"/);
    assert.throws(() => parsePathLog(`\x01${B1.slice(1)}\0`, PATHS), /unexpected/);
  });
});
