// The outbox's file: written whole or not at all, read back as written, and
// a damaged file set aside (kept for a person to read), never overwritten.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Outbox } from '../../src/core/outbox';
import { FileOutboxStorage } from '../../src/platform/outboxStorage';

describe('FileOutboxStorage', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('stores entries before the first attempt and reads them back in a new outbox', async () => {
    const file = path.join(dir, 'sub', 'outbox.json');
    let onDiskAtSend = '';
    let sent = () => undefined as void;
    const sending = new Promise<void>((resolve) => (sent = resolve));
    const outbox = new Outbox({
      storage: new FileOutboxStorage(() => file),
      send: () => {
        onDiskAtSend = fs.readFileSync(file, 'utf8');
        sent();
        return new Promise(() => undefined);
      },
      setTimer: (cb) => {
        const h = setImmediate(cb);
        return { dispose: () => clearImmediate(h) };
      },
    });
    const entry = await outbox.enqueue('T', { kind: 'comment', itemId: 'FB-1', body: { body: 'hi', visibility: 'public' } });
    await sending; // waits on the attempt itself, not on a guess of how long it takes
    assert.ok(onDiskAtSend.includes(entry.idempotencyKey));
    outbox.dispose();
    const again = new Outbox({ storage: new FileOutboxStorage(() => file), send: () => new Promise(() => undefined), canSend: () => false });
    await again.start();
    assert.deepEqual(again.entries().map((e) => [e.id, e.idempotencyKey, e.state]), [[entry.id, entry.idempotencyKey, 'pending']]);
    assert.deepEqual(fs.readdirSync(path.join(dir, 'sub')), ['outbox.json'], 'no temporary file left behind');
  });

  it('sets a file that is not JSON aside with the time in its name, and starts empty', async () => {
    const file = path.join(dir, 'outbox.json');
    fs.writeFileSync(file, '[{"id": "a", broken');
    const logs: string[] = [];
    const outbox = new Outbox({ storage: new FileOutboxStorage(() => file, (l) => logs.push(l)), send: async () => undefined, canSend: () => false, log: (l) => logs.push(l) });
    await outbox.start();
    assert.deepEqual(outbox.entries(), []);
    const aside = fs.readdirSync(dir).find((f) => f.startsWith('outbox.json.unreadable-'));
    assert.ok(aside, fs.readdirSync(dir).join(', '));
    assert.equal(fs.readFileSync(path.join(dir, aside), 'utf8'), '[{"id": "a", broken', 'kept as it was');
    assert.ok(logs.some((l) => l.includes('not JSON')), logs.join('\n'));
  });
});
