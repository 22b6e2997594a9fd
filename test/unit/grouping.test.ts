import * as assert from 'node:assert/strict';
import { groupItems, groupNameOf, NONE } from '../../src/core/grouping';
import { summary } from './fakeItems';

describe('grouping by tag and company', () => {
  it('puts an item under each of its tags, keeps the ranked order, and orders groups by votes', () => {
    const ranked = [
      summary(1, { votes: 50, tags: ['export', 'api'] }),
      summary(2, { votes: 40, tags: ['api'] }),
      summary(3, { votes: 30, tags: [] }),
      summary(4, { votes: 5, tags: ['export'] }),
    ];
    const groups = groupItems(ranked, 'tag');
    assert.deepEqual(groups.map((g) => [g.label, g.items.map((i) => i.id)]), [
      ['api', ['FB-1', 'FB-2']],
      ['export', ['FB-1', 'FB-4']],
      [NONE, ['FB-3']],
    ]);
  });

  it('puts items without companies last, in a group named by none (the view says "No company")', () => {
    const groups = groupItems([summary(1, { votes: 1, companies: [] }), summary(2, { votes: 9, companies: ['Acme', 'Acme'] }), summary(3, { votes: 900 })], 'company');
    assert.deepEqual(groups.map((g) => [g.label, g.items.length]), [['Acme', 1], [NONE, 2]]);
    assert.deepEqual(groups.map((g) => groupNameOf({ ...g, status: undefined })), [{ kind: 'company', value: 'Acme' }, { kind: 'company', value: undefined }]);
  });

  it('keeps a tag spelt "No tag" apart from the items without tags', () => {
    const groups = groupItems([summary(1, { tags: ['No tag'] }), summary(2, { tags: [] })], 'tag');
    assert.deepEqual(groups.map((g) => groupNameOf({ ...g, status: undefined })), [{ kind: 'tag', value: 'No tag' }, { kind: 'tag', value: undefined }]);
  });

  it('names a status group by its status, whatever its label, and another group by its label', () => {
    assert.deepEqual(groupNameOf({ key: 'status:planned', label: 'Planned', status: 'planned' }), { kind: 'status', status: 'planned' });
    assert.deepEqual(groupNameOf({ key: 'closeLoop:shipped', label: 'Shipped, not yet announced', status: undefined }), { kind: 'named', label: 'Shipped, not yet announced' });
  });
});
