// Links made in the editor go to the tracker only through the outbox, under
// the connection they were resolved to, once per connection, item and commit
// in a session.
import * as assert from 'node:assert/strict';
import type { NewCommitLink } from '../../src/core/model';
import type { OutboxEntry, WriteRequest } from '../../src/core/outbox';
import { LinkWriter } from '../../src/features/commitLinks/linkWriter';

const link = { sha: 'a'.repeat(40) } as NewCommitLink;

function writer(connections: readonly string[], fail = false) {
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
  return { queued, links: new LinkWriter({ outbox, hasConnection: (id) => connections.includes(id), log: () => undefined }) };
}

describe('LinkWriter', () => {
  it('queues a link in the outbox under its connection, once per connection, item and commit', async () => {
    const { queued, links } = writer(['rest-aaaaaaaa', 'rest-bbbbbbbb']);
    await links.sendLink('rest-aaaaaaaa', 'FL-1', link);
    await links.sendLink('rest-aaaaaaaa', 'FL-1', link);
    await links.sendLink('rest-aaaaaaaa', 'FL-2', link);
    await links.sendLink('rest-bbbbbbbb', 'FL-1', link);
    assert.deepEqual(
      queued.map((q) => [q.tracker, q.request.kind, q.request.itemId]),
      [
        ['rest-aaaaaaaa', 'link', 'FL-1'],
        ['rest-aaaaaaaa', 'link', 'FL-2'],
        ['rest-bbbbbbbb', 'link', 'FL-1'],
      ],
    );
  });

  it('refuses a connection this workspace does not have, and may be asked again', async () => {
    const { queued, links } = writer(['rest-aaaaaaaa']);
    await assert.rejects(links.sendLink('rest-gonegone', 'FL-1', link), /No tracker is connected/);
    await assert.rejects(links.sendLink('rest-gonegone', 'FL-1', link), /No tracker is connected/);
    assert.equal(queued.length, 0);
  });

  it('lets a link whose queuing failed be sent again', async () => {
    const { links } = writer(['rest-aaaaaaaa'], true);
    await assert.rejects(links.sendLink('rest-aaaaaaaa', 'FL-1', link), /disk full/);
    await assert.rejects(links.sendLink('rest-aaaaaaaa', 'FL-1', link), /disk full/);
  });
});
