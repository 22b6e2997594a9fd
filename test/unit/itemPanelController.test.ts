// One item panel's host logic against a fake tracker and a recording surface:
// the ready handshake, loading/error/stale states, retry, refresh, and what
// the host does with messages from the (untrusted) webview.
import * as assert from 'node:assert/strict';
import type { Comment, FeedbackItem } from '../../src/core/model';
import { ItemPanelController } from '../../src/features/itemPanel/itemPanelController';
import type { ItemPanelControllerDeps, PanelTexts } from '../../src/features/itemPanel/itemPanelController';
import { FeedbackStore } from '../../src/core/feedbackStore';
import type { HostMessage, PanelStrings } from '../../src/shared/itemPanelProtocol';
import { TrackerError } from '../../src/trackers/tracker';
import type { TrackerClient } from '../../src/trackers/tracker';

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

const COMMENTS: Comment[] = [
  { id: 'k1', author: { name: 'Ada', role: 'customer' }, body: 'please', visibility: 'public', createdAt: '2024-01-02T00:00:00Z' },
];

type Outcome = { item: FeedbackItem } | { error: unknown };

/** A tracker whose answers the test releases one by one. */
class FakeTracker {
  readonly calls: { id: string; signal: AbortSignal | undefined }[] = [];
  private readonly pending: ((outcome: Outcome) => void)[] = [];

  asClient(): TrackerClient {
    return {
      getItem: (id: string, signal?: AbortSignal) => {
        this.calls.push({ id, signal });
        return new Promise<FeedbackItem>((resolve, reject) => {
          this.pending.push((o) => ('item' in o ? resolve(o.item) : reject(o.error)));
        });
      },
      listComments: async () => COMMENTS,
    } as unknown as TrackerClient;
  }

  /** Answers the oldest open getItem, then lets the controller run. */
  async answer(outcome: Outcome): Promise<void> {
    await flush();
    const next = this.pending.shift();
    assert.ok(next, 'no request is waiting');
    next(outcome);
    await flush();
  }
}

async function flush(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise((resolve) => setImmediate(resolve));
  }
}

const STRINGS = { loading: 'Loading' } as unknown as PanelStrings;
const TEXTS: PanelTexts = {
  locale: 'en',
  strings: STRINGS,
  notConnected: 'Not connected',
  describeError: (error) => (error instanceof TrackerError ? `${error.kind}: ${error.message}` : String(error)),
};

function setup(options: { tracker?: FakeTracker | null; items?: ItemPanelControllerDeps['items'] } = {}) {
  const tracker = options.tracker === undefined ? new FakeTracker() : options.tracker;
  const posted: HostMessage[] = [];
  const opened: string[] = [];
  const titles: string[] = [];
  const logs: string[] = [];
  const controller = new ItemPanelController('FL-1', {
    surface: { post: (m) => posted.push(m), setTitle: (t) => titles.push(t), openExternal: (u) => opened.push(u) },
    getTracker: () => tracker?.asClient(),
    log: (line) => logs.push(line),
    texts: TEXTS,
    items: options.items,
  });
  const take = (): HostMessage[] => posted.splice(0);
  return { tracker, controller, take, opened, titles, logs };
}

const types = (messages: HostMessage[]): string[] => messages.map((m) => m.type);

