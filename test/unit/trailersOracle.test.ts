// Property test: git itself is the oracle. For 1,000 generated messages (folded
// lines, several trailers, trailers that are not ours, bodies that look like
// trailers, comments, messages with no blank line before the last lines), our
// parser reads what `git interpret-trailers --parse` reads, and whatever our
// formatter appends is read back by git as exactly those trailers.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fc from 'fast-check';
import { appendTrailers, parseTrailers } from '../../src/core/trailers';
import type { Trailer } from '../../src/core/trailers';
import { propertyRuns } from '../support/propertySeed';

const GIT_ENV = { ...process.env, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1', LC_ALL: 'C' };

function gitTrailers(message: string): string[] {
  const out = execFileSync('git', ['interpret-trailers', '--parse'], { input: message, env: GIT_ENV, encoding: 'utf8' });
  return out.split('\n').filter((line) => line !== '');
}

const show = (trailers: readonly Trailer[]): string[] => trailers.map((t) => `${t.key}: ${t.value}`);

const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,()#'/-]{0,20}$/).map((w) => w.trimEnd() || 'x');
const key = fc.constantFrom('Feedback', 'feedback', 'Signed-off-by', 'Co-authored-by', 'Reviewed-by', 'Fixes', 'Change-Id', 'X-Ref', 'Refs', '-foo');
const trackerValue = fc.tuple(fc.constantFrom('rest', 'github', 'canny'), fc.stringMatching(/^(FB-)?[0-9]{1,4}$/)).map(([t, id]) => `${t}:${id}`);
const value = fc.oneof(trackerValue, word, fc.constant(''));
const separator = fc.constantFrom(': ', ':', ' : ', ':\t', '  :  ');
const trailerLine = fc.tuple(key, separator, value).map(([k, s, v]) => `${k}${s}${v}`);
const continuation = fc.tuple(fc.constantFrom(' ', '  ', '\t'), word).map(([indent, w]) => `${indent}${w}`);
const gitGenerated = fc.constantFrom('Signed-off-by: Ada <ada@example.com>', '(cherry picked from commit 0123456789abcdef0123456789abcdef01234567)');
const blockLine = fc.oneof(
  { weight: 6, arbitrary: trailerLine },
  { weight: 2, arbitrary: continuation },
  { weight: 1, arbitrary: gitGenerated },
  { weight: 2, arbitrary: word },
  { weight: 1, arbitrary: fc.constantFrom('# a comment', 'not a trailer: (really)', 'Closes #12', 'See FB-12 and FB-3.') },
);
const paragraph = fc.array(fc.oneof(word, trailerLine), { minLength: 1, maxLength: 3 }).map((lines) => lines.join('\n'));
const message = fc
  .record({
    subject: fc.oneof(word, trailerLine),
    body: fc.array(paragraph, { maxLength: 2 }),
    blankBeforeBlock: fc.boolean(),
    block: fc.array(blockLine, { minLength: 0, maxLength: 6 }),
    tail: fc.constantFrom('', '\n', '\n\n', '\n# comment\n', '\n  \n', '\n\n# a comment\n  \n', '\n---\npatch\n'),
  })
  .map(({ subject, body, blankBeforeBlock, block, tail }) => {
    const head = [subject, ...body].join('\n\n');
    return block.length === 0 ? head + tail : `${head}${blankBeforeBlock ? '\n\n' : '\n'}${block.join('\n')}${tail}`;
  });

describe('trailers agree with git interpret-trailers (oracle)', function () {
  this.timeout(120_000);

  it('parses 1,000 generated messages as git does', () => {
    fc.assert(
      fc.property(message, (text) => {
        assert.deepEqual(show(parseTrailers(text)), gitTrailers(text), JSON.stringify(text));
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  /** What we append, git reads back: the trailers already there first and unchanged, then ours. */
  function assertGitReadsWhatWeWrite(text: string, trailers: readonly Trailer[]): void {
    const before = parseTrailers(text);
    const written = appendTrailers(text, trailers);
    const read = gitTrailers(written);
    assert.deepEqual(show(parseTrailers(written)), read);
    for (const line of show(trailers)) {
      assert.ok(read.some((r) => r.toLowerCase() === line.toLowerCase()), `${line} missing from ${JSON.stringify(written)}`);
    }
    assert.deepEqual(read.slice(0, before.length), show(before), `trailers already there come first, unchanged, in ${JSON.stringify(written)}`);
  }

  it('writes trailers that git reads back as the trailers written, after those already there', () => {
    const ours = fc.array(fc.tuple(fc.constantFrom('Feedback', 'Refs'), trackerValue).map(([k, v]) => ({ key: k, value: v })), { minLength: 1, maxLength: 3 });
    fc.assert(
      fc.property(message, ours, (text, trailers) => assertGitReadsWhatWeWrite(text, trailers)),
      { numRuns: propertyRuns(300) },
    );
  });

  it('writes right after the last trailer when comments or blank lines follow the block, and reads keys it would not write', () => {
    const refs = [{ key: 'Refs', value: 'rest:1' }];
    for (const text of [
      'Feedback: 0\n\nFeedback: a\n\n# a comment\n  \n', // found by the property above
      'Fix it\n\nFeedback: a\n# a comment\n\n',
      'Fix it\n\nbody\n# a comment\n---\npatch\n',
      'Fix it\n---\npatch',
      'Fix it\n\n-foo: bar\n',
    ]) {
      assertGitReadsWhatWeWrite(text, refs);
    }
  });
});
