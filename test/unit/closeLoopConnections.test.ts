// Close the loop with several connections (issue 14): a shipped commit's item
// is offered in the connection its reference resolves to, never in another,
// and a reference naming no connection here is never offered.
import * as assert from 'node:assert/strict';
import { heldShipments, shippedConnectionItems } from '../../src/core/closeLoop/detection';
import type { Shipment } from '../../src/core/closeLoop/detection';
import { linkedItemsByRepository } from '../../src/core/closeLoop/linked';
import { ShipLog } from '../../src/core/closeLoop/shipLog';
import { HistoryIndex } from '../../src/core/historyScan';
import type { TrailerConnection } from '../../src/core/trailerConnections';

const ROOT = '/repo';
const SHIPPED = 'a'.repeat(40);
const LATER = 'b'.repeat(40);
const shipment: Shipment = { release: 'v1.2.0', kind: 'tag', shas: [SHIPPED] };

/** A history of one repository: the shipped commit with `refs` ([id, tracker] pairs; no tracker: a pattern), and one not shipped. */
function historyWith(refs: readonly (readonly [string, string | undefined])[]): HistoryIndex {
  const history = new HistoryIndex();
  const commit = (sha: string, linked: readonly (readonly [string, string | undefined])[]) => ({
    sha,
    subject: 'Ship it',
    author: 'Ada',
    committedAt: '2026-11-29T20:00:00Z',
    refs: linked.map(([id, tracker]) => ({ id, tracker, via: tracker === undefined ? ('pattern' as const) : ('trailer' as const) })),
  });
  history.record(ROOT, LATER, [commit(LATER, [['github:octo/first#9', 'github']]), commit(SHIPPED, refs)], 2);
  return history;
}

/** The shipped items per connection, as close the loop records and offers them. */
async function offered(
  connections: readonly TrailerConnection[],
  refs: readonly (readonly [string, string | undefined])[],
  holds: (connection: string, itemId: string) => Promise<boolean> = () => Promise.resolve(true),
): Promise<string[]> {
  const linked = linkedItemsByRepository(historyWith(refs), connections).get(ROOT) ?? new Map();
  const found = await heldShipments(shippedConnectionItems(ROOT, [shipment], linked), connections.length, holds);
  const shipLog = ShipLog.fromJSON(undefined);
  const news = connections.flatMap((c) => shipLog.offer(c.id, found.filter((f) => f.connection === c.id), '2026-11-29T20:00:00.000Z'));
  const remembered = connections.flatMap((c) => shipLog.unannounced(c.id).map((u) => `${c.id}/${u.itemId}`));
  assert.deepEqual(news.map((n) => `${n.connection}/${n.itemId}`).sort(), remembered.sort(), 'what is offered is what the group shows');
  return remembered.sort();
}

const twoGitHubs: TrailerConnection[] = [
  { id: 'github-first', kind: 'github', scope: 'octo/first' },
  { id: 'github-second', kind: 'github', scope: 'octo/second' },
];
const twoRests: TrailerConnection[] = [
  { id: 'rest-one', kind: 'rest' },
  { id: 'rest-two', kind: 'rest' },
];

describe('close the loop: shipped items per connection', () => {
  it('offers the item of the connection a trailer’s scope names, and only that one', async () => {
    assert.deepEqual(await offered(twoGitHubs, [['github:octo/second#12', 'github']]), ['github-second/github:octo/second#12']);
    // The scope is compared as GitHub compares repositories.
    assert.deepEqual(await offered(twoGitHubs, [['github:Octo/Second#12', 'github']]), ['github-second/github:Octo/Second#12']);
  });

  it('never offers a reference that names no connection here', async () => {
    assert.deepEqual(await offered(twoGitHubs, [['github:octo/elsewhere#3', 'github']]), []);
    assert.deepEqual(await offered(twoGitHubs, [['FB-12', 'rest']]), [], 'a kind no connection is');
    assert.deepEqual(await offered([], [['FB-12', undefined]]), [], 'no connection at all');
  });

  it('gives a trailer of an unscoped kind to the first connection of that kind', async () => {
    assert.deepEqual(await offered(twoRests, [['FB-12', 'rest']]), ['rest-one/FB-12']);
  });

  it('offers a pattern in each connection holding that id, asking each once', async () => {
    const asked: string[] = [];
    const holds = (connection: string, itemId: string): Promise<boolean> => {
      asked.push(`${connection}/${itemId}`);
      return Promise.resolve(connection === 'rest-two');
    };
    assert.deepEqual(await offered(twoRests, [['FB-12', undefined]], holds), ['rest-two/FB-12']);
    assert.deepEqual(asked.sort(), ['rest-one/FB-12', 'rest-two/FB-12']);
  });

  it('takes a pattern as the one connection’s item without asking, as before there were several', async () => {
    const never = (): Promise<boolean> => Promise.reject(new Error('asked'));
    assert.deepEqual(await offered(twoRests.slice(0, 1), [['FB-12', undefined]], never), ['rest-one/FB-12']);
  });

  it('does not ask about an item a trailer of the same commit already named', async () => {
    const never = (): Promise<boolean> => Promise.reject(new Error('asked'));
    assert.deepEqual(await offered(twoGitHubs, [['github:octo/first#4', undefined], ['github:octo/first#4', 'github']], (c) => (c === 'github-first' ? never() : Promise.resolve(false))), [
      'github-first/github:octo/first#4',
    ]);
  });
});
