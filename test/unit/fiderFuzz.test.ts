import { FiderTracker } from '../../src/trackers/fider/fiderTracker';
import type { HttpClient } from '../../src/trackers/http';
import { checkAnyAnswer, checkListFuzz } from '../fixtures/adapterFuzz';
import { fiderPost } from '../fixtures/fiderFake';

describe('FiderTracker fuzz (fast-check)', function () {
  this.timeout(120_000);
  const fider = (http: HttpClient) => new FiderTracker(http, 'https://feedback.example.com');

  it('10,000 malformed post lists: bad posts rejected naming the field, good ones all shown', async () => {
    await checkListFuzz(
      {
        valid: (i) => fiderPost(i + 1),
        idOf: (i) => `fider:127.0.0.1:9#${i + 1}`,
        fields: ['number', 'title', 'slug', 'description', 'createdAt', 'user', 'votesCount', 'commentsCount', 'status', 'response', 'tags'],
        envelope: (posts) => posts,
        list: (http) => fider(http).listItems({ limit: 100 }),
      },
      10_000,
    );
  });

  it('any answer to a list, a post or its comments ends in items or a TrackerError', async () => {
    await checkAnyAnswer((http) => fider(http).listItems({}), 2_000);
    await checkAnyAnswer((http) => fider(http).getItem('fider:127.0.0.1:9#1'), 2_000);
    await checkAnyAnswer((http) => fider(http).listComments('fider:127.0.0.1:9#1'), 1_000);
  });
});
