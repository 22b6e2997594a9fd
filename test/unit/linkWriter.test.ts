// Links made in the editor go to the tracker only through the outbox, under
// the connected tracker's key, once per item and commit in a session.
import * as assert from 'node:assert/strict';
import type { NewCommitLink } from '../../src/core/model';
import type { OutboxEntry, WriteRequest } from '../../src/core/outbox';
import { LinkWriter } from '../../src/features/commitLinks/linkWriter';

const link = { sha: 'a'.repeat(40) } as NewCommitLink;

function writer(trackerKey: string | undefined, fail = false) {
  const queued: { tracker: string; request: WriteRequest }[] = [];
  const outbox = {
    enqueue: async (tracker: string, request: WriteRequest): Promise<OutboxEntry> => {
      if (fail) {
        throw new Error('disk full');
      }
      queued.push({ tracker, request });
      return {} as OutboxEntry;
    },
  };
  return { queued, links: new LinkWriter({ outbox, trackerKey: () => trackerKey, log: () => undefined }) };
}

describe('LinkWriter', () => {
  it('queues a link in the outbox under the tracker key, once per item and commit', async () => {
    const { queued, links } = writer('rest:local');
    await links.sendLink('FL-1', link);
    await links.sendLink('FL-1', link);
    await links.sendLink('FL-2', link);
    assert.deepEqual(
      queued.map((q) => [q.tracker, q.request.kind, q.request.itemId]),
      [
        ['rest:local', 'link', 'FL-1'],
        ['rest:local', 'link', 'FL-2'],
      ],
    );
  });

  it('refuses when no tracker is connected, and may be asked again', async () => {
    const { queued, links } = writer(undefined);
    await assert.rejects(links.sendLink('FL-1', link), /No tracker is connected/);
    await assert.rejects(links.sendLink('FL-1', link), /No tracker is connected/);
    assert.equal(queued.length, 0);
  });

  it('lets a link whose queuing failed be sent again', async () => {
    const { links } = writer('rest:local', true);
    await assert.rejects(links.sendLink('FL-1', link), /disk full/);
    await assert.rejects(links.sendLink('FL-1', link), /disk full/);
  });
});
