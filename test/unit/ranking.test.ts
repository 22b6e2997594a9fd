// The view's sorts as comparisons (Merge All ranks the connections' rows by
// them): demand as the Feedback view ranks it, times as instants whatever
// their offset or precision.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { compareDemand } from '../../src/core/demand';
import { compareFor } from '../../src/core/ranking';
import { propertyRuns } from '../support/propertySeed';
import { summary } from './fakeItems';

describe('compareFor: the view’s sorts', () => {
  it('ranks by demand as the Feedback view does', () => {
    assert.equal(compareFor('demand'), compareDemand);
  });

  it('ranks the newest first, comparing instants across offsets and precisions', () => {
    const created = (createdAt: string) => summary(1, { createdAt });
    const newest = compareFor('newest');
    const order = ['2026-02-01T00:30:00+01:00', '2026-01-31T23:00:00.500Z', '2026-01-31T23:00:00Z', '2026-01-31T22:00:00-01:00'];
    // 23:30Z, 23:00:00.5Z, then 23:00Z twice (one instant written two ways: equal, so they keep their order).
    const shuffled = [order[3], order[1], order[0], order[2]].map(created);
    assert.deepEqual(
      shuffled.sort(newest).map((i) => i.createdAt),
      [order[0], order[1], order[3], order[2]],
    );
    assert.equal(newest(created(order[2]), created(order[3])), 0);
    assert.ok(compareFor('updated')(summary(1, { updatedAt: '2026-03-01T00:00:00Z' }), summary(2, { updatedAt: '2026-02-01T00:00:00Z' })) < 0);
  });

  it('agrees with comparing the instants, for any two times the schema accepts', () => {
    const time = fc
      .record({ at: fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2099-12-31T23:59:59Z') }), offset: fc.constantFrom('Z', '+01:00', '-05:30'), fraction: fc.constantFrom('', '.5', '.123') })
      .map(({ at, offset, fraction }) => {
        const shift = offset === 'Z' ? 0 : (offset.startsWith('+') ? 1 : -1) * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4))) * 60_000;
        return `${new Date(at + shift).toISOString().slice(0, 19)}${fraction}${offset}`;
      });
    fc.assert(
      fc.property(time, time, (a, b) => {
        const expected = Math.sign(Date.parse(b) - Date.parse(a));
        assert.equal(Math.sign(compareFor('newest')(summary(1, { createdAt: a }), summary(2, { createdAt: b }))), expected, `${a} vs ${b}`);
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});
