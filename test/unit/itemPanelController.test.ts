// One item panel's host logic against the session's item details (fed by a
// tracker whose answers the test lets go part by part) and a recording
// surface: the row's fields at once, each part as it lands, the ready
// handshake, loading/error/stale states, retry, refresh, and what the host
// does with messages from the (untrusted) webview.
import * as assert from 'node:assert/strict';
import { Drafts } from '../../src/core/drafts';
import { FeedbackStore } from '../../src/core/feedbackStore';
import { ItemDetails } from '../../src/core/itemDetails';
import type { Comment, CommitLink, FeedbackItem, ItemSummary } from '../../src/core/model';
import { Outbox } from '../../src/core/outbox';
import { FeedbackSession } from '../../src/core/session';
import { ConversationController } from '../../src/features/conversation/conversationController';
import { ReplyService } from '../../src/features/conversation/replyService';
import { ItemPanelController } from '../../src/features/itemPanel/itemPanelController';
import type { ItemPanelControllerDeps, PanelTexts } from '../../src/features/itemPanel/itemPanelController';
import type { ConversationHostMessage, ConversationState, ConversationStrings } from '../../src/shared/conversationProtocol';
import type { HostMessage, ItemMessage, PanelLinkedCommit, PanelStrings } from '../../src/shared/itemPanelProtocol';
import { TrackerError } from '../../src/trackers/tracker';
import { HeldTracker, PARTS, comment, fullItem, link, tradeOff } from './detailFakes';
import { ManualClock, MemoryStorage, settle } from './outboxFakes';

function item(overrides: Partial<FeedbackItem> = {}): FeedbackItem {
  return {
    id: 'FL-1',
    title: 'Export to CSV',
    status: 'open',
    votes: 3,
    customerCount: 1,
    revenue: null,
    tags: [],
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
    url: 'https://tracker.example/FL-1',
    description: 'text',
    customers: [],
    commentCount: 1,
    ...overrides,
  };
}

/** The list row of the item: what the tree already shows. */
function row(overrides: Partial<ItemSummary> = {}): ItemSummary {
  const full = item();
  return { id: full.id, title: full.title, status: full.status, votes: full.votes, customerCount: full.customerCount, revenue: full.revenue, tags: full.tags, createdAt: full.createdAt, updatedAt: full.updatedAt, url: full.url, ...overrides };
}

const COMMENTS: Comment[] = [
  { id: 'k1', author: { name: 'Ada', role: 'customer' }, body: 'please', visibility: 'public', createdAt: '2024-01-02T00:00:00Z' },
];

const STRINGS = { loading: 'Loading' } as unknown as PanelStrings;
const TEXTS: PanelTexts = {
  locale: 'en',
  strings: STRINGS,
  notConnected: 'Not connected',
  describeError: (error) => (error instanceof TrackerError ? `${error.kind}: ${error.message}` : String(error)),
};

function newStore(): FeedbackStore {
  return new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
}

/** A store whose list shows the item's row. */
async function storeWithRow(shown: ItemSummary): Promise<FeedbackStore> {
  const store = newStore();
  store.setSource({ listItems: async () => ({ items: [shown], nextCursor: null, rejected: [] }) });
  await store.refresh();
  return store;
}

function newTracker(): HeldTracker {
  const tracker = new HeldTracker(item());
  tracker.comments.set('FL-1', COMMENTS);
  tracker.hold = true;
  return tracker;
}

type Extra = Partial<Pick<ItemPanelControllerDeps, 'items' | 'linkedCommits' | 'tradeOffs'>>;

