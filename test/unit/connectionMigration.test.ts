// The one connection of a workspace from before the registry becomes one
// record, decided as connectionManager decided it (the stored choice, else
// the REST settings), with the id it had then kept as `legacyId` (its outbox
// entries, drafts and snapshots carry it) and its secret's old key named.
// Migrating twice makes one record; a connection another workspace already
// carried over keeps its id. The environment's connection and the sample
// tracker are never carried over.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { CANNY_KEY_SECRET, LINEAR_KEY_SECRET, mayHaveLegacyConnection } from '../../src/core/connections/legacy';
import { legacyConnection, migrateLegacy } from '../../src/core/connections/migration';
import type { LegacyConnection, LegacySettings } from '../../src/core/connections/migration';
import type { ConnectionRecord } from '../../src/core/connections/registry';
import { ValidationError } from '../../src/core/validation';
import { propertyRuns } from '../support/propertySeed';

const NONE: LegacySettings = { restBaseUrl: '', githubApiUrl: 'https://api.github.com', fiderBaseUrl: '' };
const SETTINGS: LegacySettings = { restBaseUrl: 'https://feedback.example.com/', githubApiUrl: 'https://api.github.com', fiderBaseUrl: 'https://ideas.example.org' };

function counterIds(): (kind: ConnectionRecord['kind']) => string {
  let n = 0;
  return (kind) => `${kind}-id${String(++n).padStart(8, '0')}`;
}

describe('connection migration: what the workspace had', () => {
  it('carries a GitHub choice over with the API URL setting, and no secret (the sign-in is VS Code’s)', () => {
    assert.deepEqual(legacyConnection({ kind: 'github', repository: 'octo/app' }, { ...NONE, githubApiUrl: 'https://github.acme.example/api/v3' }), {
      draft: { kind: 'github', settings: { repository: 'octo/app', apiUrl: 'https://github.acme.example/api/v3' }, legacyId: 'github:octo/app' },
    });
  });

  it('carries a Canny choice over with its board and author, and the one Canny key', () => {
    assert.deepEqual(legacyConnection({ kind: 'canny', boardID: 'b1', boardName: 'Ideas', authorID: 'u1' }, NONE), {
      draft: { kind: 'canny', settings: { boardID: 'b1', boardName: 'Ideas', authorID: 'u1' }, legacyId: 'canny' },
      secret: { from: CANNY_KEY_SECRET, name: 'apiKey' },
    });
    const allBoards = legacyConnection({ kind: 'canny' }, NONE);
    assert.deepEqual(allBoards?.draft.settings, {});
    assert.deepEqual(Object.keys(allBoards?.draft.settings ?? { x: 1 }), [], 'no undefined values stored');
  });

  it('carries a Linear choice over with its scope, and the API key if there is one', () => {
    assert.deepEqual(legacyConnection({ kind: 'linear', teamId: 'team-1', teamName: 'ENG', projectId: 'p1', projectName: 'Mobile' }, NONE), {
      draft: { kind: 'linear', settings: { teamId: 'team-1', teamName: 'ENG', projectId: 'p1', projectName: 'Mobile' }, legacyId: 'linear:team-1' },
      secret: { from: LINEAR_KEY_SECRET, name: 'apiKey' },
    });
  });

  it('carries a Fider choice over with the base URL setting and its origin’s token', () => {
    assert.deepEqual(legacyConnection({ kind: 'fider' }, SETTINGS), {
      draft: { kind: 'fider', settings: { baseUrl: 'https://ideas.example.org' }, legacyId: 'fider:ideas.example.org' },
      secret: { from: 'feedbackLoop.token:https://ideas.example.org', name: 'apiKey' },
    });
  });

  it('falls back to the REST settings where the choice did: none, REST, Fider without its URL, unreadable', () => {
    const rest: LegacyConnection = {
      draft: { kind: 'rest', settings: { baseUrl: 'https://feedback.example.com/' }, legacyId: 'https://feedback.example.com' },
      secret: { from: 'feedbackLoop.token:https://feedback.example.com', name: 'token' },
    };
    for (const choice of [undefined, { kind: 'rest' }, { kind: 'github', repository: 'x' }, { kind: 'jira' }, 'canny', null]) {
      assert.deepEqual(legacyConnection(choice, { ...SETTINGS, fiderBaseUrl: '' }), rest, JSON.stringify(choice));
    }
    assert.deepEqual(legacyConnection({ kind: 'fider' }, { ...SETTINGS, fiderBaseUrl: '' }), rest);
  });

  it('carries nothing over without a choice or a REST base URL that is a URL', () => {
    assert.equal(legacyConnection(undefined, NONE), undefined);
    assert.equal(legacyConnection({ kind: 'rest' }, { ...NONE, restBaseUrl: 'not a url' }), undefined);
    assert.equal(legacyConnection({ kind: 'fider' }, NONE), undefined);
  });

  it('is loaded only where it may find something: whatever it carries over, the quick check at activation said it might', () => {
    const choices = fc.oneof(
      fc.constant(undefined),
      fc.constantFrom<unknown>({ kind: 'rest' }, { kind: 'fider' }, { kind: 'canny' }, { kind: 'github', repository: 'octo/app' }, { kind: 'linear', teamId: 't', teamName: 'T' }, null, 'canny'),
    );
    const urls = fc.constantFrom('', 'not a url', 'https://feedback.example.com', 'http://127.0.0.1:3000');
    fc.assert(
      fc.property(choices, urls, urls, (choice, restBaseUrl, fiderBaseUrl) => {
        const found = legacyConnection(choice, { ...NONE, restBaseUrl, fiderBaseUrl });
        return found === undefined || mayHaveLegacyConnection(choice, restBaseUrl);
      }),
      { numRuns: propertyRuns(200) },
    );
    assert.equal(mayHaveLegacyConnection(undefined, ''), false);
  });

  it('never carries over the environment’s connection (demos, tests)', () => {
    const environment = {
      FEEDBACK_LOOP_TRACKER_URL: 'http://127.0.0.1:9999',
      FEEDBACK_LOOP_TRACKER_TOKEN: 'env-token',
      FEEDBACK_LOOP_GITHUB_API_URL: 'http://127.0.0.1:9998',
      FEEDBACK_LOOP_GITHUB_TOKEN: 'env-github',
    };
    const before = Object.keys(environment).map((key) => [key, process.env[key]] as const);
    try {
      Object.assign(process.env, environment);
      assert.equal(legacyConnection(undefined, NONE), undefined);
      assert.deepEqual(legacyConnection({ kind: 'github', repository: 'octo/app' }, NONE)?.draft.settings, { repository: 'octo/app', apiUrl: 'https://api.github.com' });
    } finally {
      for (const [key, value] of before) {
        if (value === undefined) {
          delete process.env[key];
        } else {
          process.env[key] = value;
        }
      }
    }
  });
});

