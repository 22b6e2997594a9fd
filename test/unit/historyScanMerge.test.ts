import * as assert from 'node:assert/strict';
import { mergeLinks } from '../../src/features/commitLinks/linkedCommits';
import type { CommitLink } from '../../src/core/model';
import type { RepoCommit } from '../../src/core/historyScan';

const sha = (n: number): string => String(n).repeat(40).slice(0, 40);

describe('linked commits: tracker links merged with history', () => {
  it('lists each commit once, newest first, and says where each came from', () => {
    const remote: CommitLink[] = [
      { id: 'L1', sha: sha(1), repository: 'https://git.example/acme', subject: 'Remote only', author: 'Bo', committedAt: '2026-01-03T00:00:00Z', url: null },
      { id: 'L2', sha: sha(2), repository: 'https://git.example/acme', subject: 'Both', author: 'Ada', committedAt: '2026-01-02T00:00:00Z', url: null },
    ];
    const local: RepoCommit[] = [
      { repository: '/work/acme', sha: sha(2), subject: 'Both', author: 'Ada', committedAt: '2026-01-02T00:00:00Z', refs: [] },
      { repository: '/work/acme', sha: sha(3), subject: 'Local only', author: 'Ada', committedAt: '2026-01-04T00:00:00Z', refs: [] },
    ];
    const merged = mergeLinks(remote, local);
    assert.deepEqual(merged.map((c) => [c.subject, c.source, c.root]), [
      ['Local only', 'history', '/work/acme'],
      ['Remote only', 'tracker', undefined],
      ['Both', 'both', '/work/acme'],
    ]);
  });
});