function setup(options: { tracker?: HeldTracker | null; details?: ItemDetails } & Extra = {}) {
  const tracker = options.tracker === undefined ? newTracker() : options.tracker;
  const details = options.details ?? new ItemDetails();
  if (!options.details) {
    details.setSource(tracker ?? undefined);
  }
  const posted: HostMessage[] = [];
  const opened: string[] = [];
  const titles: string[] = [];
  const logs: string[] = [];
  const controller = new ItemPanelController('FL-1', {
    surface: { post: (m) => posted.push(m), setTitle: (t) => titles.push(t), openExternal: (u) => opened.push(u) },
    details,
    items: options.items ?? newStore(),
    capabilities: async () => ({ internalNotes: true }),
    log: (line) => logs.push(line),
    texts: TEXTS,
    ...(options.linkedCommits ? { linkedCommits: options.linkedCommits } : {}),
    ...(options.tradeOffs ? { tradeOffs: options.tradeOffs } : {}),
  });
  const take = (): HostMessage[] => posted.splice(0);
  /** Lets the held requests go (all, or one part), then lets the controller run. */
  const answer = async (part?: (typeof PARTS)[number]) => {
    await settle();
    assert.ok(tracker && tracker.waiting(part ? { part } : {}) > 0, 'no request is waiting');
    tracker.answer(part ? { part } : {});
    await settle();
  };
  const fail = async (error: unknown, part: (typeof PARTS)[number]) => {
    await settle();
    tracker!.fail(error, { part });
    await settle();
  };
  return { tracker, details, controller, take, answer, fail, opened, titles, logs };
}

const types = (messages: HostMessage[]): string[] => messages.map((m) => m.type);
const lastItem = (messages: HostMessage[]): ItemMessage => {
  const shown = messages.filter((m): m is ItemMessage => m.type === 'item').at(-1);
  assert.ok(shown, `no item message in ${types(messages).join(', ')}`);
  return shown;
};

