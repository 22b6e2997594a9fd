import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { DiffParser, MAX_DIFF_FILES, addedRanges, parseHunkHeader, parseUnifiedDiff, removedRanges, unquoteGitPath } from '../../src/core/impact/diff';
import type { FileDiff } from '../../src/core/impact/diff';
import { propertyRuns } from '../support/propertySeed';
import { hunksArbitrary } from './impactFakes';

const OLD = 'd68dd4031d2ad5b7a3829ad7df6635e27a7daa22';
const NEW = '7be73ce3c1b1cdaea86e8168dfee8575175953bf';

/** What git 2.39 wrote for a rewrite, a removal, a file with a space (tab after its name), quoted names and a rename. */
const SAMPLE = [
  'diff --git a/f.txt b/f.txt',
  `index ${OLD}..${NEW} 100644`,
  '--- a/f.txt',
  '+++ b/f.txt',
  '@@ -2 +2 @@ a',
  '-b',
  '+B',
  '@@ -4 +3,0 @@ c',
  '-d',
  '\\ No newline at end of file',
  'diff --git a/sp ace.txt b/sp ace.txt',
  'new file mode 100644',
  `index 0000000000000000000000000000000000000000..${NEW}`,
  '--- /dev/null',
  '+++ b/sp ace.txt\t',
  '@@ -0,0 +1 @@',
  '+x y',
  'diff --git "a/\\303\\274n\\303\\257\\"c.txt" "b/\\303\\274n\\303\\257\\"c.txt"',
  'deleted file mode 100644',
  `index ${OLD}..0000000000000000000000000000000000000000`,
  '--- "a/\\303\\274n\\303\\257\\"c.txt"',
  '+++ /dev/null',
  '@@ -1,2 +0,0 @@',
  '--- a/not-a-header',
  '-+++ b/nor-this',
  'diff --git a/f.txt b/g.txt',
  'similarity index 50%',
  'rename from f.txt',
  'rename to g.txt',
  `index ${OLD}..${NEW} 100644`,
  '--- a/f.txt',
  '+++ b/g.txt',
  '@@ -2 +2 @@ a',
  '-b',
  '+B',
  'diff --git a/img.png b/img.png',
  `index ${OLD}..${NEW} 100644`,
  'Binary files a/img.png and b/img.png differ',
  '',
].join('\n');

