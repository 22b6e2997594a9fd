// The registry's storage (platform/connectionStore.ts) over fakes of VS
// Code's Memento and SecretStorage: what it writes where, the migration end
// to end (the secret copied under the connection's own key, the old key
// kept; once per workspace however often or concurrently it runs; a second
// workspace reusing the first one's connection), and hostile stored lists
// reported once.
import * as assert from 'node:assert/strict';
import { CANNY_KEY_SECRET, CHOICE_KEY, LINEAR_KEY_SECRET } from '../../src/core/connections/legacy';
import type { LegacySettings } from '../../src/core/connections/migration';
import type { ConnectionRecord } from '../../src/core/connections/registry';
import { CONNECTIONS_KEY, KNOWN_CONNECTIONS_KEY } from '../../src/platform/connectionList';
import type { StateStore } from '../../src/platform/connectionList';
import { ConnectionStore } from '../../src/platform/connectionStore';

/** A Memento: values go through JSON, as VS Code stores them. */
class FakeMemento implements StateStore {
  readonly data = new Map<string, string>();

  get(key: string): unknown {
    const text = this.data.get(key);
    return text === undefined ? undefined : JSON.parse(text);
  }

  async update(key: string, value: unknown): Promise<void> {
    await Promise.resolve();
    if (value === undefined) {
      this.data.delete(key);
    } else {
      this.data.set(key, JSON.stringify(value));
    }
  }
}

class FakeSecrets {
  readonly data = new Map<string, string>();

  async get(key: string): Promise<string | undefined> {
    await Promise.resolve();
    return this.data.get(key);
  }

  async store(key: string, value: string): Promise<void> {
    await Promise.resolve();
    this.data.set(key, value);
  }

  async delete(key: string): Promise<void> {
    await Promise.resolve();
    this.data.delete(key);
  }
}

function restore(key: string, value: string | undefined): void {
  if (value === undefined) {
    delete process.env[key];
  } else {
    process.env[key] = value;
  }
}

const SETTINGS: LegacySettings = { restBaseUrl: '', githubApiUrl: 'https://api.github.com', fiderBaseUrl: '' };

/** One machine (global state, secrets) shared by the workspaces made with `workspace()`. */
function machine() {
  const globalState = new FakeMemento();
  const secrets = new FakeSecrets();
  const warnings: string[] = [];
  let n = 0;
  const newId = (kind: ConnectionRecord['kind']) => `${kind}-id${String(++n).padStart(8, '0')}`;
  const workspace = (choice?: unknown) => {
    const workspaceState = new FakeMemento();
    if (choice !== undefined) {
      workspaceState.data.set(CHOICE_KEY, JSON.stringify(choice));
    }
    return { workspaceState, store: new ConnectionStore({ workspaceState, globalState, secrets, warn: (m) => warnings.push(m), newId }) };
  };
  return { globalState, secrets, warnings, workspace };
}

