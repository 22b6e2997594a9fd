import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { TrackerError } from '../../src/trackers/tracker';
import { markBody, readMarker } from '../../src/trackers/writeMarker';
import { propertyRuns } from '../support/propertySeed';

describe('write markers (GitHub’s HTML comment, Canny’s and Fider’s zero-width spelling)', () => {
  it('round-trips kind, key and data in both spellings, and gives back the body', () => {
    for (const style of ['html', 'invisible'] as const) {
      const marked = markBody('Thanks! ✓\n', { kind: 'link', key: 'a1b2-c3.d4:e5', data: { sha: 'f'.repeat(40), n: 'é' } }, style);
      assert.deepEqual(readMarker(marked), { marker: { kind: 'link', key: 'a1b2-c3.d4:e5', data: { sha: 'f'.repeat(40), n: 'é' } }, text: 'Thanks! ✓' });
    }
  });

  it('hides the invisible spelling: nothing printable is added', () => {
    const marked = markBody('Shipped in 2.0', { kind: 'reply', key: 'k-1' }, 'invisible');
    assert.equal(marked.replace(/[\u200b\u200c\u200d\u2060\u2063]/g, ''), 'Shipped in 2.0');
  });

  it('refuses a key that could break out of the marker, as a TrackerError', () => {
    assert.throws(() => markBody('x', { kind: 'reply', key: 'k --> <script>' }), (e: unknown) => e instanceof TrackerError && e.kind === 'rejected');
  });

  it('reads any text without throwing, and round-trips any body and key', () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        readMarker(text);
      }),
      { numRuns: propertyRuns(2_000) },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/), fc.constantFrom('html' as const, 'invisible' as const), (body, key, style) => {
        const read = readMarker(markBody(body, { kind: 'reply', key }, style));
        assert.equal(read.marker?.key, key);
        assert.equal(read.text, body.replace(/\s+$/, ''));
      }),
      { numRuns: propertyRuns(2_000) },
    );
  });
});
