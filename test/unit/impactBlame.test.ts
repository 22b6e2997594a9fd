import * as assert from 'node:assert/strict';
import { NOT_COMMITTED, parseBlamePorcelain } from '../../src/core/impact/blame';

const A = '61ebb97145e61e369418c3ca24a4bc93dc867fd3';
const B = 'aa'.repeat(32); // a SHA-256 repository's ids

/** What `git blame --porcelain -L 2,2 -L 4,5` writes: details the first time a commit appears, a header per line. */
const SAMPLE = [
  `${A} 2 2 1`,
  'author Ada',
  'author-mail <a@b>',
  'author-time 1795945264',
  'summary 0000000000000000000000000000000000000000 1 1 1',
  'previous ffffffffffffffffffffffffffffffffffffffff f.txt',
  'boundary',
  'filename f.txt',
  '\tb',
  `${NOT_COMMITTED} 4 4 2`,
  'author Not Committed Yet',
  'summary Version of f.txt from f.txt',
  'filename f.txt',
  `\t${A} 9 9 9`,
  `${A} 3 5`,
  `\t`,
  `${B} 7 6 1`,
  'summary Start',
  'boundary',
  'filename g.txt',
  '\tlast line without a newline',
].join('\n');

describe('impact: reading git blame --porcelain', () => {
  it('gives the commit of each blamed line, zeros for lines not committed yet', () => {
    assert.deepEqual(
      [...parseBlamePorcelain(SAMPLE).lines],
      [
        [2, A],
        [4, NOT_COMMITTED],
        [5, A],
        [6, B],
      ],
    );
  });

  it('reads nothing from nothing', () => {
    assert.equal(parseBlamePorcelain('').lines.size, 0);
  });

  it('gives the file names the lines were changed under and before, unquoted, and the commits with no version before', () => {
    const answer = parseBlamePorcelain(SAMPLE);
    assert.deepEqual([...answer.paths], ['f.txt', 'g.txt']);
    assert.deepEqual([...answer.created], [NOT_COMMITTED, B]);
    assert.deepEqual([...parseBlamePorcelain(`${A} 1 1 1\nfilename "old \\303\\274.ts"\n\tx\n`).paths], ['old ü.ts']);
  });

  it('refuses a header git would not write', () => {
    for (const line of [`${A} 2`, `${A} 2 x`, `${A} 2 0`, `${A} 1 2 3 4`, `${A} 1 1234567890`, `${A} 1 2 `]) {
      assert.throws(() => parseBlamePorcelain(`${line}\n\tcontent\n`), /git blame: unexpected line/, line);
    }
  });

  it('takes no other length of hex, nor capitals, for a commit id', () => {
    for (const id of [A.slice(0, 39), `${A}0`, A.toUpperCase()]) {
      assert.equal(parseBlamePorcelain(`${id} 1 1 1\n\tx\n`).lines.size, 0, id);
    }
  });
});
