import { GithubTracker } from '../../src/trackers/github/githubTracker';
import { checkAnyAnswer, checkListFuzz } from '../fixtures/adapterFuzz';
import { githubIssue } from '../fixtures/githubFake';

describe('GithubTracker fuzz (fast-check)', function () {
  this.timeout(120_000);
  const github = (http: ConstructorParameters<typeof GithubTracker>[0]['http']) => new GithubTracker({ http, repository: 'octo/app', minWriteIntervalMs: 0 });

  it('10,000 malformed search pages: bad issues rejected naming the field, good ones all shown', async () => {
    await checkListFuzz(
      {
        valid: (i) => githubIssue(i + 1),
        idOf: (i) => `github:octo/app#${i + 1}`,
        fields: ['number', 'title', 'body', 'state', 'state_reason', 'labels', 'user', 'author_association', 'comments', 'created_at', 'updated_at', 'html_url', 'reactions'],
        envelope: (items) => ({ total_count: items.length, incomplete_results: false, items }),
        list: (http) => github(http).listItems({}),
      },
      10_000,
    );
  });

  it('any answer to a list, an item or its comments ends in items or a TrackerError', async () => {
    await checkAnyAnswer((http) => github(http).listItems({}), 2_000);
    await checkAnyAnswer((http) => github(http).getItem('github:octo/app#1'), 2_000);
    await checkAnyAnswer((http) => github(http).listLinks('github:octo/app#1'), 1_000);
  });
});
