// The outbox file on a bad day: the folder entry made durable after the
// rename, a full disk (ENOSPC) leaving no half-written copy behind, and the
// copies a crash left behind cleared on the next start.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { OutboxEntry } from '../../src/core/outbox';
import { FileOutboxStorage } from '../../src/platform/outboxStorage';
import type { OutboxFileSystem } from '../../src/platform/outboxStorage';

const entry = (id: string): OutboxEntry => ({
  id,
  idempotencyKey: `key-${id}-aaaaaaaa`,
  tracker: 'T',
  request: { kind: 'comment', itemId: 'FB-1', body: { body: `reply ${id}`, visibility: 'public' } },
  createdAt: '2025-01-01T00:00:00.000Z',
  attempts: 0,
  state: 'pending',
});

/** Node's file system, noting what matters for durability; `failWrite` makes writes stop half-way with that error. */
function recordingFs(folder: string, ops: string[], failWrite?: () => NodeJS.ErrnoException | undefined): OutboxFileSystem {
  const name = (p: string) => (p === folder ? '<folder>' : path.basename(p).replace(/\.[0-9a-f]{12}\.tmp$/, '.<tmp>'));
  return {
    mkdir: (p, options) => fsp.mkdir(p, options),
    readFile: (p, encoding) => fsp.readFile(p, encoding),
    readdir: (p) => fsp.readdir(p),
    rename: async (from, to) => {
      ops.push(`rename ${name(from)} ${name(to)}`);
      await fsp.rename(from, to);
    },
    unlink: async (p) => {
      ops.push(`unlink ${name(p)}`);
      await fsp.unlink(p);
    },
    open: async (p, flags, mode) => {
      const handle = await fsp.open(p, flags, mode);
      return {
        writeFile: async (data, encoding) => {
          const failure = failWrite?.();
          if (failure) {
            await handle.writeFile(data.slice(0, data.length / 2), encoding);
            throw failure;
          }
          ops.push(`write ${name(p)}`);
          await handle.writeFile(data, encoding);
        },
        sync: async () => {
          ops.push(`sync ${name(p)}`);
          await handle.sync();
        },
        close: () => handle.close(),
      };
    },
  };
}

const enospc = (): NodeJS.ErrnoException => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('FileOutboxStorage durability', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'outbox-durable-'));
    file = path.join(dir, 'outbox.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('flushes the new file, renames it over the old one, then flushes the folder so the rename survives a crash', async () => {
    const ops: string[] = [];
    await new FileOutboxStorage(() => file, undefined, undefined, recordingFs(dir, ops)).save([entry('a')]);
    assert.deepEqual(ops, ['write outbox.json.<tmp>', 'sync outbox.json.<tmp>', 'rename outbox.json.<tmp> outbox.json', process.platform === 'win32' ? undefined : 'sync <folder>'].filter(Boolean));
  });

  it('removes its temporary file when the disk is full, and keeps the old outbox as it was', async () => {
    const ops: string[] = [];
    let full = false;
    const storage = new FileOutboxStorage(() => file, undefined, undefined, recordingFs(dir, ops, () => (full ? enospc() : undefined)));
    await storage.save([entry('a')]);
    const before = fs.readFileSync(file, 'utf8');
    full = true;
    await assert.rejects(storage.save([entry('a'), entry('b')]), /ENOSPC/);
    assert.deepEqual(fs.readdirSync(dir), ['outbox.json'], 'no temporary file left behind');
    assert.equal(fs.readFileSync(file, 'utf8'), before);
  });

  it('clears the temporary files an interrupted save left behind when it loads, and nothing else', async () => {
    fs.writeFileSync(file, JSON.stringify([entry('a')]));
    fs.writeFileSync(`${file}.0123456789ab.tmp`, '[{"id": "half');
    fs.writeFileSync(path.join(dir, 'notes.tmp'), 'not ours');
    const loaded = await new FileOutboxStorage(() => file).load();
    assert.deepEqual((loaded as OutboxEntry[]).map((e) => e.id), ['a']);
    assert.deepEqual(fs.readdirSync(dir).sort(), ['notes.tmp', 'outbox.json']);
  });
});