describe('item panel controller', () => {
  it('badges the status the store shows (a pending change at once), without fetching again', async () => {
    const store = newStore();
    const { tracker, controller, take, answer } = setup({ items: store });
    controller.receive({ type: 'ready' });
    const load = controller.load();
    await answer();
    await load;
    take();
    store.applyPending('w1', 'FL-1', 'planned');
    const pending = lastItem(take());
    assert.equal(pending.item.status, 'planned');
    assert.equal(pending.statusPending, true);
    store.confirmPending('w1');
    const confirmed = lastItem(take());
    assert.equal(confirmed.item.status, 'planned');
    assert.equal(confirmed.statusPending, undefined);
    assert.equal(tracker!.callsOf('item'), 1, 'no second fetch');
    store.applyPending('w2', 'FL-2', 'closed');
    assert.deepEqual(take(), [], 'another item changing posts nothing');
  });

  it('posts nothing until the webview is ready, then init and the current state', async () => {
    const { controller, take, answer } = setup();
    const load = controller.load();
    await answer();
    await load;
    assert.deepEqual(take(), []);
    controller.receive({ type: 'ready' });
    const messages = take();
    assert.deepEqual(types(messages), ['init', 'item']);
    assert.deepEqual(messages[0], { type: 'init', itemId: 'FL-1', locale: 'en', strings: STRINGS });
    const shown = lastItem(messages);
    assert.equal(shown.item.title, 'Export to CSV');
    assert.deepEqual(shown.comments.map((c) => c.authorName), ['Ada']);
    assert.equal(shown.stale, undefined);
    assert.equal(shown.loading, undefined);
  });

  it('shows the row’s fields at once, its title on the tab, the sections still loading, before any answer', async () => {
    const linkedCommits = async (): Promise<PanelLinkedCommit[]> => [];
    const store = await storeWithRow(row({ title: 'Export as CSV', status: 'planned' }));
    const { tracker, controller, take, titles } = setup({ items: store, linkedCommits });
    controller.receive({ type: 'ready' });
    take();
    void controller.load();
    const messages = take();
    assert.equal(tracker!.waiting(), 4, 'every part asked, none answered');
    const shown = lastItem(messages);
    assert.equal(shown.item.title, 'Export as CSV');
    assert.equal(shown.item.status, 'planned');
    assert.equal(shown.item.votes, 3);
    assert.equal(shown.item.description, '');
    assert.deepEqual(shown.comments, []);
    assert.deepEqual(shown.loading, ['details', 'comments', 'links']);
    assert.equal(messages.at(-1)?.type, 'loading', 'a refresh bar while the rest is on its way');
    assert.deepEqual(titles, ['Export as CSV']);
  });

  it('shows the description and the thread each as it lands, and the full item’s title', async () => {
    const store = await storeWithRow(row({ title: 'Export as CSV' }));
    const { controller, take, answer, titles } = setup({ items: store });
    controller.receive({ type: 'ready' });
    const load = controller.load();
    take();
    await answer('item');
    const withItem = lastItem(take());
    assert.equal(withItem.item.description, 'text');
    assert.deepEqual(withItem.loading, ['comments']);
    assert.deepEqual(withItem.comments, []);
    await answer('comments');
    const withThread = lastItem(take());
    assert.deepEqual(withThread.comments.map((c) => c.body), ['please']);
    assert.equal(withThread.loading, undefined);
    await answer();
    await load;
    assert.deepEqual(titles, ['Export as CSV', 'Export to CSV']);
  });

  it('shows loading while fetching an item not in the list, then the item, and sets the tab title', async () => {
    const { controller, take, answer, titles } = setup();
    controller.receive({ type: 'ready' });
    void controller.load();
    assert.deepEqual([...new Set(types(take()))], ['init', 'loading']);
    await answer('comments');
    assert.deepEqual([...new Set(types(take()))], ['loading'], 'a thread without its item is not shown');
    await answer('item');
    assert.ok(types(take()).includes('item'));
    assert.equal(titles.length, 1);
    await answer();
    const rest = take();
    assert.equal(rest.at(-1)?.type, 'item', 'loading no more');
    assert.equal(lastItem(rest).loading, undefined);
    assert.equal(titles.length, 1, 'the title did not change');
  });

  it('cuts a long title for the tab', async () => {
    const tracker = newTracker();
    tracker.items.set('FL-1', item({ title: 'A very long title that will not fit in an editor tab at all' }));
    const { controller, answer, titles } = setup({ tracker });
    void controller.load();
    await answer();
    assert.equal(titles.length, 1);
    assert.ok(titles[0].endsWith('…') && titles[0].length <= 40, titles[0]);
  });

  it('shows an error naming the reason when the first fetch fails, and retry fetches again', async () => {
    const { tracker, controller, take, answer, fail, logs } = setup();
    controller.receive({ type: 'ready' });
    const load = controller.load();
    take();
    await fail(new TrackerError('server', 'HTTP 503'), 'item');
    await answer();
    await load;
    const messages = take();
    assert.ok(!types(messages).includes('item'));
    assert.deepEqual(messages.at(-1), { type: 'error', message: 'server: HTTP 503' });
    assert.ok(logs.some((l) => l.includes('could not fetch item') && l.includes('server: HTTP 503')), logs.join('\n'));
    controller.receive({ type: 'retry' });
    assert.deepEqual([...new Set(types(take()))], ['loading']);
    await answer();
    assert.equal(types(take()).at(-1), 'item');
    assert.equal(tracker!.callsOf('item'), 2);
  });

  it('keeps the last content, marked stale, when a refresh fails', async () => {
    const { controller, take, answer, fail } = setup();
    controller.receive({ type: 'ready' });
    void controller.load();
    await answer();
    take();
    controller.refreshIfChanged('2024-03-01T00:00:00Z');
    assert.deepEqual(types(take()).slice(0, 2), ['item', 'loading']);
    await fail(new TrackerError('unreachable', 'ECONNREFUSED'), 'item');
    await fail(new TrackerError('unreachable', 'ECONNREFUSED'), 'comments');
    await answer();
    const messages = take();
    assert.equal(messages.at(-1)?.type, 'item', 'no loading after the last item');
    const shown = lastItem(messages);
    assert.equal(shown.item.title, 'Export to CSV');
    assert.deepEqual(shown.comments.map((c) => c.body), ['please'], 'the last thread too');
    assert.deepEqual(shown.stale, { message: 'unreachable: ECONNREFUSED' });
    assert.equal(shown.loading, undefined);
    assert.equal(controller.updatedAt, '2024-01-01T00:00:00Z');
  });

  it('refetches only when updatedAt changed', async () => {
    const { tracker, controller, answer } = setup();
    void controller.load();
    await answer();
    controller.refreshIfChanged('2024-01-01T00:00:00Z');
    await settle();
    assert.equal(tracker!.callsOf('item'), 1);
    tracker!.items.set('FL-1', item({ updatedAt: '2024-01-05T00:00:00Z', title: 'Renamed' }));
    controller.refreshIfChanged('2024-01-05T00:00:00Z');
    controller.refreshIfChanged('2024-01-05T00:00:00Z'); // still loading: not asked twice
    await settle();
    assert.equal(tracker!.callsOf('item'), 2);
    await answer();
    assert.equal(controller.updatedAt, '2024-01-05T00:00:00Z');
  });

  // Design change: a second load while one is in flight joins it (ItemDetails dedupes) instead of aborting it.
  it('joins a load already in flight: one request per part, none aborted, both settle on its answer', async () => {
    const { tracker, controller, take, answer } = setup();
    controller.receive({ type: 'ready' });
    const first = controller.load();
    const second = controller.load();
    await settle();
    assert.deepEqual(PARTS.map((p) => tracker!.callsOf(p)), [1, 1, 1, 1]);
    assert.ok(tracker!.calls.every((c) => c.signal?.aborted === false));
    take();
    await answer();
    await Promise.all([first, second]);
    const messages = take();
    assert.equal(lastItem(messages).item.title, 'Export to CSV');
    assert.equal(messages.at(-1)?.type, 'item', 'not loading any more');
  });

  it('shares one fetch between two panels of the item', async () => {
    const one = setup();
    const two = setup({ tracker: one.tracker, details: one.details });
    one.controller.receive({ type: 'ready' });
    two.controller.receive({ type: 'ready' });
    void one.controller.load();
    void two.controller.load();
    await one.answer();
    assert.deepEqual(PARTS.map((p) => one.tracker!.callsOf(p)), [1, 1, 1, 1]);
    assert.deepEqual(lastItem(one.take()).comments.map((c) => c.body), ['please']);
    assert.deepEqual(lastItem(two.take()).comments.map((c) => c.body), ['please']);
  });

  it('shows a reply confirmed through the session in the panel and the Conversation view of the item, without fetching again', async () => {
    const tracker = newTracker();
    tracker.hold = false;
    const session = new FeedbackSession({ grouping: 'status', sort: 'demand', filter: '' });
    session.connect({ id: 'T', label: 'Tracker', tracker: async () => tracker });
    const clock = new ManualClock();
    const outbox = new Outbox({
      storage: new MemoryStorage(),
      send: async (entry) => {
        const reply = comment(`r-${entry.id}`, (entry.request.body as { body: string }).body, 'team');
        tracker.comments.set('FL-1', [...COMMENTS, reply]);
        return reply;
      },
      now: clock.now,
      setTimer: clock.setTimer,
      random: () => 0.5,
    });
    session.followWrites(outbox, () => undefined);
    const drafts = new Drafts({ store: { get: () => undefined, update: async () => undefined }, setTimer: clock.setTimer });
    const replies = new ReplyService({ outbox, drafts, target: (key) => ({ tracker: 'T', itemId: key }), keyOf: (tracker, itemId) => (tracker === 'T' ? itemId : undefined), log: () => undefined });
    const panel = setup({ tracker, details: session.details, items: session.store });
    const posted: ConversationHostMessage[] = [];
    const conversation = new ConversationController({
      surface: { post: (m) => posted.push(m), openExternal: () => undefined },
      details: session.details,
      capabilities: () => session.capabilities(),
      replies,
      changeStatus: () => undefined,
      items: session.store,
      texts: { locale: 'en', strings: {} as ConversationStrings, notConnected: 'no', describeError: String },
      log: () => undefined,
    });
    panel.controller.receive({ type: 'ready' });
    conversation.receive({ type: 'ready' });
    await Promise.all([panel.controller.load(), conversation.follow('FL-1')]);
    const fetches = tracker.calls.length;
    assert.equal(tracker.callsOf('comments'), 1, 'the two views shared one fetch');
    panel.take();
    conversation.receive({ type: 'sendReply', itemId: 'FL-1', body: 'Shipped in 2.1', visibility: 'public' });
    await clock.advance(0);
    assert.deepEqual(lastItem(panel.take()).comments.map((c) => c.body), ['please', 'Shipped in 2.1']);
    const state = posted.filter((m): m is ConversationState => m.type === 'state').at(-1);
    assert.deepEqual(state?.comments.map((c) => c.body), ['please', 'Shipped in 2.1']);
    assert.deepEqual(state?.outgoing, [], 'in the thread, so not also shown as outgoing');
    assert.equal(tracker.calls.length, fetches, 'no fetch after the reply');
    drafts.dispose();
  });

  it('says "not connected" when there is no tracker', async () => {
    const { controller, take } = setup({ tracker: null });
    controller.receive({ type: 'ready' });
    await controller.load();
    assert.deepEqual(take().at(-1), { type: 'error', message: 'Not connected' });
  });

  it('replays the state to a page rebuilt after being hidden, and posts nothing while hidden', async () => {
    const { controller, take, answer } = setup();
    controller.receive({ type: 'ready' });
    void controller.load();
    take();
    controller.hidden();
    await answer();
    assert.deepEqual(take(), []);
    controller.receive({ type: 'ready' });
    assert.deepEqual(types(take()), ['init', 'item']);
  });

  it('merges the tracker’s trade-offs and linked commits, each as it lands', async () => {
    const tracker = newTracker();
    tracker.links.set('FL-1', [link(1)]);
    tracker.tradeOffs.set('FL-1', [tradeOff('t1')]);
    const merged: string[][] = [];
    const linkedCommits = async (_id: string, fromTracker: readonly CommitLink[]) => {
      merged.push(fromTracker.map((l) => l.id));
      return fromTracker.map((l): PanelLinkedCommit => ({ sha: l.sha, subject: l.subject, author: l.author, committedAt: l.committedAt, repository: l.repository, root: null, onDefaultBranch: null, tags: [] }));
    };
    const seen: string[][] = [];
    const tradeOffs = (_id: string, fromTracker: readonly { id: string }[]) => (seen.push(fromTracker.map((t) => t.id)), []);
    const { controller, take, answer } = setup({ tracker, linkedCommits, tradeOffs });
    controller.receive({ type: 'ready' });
    const load = controller.load();
    await answer('item');
    await answer('comments');
    await answer('links');
    const shown = lastItem(take());
    assert.deepEqual(shown.links?.map((l) => l.subject), ['Commit 1']);
    assert.equal(shown.loading, undefined);
    await answer('tradeOffs');
    await load;
    assert.deepEqual(seen.at(-1), ['t1']);
    assert.deepEqual(merged.at(-1), ['L1']);
  });

  it('opens http, https and mailto links and refuses the rest', () => {
    const { controller, opened, logs } = setup();
    controller.receive({ type: 'openExternal', url: 'https://example.com/x' });
    controller.receive({ type: 'openExternal', url: 'mailto:a@example.com' });
    controller.receive({ type: 'openExternal', url: 'javascript:alert(1)' });
    controller.receive({ type: 'openExternal', url: 'command:workbench.action.quit' });
    controller.receive({ type: 'openExternal', url: 'file:///etc/passwd' });
    assert.deepEqual(opened, ['https://example.com/x', 'mailto:a@example.com']);
    assert.equal(logs.filter((l) => l.includes('refused to open')).length, 3);
  });

  it('logs and ignores malformed messages, naming the field', () => {
    const { controller, take, opened, logs, tracker } = setup();
    for (const bad of [null, 'ready', { type: 'navigate' }, { type: 'openExternal' }, { type: 'openExternal', url: 1 }]) {
      controller.receive(bad);
    }
    assert.deepEqual(take(), []);
    assert.deepEqual(opened, []);
    assert.equal(tracker!.calls.length, 0);
    assert.equal(logs.length, 5);
    assert.ok(logs.some((l) => /malformed.*url:/.test(l)), logs.join('\n'));
    assert.ok(logs.some((l) => /malformed.*type:/.test(l)), logs.join('\n'));
  });

  // Design change: the fetch is the session's, shared with other views: disposing a panel no longer aborts it.
  it('posts nothing more once disposed, leaving the shared fetch to finish for other views', async () => {
    const { tracker, details, controller, take, answer, titles } = setup();
    controller.receive({ type: 'ready' });
    void controller.load();
    take();
    await settle();
    controller.dispose();
    assert.ok(tracker!.calls.length === 4 && tracker!.calls.every((c) => c.signal?.aborted === false));
    await answer();
    assert.deepEqual(take(), []);
    assert.deepEqual(titles, []);
    assert.equal(details.get('FL-1')?.item.value?.title, 'Export to CSV', 'the answer still lands in the session');
    details.addComment('FL-1', { ...COMMENTS[0], id: 'k2' });
    assert.deepEqual(take(), [], 'no longer listening');
  });
});

