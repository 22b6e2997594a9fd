// Two windows, two outboxes: neither overwrites the other's writes, and the
// writes of a window that has closed are adopted by the next one, once.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Outbox } from '../../src/core/outbox';
import type { WriteRequest } from '../../src/core/outbox';
import { WindowOutboxStorage } from '../../src/platform/windowOutboxStorage';

const reply = (text: string): WriteRequest => ({ kind: 'comment', itemId: 'FB-1', body: { body: text, visibility: 'public' } });

describe('WindowOutboxStorage', () => {
  let dir: string;
  const alive = new Set<number>();
  const windowOutbox = (pid: number): Outbox =>
    new Outbox({
      storage: new WindowOutboxStorage({ folder: () => dir, legacyFile: () => path.join(dir, '..', `${path.basename(dir)}-legacy.json`), pid, isAlive: (p) => alive.has(p) }),
      send: () => new Promise(() => undefined),
      canSend: () => false, // nothing is sent: only what is stored matters here
    });

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'window-outbox-'));
    alive.clear();
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps the writes of two open windows apart, and a third window adopts only the closed one’s', async () => {
    alive.add(101).add(202);
    const first = windowOutbox(101);
    const second = windowOutbox(202);
    await Promise.all([first.start(), second.start()]);
    await first.enqueue('T', reply('from the first window'));
    await second.enqueue('T', reply('from the second window'));
    await first.enqueue('T', reply('the first again'));

    alive.delete(101); // the first window closes
    first.dispose();
    alive.add(303);
    const third = windowOutbox(303);
    await third.start();
    const bodies = (o: Outbox): string[] => o.entries().map((e) => (e.request.kind === 'comment' ? e.request.body.body : ''));
    assert.deepEqual(bodies(third).sort(), ['from the first window', 'the first again']);
    assert.deepEqual(bodies(second), ['from the second window'], 'the open window keeps its own');

    await third.enqueue('T', reply('from the third window'));
    const files = fs.readdirSync(dir).sort();
    assert.equal(files.filter((f) => f.startsWith('w-101-')).length, 0, `the adopted file is gone once saved: ${files.join(', ')}`);
    const fourth = windowOutbox(404);
    alive.add(404);
    await fourth.start();
    assert.deepEqual(bodies(fourth), [], 'nothing of an open window is adopted');
  });

  it('keeps an unreadable entry of a closed window’s file, set aside where a person can read it, and says where', async () => {
    alive.add(1);
    const closed = windowOutbox(1);
    await closed.start();
    await closed.enqueue('T', reply('readable'));
    closed.dispose();
    const [own] = fs.readdirSync(dir);
    const stored = JSON.parse(fs.readFileSync(path.join(dir, own), 'utf8')) as Record<string, unknown>[];
    const broken = { ...stored[0], id: 'broken-1', attempts: 'many', request: { kind: 'comment', itemId: 'FB-1', body: { body: 'the unreadable reply', visibility: 'public' } } };
    fs.writeFileSync(path.join(dir, own), JSON.stringify([...stored, broken]));
    alive.delete(1);

    const logs: string[] = [];
    alive.add(2);
    const next = new Outbox({
      storage: new WindowOutboxStorage({ folder: () => dir, pid: 2, isAlive: (p) => alive.has(p), log: (l) => logs.push(l) }),
      send: () => new Promise(() => undefined),
      canSend: () => false,
      log: (l) => logs.push(l),
    });
    await next.start();
    await next.enqueue('T', reply('after the adoption')); // saves, which removes what was adopted

    assert.deepEqual(next.entries().map((e) => (e.request.kind === 'comment' ? e.request.body.body : '')), ['readable', 'after the adoption']);
    const keeping = fs.readdirSync(dir).filter((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('the unreadable reply'));
    assert.equal(keeping.length, 1, `the unreadable entry is on disk: ${fs.readdirSync(dir).join(', ')}`);
    const report = logs.find((l) => l.includes('unreadable entries'));
    assert.ok(report?.includes(keeping[0]), `the log names where it is kept: ${logs.join(' | ')}`);

    alive.delete(2);
    next.dispose();
    alive.add(3);
    const third = windowOutbox(3);
    await third.start();
    assert.equal(third.entries().length, 2, 'the set-aside file is not adopted again');
    assert.ok(fs.readdirSync(dir).includes(keeping[0]), 'and it is still there');
  });

  it('clears the temporary files of closed windows’ interrupted saves, not those of open windows', async () => {
    alive.add(7);
    const dead = 'w-5-0a0b0c0d.json.0123456789ab.tmp';
    const living = 'w-7-0a0b0c0d.json.0123456789ab.tmp';
    fs.writeFileSync(path.join(dir, dead), '[{"id": "half');
    fs.writeFileSync(path.join(dir, living), '[{"id": "being written');
    alive.add(8);
    await windowOutbox(8).start();
    assert.deepEqual(fs.readdirSync(dir), [living]);
  });

  it('adopts the single file of earlier versions once', async () => {
    const legacy = path.join(dir, '..', `${path.basename(dir)}-legacy.json`);
    const old = windowOutbox(1);
    alive.add(1);
    await old.start();
    const entry = await old.enqueue('T', reply('written by an earlier version'));
    old.dispose();
    const [own] = fs.readdirSync(dir);
    fs.renameSync(path.join(dir, own), legacy); // as the earlier version kept it
    alive.add(2);
    const next = windowOutbox(2);
    await next.start();
    assert.deepEqual(next.entries().map((e) => e.id), [entry.id]);
    try {
      assert.equal(fs.existsSync(legacy), false, 'claimed by renaming it into this window’s name');
    } finally {
      fs.rmSync(legacy, { force: true });
    }
  });
});
