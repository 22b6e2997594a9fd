// The reference patterns setting: patterns valid one by one stay valid, and
// keep their meaning, once combined into the matcher's one regular
// expression; a pattern that can backtrack catastrophically is refused with
// the setting's name and the pattern, and the default is used.
import * as assert from 'node:assert/strict';
import { combinePatterns } from '../../src/core/referencePatterns';
import { DEFAULT_PATTERNS, ReferenceMatcher, patternProblem } from '../../src/core/references';
import { combinationProblem } from '../../src/platform/linkSettingSchemas';
import { backtrackingProblem } from '../../src/platform/patternSafety';
import { defaults, settingSchemas } from '../../src/platform/settingSchemas';

const ids = (patterns: readonly string[], text: string, itemUrlPrefixes?: string[]): string[] =>
  new ReferenceMatcher({ patterns, trailerKey: 'Feedback', itemUrlPrefixes }).matches(text).map((m) => m.id);

/** Valid u-mode patterns that stress the combination: group names, backreferences, classes, escapes, lookbehind. */
const TRICKY = [
  '\\bFB-\\d+\\b',
  '(?<![\\w&])#(?<id>\\d+)\\b',
  '(?<x>[A-Z]{2,5})-(?<id>\\d+)',
  '(?<x>GH)-(?<n>\\d+)',
  '(?<id0>ZZ)-\\d+',
  '(?<id>\\d+)-\\k<id>',
  '(q)\\1-\\d+',
  '[(?<id>]x\\d+',
  '\\(?<id>y\\d+\\)',
  '(?<p0id>W)\\d+',
];

describe('reference patterns, combined', () => {
  it('keeps two patterns that use the same group name valid together', () => {
    assert.deepEqual(ids(['(?<x>[A-Z]{2,5})-(?<id>\\d+)', '#(?<x>\\d+)'], 'see AB-12 and #7'), ['12', '#7']);
  });

  it('keeps a named backreference to the id group working', () => {
    assert.deepEqual(ids(['(?<id>\\d+)-\\k<id>'], '12-12 12-13'), ['12']);
  });

  it('keeps numbered backreferences pointing at their own pattern’s group', () => {
    assert.deepEqual(ids(['(a)\\1', '(b)\\1'], 'a b aa bb'), ['aa', 'bb']);
  });

  it('lets a pattern name a group like a renamed one, next to an item URL prefix', () => {
    assert.deepEqual(ids(['(?<id0>ZZ)-\\d+'], 'ZZ-1 https://t.example/items/FB-4', ['https://t.example/items/']), ['ZZ-1', 'FB-4']);
  });

  it('takes the id group, not another named group that comes first', () => {
    assert.deepEqual(ids(['(?<project>[A-Z]+)-(?<id>\\d+)'], 'ABC-42'), ['42']);
  });

  it('combines any selection of valid patterns into a valid regular expression', () => {
    for (const p of TRICKY) {
      assert.equal(patternProblem(p), undefined, p);
    }
    for (const a of TRICKY) {
      for (const b of TRICKY) {
        assert.doesNotThrow(() => new RegExp(combinePatterns([a, b, a]).source, 'gu'), `${a} with ${b}`);
        assert.equal(combinationProblem([a, b, ...TRICKY]), undefined, `${a} with ${b}`);
      }
    }
  });
});

describe('the referencePatterns setting', () => {
  const schema = settingSchemas['links.referencePatterns'];
  const issues = (value: unknown): string =>
    schema.safeParse(value).error?.issues.map((i) => i.message).join('; ') ?? '';

  it('refuses patterns that backtrack catastrophically, naming the pattern', () => {
    for (const bad of ['(a+)+b', '#(\\d+)*$', '(x+x+)+y', '(?:FB-(\\d+)*)+']) {
      assert.match(issues(['\\bFB-\\d+\\b', bad]), new RegExp(`pattern ${JSON.stringify(bad).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}: may take exponential time`), bad);
    }
  });

  it('accepts the default and the documented examples, lookbehind and \\u{…} included', () => {
    for (const good of [[...DEFAULT_PATTERNS], ['(?<![\\w&])#(?<id>\\d+)\\b'], ['\\u{46}B-\\d+', '(?<=\\s)GH-(?<id>\\d{1,6})'], TRICKY]) {
      assert.equal(issues(good), '', JSON.stringify(good));
    }
    assert.equal(backtrackingProblem('\\(?<=a+)+'), backtrackingProblem('\\(?=a+)+'), 'an escaped paren is not a lookbehind');
  });

  it('has a default that passes its own checks', () => {
    assert.ok(schema.safeParse(defaults['links.referencePatterns']).success);
    // The settings schema skips the backtracking check for the defaults (its checker is a bundle loaded on demand).
    assert.deepEqual(DEFAULT_PATTERNS.map(backtrackingProblem), DEFAULT_PATTERNS.map(() => undefined));
  });
});