describe('impact: reading git diff --unified=0', () => {
  it('reads paths, blob ids and hunks of each file (a binary file has no lines to read)', () => {
    const { files, truncated } = parseUnifiedDiff(SAMPLE);
    assert.equal(truncated, false);
    assert.deepEqual(files, [
      {
        path: 'f.txt',
        oldPath: 'f.txt',
        oldBlob: OLD,
        newBlob: NEW,
        hunks: [
          { oldStart: 2, oldCount: 1, newStart: 2, newCount: 1 },
          { oldStart: 4, oldCount: 1, newStart: 3, newCount: 0 },
        ],
      },
      { path: 'sp ace.txt', oldPath: undefined, oldBlob: undefined, newBlob: NEW, hunks: [{ oldStart: 0, oldCount: 0, newStart: 1, newCount: 1 }] },
      { path: undefined, oldPath: 'ünï"c.txt', oldBlob: OLD, newBlob: undefined, hunks: [{ oldStart: 1, oldCount: 2, newStart: 0, newCount: 0 }] },
      { path: 'g.txt', oldPath: 'f.txt', oldBlob: OLD, newBlob: NEW, hunks: [{ oldStart: 2, oldCount: 1, newStart: 2, newCount: 1 }] },
    ]);
  });

  it('gives the added lines of the working tree and the removed lines of the base', () => {
    const [f] = parseUnifiedDiff(SAMPLE).files;
    assert.deepEqual(addedRanges(f), [{ start: 2, end: 2 }]);
    assert.deepEqual(removedRanges(f), [
      { start: 2, end: 2 },
      { start: 4, end: 4 },
    ]);
  });

  it('reads the same files whatever the chunks git writes it in', () => {
    const whole = parseUnifiedDiff(SAMPLE);
    fc.assert(
      fc.property(fc.array(fc.nat(SAMPLE.length), { maxLength: 12 }), (cuts) => {
        const parser = new DiffParser();
        let from = 0;
        for (const cut of [...cuts].sort((a, b) => a - b)) {
          parser.push(SAMPLE.slice(from, cut));
          from = cut;
        }
        parser.push(SAMPLE.slice(from));
        assert.deepEqual(parser.end(), whole);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('leaves out a file whose hunk lost lines, and keeps reading the next', () => {
    const text = ['diff --git a/a b/a', '--- a/a', '+++ b/a', '@@ -1,3 +1 @@', '-x', 'diff --git a/b b/b', '--- a/b', '+++ b/b', '@@ -1 +1 @@', '-y', '+z', ''].join('\n');
    assert.deepEqual(
      parseUnifiedDiff(text).files.map((f) => f.path),
      ['b'],
    );
  });

  it('leaves out files with unreadable headers', () => {
    for (const header of ['@@ -a +1 @@', '@@ -1 +1', '@@ -1234567890 +1 @@', '@@ -0,0 +0,0 @@', '@@ -0,1 +1 @@']) {
      const text = ['diff --git a/a b/a', '--- a/a', '+++ b/a', header, '-x', '+y', ''].join('\n');
      assert.deepEqual(parseUnifiedDiff(text).files, [], header);
    }
    const noPrefix = ['diff --git x x', '--- x', '+++ x', '@@ -1 +1 @@', '-x', '+y', ''].join('\n');
    assert.deepEqual(parseUnifiedDiff(noPrefix).files, []);
  });

  it('reads hunk headers with and without counts', () => {
    assert.deepEqual(parseHunkHeader('@@ -12,3 +40,0 @@ function f() {'), { oldStart: 12, oldCount: 3, newStart: 40, newCount: 0 });
    assert.deepEqual(parseHunkHeader('@@ -7 +7 @@'), { oldStart: 7, oldCount: 1, newStart: 7, newCount: 1 });
    assert.equal(parseHunkHeader('@@@ -1 -1 +1 @@@'), undefined);
  });

  it('unquotes paths as git quotes them', () => {
    assert.equal(unquoteGitPath('"tab\\there"'), 'tab\there');
    assert.equal(unquoteGitPath('"\\303\\274n\\303\\257\\"c\\\\.txt"'), 'ünï"c\\.txt');
    assert.equal(unquoteGitPath('"a\\nb"'), 'a\nb');
    for (const bad of ['"', '"abc', 'abc"', '"a"b"', '"a\\q"', '"a\\"', '"\\4000"']) {
      assert.equal(unquoteGitPath(bad), undefined, bad);
    }
  });

  it('reads at most MAX_DIFF_FILES files and says so', () => {
    const one = (i: number): string => `diff --git a/f${i} b/f${i}\n--- a/f${i}\n+++ b/f${i}\n@@ -1 +1 @@\n-a\n+b\n`;
    const text = Array.from({ length: MAX_DIFF_FILES + 2 }, (_, i) => one(i)).join('');
    const parsed = parseUnifiedDiff(text);
    assert.equal(parsed.files.length, MAX_DIFF_FILES);
    assert.equal(parsed.truncated, true);
  });

  it('reads back any hunks and paths written as git writes them', () => {
    fc.assert(
      fc.property(fc.array(fileArbitrary, { minLength: 1, maxLength: 5 }), (files) => {
        assert.deepEqual(parseUnifiedDiff(files.map(render).join('')).files, files);
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});

const pathArbitrary = fc.stringMatching(/^[a-zA-Z0-9 ._"\\\t\n\u00e9\u4e2d-]{1,12}(\/[a-z]{1,4})?$/).filter((p) => !p.startsWith(' ') && !p.endsWith(' '));

const fileArbitrary: fc.Arbitrary<FileDiff> = fc.record({ path: pathArbitrary, renamed: fc.option(pathArbitrary), hunks: hunksArbitrary }).map(({ path, renamed, hunks }) => ({
  path,
  oldPath: renamed ?? path,
  oldBlob: OLD,
  newBlob: NEW,
  hunks,
}));

/** git's quoting (core.quotePath): quotes, backslashes and control characters escaped, other bytes ≥ 0x80 in octal. */
function quote(name: string, patchLine = false): string {
  const escapes: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\t': '\\t', '\n': '\\n' };
  let needs = false;
  let out = '';
  for (const byte of new TextEncoder().encode(name)) {
    const c = String.fromCharCode(byte);
    if (escapes[c]) {
      out += escapes[c];
      needs = true;
    } else if (byte >= 0x80) {
      out += `\\${byte.toString(8)}`;
      needs = true;
    } else {
      out += c;
    }
  }
  // On a --- or +++ line, a name holding a space ends with a tab, quoted or not (as git 2.39 writes it).
  return `${needs ? `"${out}"` : out}${patchLine && name.includes(' ') ? '\t' : ''}`;
}

function render(file: FileDiff): string {
  const lines = [`diff --git a/x b/x`];
  if (file.oldPath !== file.path) {
    lines.push('similarity index 90%', `rename from ${quote(file.oldPath!)}`, `rename to ${quote(file.path!)}`);
  }
  lines.push(`index ${file.oldBlob}..${file.newBlob} 100644`, `--- ${quote(`a/${file.oldPath}`, true)}`, `+++ ${quote(`b/${file.path}`, true)}`);
  for (const h of file.hunks) {
    lines.push(`@@ -${h.oldStart},${h.oldCount} +${h.newStart},${h.newCount} @@ --- a/x`);
    lines.push(...Array.from({ length: h.oldCount }, () => '--- a/content'), ...Array.from({ length: h.newCount }, () => '+++ b/content'));
  }
  return `${lines.join('\n')}\n`;
}