describe('item panel controller: linked commits', () => {
  function panel(linkedCommits: (id: string, fromTracker: readonly CommitLink[]) => Promise<PanelLinkedCommit[]>) {
    const tracker = new HeldTracker(fullItem('FL-1'));
    tracker.links.set('FL-1', [link(1)]);
    tracker.hold = true;
    const details = new ItemDetails();
    details.setSource(tracker);
    const posted: HostMessage[] = [];
    const controller = new ItemPanelController('FL-1', {
      surface: { post: (m) => posted.push(m), setTitle: () => undefined, openExternal: () => undefined },
      details,
      items: new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' }),
      capabilities: async () => ({ internalNotes: true }),
      log: () => undefined,
      texts: { locale: 'en', strings: {} as PanelStrings, notConnected: 'no', describeError: String },
      linkedCommits,
    });
    controller.receive({ type: 'ready' });
    const lastItem = () => posted.filter((m): m is ItemMessage => m.type === 'item').at(-1);
    return { tracker, controller, lastItem };
  }

  it('merges linked commits once, from the tracker’s answer, and says "loading" until it lands', async () => {
    const merged: string[][] = [];
    const { tracker, controller, lastItem } = panel(async (_id, fromTracker) => {
      merged.push(fromTracker.map((l) => l.id));
      return [];
    });
    const load = controller.load();
    tracker.answer({ part: 'item' });
    await settle();
    assert.deepEqual(lastItem()?.loading, ['comments', 'links'], 'the tracker’s links are not in yet');
    tracker.answer();
    await load;
    await settle();
    assert.deepEqual(merged, [['L1']], 'one merge, with the tracker’s links');
  });

  it('leaves the linked commits out, not loading for ever, when git fails', async () => {
    const { tracker, controller, lastItem } = panel(async () => Promise.reject(new Error('git: not a repository')));
    const load = controller.load();
    tracker.answer();
    await load;
    await settle();
    assert.equal(lastItem()?.links, undefined);
    assert.deepEqual(lastItem()?.loading, undefined, 'nothing is on its way any more');
  });
});
