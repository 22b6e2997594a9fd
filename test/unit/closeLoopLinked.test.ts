// The commits close the loop watches: per repository, each commit's items of
// the connected tracker's kind (a reference without a tracker counts for any).
import * as assert from 'node:assert/strict';
import { linkedByRepository } from '../../src/core/closeLoop/linked';
import { HistoryIndex } from '../../src/core/historyScan';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

describe('close the loop: linked commits', () => {
  it('maps each repository to its commits and their items of this tracker, once each', () => {
    const history = new HistoryIndex();
    const commit = (sha: string, refs: [string, string | undefined][]) => ({
      sha,
      subject: 's',
      author: 'Ada',
      committedAt: '2026-01-01T00:00:00Z',
      refs: refs.map(([id, tracker]) => ({ id, tracker, via: 'trailer' as const })),
    });
    history.record('/r1', A, [commit(A, [['FB-1', undefined], ['FB-1', 'rest'], ['7', 'github']])], 1);
    history.record('/r2', B, [commit(B, [['9', 'github']])], 1);
    const linked = linkedByRepository(history, 'rest');
    assert.deepEqual([...linked.get('/r1')!], [[A, ['FB-1']]]);
    assert.deepEqual([...linked.get('/r2')!], [], 'a repository without linked commits is still listed');
    // No tracker connected (customer impact still shows links from history): every reference counts.
    const all = linkedByRepository(history, undefined);
    assert.deepEqual([...all.get('/r1')!], [[A, ['FB-1', '7']]]);
    assert.deepEqual([...all.get('/r2')!], [[B, ['9']]]);
  });
});
