// The feedback item quick pick (Mark Trade-off…, Start Work…, Link…) returns
// the item the user chose, whenever search results arrive. VS Code's
// extension host maps a click to an item by its *index* in the items last set
// here; the fake below does the same, so a list reordered under a click is
// caught like it was in the trade-off e2e tests (FB-12 picked, FB-84 marked).
import * as assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { ItemSummary } from '../../src/core/model';
import { runItemPick } from '../../src/platform/itemPickerSession';
import type { ItemPick, ItemPickSource } from '../../src/platform/itemPickerSession';
import { summary } from './fakeItems';

type Listener<T> = (value: T) => void;

/** Just enough of vscode.QuickPick, with the extension host's handle = index mapping. */
class FakeQuickPick {
  private current: readonly ItemPick[] = [];
  readonly itemHistory: string[][] = [];
  selectedItems: readonly ItemPick[] = [];
  busy = false;
  keepScrollPosition = false;
  shown = false;
  disposed = false;
  setAfterDispose = 0;
  private readonly listeners = { value: [] as Listener<string>[], accept: [] as Listener<void>[], hide: [] as Listener<void>[] };

  get items(): readonly ItemPick[] {
    return this.current;
  }
  set items(items: readonly ItemPick[]) {
    this.setAfterDispose += this.disposed ? 1 : 0;
    this.current = [...items];
    this.itemHistory.push(items.map((i) => i.itemId));
  }

  onDidChangeValue = this.on('value');
  onDidAccept = this.on('accept');
  onDidHide = this.on('hide');

  show(): void {
    this.shown = true;
  }
  dispose(): void {
    this.disposed = true;
  }

  /** The ids in the order shown now. */
  ids(): string[] {
    return this.current.map((i) => i.itemId);
  }
  type(value: string): void {
    this.listeners.value.forEach((l) => l(value));
  }
  /** A row clicked in the UI arrives as its index, resolved against the items the host holds *now*. */
  acceptHandle(handle: number): void {
    this.selectedItems = this.current[handle] ? [this.current[handle]] : [];
    this.listeners.accept.forEach((l) => l());
  }
  hide(): void {
    this.listeners.hide.forEach((l) => l());
  }

  private on<K extends keyof FakeQuickPick['listeners']>(kind: K): vscode.Event<Parameters<FakeQuickPick['listeners'][K][number]>[0]> {
    return ((listener: never) => {
      (this.listeners[kind] as unknown[]).push(listener);
      return { dispose: () => (this.listeners[kind] as unknown[]).splice((this.listeners[kind] as unknown[]).indexOf(listener), 1) };
    }) as never;
  }
}

/** A tracker search whose answers the test releases, in any order. */
class FakeSearch {
  readonly calls: { query: string; signal: AbortSignal; answer: (items: readonly ItemSummary[]) => void; fail: (error: Error) => void }[] = [];
  readonly search: NonNullable<ItemPickSource['search']> = (query, signal) =>
    new Promise((resolve, reject) => this.calls.push({ query, signal, answer: resolve, fail: reject }));
  last(): FakeSearch['calls'][number] {
    const call = this.calls.at(-1);
    assert.ok(call, 'no search was made');
    return call;
  }
}