describe('item panel controller', () => {
  it('badges the status the store shows (a pending change at once), without fetching again', async () => {
    const store = new FeedbackStore({ grouping: 'status', sort: 'demand', filter: '' });
    const { tracker, controller, take } = setup({ items: store });
    controller.receive({ type: 'ready' });
    const load = controller.load();
    await tracker!.answer({ item: item() });
    await load;
    take();
    store.applyPending('w1', 'FL-1', 'planned');
    const shown = take().find((m) => m.type === 'item');
    assert.ok(shown?.type === 'item');
    assert.equal(shown.item.status, 'planned');
    assert.equal(tracker!.calls.length, 1, 'no second fetch');
    store.applyPending('w2', 'FL-2', 'closed');
    assert.deepEqual(take(), [], 'another item changing posts nothing');
  });

  it('posts nothing until the webview is ready, then init and the current state', async () => {
    const { tracker, controller, take } = setup();
    const load = controller.load();
    await tracker!.answer({ item: item() });
    await load;
    assert.deepEqual(take(), []);
    controller.receive({ type: 'ready' });
    const messages = take();
    assert.deepEqual(types(messages), ['init', 'item']);
    assert.deepEqual(messages[0], { type: 'init', itemId: 'FL-1', locale: 'en', strings: STRINGS });
    const shown = messages[1];
    assert.ok(shown.type === 'item');
    assert.equal(shown.item.title, 'Export to CSV');
    assert.deepEqual(shown.comments.map((c) => c.authorName), ['Ada']);
    assert.equal(shown.stale, undefined);
  });

  it('shows loading while fetching, then the item, and sets the tab title', async () => {
    const { tracker, controller, take, titles } = setup();
    controller.receive({ type: 'ready' });
    void controller.load();
    assert.deepEqual([...new Set(types(take()))], ['init', 'loading']);
    await tracker!.answer({ item: item({ title: 'A very long title that will not fit in an editor tab at all' }) });
    assert.deepEqual(types(take()), ['item']);
    assert.equal(titles.length, 1);
    assert.ok(titles[0].endsWith('…') && titles[0].length <= 40, titles[0]);
  });

  it('shows an error naming the reason when the first fetch fails, and retry fetches again', async () => {
    const { tracker, controller, take, logs } = setup();
    controller.receive({ type: 'ready' });
    void controller.load();
    take();
    await tracker!.answer({ error: new TrackerError('server', 'HTTP 503') });
    assert.deepEqual(take(), [{ type: 'error', message: 'server: HTTP 503' }]);
    assert.ok(logs.some((l) => l.includes('server: HTTP 503')));
    controller.receive({ type: 'retry' });
    assert.deepEqual(types(take()), ['loading']);
    await tracker!.answer({ item: item() });
    assert.deepEqual(types(take()), ['item']);
    assert.equal(tracker!.calls.length, 2);
  });

  it('keeps the last content, marked stale, when a refresh fails', async () => {
    const { tracker, controller, take } = setup();
    controller.receive({ type: 'ready' });
    void controller.load();
    await tracker!.answer({ item: item() });
    take();
    controller.refreshIfChanged('2024-03-01T00:00:00Z');
    assert.deepEqual(types(take()), ['item', 'loading']);
    await tracker!.answer({ error: new TrackerError('unreachable', 'ECONNREFUSED') });
    const [shown, ...rest] = take();
    assert.deepEqual(rest, []);
    assert.ok(shown.type === 'item');
    assert.equal(shown.item.title, 'Export to CSV');
    assert.deepEqual(shown.stale, { message: 'unreachable: ECONNREFUSED' });
    assert.equal(controller.updatedAt, '2024-01-01T00:00:00Z');
  });

  it('refetches only when updatedAt changed', async () => {
    const { tracker, controller } = setup();
    void controller.load();
    await tracker!.answer({ item: item() });
    controller.refreshIfChanged('2024-01-01T00:00:00Z');
    await flush();
    assert.equal(tracker!.calls.length, 1);
    controller.refreshIfChanged('2024-01-05T00:00:00Z');
    await flush();
    assert.equal(tracker!.calls.length, 2);
    await tracker!.answer({ item: item({ updatedAt: '2024-01-05T00:00:00Z', title: 'Renamed' }) });
    assert.equal(controller.updatedAt, '2024-01-05T00:00:00Z');
  });

  it('lets a newer fetch win over an older one that answers late, and aborts the older', async () => {
    const { tracker, controller, take } = setup();
    controller.receive({ type: 'ready' });
    void controller.load();
    void controller.load();
    await flush();
    assert.equal(tracker!.calls[0].signal?.aborted, true);
    take();
    await tracker!.answer({ item: item({ title: 'Old' }) });
    assert.deepEqual(take(), []);
    await tracker!.answer({ item: item({ title: 'New' }) });
    const [shown] = take();
    assert.ok(shown.type === 'item');
    assert.equal(shown.item.title, 'New');
  });

  it('says "not connected" when there is no tracker', async () => {
    const { controller, take } = setup({ tracker: null });
    controller.receive({ type: 'ready' });
    await controller.load();
    assert.deepEqual(take().at(-1), { type: 'error', message: 'Not connected' });
  });

  it('replays the state to a page rebuilt after being hidden, and posts nothing while hidden', async () => {
    const { tracker, controller, take } = setup();
    controller.receive({ type: 'ready' });
    void controller.load();
    take();
    controller.hidden();
    await tracker!.answer({ item: item() });
    assert.deepEqual(take(), []);
    controller.receive({ type: 'ready' });
    assert.deepEqual(types(take()), ['init', 'item']);
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

  it('aborts the fetch and posts nothing more once disposed', async () => {
    const { tracker, controller, take } = setup();
    controller.receive({ type: 'ready' });
    void controller.load();
    take();
    await flush();
    controller.dispose();
    assert.equal(tracker!.calls[0].signal?.aborted, true);
    await tracker!.answer({ item: item() });
    assert.deepEqual(take(), []);
  });
});