describe('connection store: migration', () => {
  it('carries a Canny connection over: one record, the key copied under the connection’s own, the old key kept', async () => {
    const m = machine();
    m.secrets.data.set(CANNY_KEY_SECRET, 'canny-secret-key');
    const { store, workspaceState } = m.workspace({ kind: 'canny', boardID: 'b1', boardName: 'Ideas' });
    const report = await store.migrate(SETTINGS);
    assert.equal(report.outcome, 'created');
    const [record] = store.list();
    assert.deepEqual(record, { id: 'canny-id00000001', kind: 'canny', name: 'Canny Ideas', settings: { boardID: 'b1', boardName: 'Ideas' }, legacyId: 'canny' });
    assert.equal(m.secrets.data.get('feedbackLoop.connection/canny-id00000001/apiKey'), 'canny-secret-key');
    assert.equal(m.secrets.data.get(CANNY_KEY_SECRET), 'canny-secret-key', 'other workspaces still migrate from it');
    assert.deepEqual(store.known(), [record]);
    assert.equal(await store.secret(record), 'canny-secret-key');
    assert.deepEqual(workspaceState.get(CHOICE_KEY), { kind: 'canny', boardID: 'b1', boardName: 'Ideas' }, 'the choice is left for a previous version');
  });

  it('carries every kind over with its secret where it has one', async () => {
    const cases: { choice?: unknown; settings?: Partial<LegacySettings>; from?: string; key: string }[] = [
      { choice: { kind: 'github', repository: 'octo/app' }, key: 'feedbackLoop.connection/github-id00000001/token' },
      { choice: { kind: 'linear', teamId: 't1', teamName: 'ENG' }, from: LINEAR_KEY_SECRET, key: 'feedbackLoop.connection/linear-id00000001/apiKey' },
      { choice: { kind: 'fider' }, settings: { fiderBaseUrl: 'https://ideas.example.org' }, from: 'feedbackLoop.token:https://ideas.example.org', key: 'feedbackLoop.connection/fider-id00000001/apiKey' },
      { settings: { restBaseUrl: 'https://feedback.example.com' }, from: 'feedbackLoop.token:https://feedback.example.com', key: 'feedbackLoop.connection/rest-id00000001/token' },
    ];
    for (const c of cases) {
      const m = machine();
      if (c.from) {
        m.secrets.data.set(c.from, 'the-secret');
      }
      const { store } = m.workspace(c.choice);
      const report = await store.migrate({ ...SETTINGS, ...c.settings });
      assert.equal(report.outcome, 'created', c.key);
      assert.equal(store.list().length, 1);
      assert.equal(m.secrets.data.get(c.key), c.from ? 'the-secret' : undefined, c.key);
      assert.equal(m.secrets.data.size, c.from ? 2 : 0);
    }
  });

  it('runs once per workspace, however often and however concurrently it is asked', async () => {
    const m = machine();
    m.secrets.data.set(LINEAR_KEY_SECRET, 'lin_api_key');
    const { store } = m.workspace({ kind: 'linear', teamId: 't1', teamName: 'ENG' });
    const reports = await Promise.all([store.migrate(SETTINGS), store.migrate(SETTINGS), store.migrate(SETTINGS)]);
    assert.deepEqual(
      reports.map((r) => r.outcome),
      ['created', 'alreadyMigrated', 'alreadyMigrated'],
    );
    assert.equal((await store.migrate(SETTINGS)).outcome, 'alreadyMigrated');
    assert.equal(store.list().length, 1);
    assert.equal(store.known().length, 1);
  });

  it('lets a second workspace with the same tracker reuse the first one’s connection and its (newer) secret', async () => {
    const m = machine();
    m.secrets.data.set(CANNY_KEY_SECRET, 'old-key');
    const first = m.workspace({ kind: 'canny', boardID: 'b1' });
    await first.store.migrate(SETTINGS);
    const [record] = first.store.list();
    await first.store.storeSecret(record, 'rotated-key'); // reconnected in the first workspace
    const second = m.workspace({ kind: 'canny', boardID: 'b1' });
    const report = await second.store.migrate(SETTINGS);
    assert.equal(report.outcome, 'reused');
    assert.equal(second.store.list()[0].id, record.id);
    assert.equal(await second.store.secret(record), 'rotated-key');
  });

  it('stores an empty list when there is nothing to carry over: the sample tracker and the environment are not', async () => {
    const m = machine();
    m.globalState.data.set('feedbackLoop.sampleMode', 'true');
    const { store, workspaceState } = m.workspace();
    const before = [process.env.FEEDBACK_LOOP_TRACKER_URL, process.env.FEEDBACK_LOOP_TRACKER_TOKEN];
    try {
      process.env.FEEDBACK_LOOP_TRACKER_URL = 'http://127.0.0.1:9999';
      process.env.FEEDBACK_LOOP_TRACKER_TOKEN = 'env-token';
      assert.deepEqual(await store.migrate(SETTINGS), { outcome: 'nothingToMigrate' });
    } finally {
      restore('FEEDBACK_LOOP_TRACKER_URL', before[0]);
      restore('FEEDBACK_LOOP_TRACKER_TOKEN', before[1]);
    }
    assert.deepEqual(workspaceState.get(CONNECTIONS_KEY), []);
    assert.equal(m.globalState.get(KNOWN_CONNECTIONS_KEY), undefined);
    assert.equal(m.secrets.data.size, 0);
  });

  it('says so, and does not try again, when the old connection cannot be a record', async () => {
    const m = machine();
    const { store } = m.workspace({ kind: 'github', repository: 'octo/app/extra' });
    const report = await store.migrate(SETTINGS);
    assert.equal(report.outcome, 'failed');
    assert.equal(m.warnings.length, 1);
    assert.match(m.warnings[0], /The github tracker connected before could not be carried over/);
    assert.deepEqual(store.list(), []);
    assert.equal((await store.migrate(SETTINGS)).outcome, 'alreadyMigrated');
  });
});

