// The Conversation view's host logic with a real outbox and drafts: a reply
// shows as sending at once, drafts per item, refused replies back in the
// draft with the reason, internal notes only where the tracker has them, and
// malformed webview messages ignored.
import * as assert from 'node:assert/strict';
import { Drafts } from '../../src/core/drafts';
import type { Comment, FeedbackItem } from '../../src/core/model';
import { Outbox } from '../../src/core/outbox';
import type { OutboxEntry } from '../../src/core/outbox';
import type { ConversationDeps } from '../../src/features/conversation/conversationController';
import { ConversationController } from '../../src/features/conversation/conversationController';
import { ReplyService } from '../../src/features/conversation/replyService';
import type { ConversationHostMessage, ConversationState, ConversationStrings } from '../../src/shared/conversationProtocol';
import { TrackerError } from '../../src/trackers/tracker';
import type { TrackerClient } from '../../src/trackers/tracker';
import { FeedbackStore } from '../../src/core/feedbackStore';
import { ManualClock, MemoryStorage } from './outboxFakes';

const AT = '2025-01-01T00:00:00Z';
const item = (id: string): FeedbackItem => ({ id, title: `Title ${id}`, status: 'planned', votes: 1, customerCount: 0, revenue: null, tags: [], createdAt: AT, updatedAt: AT, url: null, description: '', customers: [], commentCount: 0 });
const comment = (id: string, body: string): Comment => ({ id, author: { name: 'Ada', role: 'customer' }, body, visibility: 'public', createdAt: AT });

function setup(options: { internalNotes?: boolean; send?: (entry: OutboxEntry) => Promise<unknown>; items?: ConversationDeps['items'] } = {}) {
  const clock = new ManualClock();
  const kv = new Map<string, unknown>();
  const outbox = new Outbox({
    storage: new MemoryStorage(),
    send: options.send ?? (async (entry) => ({ ...comment(`new-${entry.id}`, (entry.request.body as { body: string }).body), author: { name: 'Team', role: 'team' } })),
    now: clock.now,
    setTimer: clock.setTimer,
    random: () => 0.5,
  });
  const drafts = new Drafts({ store: { get: (k) => kv.get(k), update: async (k, v) => void kv.set(k, v) }, setTimer: clock.setTimer });
  const logs: string[] = [];
  const replies = new ReplyService({ outbox, drafts, currentTracker: () => 'T', log: (l) => logs.push(l) });
  const posted: ConversationHostMessage[] = [];
  const tracker = {
    capabilities: { internalNotes: options.internalNotes ?? true, revenue: true, idempotencyKeys: true, textSearch: true },
    getItem: async (id: string) => item(id),
    listComments: async () => [comment('c1', 'Please add this')],
  } as unknown as TrackerClient;
  const controller = new ConversationController({
    surface: { post: (m) => posted.push(m), openExternal: () => undefined },
    getTracker: () => tracker,
    replies,
    changeStatus: () => undefined,
    items: options.items,
    texts: { locale: 'en', strings: {} as ConversationStrings, notConnected: 'not connected', describeError: String },
    log: (l) => logs.push(l),
  });
  controller.receive({ type: 'ready' });
  const lastState = (): ConversationState => posted.filter((m): m is ConversationState => m.type === 'state').at(-1)!;
  return { clock, kv, outbox, drafts, replies, controller, posted, logs, lastState };
}

describe('Conversation host logic', () => {
  it('follows an item: its thread, and an empty draft', async () => {
    const { controller, posted, lastState } = setup();
    await controller.follow('FB-1');
    assert.deepEqual(lastState().item, { id: 'FB-1', title: 'Title FB-1', status: 'planned' });
    assert.deepEqual(lastState().comments.map((c) => c.body), ['Please add this']);
    assert.deepEqual(posted.find((m) => m.type === 'draft'), { type: 'draft', itemId: 'FB-1', draft: { body: '', visibility: 'public' } });
  });

  it('shows the status the store shows (a pending change at once), redrawn when that item changes', async () => {
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    const { controller, lastState, posted } = setup({ items: store });
    await controller.follow('FB-1');
    assert.equal(lastState().item?.status, 'planned', 'the fetched status while the store knows nothing of it');
    const before = posted.length;
    store.applyPending('w1', 'FB-2', 'closed');
    assert.equal(posted.length, before, 'another item changing redraws nothing');
    store.applyPending('w2', 'FB-1', 'shipped');
    assert.equal(lastState().item?.status, 'shipped');
    store.refusePending('w2');
    assert.equal(lastState().item?.status, 'planned');
  });

  it('shows a reply as sending in the same turn as the send message, then as sent, never twice', async () => {
    const { controller, clock, lastState } = setup();
    await controller.follow('FB-1');
    controller.receive({ type: 'sendReply', itemId: 'FB-1', body: 'On its way', visibility: 'public' });
    assert.deepEqual(lastState().outgoing.map((r) => [r.body, r.state]), [['On its way', 'sending']]);
    await clock.advance(0);
    assert.deepEqual(lastState().outgoing.map((r) => [r.body, r.state]), [['On its way', 'sent']]);
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
});
