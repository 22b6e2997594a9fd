import { CannyTracker } from '../../src/trackers/canny/cannyTracker';
import type { HttpClient } from '../../src/trackers/http';
import { checkAnyAnswer, checkListFuzz } from '../fixtures/adapterFuzz';
import { cannyPost } from '../fixtures/cannyFake';

describe('CannyTracker fuzz (fast-check)', function () {
  this.timeout(120_000);
  const canny = (http: HttpClient) => new CannyTracker({ http, getApiKey: async () => 'k', authorID: 'a' });
  const id = (i: number) => String(cannyPost(i).id);

  it('10,000 malformed posts/list answers: bad posts rejected naming the field, good ones all shown', async () => {
    await checkListFuzz(
      {
        valid: (i) => cannyPost(i),
        idOf: (i) => `canny:${id(i)}`,
        fields: ['id', 'title', 'details', 'score', 'status', 'created', 'statusChangedAt', 'commentCount', 'url', 'author', 'board', 'tags', 'companies'],
        envelope: (posts) => ({ hasMore: false, posts }),
        list: (http) => canny(http).listItems({}),
      },
      10_000,
    );
  });

  it('any answer to a list, a post or its comments ends in items or a TrackerError', async () => {
    await checkAnyAnswer((http) => canny(http).listItems({}), 2_000);
    await checkAnyAnswer((http) => canny(http).getItem(`canny:${id(1)}`), 2_000);
    await checkAnyAnswer((http) => canny(http).listComments(`canny:${id(1)}`), 1_000);
  });
});
