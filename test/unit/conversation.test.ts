// The Conversation view's host logic with a real outbox and drafts, reading
// the item through the session's details: the row at once, the thread as it
// lands, a reply shown as sending at once, drafts per item, refused replies
// back in the draft with the reason, internal notes only where the tracker
// has them, and malformed webview messages ignored.
import * as assert from 'node:assert/strict';
import { Drafts } from '../../src/core/drafts';
import { FeedbackStore } from '../../src/core/feedbackStore';
import { ItemDetails } from '../../src/core/itemDetails';
import type { FeedbackItem, ItemSummary } from '../../src/core/model';
import { Outbox } from '../../src/core/outbox';
import type { OutboxEntry } from '../../src/core/outbox';
import { ConversationController } from '../../src/features/conversation/conversationController';
import { ReplyService } from '../../src/features/conversation/replyService';
import type { ConversationHostMessage, ConversationState, ConversationStrings } from '../../src/shared/conversationProtocol';
import { TrackerError } from '../../src/trackers/tracker';
import { HeldTracker, comment, fullItem } from './detailFakes';
import { ManualClock, MemoryStorage, settle } from './outboxFakes';

const item = (id: string): FeedbackItem => fullItem(id, { status: 'planned' });

function newStore(): FeedbackStore {
  return new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
}

function setup(options: { legacyIds?: readonly string[]; stored?: Record<string, unknown>; internalNotes?: boolean; audience?: 'customers' | 'workspace'; send?: (entry: OutboxEntry) => Promise<unknown>; items?: FeedbackStore; connected?: boolean; canQueue?: boolean; hold?: boolean } = {}) {
  const clock = new ManualClock();
  const kv = new Map<string, unknown>(options.stored ? [['feedbackLoop.drafts', options.stored]] : []);
  const outbox = new Outbox({
    storage: new MemoryStorage(),
    send: options.send ?? (async (entry) => ({ ...comment(`new-${entry.id}`, '', 'team'), ...(entry.request.body as { body: string; visibility: 'public' | 'internal' }) })),
    now: clock.now,
    setTimer: clock.setTimer,
    random: () => 0.5,
  });
  const drafts = new Drafts({ store: { get: (k) => kv.get(k), update: async (k, v) => void kv.set(k, v) }, setTimer: clock.setTimer });
  const logs: string[] = [];
  const replies = new ReplyService({
    outbox,
    drafts,
    // Keys are the items' ids here, every one the connection T's.
    target: (key) => (options.connected === false || options.canQueue === false ? undefined : { tracker: 'T', itemId: key }),
    keyOf: (tracker, itemId) => (tracker === 'T' ? itemId : undefined),
    legacyIdsOf: (id) => (id === 'T' ? (options.legacyIds ?? []) : []),
    log: (l) => logs.push(l),
  });
  const posted: ConversationHostMessage[] = [];
  const tracker = new HeldTracker(item('FB-1'), item('FB-2'));
  tracker.comments.set('FB-1', [comment('c1', 'Please add this')]);
  tracker.comments.set('FB-2', [comment('c2', 'Me too')]);
  tracker.hold = options.hold ?? false;
  const details = new ItemDetails();
  details.setSource(options.connected === false ? undefined : tracker);
  const controller = new ConversationController({
    surface: { post: (m) => posted.push(m), openExternal: () => undefined },
    details,
    capabilities: async () => (options.connected === false ? undefined : { internalNotes: options.internalNotes ?? true, replyAudience: options.audience }),
    replies,
    changeStatus: () => undefined,
    items: options.items ?? newStore(),
    texts: { locale: 'en', strings: {} as ConversationStrings, notConnected: 'not connected', describeError: (e) => (e instanceof Error ? e.message : String(e)) },
    log: (l) => logs.push(l),
  });
  controller.receive({ type: 'ready' });
  const lastState = (): ConversationState => posted.filter((m): m is ConversationState => m.type === 'state').at(-1)!;
  return { clock, kv, outbox, drafts, replies, controller, posted, logs, lastState, tracker, details };
}

