// The composer under the item panel's thread: the panel's controller sends
// the draft when the page is new, forwards sends and drafts for its own item
// only, refuses internal notes where the tracker has none, and updates the
// outgoing replies as they change, leaving out those the thread has, and
// says "Draft saved" for its own item's draft as written.
import * as assert from 'node:assert/strict';
import { Emitter } from '../../src/core/events';
import { FeedbackStore } from '../../src/core/feedbackStore';
import { ItemDetails } from '../../src/core/itemDetails';
import { ItemPanelController } from '../../src/features/itemPanel/itemPanelController';
import type { PanelTexts } from '../../src/features/itemPanel/itemPanelController';
import type { PanelComposer } from '../../src/platform/panelComposer';
import type { OutgoingReply } from '../../src/shared/composerProtocol';
import type { HostMessage, PanelStrings } from '../../src/shared/itemPanelProtocol';
import { HeldTracker, comment, fullItem } from './detailFakes';

const TEXTS: PanelTexts = { locale: 'en', strings: {} as PanelStrings, notConnected: 'no', describeError: String };

function setup(internalNotes: boolean) {
  const changed = new Emitter<void>();
  const returned = new Emitter<string>();
  const saved = new Emitter<{ itemId: string; body: string }>();
  const calls: string[] = [];
  let outgoing: OutgoingReply[] = [];
  const composer: PanelComposer = {
    strings: { send: 'Send' } as PanelComposer['strings'],
    draft: () => ({ body: 'kept', visibility: 'public' }),
    saveDraft: (itemId, body, visibility) => void calls.push(`draft ${itemId} ${body} ${visibility}`),
    send: (itemId, body, visibility) => (calls.push(`send ${itemId} ${body} ${visibility}`), true),
    outgoing: () => outgoing,
    changeStatus: (itemId) => void calls.push(`status ${itemId}`),
    onDidChange: changed.event,
    onDidReturnDraft: returned.event,
    onDidSaveDraft: saved.event,
  };
  const posted: HostMessage[] = [];
  const details = new ItemDetails();
  details.setSource(new HeldTracker(fullItem('FB-1')));
  const controller = new ItemPanelController('FB-1', {
    surface: { post: (m) => posted.push(m), setTitle: () => undefined, openExternal: () => undefined },
    details,
    items: new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' }),
    capabilities: async () => ({ internalNotes }),
    log: () => undefined,
    texts: TEXTS,
    composer,
  });
  const composerMessages = () => posted.filter((m) => m.type === 'composer');
  return { controller, details, calls, posted, composerMessages, changed, returned, saved, setOutgoing: (o: OutgoingReply[]) => (outgoing = o) };
}

describe('Item panel composer', () => {
  it('sends the draft with the first composer state of a new page', async () => {
    const { controller, composerMessages } = setup(true);
    controller.receive({ type: 'ready' });
    await controller.load();
    const [first, later] = composerMessages();
    assert.deepEqual(first.type === 'composer' && first.draft, { body: 'kept', visibility: 'public' });
    assert.ok(later.type === 'composer' && later.draft === undefined && later.canInternal, 'after the fetch: no draft, internal notes allowed');
  });

  it('forwards sends and status changes for its own item only, and keeps a draft of the item the page showed before', async () => {
    const { controller, calls } = setup(true);
    controller.receive({ type: 'ready' });
    await controller.load();
    controller.receive({ type: 'saveDraft', itemId: 'FB-1', body: 'typing', visibility: 'internal' });
    controller.receive({ type: 'sendReply', itemId: 'FB-1', body: 'done', visibility: 'internal' });
    controller.receive({ type: 'changeStatus', itemId: 'FB-1' });
    controller.receive({ type: 'sendReply', itemId: 'FB-2', body: 'elsewhere', visibility: 'public' });
    controller.receive({ type: 'changeStatus', itemId: 'FB-2' });
    // A preview panel reused for FB-1: the page flushes what was typed for FB-2 as it switches.
    controller.receive({ type: 'saveDraft', itemId: 'FB-2', body: 'half a reply', visibility: 'public' });
    assert.deepEqual(calls, ['draft FB-1 typing internal', 'send FB-1 done internal', 'status FB-1', 'draft FB-2 half a reply public']);
  });

  it('refuses an internal note when the tracker has no internal notes', async () => {
    const { controller, calls } = setup(false);
    controller.receive({ type: 'ready' });
    await controller.load();
    controller.receive({ type: 'sendReply', itemId: 'FB-1', body: 'secret', visibility: 'internal' });
    assert.deepEqual(calls, []);
  });

  it('posts the outgoing replies when they change, and the draft again when a refused reply returns', async () => {
    const { controller, composerMessages, changed, returned, setOutgoing } = setup(true);
    controller.receive({ type: 'ready' });
    await controller.load();
    setOutgoing([{ id: 'e1', body: 'on its way', visibility: 'public', state: 'sending' }]);
    changed.fire();
    const last = composerMessages().at(-1);
    assert.deepEqual(last?.type === 'composer' && last.outgoing.map((r) => r.state), ['sending']);
    returned.fire('FB-2');
    assert.equal(composerMessages().at(-1), last, 'another item: nothing');
    returned.fire('FB-1');
    const again = composerMessages().at(-1);
    assert.ok(again?.type === 'composer' && again.draft !== undefined);
  });

  it('says "Draft saved" for its own item when the text written is still the draft', async () => {
    const { controller, posted, saved } = setup(true);
    const told = () => posted.filter((m) => m.type === 'draftSaved');
    saved.fire({ itemId: 'FB-1', body: 'kept' });
    assert.deepEqual(told(), [], 'no page yet');
    controller.receive({ type: 'ready' });
    await controller.load();
    saved.fire({ itemId: 'FB-2', body: 'kept' });
    saved.fire({ itemId: 'FB-1', body: 'kep' });
    saved.fire({ itemId: 'FB-1', body: '' });
    assert.deepEqual(told(), [], 'another item, an older text, a removed draft: nothing');
    saved.fire({ itemId: 'FB-1', body: 'kept' });
    assert.deepEqual(told(), [{ type: 'draftSaved', itemId: 'FB-1', body: 'kept' }]);
    controller.dispose();
    saved.fire({ itemId: 'FB-1', body: 'kept' });
    assert.equal(told().length, 1, 'closed: nothing');
  });

  it('leaves out a sent reply once the thread has it (folded in by the session)', async () => {
    const { controller, details, composerMessages, changed, setOutgoing } = setup(true);
    controller.receive({ type: 'ready' });
    await controller.load();
    setOutgoing([
      { id: 'c7', body: 'sent', visibility: 'public', state: 'sent' },
      { id: 'e2', body: 'queued', visibility: 'public', state: 'pending' },
    ]);
    changed.fire();
    const outgoing = () => {
      const last = composerMessages().at(-1);
      return last?.type === 'composer' ? last.outgoing.map((r) => r.id) : [];
    };
    assert.deepEqual(outgoing(), ['c7', 'e2']);
    details.addComment('FB-1', comment('c7', 'sent', 'team'));
    changed.fire();
    assert.deepEqual(outgoing(), ['e2']);
  });

  it('does not allow internal notes before the tracker’s capabilities are known', () => {
    const { controller, composerMessages } = setup(true);
    controller.receive({ type: 'ready' });
    const [first] = composerMessages();
    assert.ok(first.type === 'composer' && first.canInternal === false);
  });
});
