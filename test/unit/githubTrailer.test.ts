import * as assert from 'node:assert/strict';
import { formatTrailerValue, parseTrailerValue } from '../../src/core/references';

describe('commit trailers name namespaced item ids', () => {
  it('round-trips GitHub, Canny and Fider ids through `Feedback: <tracker>:<id>`', () => {
    for (const [tracker, id] of [
      ['github', 'github:octo/app#12'],
      ['canny', 'canny:553c3ef8b8cdcd1501ba1234'],
      ['fider', 'fider:feedback.example.com#7'],
    ]) {
      assert.deepEqual(parseTrailerValue(formatTrailerValue(tracker, id)), { tracker, id });
    }
  });
});