describe('connection migration: into the registry', () => {
  const canny = legacyConnection({ kind: 'canny', boardID: 'b1', boardName: 'Ideas' }, NONE)!;

  it('makes one record with the suggested name and the old id kept', () => {
    const { list, record, outcome } = migrateLegacy(canny, [], [], counterIds());
    assert.equal(outcome, 'created');
    assert.deepEqual(list, [record]);
    assert.deepEqual(record, { id: 'canny-id00000001', kind: 'canny', name: 'Canny Ideas', settings: { boardID: 'b1', boardName: 'Ideas' }, legacyId: 'canny' });
  });

  it('makes one record however often it runs', () => {
    const newId = counterIds();
    const once = migrateLegacy(canny, [], [], newId);
    const twice = migrateLegacy(canny, once.list, [once.record], newId);
    assert.equal(twice.outcome, 'present');
    assert.equal(twice.list, once.list);
    assert.equal(twice.record, once.record);
  });

  it('carries each kind over, one record each', () => {
    const choices = [{ kind: 'github', repository: 'octo/app' }, { kind: 'canny' }, { kind: 'fider' }, { kind: 'linear', teamId: 't1', teamName: 'ENG' }, { kind: 'rest' }];
    const newId = counterIds();
    for (const choice of choices) {
      const legacy = legacyConnection(choice, SETTINGS)!;
      const first = migrateLegacy(legacy, [], [], newId);
      const again = migrateLegacy(legacy, first.list, [], newId);
      assert.equal(first.list.length, 1, choice.kind);
      assert.equal(first.record.kind, choice.kind);
      assert.equal(again.outcome, 'present');
      assert.equal(again.list.length, 1);
    }
  });

  it('keeps the id of a known connection reaching the same tracker the same way (another workspace’s migration)', () => {
    const elsewhere = migrateLegacy(canny, [], [], counterIds());
    const here = migrateLegacy(canny, [], [{ ...elsewhere.record, name: 'Our Canny' }], counterIds());
    assert.equal(here.outcome, 'reused');
    assert.equal(here.record.id, elsewhere.record.id);
    assert.equal(here.record.name, 'Our Canny');
  });

  it('makes a new id where the known connection reaches the tracker another way (another board)', () => {
    const elsewhere = migrateLegacy(legacyConnection({ kind: 'canny', boardID: 'b2' }, NONE)!, [], [], () => 'canny-elsewhere');
    const here = migrateLegacy(canny, [], [elsewhere.record], () => 'canny-herehere');
    assert.equal(here.outcome, 'created');
    assert.equal(here.record.id, 'canny-herehere');
    assert.equal(here.record.legacyId, 'canny', 'both claim the writes queued under the old id');
  });

  it('refuses what the old schema let through but a record may not hold', () => {
    const legacy = legacyConnection({ kind: 'github', repository: 'octo/app/extra' }, NONE)!;
    assert.throws(() => migrateLegacy(legacy, [], []), ValidationError);
  });
});
