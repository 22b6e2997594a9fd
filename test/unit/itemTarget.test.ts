// A command's argument to an item of a connection (issue 14): a ref as is; a
// bare id to the one connection that has it, or that there is; else a choice.
import * as assert from 'node:assert/strict';
import { itemTarget } from '../../src/core/itemTarget';

const A = { id: 'rest-aaaaaaaa', name: 'Server A' };
const B = { id: 'rest-bbbbbbbb', name: 'Server B' };

describe('item target', () => {
  it('takes a ref of a connection here as it is', () => {
    assert.deepEqual(itemTarget('rest-bbbbbbbb/FB-12', [A, B], () => []), { key: 'rest-bbbbbbbb/FB-12' });
  });

  it('takes a bare id to the one connection that has it, or the one there is', () => {
    assert.deepEqual(itemTarget('FB-12', [A, B], () => [B]), { key: 'rest-bbbbbbbb/FB-12' });
    assert.deepEqual(itemTarget('FB-12', [A], () => []), { key: 'rest-aaaaaaaa/FB-12' });
    assert.deepEqual(itemTarget('github:octo/app#12', [A], () => []), { key: 'rest-aaaaaaaa/github:octo/app#12' }, 'an id with a slash is no ref');
  });

  it('asks which when two could have it, and answers none without a connection', () => {
    assert.deepEqual(itemTarget('FB-12', [A, B], () => [A, B]), { id: 'FB-12', choose: [A, B] });
    assert.deepEqual(itemTarget('FB-12', [A, B], () => []), { id: 'FB-12', choose: [A, B] }, 'nobody has it loaded: any could');
    assert.deepEqual(itemTarget('team-a/42', [A, B], (id) => (id === 'team-a/42' ? [B] : [])), { key: 'rest-bbbbbbbb/team-a/42' }, 'a REST id with a slash, loaded');
    assert.deepEqual(itemTarget('rest-cccccccc/FB-1', [A, B], () => []), { none: true }, 'a ref of a connection removed since');
    assert.deepEqual(itemTarget('FB-12', [], () => []), { none: true });
  });
});
