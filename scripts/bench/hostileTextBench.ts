// Opening an item panel whose thread holds one hostile comment: 65 kB of
// whitespace (alone, between words, or before a forged marker), from each
// tracker that reads markers out of comment bodies. What is timed is the
// extension host's whole share of the open: the adapter reading item and
// comments (zod, marker parsing — several readMarker calls per comment, for
// comments, links and trade-offs), the panel's mapping, and serializing the
// message posted to the webview. The trackers answer at once (stubbed HTTP).
import type { TrackerClient } from '../../src/trackers/tracker';
import { ItemDetails } from '../../src/core/itemDetails';
import { FeedbackStore } from '../../src/core/feedbackStore';
import { ItemPanelController } from '../../src/features/itemPanel/itemPanelController';
import type { PanelTexts } from '../../src/features/itemPanel/itemPanelController';
import type { PanelStrings } from '../../src/shared/itemPanelProtocol';
import { CannyTracker } from '../../src/trackers/canny/cannyTracker';
import { FiderTracker } from '../../src/trackers/fider/fiderTracker';
import { GithubTracker } from '../../src/trackers/github/githubTracker';
import { markBody } from '../../src/trackers/writeMarker';
import { cannyPost } from '../../test/fixtures/cannyFake';
import { fiderPost } from '../../test/fixtures/fiderFake';
import { githubComment, githubIssue } from '../../test/fixtures/githubFake';
import { stubHttpByPath } from '../../test/fixtures/hostileText';
import { medianMs } from './timing';

type Row = (name: string, value: string, budget: string) => void;

const SIZE = 65 * 1024;
const WHEN = '2024-04-03T10:00:00Z';

/** The comment bodies timed; the figure is the slowest. */
function hostileBodies(): Record<string, string> {
  const spaces = ' '.repeat(SIZE);
  return {
    spaces,
    'spaces, then a word': `${spaces}x`,
    'a word, spaces, a word': `x${spaces}x`,
    'lines of spaces': ' \n'.repeat(SIZE / 2),
    'spaces before a forged marker': `x${spaces}x${markBody('', { kind: 'link', key: 'k1' })}`,
    'spaces before a forged invisible marker': `x${spaces}x${markBody('', { kind: 'link', key: 'k1' }, 'invisible')}`,
  };
}

/** Each tracker, answering an item whose thread is one comment with `body`, and the item's id there. */
const TRACKERS: Record<string, (body: () => string) => { tracker: TrackerClient; id: string }> = {
  GitHub: (body) => ({
    tracker: new GithubTracker({
      repository: 'octo/app',
      http: stubHttpByPath((path) => (path.endsWith('/comments') ? [githubComment(1, body())] : githubIssue(1, { comments: 1 }))),
    }),
    id: 'github:octo/app#1',
  }),
  Canny: (body) => {
    const post = cannyPost(1, { commentCount: 1 });
    const answers: Record<string, () => unknown> = {
      '/api/v1/posts/retrieve': () => post,
      '/api/v1/votes/list': () => ({ hasMore: false, votes: [] }),
      '/api/v1/comments/list': () => ({ hasMore: false, comments: [{ id: 'c1', author: { id: 'u2', name: 'Bo' }, created: WHEN, internal: false, value: body() }] }),
    };
    return { tracker: new CannyTracker({ http: stubHttpByPath((path) => answers[path]?.()), getApiKey: async () => 'key', boardID: 'b1' }), id: `canny:${String(post.id)}` };
  },
  Fider: (body) => {
    const comments = (): unknown => [{ id: 1, content: body(), createdAt: WHEN, user: { id: 8, name: 'Bo', role: 'visitor' } }];
    const http = stubHttpByPath((path) => (path.endsWith('/comments') ? comments() : fiderPost(1, { commentsCount: 1 })));
    return { tracker: new FiderTracker(http, 'https://feedback.example.com'), id: 'fider:tracker.example#1' };
  },
};

const TEXTS: PanelTexts = { locale: 'en', strings: {} as PanelStrings, notConnected: 'Not connected', describeError: String };

/** One panel open, ready first so the content is posted (serialized, as postMessage does). */
async function openPanel(tracker: TrackerClient, id: string): Promise<number> {
  let posted = 0;
  let failed = false;
  // A session of its own: every part (the links too, a marker per comment) is read from the tracker.
  const details = new ItemDetails();
  details.setSource(tracker);
  const controller = new ItemPanelController(id, {
    surface: { post: (message) => void (posted += JSON.stringify(message).length), setTitle: () => undefined, openExternal: () => undefined },
    details,
    items: new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' }),
    capabilities: async () => tracker.capabilities,
    log: () => void (failed = true),
    texts: TEXTS,
    tradeOffs: () => [],
    linkedCommits: async () => [],
  });
  controller.receive({ type: 'ready' });
  await controller.load();
  controller.dispose();
  details.dispose();
  if (failed) {
    throw new Error(`the panel of ${id} failed to load`);
  }
  return posted;
}

/** Per tracker: the slowest hostile body's panel open, and a plain comment's for comparison. */
export async function hostileTextBench(row: Row): Promise<void> {
  for (const [name, make] of Object.entries(TRACKERS)) {
    let body = 'Thanks, this would help us a lot.';
    const { tracker, id } = make(() => body);
    const plain = await medianMs(() => openPanel(tracker, id), 9);
    let worst = { ms: 0, label: '' };
    for (const [label, text] of Object.entries(hostileBodies())) {
      body = text;
      if ((await openPanel(tracker, id)) < SIZE) {
        throw new Error(`${name}: the comment did not reach the panel`);
      }
      const ms = await medianMs(() => openPanel(tracker, id), 9);
      worst = ms > worst.ms ? { ms, label } : worst;
    }
    row(`${name}: panel open, 1 comment of 65 kB whitespace`, `${worst.ms.toFixed(2)} ms`, '≤ 20 ms');
    row(`  … slowest: ${worst.label}; a plain comment`, `${plain.toFixed(2)} ms`, '—');
  }
}

if (require.main === module) {
  void hostileTextBench((name, value, budget) => console.log(`${name.padEnd(52)} ${value.padStart(12)}   (budget ${budget})`));
}
