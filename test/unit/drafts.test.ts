// Drafts announce each completed write to storage (what a composer's "Draft
// saved" rests on): only after the store has answered, with the drafts that
// write changed as they were written, never for a write that failed.
import * as assert from 'node:assert/strict';
import { DRAFT_SAVE_DELAY_MS, Drafts } from '../../src/core/drafts';
import type { SavedDraft } from '../../src/core/drafts';
import { ManualClock, settle } from './outboxFakes';

/** A store whose writes complete only when the test says so. */
class HeldStore {
  readonly data = new Map<string, unknown>();
  private readonly waiting: { settle: (error?: Error) => void }[] = [];

  get(key: string): unknown {
    return this.data.get(key);
  }

  update(key: string, value: unknown): Promise<void> {
    return new Promise((resolve, reject) => {
      this.waiting.push({
        settle: (error) => {
          if (error) {
            reject(error);
          } else {
            this.data.set(key, value);
            resolve();
          }
        },
      });
    });
  }

  get pending(): number {
    return this.waiting.length;
  }

  async complete(error?: Error): Promise<void> {
    this.waiting.shift()!.settle(error);
    await settle();
  }
}

function setup() {
  const clock = new ManualClock();
  const store = new HeldStore();
  const drafts = new Drafts({ store, setTimer: clock.setTimer });
  const saves: SavedDraft[][] = [];
  drafts.onDidSave((written) => saves.push([...written]));
  return { clock, store, drafts, saves };
}

describe('Drafts: announcing what reached storage', () => {
  it('announces a write once the store has completed it, with the drafts changed since the last one', async () => {
    const { clock, store, drafts, saves } = setup();
    drafts.set('T FB-1', { body: 'Hel', visibility: 'public' });
    drafts.set('T FB-1', { body: 'Hello', visibility: 'public' });
    drafts.set('T FB-2', { body: 'Other', visibility: 'internal' });
    await clock.advance(DRAFT_SAVE_DELAY_MS);
    assert.equal(store.pending, 1, 'one write for every keystroke within the delay');
    assert.deepEqual(saves, [], 'nothing said before the store answers');
    await store.complete();
    assert.deepEqual(saves, [
      [
        { key: 'T FB-1', draft: { body: 'Hello', visibility: 'public' } },
        { key: 'T FB-2', draft: { body: 'Other', visibility: 'internal' } },
      ],
    ]);
    drafts.set('T FB-2', { body: 'Other, longer', visibility: 'internal' });
    await clock.advance(DRAFT_SAVE_DELAY_MS);
    await store.complete();
    assert.deepEqual(saves.at(-1), [{ key: 'T FB-2', draft: { body: 'Other, longer', visibility: 'internal' } }], 'FB-1 did not change');
  });

  it('announces what was written, not what was typed while the write was on its way', async () => {
    const { clock, store, drafts, saves } = setup();
    drafts.set('T FB-1', { body: 'first', visibility: 'public' });
    await clock.advance(DRAFT_SAVE_DELAY_MS);
    drafts.set('T FB-1', { body: 'first and more', visibility: 'public' });
    await store.complete();
    assert.deepEqual(saves, [[{ key: 'T FB-1', draft: { body: 'first', visibility: 'public' } }]]);
    await clock.advance(DRAFT_SAVE_DELAY_MS);
    await store.complete();
    assert.deepEqual(saves.at(-1), [{ key: 'T FB-1', draft: { body: 'first and more', visibility: 'public' } }]);
  });

  it('announces a removed draft (emptied or sent) as written without a draft', async () => {
    const { store, drafts, saves } = setup();
    drafts.set('T FB-1', { body: '', visibility: 'public' });
    const flushed = drafts.flush();
    await store.complete();
    await flushed;
    assert.deepEqual(saves, [[{ key: 'T FB-1', draft: undefined }]]);
  });

  it('says nothing for a write that failed, and announces those drafts with the next write', async () => {
    const { store, drafts, saves } = setup();
    drafts.set('T FB-1', { body: 'kept in memory', visibility: 'public' });
    const failed = assert.rejects(drafts.flush(), /disk full/);
    await store.complete(new Error('disk full'));
    await failed;
    assert.deepEqual(saves, []);
    const again = drafts.flush();
    await store.complete();
    await again;
    assert.deepEqual(saves, [[{ key: 'T FB-1', draft: { body: 'kept in memory', visibility: 'public' } }]]);
  });

  it('says nothing for a write that changed no draft', async () => {
    const { store, drafts, saves } = setup();
    const flushed = drafts.flush();
    await store.complete();
    await flushed;
    assert.deepEqual(saves, []);
  });
});
