// The links of the user's own commit with several connections (issue 14):
// each trailer goes to the connection it resolves to and never to another;
// a trailer naming no connection here, or two, is not sent, and the log
// says why.
import * as assert from 'node:assert/strict';
import type { NewCommitLink } from '../../src/core/model';
import type { OutboxEntry, WriteRequest } from '../../src/core/outbox';
import { DEFAULT_PATTERNS, ReferenceMatcher } from '../../src/core/references';
import type { TrailerConnection } from '../../src/core/trailerConnections';
import { LinkWriter } from '../../src/features/commitLinks/linkWriter';
import { postOwnCommitLinks } from '../../src/features/commitLinks/ownCommitLinks';

const matcher = new ReferenceMatcher({ patterns: DEFAULT_PATTERNS, trailerKey: 'Feedback' });
const sha = 'c'.repeat(40);
const link = { sha } as NewCommitLink;
const restA: TrailerConnection = { id: 'rest-aaaaaaaa', kind: 'rest', name: 'Support' };
const restB: TrailerConnection = { id: 'rest-bbbbbbbb', kind: 'rest', name: 'Sales' };
const octoWeb: TrailerConnection = { id: 'github-webwebwe', kind: 'github', scope: 'octo/web', name: 'octo/web' };
const octoApp: TrailerConnection = { id: 'github-appappap', kind: 'github', scope: 'octo/app', name: 'octo/app' };

function post(message: string, connections: readonly TrailerConnection[], chosen?: (itemId: string) => string | undefined) {
  const queued: { tracker: string; request: WriteRequest }[] = [];
  const lines: string[] = [];
  const outbox = {
    enqueue: async (tracker: string, request: WriteRequest): Promise<OutboxEntry> => {
      queued.push({ tracker, request });
      return {} as OutboxEntry;
    },
  };
  const writer = new LinkWriter({ outbox, hasConnection: (id) => connections.some((c) => c.id === id), log: () => undefined });
  let reads = 0;
  const done = postOwnCommitLinks(
    { writer, connections, chosenConnection: chosen ?? (() => undefined), info: (line) => lines.push(line), error: (m, d) => lines.push(`${m}: ${d}`) },
    { sha, refs: matcher.inMessage(message) },
    async () => {
      reads++;
      return link;
    },
  );
  return done.then((sent) => ({ sent, queued: queued.map((q) => [q.tracker, q.request.itemId]), lines, reads }));
}

describe('links of the user’s own commit, several connections', () => {
  it('goes to the second of two GitHub connections when the trailer names its repository', async () => {
    const { queued } = await post('Fix\n\nFeedback: github:github:octo/app#12\n', [octoWeb, restA, octoApp]);
    assert.deepEqual(queued, [[octoApp.id, 'github:octo/app#12']]);
  });

  it('never enqueues a trailer naming a connection this workspace does not have, and says so', async () => {
    const message = 'Fix\n\nFeedback: github:github:octo/gone#3\nFeedback: linear:linear:2b1c4a52\nFeedback: fider:fider:x.example.com#2\n';
    const { queued, lines, reads } = await post(message, [octoWeb, restA, octoApp]);
    assert.deepEqual(queued, []);
    assert.equal(reads, 0, 'not even the commit is read');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /Not linking ccccccc to github:github:octo\/gone#3: no connection/);
  });

  it('refuses a trailer two connections could mean, naming them, unless the user chose the item in one', async () => {
    const refused = await post('Fix\n\nFeedback: rest:FB-12\n', [restA, restB]);
    assert.deepEqual(refused.queued, []);
    assert.match(refused.lines.join('\n'), /rest:FB-12: it may be the item of "Support", "Sales"/);
    const chosen = await post('Fix\n\nFeedback: rest:FB-12\n', [restA, restB], (id) => (id === 'FB-12' ? restB.id : undefined));
    assert.deepEqual(chosen.queued, [[restB.id, 'FB-12']]);
  });

  it('sends each resolved trailer once, reading the commit once', async () => {
    const { queued, reads, sent } = await post('Fix\n\nFeedback: rest:FB-1\nFeedback: rest:FB-1\nFeedback: github:github:octo/web#2\n', [restA, octoWeb]);
    assert.deepEqual(queued, [
      [restA.id, 'FB-1'],
      [octoWeb.id, 'github:octo/web#2'],
    ]);
    assert.equal(reads, 1);
    assert.equal(sent.length, 2);
  });
});
