// Shared by the impact tests: hunks shaped as git makes them.
import * as fc from 'fast-check';
import type { Hunk } from '../../src/core/impact/diff';

/** Hunks as git makes them: in order, at least one unchanged line between two, never both sides empty. */
export const hunksArbitrary: fc.Arbitrary<Hunk[]> = fc
  .array(fc.record({ gap: fc.integer({ min: 1, max: 20 }), oldCount: fc.nat(6), newCount: fc.nat(6) }), { maxLength: 8 })
  .map((shapes) => {
    const hunks: Hunk[] = [];
    let oldLine = 0;
    let newLine = 0;
    for (const { gap, oldCount, newCount } of shapes) {
      if (oldCount + newCount === 0) {
        continue;
      }
      oldLine += hunks.length === 0 ? gap - 1 : gap;
      newLine += hunks.length === 0 ? gap - 1 : gap;
      hunks.push({ oldStart: oldCount > 0 ? oldLine + 1 : oldLine, oldCount, newStart: newCount > 0 ? newLine + 1 : newLine, newCount });
      oldLine += oldCount;
      newLine += newCount;
    }
    return hunks;
  });

