import * as assert from 'node:assert/strict';
import { appendTrailers, formatTrailer, parseTrailers } from '../../src/core/trailers';

describe('trailers', () => {
  it('reads folded values and several trailers, ours and others', () => {
    const message = 'Subject\n\nBody.\n\nFeedback: rest:FB-5\nCo-authored-by: Bo\n  Example <bo@x>\nFeedback:rest:FB-12\n';
    assert.deepEqual(parseTrailers(message), [
      { key: 'Feedback', value: 'rest:FB-5' },
      { key: 'Co-authored-by', value: 'Bo Example <bo@x>' },
      { key: 'Feedback', value: 'rest:FB-12' },
    ]);
  });

  it('finds no trailers in the title, nor in a last paragraph that is mostly prose', () => {
    assert.deepEqual(parseTrailers('Feedback: rest:FB-1\n'), []);
    assert.deepEqual(parseTrailers('Subject\n\nline one\nline two\nFeedback: rest:FB-1\n'), []);
  });

  it('accepts a mostly-prose block holding a git-generated trailer (the 25% rule)', () => {
    assert.deepEqual(parseTrailers('S\n\nprose\nprose\nprose\nSigned-off-by: A\nFeedback: rest:FB-2\n').map((t) => t.key), ['Signed-off-by', 'Feedback']);
  });

  it('stops at a --- divider and skips trailing comments', () => {
    assert.deepEqual(parseTrailers('S\n\nFeedback: rest:FB-1\n---\nFoo: bar\n'), [{ key: 'Feedback', value: 'rest:FB-1' }]);
    assert.deepEqual(parseTrailers('S\n\nFeedback: rest:FB-1\n\n# Please enter the commit message\n'), [{ key: 'Feedback', value: 'rest:FB-1' }]);
  });

  it('appends to an existing block, starts a block after a blank line, never repeats one', () => {
    const trailer = { key: 'Feedback', value: 'rest:FB-9' };
    assert.equal(appendTrailers('Fix it', [trailer]), 'Fix it\n\nFeedback: rest:FB-9');
    assert.equal(appendTrailers('Fix it\n\nSigned-off-by: A\n', [trailer]), 'Fix it\n\nSigned-off-by: A\nFeedback: rest:FB-9\n');
    assert.equal(appendTrailers('Fix it\n\nFeedback: rest:FB-9', [trailer]), 'Fix it\n\nFeedback: rest:FB-9');
    assert.equal(appendTrailers('', [trailer]), '\n\nFeedback: rest:FB-9');
  });

  it('formats one line and refuses keys git would not read', () => {
    assert.equal(formatTrailer({ key: 'Feedback', value: ' rest:FB-1\n  x ' }), 'Feedback: rest:FB-1 x');
    assert.throws(() => formatTrailer({ key: 'Bad Key', value: 'x' }), /letters, digits and dashes/);
  });

  it('appends after a block holding a key git reads but we would not write, and refuses to write such a key', () => {
    const trailer = { key: 'Feedback', value: 'rest:FB-9' };
    assert.deepEqual(parseTrailers('Fix it\n\n-foo: bar\n'), [{ key: '-foo', value: 'bar' }]);
    assert.equal(appendTrailers('Fix it\n\n-foo: bar\n', [trailer]), 'Fix it\n\n-foo: bar\nFeedback: rest:FB-9\n');
    assert.throws(() => appendTrailers('Fix it', [{ key: '-foo', value: 'x' }]), /Trailer key "-foo": .*not starting with a dash/);
  });

  it('puts a new block above trailing comments and a --- divider, where git reads it', () => {
    const trailer = { key: 'Feedback', value: 'rest:FB-9' };
    assert.equal(appendTrailers('Fix it\n\n# a comment\n', [trailer]), 'Fix it\n\nFeedback: rest:FB-9\n\n# a comment\n');
    assert.equal(appendTrailers('Fix it\n---\npatch', [trailer]), 'Fix it\n\nFeedback: rest:FB-9\n---\npatch');
  });
});