describe('Conversation host logic', () => {
  it('follows an item: its thread, and an empty draft', async () => {
    const { controller, posted, lastState } = setup();
    await controller.follow('FB-1');
    assert.deepEqual(lastState().item, { id: 'FB-1', title: 'Title FB-1', status: 'planned' });
    assert.deepEqual(lastState().comments.map((c) => c.body), ['Please add this']);
    assert.equal(lastState().loading, false);
    assert.deepEqual(posted.find((m) => m.type === 'draft'), { type: 'draft', itemId: 'FB-1', draft: { body: '', visibility: 'public' } });
  });

  it('shows the row’s title at once and the thread when it lands', async () => {
    const store = newStore();
    const row: ItemSummary = { ...item('FB-1'), title: 'From the list' };
    store.setSource({ listItems: async () => ({ items: [row], nextCursor: null, rejected: [] }) });
    await store.refresh();
    const { controller, lastState, tracker } = setup({ items: store, hold: true });
    const follow = controller.follow('FB-1');
    assert.deepEqual(lastState().item, { id: 'FB-1', title: 'From the list', status: 'planned' });
    assert.equal(lastState().loading, true);
    await settle();
    tracker.answer({ part: 'comments' });
    await settle();
    assert.deepEqual(lastState().comments.map((c) => c.body), ['Please add this'], 'the thread as soon as it lands');
    assert.equal(lastState().item?.title, 'From the list', 'the full item is still on its way');
    tracker.answer();
    await follow;
    assert.equal(lastState().item?.title, 'Title FB-1');
    assert.equal(lastState().loading, false);
  });

  it('shows what the session already has of the item at once, and revalidates it', async () => {
    const { controller, lastState, tracker, details } = setup();
    await details.load('FB-1'); // an item panel fetched it
    tracker.hold = true;
    const follow = controller.follow('FB-1');
    assert.deepEqual(lastState().comments.map((c) => c.body), ['Please add this']);
    assert.equal(lastState().loading, true);
    tracker.comments.set('FB-1', [comment('c1', 'Please add this'), comment('c3', 'Any news?')]);
    await settle();
    tracker.answer();
    await follow;
    assert.deepEqual(lastState().comments.map((c) => c.body), ['Please add this', 'Any news?']);
  });

  it('shows and logs why the thread could not be fetched, and retry fetches again', async () => {
    const { controller, lastState, logs, tracker } = setup({ hold: true });
    const follow = controller.follow('FB-1');
    await settle();
    assert.equal(lastState().error, undefined, 'no error while loading');
    tracker.fail(new TrackerError('server', 'HTTP 503'), { part: 'comments' });
    tracker.answer();
    await follow;
    assert.equal(lastState().error, 'HTTP 503');
    assert.equal(lastState().loading, false);
    assert.ok(logs.some((l) => l.includes('FB-1: fetch failed: HTTP 503')), logs.join('\n'));
    tracker.hold = false;
    controller.receive({ type: 'retry' });
    await settle();
    assert.equal(lastState().error, undefined);
    assert.deepEqual(lastState().comments.map((c) => c.body), ['Please add this']);
  });

  it('says "not connected" without a tracker', async () => {
    const { controller, lastState } = setup({ connected: false });
    await controller.follow('FB-1');
    assert.equal(lastState().error, 'not connected');
    assert.equal(lastState().canInternal, false);
  });

  it('says "not connected" when a reply cannot be queued, until the next load', async () => {
    const { controller, lastState, outbox } = setup({ canQueue: false });
    await controller.follow('FB-1');
    assert.equal(lastState().error, undefined);
    controller.receive({ type: 'sendReply', itemId: 'FB-1', body: 'Hello', visibility: 'public' });
    assert.equal(lastState().error, 'not connected');
    assert.deepEqual(outbox.entries(), []);
    await controller.load();
    assert.equal(lastState().error, undefined);
  });

  it('ignores what lands for an item it no longer follows', async () => {
    const { controller, lastState, tracker, posted } = setup({ hold: true });
    const first = controller.follow('FB-1');
    const second = controller.follow('FB-2');
    await settle();
    const before = posted.length;
    tracker.answer({ id: 'FB-1' });
    await first;
    await settle();
    assert.equal(posted.length, before, 'FB-1 landing redraws nothing');
    assert.equal(lastState().loading, true, 'still loading FB-2');
    tracker.answer();
    await second;
    assert.deepEqual(lastState().comments.map((c) => c.body), ['Me too']);
    assert.equal(lastState().loading, false);
  });

  it('shows the status the store shows (a pending change at once), redrawn when that item changes', async () => {
    const store = newStore();
    const { controller, lastState, posted } = setup({ items: store });
    await controller.follow('FB-1');
    assert.equal(lastState().item?.status, 'planned', 'the fetched status while the store knows nothing of it');
    const before = posted.length;
    store.applyPending('w1', 'FB-2', 'closed');
    assert.equal(posted.length, before, 'another item changing redraws nothing');
    store.applyPending('w2', 'FB-1', 'shipped');
    assert.deepEqual(lastState().item, { id: 'FB-1', title: 'Title FB-1', status: 'shipped', statusPending: true });
    store.refusePending('w2');
    assert.deepEqual(lastState().item, { id: 'FB-1', title: 'Title FB-1', status: 'planned' });
  });

  it('shows a reply as sending in the same turn as the send message, then as sent, never twice', async () => {
    const { controller, clock, lastState } = setup();
    await controller.follow('FB-1');
    controller.receive({ type: 'sendReply', itemId: 'FB-1', body: 'On its way', visibility: 'public' });
    assert.deepEqual(lastState().outgoing.map((r) => [r.body, r.state]), [['On its way', 'sending']]);
    await clock.advance(0);
    assert.deepEqual(lastState().outgoing.map((r) => [r.body, r.state]), [['On its way', 'sent']]);
  });

  it('drops a sent reply from the outgoing ones once the thread has it', async () => {
    const { controller, clock, lastState, details } = setup();
    await controller.follow('FB-1');
    controller.receive({ type: 'sendReply', itemId: 'FB-1', body: 'On its way', visibility: 'public' });
    await clock.advance(0);
    const [sent] = lastState().outgoing;
    details.addComment('FB-1', comment(sent.id, 'On its way', 'team'));
    assert.deepEqual(lastState().outgoing, []);
    assert.deepEqual(lastState().comments.map((c) => c.body), ['Please add this', 'On its way']);
  });

  it('shows pending with the reason while the tracker cannot be reached', async () => {
    const { controller, clock, lastState } = setup({ send: async () => Promise.reject(new TrackerError('unreachable', 'ECONNREFUSED')) });
    await controller.follow('FB-1');
    controller.receive({ type: 'sendReply', itemId: 'FB-1', body: 'Hello', visibility: 'public' });
    await clock.advance(0);
    assert.deepEqual(lastState().outgoing.map((r) => [r.state, r.error]), [['pending', 'ECONNREFUSED']]);
  });

  it('keeps drafts per item and restores them from the store within half a second', async () => {
    const { controller, clock, kv, posted, drafts } = setup();
    await controller.follow('FB-1');
    controller.receive({ type: 'saveDraft', itemId: 'FB-1', body: 'half written', visibility: 'internal' });
    await clock.advance(499);
    assert.deepEqual(kv.get('feedbackLoop.drafts'), { 'T FB-1': { body: 'half written', visibility: 'internal' } });
    const reloaded = new Drafts({ store: { get: (k) => kv.get(k), update: async () => undefined }, setTimer: clock.setTimer });
    assert.deepEqual(reloaded.get(Drafts.key('T', 'FB-1')), { body: 'half written', visibility: 'internal' });
    await controller.follow('FB-2');
    await controller.follow('FB-1');
    assert.deepEqual(posted.filter((m) => m.type === 'draft').at(-1), { type: 'draft', itemId: 'FB-1', draft: { body: 'half written', visibility: 'internal' } });
    drafts.dispose();
  });

  it('says "Draft saved" once the shown item’s draft is in the store, with the text written', async () => {
    const { controller, clock, kv, posted } = setup();
    await controller.follow('FB-1');
    const saved = () => posted.filter((m) => m.type === 'draftSaved');
    controller.receive({ type: 'saveDraft', itemId: 'FB-1', body: 'half written', visibility: 'public' });
    assert.deepEqual(saved(), [], 'kept in memory only: not yet');
    await clock.advance(300);
    assert.deepEqual(kv.get('feedbackLoop.drafts'), { 'T FB-1': { body: 'half written', visibility: 'public' } });
    assert.deepEqual(saved(), [{ type: 'draftSaved', itemId: 'FB-1', body: 'half written' }]);
  });

  it('says nothing when the draft changed while it was being written, or was emptied, or is not the shown item’s', async () => {
    const { controller, clock, drafts, posted } = setup();
    await controller.follow('FB-1');
    const saved = () => posted.filter((m) => m.type === 'draftSaved');
    controller.receive({ type: 'saveDraft', itemId: 'FB-1', body: 'first', visibility: 'public' });
    const writing = drafts.flush();
    controller.receive({ type: 'saveDraft', itemId: 'FB-1', body: 'first and more', visibility: 'public' });
    await writing;
    assert.deepEqual(saved(), [], '"first" was written, the composer holds more');
    await clock.advance(300);
    assert.deepEqual(saved().map((m) => m.type === 'draftSaved' && m.body), ['first and more']);
    controller.receive({ type: 'saveDraft', itemId: 'FB-1', body: '', visibility: 'public' });
    await clock.advance(300);
    assert.equal(saved().length, 1, 'an emptied draft is removed, not saved');
    controller.receive({ type: 'saveDraft', itemId: 'FB-2', body: 'elsewhere', visibility: 'public' });
    await clock.advance(300);
    assert.equal(saved().length, 1, 'FB-2 is not shown');
    controller.hidden();
    controller.receive({ type: 'saveDraft', itemId: 'FB-1', body: 'while hidden', visibility: 'public' });
    await clock.advance(300);
    assert.equal(saved().length, 1, 'no page to tell');
  });

  it('restores a draft typed before the connection registry, and keeps it under the connection’s id once written', async () => {
    const stored = { 'http://127.0.0.1:3000 FB-1': { body: 'typed before the upgrade', visibility: 'public' } };
    const { controller, clock, kv, posted } = setup({ legacyIds: ['http://127.0.0.1:3000'], stored });
    await controller.follow('FB-1');
    assert.deepEqual(posted.filter((m) => m.type === 'draft').at(-1), { type: 'draft', itemId: 'FB-1', draft: { body: 'typed before the upgrade', visibility: 'public' } });
    controller.receive({ type: 'saveDraft', itemId: 'FB-1', body: 'typed before the upgrade, and after', visibility: 'public' });
    await clock.advance(300);
    assert.deepEqual(kv.get('feedbackLoop.drafts'), { 'T FB-1': { body: 'typed before the upgrade, and after', visibility: 'public' } });
  });

  it('tells of saved drafts per item of the connected tracker only', async () => {
    const { drafts, replies } = setup();
    const told: { itemId: string; body: string }[] = [];
    replies.onDidSaveDraft((saved) => told.push(saved));
    drafts.set(Drafts.key('T', 'FB-1'), { body: 'ours', visibility: 'public' });
    drafts.set(Drafts.key('T', 'FB-2'), { body: 'also ours', visibility: 'internal' });
    drafts.set(Drafts.key('U', 'FB-1'), { body: 'another tracker', visibility: 'public' });
    await drafts.flush();
    assert.deepEqual(told, [
      { itemId: 'FB-1', body: 'ours' },
      { itemId: 'FB-2', body: 'also ours' },
    ]);
  });

  it('puts a refused reply back into the draft with the tracker’s reason, and out of the outbox', async () => {
    const { controller, clock, outbox, posted, replies } = setup({ send: async () => Promise.reject(new TrackerError('rejected', 'body too long (422)', { status: 422 })) });
    await controller.follow('FB-1');
    controller.receive({ type: 'sendReply', itemId: 'FB-1', body: 'Refused text', visibility: 'public' });
    await clock.advance(0);
    await clock.advance(0);
    assert.deepEqual(replies.draft('FB-1'), { body: 'Refused text', visibility: 'public', refusal: 'body too long (422)' });
    assert.deepEqual(posted.filter((m) => m.type === 'draft').at(-1), { type: 'draft', itemId: 'FB-1', draft: { body: 'Refused text', visibility: 'public', refusal: 'body too long (422)' } });
    assert.deepEqual(outbox.entries(), []);
  });

  it('refuses an internal note when the tracker has none, rather than publishing it', async () => {
    const { controller, clock, outbox, logs } = setup({ internalNotes: false });
    await controller.follow('FB-1');
    assert.equal(controller.snapshot().canInternal, false);
    controller.receive({ type: 'sendReply', itemId: 'FB-1', body: 'secret', visibility: 'internal' });
    await clock.advance(0);
    assert.deepEqual(outbox.entries(), []);
    assert.ok(logs.some((l) => l.includes('internal note')));
  });

  it('sends an internal note where the tracker has them', async () => {
    const { controller, clock, lastState } = setup({ internalNotes: true });
    await controller.follow('FB-1');
    assert.equal(lastState().canInternal, true);
    controller.receive({ type: 'sendReply', itemId: 'FB-1', body: 'between us', visibility: 'internal' });
    await clock.advance(0);
    assert.deepEqual(lastState().outgoing.map((r) => [r.body, r.visibility, r.state]), [['between us', 'internal', 'sent']]);
  });

  it('tells the composer who reads a reply: the customers, unless the tracker says only its workspace does', async () => {
    const plain = setup({});
    await plain.controller.follow('FB-1');
    assert.equal(plain.lastState().audience, 'customers');
    const linear = setup({ internalNotes: false, audience: 'workspace' });
    await linear.controller.follow('FB-1');
    assert.equal(linear.lastState().audience, 'workspace');
  });

  it('logs and ignores malformed messages', async () => {
    const { controller, outbox, logs, clock } = setup();
    await controller.follow('FB-1');
    for (const bad of [null, 'send', { type: 'sendReply', itemId: 'FB-1', body: '   ', visibility: 'public' }, { type: 'sendReply', itemId: 'FB-1', body: 'x', visibility: 'everyone' }, { type: 'nope' }]) {
      controller.receive(bad);
    }
    await clock.advance(0);
    assert.deepEqual(outbox.entries(), []);
    assert.equal(logs.filter((l) => l.includes('malformed')).length, 5);
  });

  it('redraws nothing once disposed', async () => {
    const { controller, posted, details } = setup();
    await controller.follow('FB-1');
    controller.dispose();
    const before = posted.length;
    details.addComment('FB-1', comment('c9'));
    assert.equal(posted.length, before);
  });

  it('sends a reply to the connection its key names, keeps drafts per connection, and says which item a refused one returns to', async () => {
    const clock = new ManualClock();
    const kv = new Map<string, unknown>();
    const sent: OutboxEntry[] = [];
    const outbox = new Outbox({
      storage: new MemoryStorage(),
      send: async (entry) => {
        sent.push(entry);
        throw new TrackerError('rejected', 'closed for comments', { status: 422 });
      },
      now: clock.now,
      setTimer: clock.setTimer,
      random: () => 0.5,
    });
    const drafts = new Drafts({ store: { get: (k) => kv.get(k), update: async (k, v) => void kv.set(k, v) }, setTimer: clock.setTimer });
    // Keys are refs: `<connection>/<item id>`; both REST servers have an FB-12.
    const target = (key: string) => {
      const [tracker, itemId] = key.split('/');
      return ['rest-aaaaaaaa', 'rest-bbbbbbbb'].includes(tracker) ? { tracker, itemId } : undefined;
    };
    const replies = new ReplyService({ outbox, drafts, target, keyOf: (tracker, itemId) => `${tracker}/${itemId}`, log: () => undefined });
    const returned: string[] = [];
    replies.onDidReturnDraft((key) => returned.push(key));
    replies.saveDraft('rest-aaaaaaaa/FB-12', 'for A', 'public');
    assert.equal(replies.draft('rest-bbbbbbbb/FB-12'), undefined, 'B’s FB-12 has its own draft');
    assert.equal(replies.send('rest-bbbbbbbb/FB-12', 'for B', 'public'), true);
    assert.equal(replies.send('rest-cccccccc/FB-12', 'for nobody', 'public'), false, 'a connection not here gets nothing');
    await clock.advance(0);
    assert.deepEqual(
      sent.map((e) => [e.tracker, e.request.itemId]),
      [['rest-bbbbbbbb', 'FB-12']],
    );
    await settle();
    assert.deepEqual(returned, ['rest-bbbbbbbb/FB-12']);
    assert.equal(replies.draft('rest-bbbbbbbb/FB-12')?.body, 'for B');
    assert.equal(replies.draft('rest-aaaaaaaa/FB-12')?.body, 'for A');
    drafts.dispose();
  });
});