const LOOK = { describe: (item: ItemSummary, preferred: boolean) => ({ description: preferred ? 'current branch' : item.status, detail: `▲ ${item.votes}` }) };
const item = (n: number, title = `Item ${n}`): ItemSummary => summary(n, { title });
/** Lets timers (the 0 ms debounce) and resolved promises run. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 5));

function start(pick: FakeQuickPick, source: ItemPickSource): Promise<ItemSummary | undefined> {
  return runItemPick(pick as unknown as Parameters<typeof runItemPick>[0], source, LOOK, { debounceMs: 0 });
}

describe('feedback item picker', () => {
  it('a click on FB-12 picks FB-12 even when search results replace the list before the click arrives', async () => {
    const pick = new FakeQuickPick();
    const tracker = new FakeSearch();
    const chosen = start(pick, { known: [item(84), item(12, 'Webhooks retry')], search: tracker.search });
    assert.deepEqual(pick.ids(), ['FB-84', 'FB-12']);
    const clicked = pick.ids().indexOf('FB-12'); // what the UI showed under the pointer
    pick.type('Webhooks');
    await settle();
    tracker.last().answer([item(5, 'Webhooks'), item(84), item(12, 'Webhooks retry')]); // the tracker's order, by relevance
    await settle();
    pick.acceptHandle(clicked);
    assert.equal((await chosen)?.id, 'FB-12');
  });

  it('orders only the first rows (the branch\'s item first), then keeps every row where it was', async () => {
    const pick = new FakeQuickPick();
    const tracker = new FakeSearch();
    void start(pick, { known: [], search: tracker.search, preferredId: (items) => items.find((i) => i.id === 'FB-3')?.id });
    assert.equal(tracker.last().query, '');
    assert.equal(pick.busy, true);
    tracker.last().answer([item(1), item(2), item(3)]);
    await settle();
    assert.deepEqual(pick.ids(), ['FB-3', 'FB-1', 'FB-2']);
    assert.equal(pick.items[0].description, 'current branch');
    assert.equal(pick.busy, false);
    pick.type('x');
    await settle();
    tracker.last().answer([item(4), item(2), item(5)]);
    await settle();
    for (const [i, before] of pick.itemHistory.slice(0, -1).entries()) {
      assert.deepEqual(pick.itemHistory[i + 1].slice(0, before.length), before, 'an existing row moved');
    }
    assert.deepEqual(pick.ids(), ['FB-3', 'FB-1', 'FB-2', 'FB-4', 'FB-5']);
    assert.equal(pick.keepScrollPosition, true);
    pick.hide();
  });

  it('drops answers to queries the typing has moved past, however late they come', async () => {
    const pick = new FakeQuickPick();
    const tracker = new FakeSearch();
    const chosen = start(pick, { known: [item(1)], search: tracker.search });
    pick.type('exp');
    await settle();
    const first = tracker.last();
    pick.type('expo');
    await settle();
    assert.equal(first.signal.aborted, true, 'the superseded request is cancelled');
    tracker.last().answer([item(2, 'Export')]);
    await settle();
    first.answer([item(3, 'Expenses')]); // late, for "exp"
    await settle();
    assert.deepEqual(pick.ids(), ['FB-1', 'FB-2']);
    assert.equal(pick.busy, false);
    pick.acceptHandle(1);
    assert.equal((await chosen)?.id, 'FB-2');
  });

  it('an accept while a search is on its way returns the chosen item; the answer changes nothing', async () => {
    const pick = new FakeQuickPick();
    const tracker = new FakeSearch();
    const chosen = start(pick, { known: [item(7), item(12)], search: tracker.search });
    pick.type('12');
    await settle();
    const pending = tracker.last();
    pick.acceptHandle(1);
    assert.equal((await chosen)?.id, 'FB-12');
    assert.equal(pending.signal.aborted, true);
    pending.answer([item(99), item(98)]);
    await settle();
    assert.equal(pick.disposed, true);
    assert.equal(pick.setAfterDispose, 0);
    assert.deepEqual(pick.ids(), ['FB-7', 'FB-12']);
    pick.type('more'); // a keystroke racing the close
    await settle();
    assert.equal(tracker.calls.length, 1);
  });

  it('keeps the list when a search fails, and ignores an accept with nothing selected', async () => {
    const pick = new FakeQuickPick();
    const tracker = new FakeSearch();
    const chosen = start(pick, { known: [item(1)], search: tracker.search });
    pick.type('zzz');
    await settle();
    tracker.last().fail(new Error('offline'));
    await settle();
    assert.deepEqual(pick.ids(), ['FB-1']);
    assert.equal(pick.busy, false);
    pick.acceptHandle(5); // Enter on an empty filtered list
    assert.equal(pick.disposed, false);
    pick.acceptHandle(0);
    assert.equal((await chosen)?.id, 'FB-1');
  });

  it('shows titles on one line without bidi controls, the id first', () => {
    const pick = new FakeQuickPick();
    void start(pick, { known: [item(12, 'Refund\n\u202Elive')] });
    assert.equal(pick.items[0].label, 'FB-12 · Refund live');
    pick.hide();
  });
});

describe('feedback item picker over several connections (issue 14)', () => {
  interface Keyed extends ItemSummary {
    readonly ref: string;
  }
  const of = (connection: string, n: number, title: string): Keyed => ({ ...summary(n, { title }), ref: `${connection}/FB-${n}` });

  it('shows two connections’ FB-12 as two rows, and a click returns the row’s own connection', async () => {
    const pick = new FakeQuickPick();
    const tracker = new FakeSearch();
    const chosen = runItemPick<Keyed>(
      pick as unknown as Parameters<typeof runItemPick<Keyed>>[0],
      { known: [of('rest-aaaaaaaa', 12, 'CSV export'), of('rest-bbbbbbbb', 12, 'Dark mode')], search: tracker.search as never, keyOf: (i) => i.ref },
      LOOK,
      { debounceMs: 0 },
    );
    assert.deepEqual(pick.ids(), ['FB-12', 'FB-12']);
    assert.deepEqual(
      (pick.items as readonly ItemPick<Keyed>[]).map((row) => row.key),
      ['rest-aaaaaaaa/FB-12', 'rest-bbbbbbbb/FB-12'],
    );
    pick.type('mode');
    await settle();
    // The search answers the second connection's item again, refreshed: it keeps its row, the first's keeps its own.
    tracker.last().answer([of('rest-bbbbbbbb', 12, 'Dark mode!')] as never);
    await settle();
    assert.equal(pick.items.length, 2);
    pick.acceptHandle(1);
    assert.deepEqual([(await chosen)?.ref, (await chosen)?.title], ['rest-bbbbbbbb/FB-12', 'Dark mode!']);
  });
});