describe('connection store: connections', () => {
  it('adds a connection with its secret, and remembers it for other workspaces', async () => {
    const m = machine();
    const { store } = m.workspace();
    const record = await store.add({ kind: 'rest', settings: { baseUrl: 'https://feedback.example.com' } }, 'tok');
    assert.equal(record.name, 'feedback.example.com');
    assert.equal(m.secrets.data.get(`feedbackLoop.connection/${record.id}/token`), 'tok');
    assert.deepEqual(store.list(), [record]);
    const other = m.workspace().store;
    assert.deepEqual(other.reusable(), [record]);
    const adopted = await other.adopt(record.id);
    assert.deepEqual(adopted, record);
    assert.equal(await other.secret(record), 'tok');
    assert.deepEqual(other.reusable(), []);
    assert.equal(await other.adopt('rest-unknown1'), undefined);
  });

  it('keeps concurrent changes: none is lost', async () => {
    const { store } = machine().workspace();
    await Promise.all([
      store.add({ kind: 'canny', settings: {} }, 'a'),
      store.add({ kind: 'canny', settings: {} }, 'b'),
      store.add({ kind: 'github', settings: { repository: 'octo/app', apiUrl: 'https://api.github.com' } }),
    ]);
    assert.deepEqual(
      store.list().map((c) => c.name),
      ['Canny', 'Canny (2)', 'octo/app'],
    );
  });

  it('renames in the workspace and in the machine’s list, and refuses a taken name', async () => {
    const { store } = machine().workspace();
    const a = await store.add({ kind: 'canny', settings: {}, name: 'Acme' });
    const b = await store.add({ kind: 'canny', settings: {}, name: 'Beta' });
    assert.deepEqual(await store.rename(b.id, 'acme'), { ok: false, problem: 'taken' });
    const renamed = await store.rename(a.id, 'Acme Canny');
    assert.ok(renamed.ok);
    assert.equal(store.list()[0].name, 'Acme Canny');
    assert.equal(store.known().find((c) => c.id === a.id)?.name, 'Acme Canny');
  });

  it('removes from the workspace only, or forgets everywhere with the secret', async () => {
    const m = machine();
    const { store } = m.workspace();
    const record = await store.add({ kind: 'canny', settings: {} }, 'key');
    await store.remove(record.id);
    assert.deepEqual(store.list(), []);
    assert.equal(store.known().length, 1);
    assert.equal(await store.secret(record), 'key');
    await store.forget(record.id);
    assert.deepEqual(store.known(), []);
    assert.equal(await store.secret(record), undefined);
  });

  it('reads hostile stored lists record by record, and says each problem once', () => {
    const m = machine();
    const { store, workspaceState } = m.workspace();
    workspaceState.data.set(
      CONNECTIONS_KEY,
      JSON.stringify([{ id: 'canny-aaaaaaaa', kind: 'canny', name: 'Kept', settings: {} }, { id: 'canny-bbbbbbbb', kind: 'canny', name: 'Bad', settings: 'x' }, 'junk']),
    );
    m.globalState.data.set(KNOWN_CONNECTIONS_KEY, JSON.stringify({ not: 'a list' }));
    for (let n = 0; n < 3; n++) {
      assert.deepEqual(
        store.list().map((c) => c.name),
        ['Kept'],
      );
      assert.deepEqual(store.known(), []);
    }
    assert.equal(m.warnings.length, 3);
    assert.match(m.warnings[0], /^feedbackLoop\.connections: Connection 2 "canny-bbbbbbbb" \("Bad"\) was dropped: settings: /);
    assert.match(m.warnings[2], /^feedbackLoop\.knownConnections: The stored connections are not a list/);
  });
});
