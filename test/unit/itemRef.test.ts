// ItemRef (issue 14): which item of which connection, written
// `<connection id>/<item id>`. Item ids keep the tracker's form, slashes
// included; connection ids never have one.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { CONNECTION_KINDS, newConnectionId, randomIdSuffix } from '../../src/core/connections/registry';
import { formatItemRef, isRefConnectionId, parseItemRef, sameItemRef } from '../../src/core/itemRef';
import { propertyRuns } from '../support/propertySeed';

describe('ItemRef', () => {
  it('writes and reads back the ids of every tracker kind, slashes in the item id included', () => {
    const cases = [
      { connection: 'rest-k2x4abcd', id: 'FB-12' },
      { connection: 'github-abcdefgh2345', id: 'github:octo/app#12' },
      { connection: 'fider-zzzzzzzz', id: 'fider:feedback.example.com#7' },
      { connection: 'canny-a1b2c3d4', id: 'canny:553c3ef8b8cdcd1501ba1234' },
      { connection: 'linear-a1b2c3d4', id: 'linear:2b1c4a52-87f3-4c84-9f5a-1f8f1d5a2c11' },
      { connection: 'sample', id: 'FB-1' },
    ];
    for (const ref of cases) {
      const text = formatItemRef(ref);
      assert.equal(text, `${ref.connection}/${ref.id}`);
      assert.deepEqual(parseItemRef(text), ref);
    }
  });

  it('accepts every id the registry makes, and the sample tracker’s', () => {
    for (const kind of CONNECTION_KINDS) {
      for (let i = 0; i < 20; i++) {
        const id = newConnectionId(kind, randomIdSuffix);
        assert.ok(isRefConnectionId(id), id);
      }
    }
    assert.ok(isRefConnectionId('sample'));
  });

  it('refuses a connection id with a slash or outside the registry’s alphabet (today’s ids of the one connection)', () => {
    for (const connection of ['http://127.0.0.1:3000', 'github:octo/app', 'fider:feedback.example.com', 'Rest-ABCDEFGH', '', '-rest', 'rest abc', 'a'.repeat(101)]) {
      assert.throws(() => formatItemRef({ connection, id: 'FB-1' }), RangeError, connection);
    }
    assert.throws(() => formatItemRef({ connection: 'rest-abcdefgh', id: '' }), /item id is empty/);
  });

  it('parses nothing from text that names no ref', () => {
    for (const text of [undefined, null, 12, {}, '', 'FB-12', '/FB-12', 'rest-abcdefgh/', 'REST-ABCDEFGH/FB-1', 'http://host/FB-1', ' rest-abcdefgh/FB-1']) {
      assert.equal(parseItemRef(text), undefined, JSON.stringify(text));
    }
  });

  it('splits at the first slash: any item id round-trips', () => {
    const connection = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
    fc.assert(
      fc.property(connection, fc.string({ minLength: 1, maxLength: 40 }), (c, id) => {
        const ref = { connection: c, id };
        const back = parseItemRef(formatItemRef(ref));
        assert.ok(back && sameItemRef(back, ref));
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
