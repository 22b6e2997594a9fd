// Send → *sending*: the time from the composer's `sendReply` message reaching
// the host to the reply drawn as *sending* in the thread's DOM (host logic,
// the state message, the webview's render over jsdom), in one process.
// Only the webview's postMessage hop is left out.
import { JSDOM } from 'jsdom';
import createDOMPurify from 'dompurify';
import { Drafts } from '../../src/core/drafts';
import type { Comment, FeedbackItem } from '../../src/core/model';
import { Outbox } from '../../src/core/outbox';
import { ItemDetails } from '../../src/core/itemDetails';
import { FeedbackStore } from '../../src/core/feedbackStore';
import { ConversationController } from '../../src/features/conversation/conversationController';
import { ReplyService } from '../../src/features/conversation/replyService';
import type { ConversationHostMessage, ConversationStrings } from '../../src/shared/conversationProtocol';
import type { TrackerClient } from '../../src/trackers/tracker';

type Row = (name: string, value: string, budget: string) => void;

const COMMENTS = 50;

function fakeTracker(): TrackerClient {
  const at = '2025-01-01T00:00:00Z';
  const item = { id: 'FB-1', title: 'Bench', status: 'open', votes: 1, customerCount: 0, revenue: null, tags: [], createdAt: at, updatedAt: at, url: null, description: '', customers: [], commentCount: COMMENTS } satisfies FeedbackItem;
  const comments: Comment[] = Array.from({ length: COMMENTS }, (_, i) => ({
    id: `c${i}`,
    author: { name: `Person ${i}`, role: i % 2 ? 'team' : 'customer' },
    body: `A **markdown** comment number ${i} with [a link](https://example.com/${i}).`,
    visibility: 'public',
    createdAt: at,
  }));
  return { capabilities: { internalNotes: true }, getItem: async () => item, listComments: async () => comments, listLinks: async () => [], listTradeOffs: async () => [] } as unknown as TrackerClient;
}

export async function replyBench(row: Row): Promise<void> {
  const dom = new JSDOM('<!DOCTYPE html><main id="root"></main>');
  Object.assign(globalThis, { document: dom.window.document });
  const { createMarkdownRenderer } = await import('../../src/webview/itemPanel/markdown');
  const { ThreadRenderer } = await import('../../src/webview/conversation/thread');
  const markdown = createMarkdownRenderer(createDOMPurify(dom.window as unknown as Window & typeof globalThis));
  const store = new Map<string, unknown>();
  const timer = (cb: () => void, ms: number) => {
    const h = setTimeout(cb, ms);
    return { dispose: () => clearTimeout(h) };
  };
  const outbox = new Outbox({ storage: { load: async () => undefined, save: async () => undefined }, send: () => new Promise(() => undefined), canSend: () => false });
  const drafts = new Drafts({ store: { get: (k) => store.get(k), update: async (k, v) => void store.set(k, v) }, setTimer: timer });
  const replies = new ReplyService({ outbox, drafts, target: (key) => ({ tracker: 'bench', itemId: key }), keyOf: (_tracker, itemId) => itemId, log: () => undefined });
  let shownAt: number | undefined;
  let thread: InstanceType<typeof ThreadRenderer> | undefined;
  const root = dom.window.document.getElementById('root')!;
  const post = (message: ConversationHostMessage): void => {
    if (message.type === 'init') {
      thread = new ThreadRenderer({ strings: message.strings, locale: 'en', markdown });
    } else if (message.type === 'state' && thread) {
      root.replaceChildren(thread.render(message.comments, message.outgoing));
      if (root.querySelector('[data-state="sending"]') && shownAt === undefined) {
        shownAt = performance.now();
      }
    }
  };
  const details = new ItemDetails();
  details.setSource(fakeTracker());
  const controller = new ConversationController({
    surface: { post, openExternal: () => undefined },
    details,
    items: new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' }),
    capabilities: async () => ({ internalNotes: true }),
    replies,
    changeStatus: () => undefined,
    texts: { locale: 'en', strings: benchStrings(), notConnected: 'not connected', describeError: String },
    log: () => undefined,
  });
  controller.receive({ type: 'ready' });
  await controller.follow('FB-1');
  const times: number[] = [];
  for (let i = 0; i < 45; i++) {
    shownAt = undefined;
    const started = performance.now();
    controller.receive({ type: 'sendReply', itemId: 'FB-1', body: `Reply ${i}: thanks, this **shipped**.`, visibility: 'public' });
    if (i >= 5) {
      times.push((shownAt ?? Infinity) - started); // the first five warm the JIT
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  times.sort((a, b) => a - b);
  row(`send → reply shown as sending (${COMMENTS}-comment thread), median`, `${times[Math.floor(times.length / 2)].toFixed(2)} ms`, '≤ 16 ms');
  row('send → reply shown as sending, worst of 40', `${times[times.length - 1].toFixed(2)} ms`, '≤ 16 ms');
  controller.dispose();
  replies.dispose();
  outbox.dispose();
}

function benchStrings(): ConversationStrings {
  const composer = Object.fromEntries(
    ['placeholder', 'write', 'preview', 'send', 'sendHint', 'publicReply', 'publicHint', 'internalNote', 'internalHint', 'changeStatus', 'sending', 'pending', 'sent', 'refused', 'nothingToPreview'].map((k) => [k, k]),
  ) as ConversationStrings['composer'];
  const statuses = { open: 'Open', 'under-review': 'Under review', planned: 'Planned', 'in-progress': 'In progress', shipped: 'Shipped', closed: 'Closed' };
  return { composer, noItem: '', loading: '', retry: '', noComments: '', customer: 'Customer', team: 'Team', internal: 'Internal', statuses, statusPending: 'pending' };
}
