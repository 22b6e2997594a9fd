import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  DEFAULT_BRANCH_TEMPLATE,
  DEFAULT_PATTERNS,
  ReferenceMatcher,
  parseTrailerValue,
  patternProblem,
  refersToTracker,
} from '../../src/core/references';
import { branchNameFor, slugify } from '../../src/core/branchName';

const matcher = new ReferenceMatcher({ patterns: DEFAULT_PATTERNS, trailerKey: 'Feedback' });

describe('references to feedback items', () => {
  it('finds FB-123 forms with their positions, not inside longer words', () => {
    assert.deepEqual(matcher.matches('Fix FB-12 and (FB-3); XFB-9 FB-x'), [
      { id: 'FB-12', start: 4, end: 9 },
      { id: 'FB-3', start: 15, end: 19 },
    ]);
    assert.equal(matcher.matchAt('see FB-12 now', 6)?.id, 'FB-12');
    assert.equal(matcher.matchAt('see FB-12 now', 1), undefined);
  });

  it('reads our trailer (any case of the key) with its tracker, and a pattern id once', () => {
    const refs = matcher.inMessage('Retry webhooks (FB-5)\n\nfeedback: rest:FB-5\nFeedback: github:12\nSigned-off-by: A <a@b>\n');
    assert.deepEqual(refs, [
      { id: 'FB-5', tracker: 'rest', via: 'trailer' },
      { id: '12', tracker: 'github', via: 'trailer' },
    ]);
  });

  it('ignores our key in the body when git would not read it as a trailer', () => {
    const refs = matcher.inMessage('Subject\n\nSome text\nFeedback: rest:FB-8\n');
    assert.deepEqual(refs, [{ id: 'FB-8', tracker: undefined, via: 'pattern' }]);
  });

  it('takes the named group id, #123 and tracker URLs', () => {
    const custom = new ReferenceMatcher({
      patterns: ['(?<![\\w&])#(?<id>\\d+)\\b'],
      trailerKey: 'Refs',
      itemUrlPrefixes: ['https://tracker.example/items/'],
    });
    assert.deepEqual(custom.matches('closes #42, see https://tracker.example/items/FB-7?x=1 and &#38;').map((m) => m.id), ['42', 'FB-7']);
  });

  it('skips patterns that do not compile, match the empty text or are too long', () => {
    assert.match(patternProblem('(') ?? '', /./);
    assert.equal(patternProblem('a*'), 'matches the empty text');
    assert.match(patternProblem('a'.repeat(201)) ?? '', /longer/);
    assert.equal(patternProblem('FB-\\d+'), undefined);
    const m = new ReferenceMatcher({ patterns: ['(', 'FB-\\d+'], trailerKey: 'Feedback' });
    assert.deepEqual(m.matches('FB-1').map((x) => x.id), ['FB-1']);
  });

  it('parses <tracker>:<id> values and filters by tracker', () => {
    assert.deepEqual(parseTrailerValue(' rest:FB-3 '), { tracker: 'rest', id: 'FB-3' });
    assert.equal(parseTrailerValue('FB-3'), undefined);
    assert.equal(parseTrailerValue('rest:FB 3'), undefined);
    assert.ok(refersToTracker({ id: '1', tracker: undefined, via: 'pattern' }, 'rest'));
    assert.ok(!refersToTracker({ id: '1', tracker: 'github', via: 'trailer' }, 'rest'));
  });
});

describe('branch names for items', () => {
  it('fills the template with the id and a short slug of the title', () => {
    assert.equal(branchNameFor(DEFAULT_BRANCH_TEMPLATE, { id: 'FB-12', title: 'Quote CSV fields — that hold "commas", please!' }), 'feedback/FB-12-quote-csv-fields-that-hold-commas-please');
    assert.equal(slugify('Crème brûlée export'), 'creme-brulee-export');
    assert.ok(slugify('word '.repeat(30)).length <= 40);
  });

  it('never yields a name git refuses, whatever the title or template', () => {
    const hostile = ['../../x', 'a..b', 'x.lock', '@{-1}', 'tab\there', '~^:?*[\\', '.hidden', '-dash', '', '/'];
    for (const title of hostile) {
      for (const template of [DEFAULT_BRANCH_TEMPLATE, '<slug>', 'x/<id>/<slug>.lock', '<id>']) {
        const name = branchNameFor(template, { id: title || 'FB-1', title });
        const check = spawnSync('git', ['check-ref-format', '--branch', name], { encoding: 'utf8' });
        assert.equal(check.status, 0, `${JSON.stringify(name)} from ${JSON.stringify([template, title])}`);
      }
    }
  });

  it('never yields a name git refuses when the id or the template hides a .lock, .., @{, HEAD or a slash (git check-ref-format)', function () {
    this.timeout(60_000);
    const hostile = [
      'x.lock', 'a.lock.', 'a.lock-', 'a.lock/', 'x.lock.-', 'a.lock.lock', 'x-.lock', '.lock', 'A.LOCK', 'x.lock/y.lock',
      '..', '...', '.', '-', '.-.', '-x', '.x', 'x.', '@', '@{', '@{u}', '@{-1}', 'HEAD', 'a//b', '/', '//', 'a/', '/a',
      '\x01', '\x7f', ' ', 'a b', '~', '^', ':', '?', '*', '[', '\\', 'é', 'a\u3000b', '$&', "$'", 'x'.repeat(300),
    ];
    const templates = [DEFAULT_BRANCH_TEMPLATE, '<id>', '<slug>', '<id>.lock', '<id>/<slug>', '.<id>/', '@', '@{<id>}', 'HEAD', '<id>..<slug>', '<id>@', '@<id>'];
    const names = new Map<string, string>();
    for (const template of [...templates, ...hostile.map((h) => `${h}/<id>${h}`)]) {
      for (const value of hostile) {
        names.set(branchNameFor(template, { id: value, title: value }), JSON.stringify([template, value]));
      }
    }
    for (const [name, from] of names) {
      const check = spawnSync('git', ['check-ref-format', '--branch', name], { encoding: 'utf8' });
      assert.equal(check.status, 0, `${JSON.stringify(name)} from ${from}`);
    }
    assert.equal(branchNameFor('<id>', { id: 'x'.repeat(10_000), title: '' }), 'x'.repeat(100), 'a tracker id is cut, not the template');
  });
});
