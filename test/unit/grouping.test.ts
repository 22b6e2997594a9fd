import * as assert from 'node:assert/strict';
import { groupItems, NO_COMPANY, NO_TAG } from '../../src/core/grouping';
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
      [NO_TAG, ['FB-3']],
    ]);
  });

  it('puts items without companies last, under "No company"', () => {
    const groups = groupItems([summary(1, { votes: 1, companies: [] }), summary(2, { votes: 9, companies: ['Acme', 'Acme'] }), summary(3, { votes: 900 })], 'company');
    assert.deepEqual(groups.map((g) => [g.label, g.items.length]), [['Acme', 1], [NO_COMPANY, 2]]);
  });
});
