import { LinearTracker } from '../../src/trackers/linear/linearTracker';
import type { HttpClient } from '../../src/trackers/http';
import { checkAnyAnswer, checkListFuzz } from '../fixtures/adapterFuzz';

describe('LinearTracker fuzz (fast-check)', function () {
  this.timeout(120_000);
  const linear = (http: HttpClient) => new LinearTracker({ http, teamId: 'team-1' });
  const issue = (i: number) => ({
    id: `issue-${i}`,
    identifier: `ENG-${i}`,
    title: `Request ${i}`,
    url: `https://linear.app/acme/issue/ENG-${i}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-02T00:00:00.000Z',
    state: { type: 'started', name: 'In Progress' },
    labels: { nodes: [{ name: 'export' }] },
    needs: { nodes: [{ id: `n${i}`, customer: { id: 'c1', name: 'Acme', revenue: 100 } }] },
  });

  it('10,000 malformed issues answers: bad issues rejected naming the field, good ones all shown', async () => {
    await checkListFuzz(
      {
        valid: issue,
        idOf: (i) => `linear:issue-${i}`,
        fields: ['id', 'identifier', 'title', 'url', 'createdAt', 'updatedAt', 'state', 'labels', 'needs'],
        envelope: (nodes) => ({ data: { issues: { nodes, pageInfo: { hasNextPage: false, endCursor: null } } } }),
        list: (http) => linear(http).listItems({}),
      },
      10_000,
    );
  });

  it('any answer to a list, an issue or its comments ends in items or a TrackerError', async () => {
    await checkAnyAnswer((http) => linear(http).listItems({}), 2_000);
    await checkAnyAnswer((http) => linear(http).getItem('linear:issue-1'), 2_000);
    await checkAnyAnswer((http) => linear(http).listComments('linear:issue-1'), 1_000);
    await checkAnyAnswer((http) => linear(http).listLinks('linear:issue-1'), 1_000);
  });
});
