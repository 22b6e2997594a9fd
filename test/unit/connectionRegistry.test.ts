// The connection registry as data (issue 14): stored lists are read whatever
// wrote them (a bad record dropped and named, the others kept), names are
// one clean line, unique in a workspace, and a connection's secrets live
// under keys only its id can reach. Property test: any sequence of adds,
// renames, removals and adoptions leaves names unique and valid, ids unique,
// and a list that reads back as itself.
import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { MAX_NAME_LENGTH, nameKey, nameLength, nameProblem, uniqueName } from '../../src/core/connections/connectionNames';
import {
  addConnection,
  adoptConnection,
  connectionSecretKey,
  findConnection,
  isConnectionId,
  MAX_CONNECTIONS,
  MAX_KNOWN,
  newConnectionId,
  parseConnections,
  rememberConnection,
  removeConnection,
  renameConnection,
  SECRET_NAME,
  suggestName,
} from '../../src/core/connections/registry';
import type { ConnectionDraft, ConnectionRecord } from '../../src/core/connections/registry';
import { ValidationError } from '../../src/core/validation';
import { propertyRuns } from '../support/propertySeed';

const GITHUB: ConnectionDraft = { kind: 'github', settings: { repository: 'octo/app', apiUrl: 'https://api.github.com' } };
const CANNY: ConnectionDraft = { kind: 'canny', settings: { boardID: 'b1', boardName: 'Acme', authorID: 'u1' } };
const REST: ConnectionDraft = { kind: 'rest', settings: { baseUrl: 'https://feedback.example.com' } };

/** Ids from a counter: `<kind>-idNNNNNNNN`, distinct and predictable. */
function counterIds(): (kind: ConnectionRecord['kind']) => string {
  let n = 0;
  return (kind) => `${kind}-id${String(++n).padStart(8, '0')}`;
}

function record(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 'canny-abcdefgh', kind: 'canny', name: 'Acme Canny', settings: { boardID: 'b1' }, ...overrides };
}

/** What a Memento stores and gives back: JSON. */
const stored = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('connection registry: stored lists', () => {
  it('reads nothing stored as no connections, without a problem', () => {
    assert.deepEqual(parseConnections(undefined, { uniqueNames: true }), { connections: [], problems: [] });
  });

  it('reads a value that is not a list as no connections, and says so', () => {
    for (const raw of [null, {}, 'canny-abcdefgh', 42, { 0: record(), length: 1 }]) {
      const { connections, problems } = parseConnections(raw, { uniqueNames: true });
      assert.deepEqual(connections, [], JSON.stringify(raw));
      assert.equal(problems.length, 1);
    }
  });

  it('drops each bad record with a line naming it, and keeps the others', () => {
    const bad: Record<string, unknown>[] = [
      record({ id: 42 }),
      record({ id: 'canny-ABCDEFGH' }),
      record({ id: 'github-abcdefgh' }), // another kind's id
      record({ id: 'canny-../../x' }),
      record({ name: 7 }),
      record({ kind: 'jira' }),
      record({ settings: undefined }),
      record({ settings: 'b1' }),
      record({ kind: 'github', id: 'github-abcdefgh', settings: { repository: 'not a repository', apiUrl: 'https://api.github.com' } }),
      record({ kind: 'github', id: 'github-abcdefgh', settings: { repository: 'octo/app', apiUrl: 'javascript:alert(1)' } }),
      record({ kind: 'github', id: 'github-abcdefgh', settings: { repository: 'octo/app', apiUrl: 'http://api.evil.example' } }),
      record({ kind: 'fider', id: 'fider-abcdefgh', settings: { baseUrl: 'http://fider.evil.example' } }),
      record({ kind: 'rest', id: 'rest-abcdefgh', settings: { baseUrl: 'file:///etc/passwd' } }),
      record({ kind: 'linear', id: 'linear-abcdefgh', settings: { teamName: 'ENG' } }),
      record({ settings: { boardID: { $gt: '' } } }),
    ];
    bad.forEach((value, n) => {
      const good = record({ id: 'canny-goodgood', name: 'Kept' });
      const { connections, problems } = parseConnections(stored([good, value]), { uniqueNames: true });
      assert.deepEqual(
        connections.map((c) => c.id),
        ['canny-goodgood'],
        `case ${n}`,
      );
      assert.equal(problems.length, 1, `case ${n}`);
      assert.match(problems[0], /^Connection 2\b.* was dropped: /, `case ${n}`);
    });
  });

  it('names a dropped record by its id and name, escaped and short', () => {
    const { problems } = parseConnections([record({ id: 'canny-\u202Eevil\n', name: `${'x'.repeat(500)}` })], { uniqueNames: true });
    assert.equal(problems.length, 1);
    assert.match(problems[0], /^Connection 1 "canny-\\u202eevil\\n" \("x{40}…"\) was dropped: id: /);
  });

  it('keeps the first of two records with one id', () => {
    const { connections, problems } = parseConnections([record({ name: 'First' }), record({ name: 'Second' })], { uniqueNames: true });
    assert.deepEqual(
      connections.map((c) => c.name),
      ['First'],
    );
    assert.match(problems[0], /^Connection 2 "canny-abcdefgh" \("Second"\) was dropped: an earlier connection has its id/);
  });

  it('drops huge strings quickly, and keeps its lines short', () => {
    const huge = 'a'.repeat(1_000_000);
    const values = [
      record({ id: `canny-${huge}` }),
      record({ name: huge }),
      record({ kind: 'rest', id: 'rest-abcdefgh', settings: { baseUrl: `https://${huge}.example` } }),
      record({ kind: 'github', id: 'github-abcdefgh', settings: { repository: `octo/${huge}`, apiUrl: 'https://api.github.com' } }),
      record({ settings: { boardID: huge } }),
      record({ legacyId: huge }),
    ];
    const started = Date.now();
    const { connections, problems } = parseConnections(values, { uniqueNames: true });
    assert.equal(connections.length, 0);
    assert.equal(problems.length, values.length);
    assert.ok(problems.every((p) => p.length < 400), 'a line per record, not the record');
    assert.ok(Date.now() - started < 2_000);
  });

  it(`reads at most ${MAX_CONNECTIONS} records of a huge list`, () => {
    const many = Array.from({ length: 10_000 }, (_, n) => record({ id: `canny-${String(n).padStart(8, '0')}`, name: `C ${n}` }));
    const { connections, problems } = parseConnections(many, { uniqueNames: true });
    assert.equal(connections.length, MAX_CONNECTIONS);
    assert.match(problems[0], /9950 stored connections after the first 50 were dropped/);
  });

  it('cleans stored names: one line, no direction overrides, capped; an empty one gets the suggested name', () => {
    const { connections, problems } = parseConnections(
      [
        record({ id: 'canny-aaaaaaaa', name: '  Acme\n\tCanny\u202E  ' }),
        record({ id: 'canny-bbbbbbbb', name: 'y'.repeat(MAX_NAME_LENGTH + 10) }),
        record({ id: 'canny-cccccccc', name: ' \n ', settings: { boardName: 'Ideas' } }),
      ],
      { uniqueNames: true },
    );
    assert.deepEqual(
      connections.map((c) => c.name),
      ['Acme Canny', 'y'.repeat(MAX_NAME_LENGTH), 'Canny Ideas'],
    );
    assert.deepEqual(problems, []);
  });

  it('makes repeated names unique in a workspace list, and says so; the machine list keeps them', () => {
    const list = [record({ id: 'canny-aaaaaaaa', name: 'Acme' }), record({ id: 'canny-bbbbbbbb', name: 'ACME' })];
    const workspace = parseConnections(list, { uniqueNames: true });
    assert.deepEqual(
      workspace.connections.map((c) => c.name),
      ['Acme', 'ACME (2)'],
    );
    assert.match(workspace.problems[0], /^Connection 2 .* was renamed "ACME \(2\)"/);
    assert.deepEqual(
      parseConnections(list, { uniqueNames: false }).connections.map((c) => c.name),
      ['Acme', 'ACME'],
    );
  });

  it('drops fields it does not know, and does not let a stored __proto__ reach anything', () => {
    const raw = JSON.parse('[{"id":"canny-aaaaaaaa","kind":"canny","name":"A","settings":{"boardID":"b","__proto__":{"polluted":true}},"token":"s3cret","__proto__":{"polluted":true}}]') as unknown;
    const [parsed] = parseConnections(raw, { uniqueNames: true }).connections;
    assert.deepEqual(parsed, { id: 'canny-aaaaaaaa', kind: 'canny', name: 'A', settings: { boardID: 'b' } });
    assert.equal(({} as { polluted?: boolean }).polluted, undefined);
  });

  it('reads back what it writes, through JSON', () => {
    let list: readonly ConnectionRecord[] = [];
    const newId = counterIds();
    for (const draft of [GITHUB, CANNY, REST, { ...GITHUB, legacyId: 'github:octo/app' }]) {
      list = addConnection(list, draft, newId).list;
    }
    assert.deepEqual(parseConnections(stored(list), { uniqueNames: true }), { connections: list, problems: [] });
  });
});

describe('connection registry: names', () => {
  it('suggests a name from what the connection reaches', () => {
    const cases: [ConnectionDraft, string][] = [
      [REST, 'feedback.example.com'],
      [GITHUB, 'octo/app'],
      [{ kind: 'github', settings: { repository: 'octo/app', apiUrl: 'https://github.acme.example/api/v3' } }, 'octo/app (github.acme.example)'],
      [CANNY, 'Canny Acme'],
      [{ kind: 'canny', settings: {} }, 'Canny'],
      [{ kind: 'fider', settings: { baseUrl: 'https://ideas.example.org' } }, 'Fider ideas.example.org'],
      [{ kind: 'linear', settings: { teamId: 't', teamName: 'ENG' } }, 'Linear ENG'],
      [{ kind: 'linear', settings: { teamId: 't', teamName: 'ENG', labelId: 'l', labelName: 'Feedback' } }, 'Linear ENG / Feedback'],
    ];
    for (const [draft, name] of cases) {
      assert.equal(suggestName(draft), name);
    }
  });

  it('de-duplicates with (2), (3)…, counting on a suffix already there', () => {
    assert.equal(uniqueName('Acme', []), 'Acme');
    assert.equal(uniqueName('Acme', ['Acme']), 'Acme (2)');
    assert.equal(uniqueName('Acme', ['acme', 'ACME (2)']), 'Acme (3)');
    assert.equal(uniqueName('Acme (2)', ['Acme', 'Acme (2)']), 'Acme (3)');
    assert.equal(uniqueName('ａｃｍｅ', ['Acme']), 'ａｃｍｅ (2)', 'full-width letters read as the same name');
    assert.equal(uniqueName(' \n ', []), 'Tracker');
  });

  it('keeps a de-duplicated long name within the limit', () => {
    const long = 'n'.repeat(MAX_NAME_LENGTH);
    const second = uniqueName(long, [long]);
    assert.equal(nameLength(second), MAX_NAME_LENGTH);
    assert.match(second, /^n+ \(2\)$/);
    const emoji = '🦊'.repeat(MAX_NAME_LENGTH);
    assert.equal(nameLength(uniqueName(emoji, [emoji])), MAX_NAME_LENGTH, 'counted in characters, never splitting one');
  });

  it('gives two connections to the same repository two names and two ids', () => {
    const first = addConnection([], GITHUB);
    const second = addConnection(first.list, GITHUB);
    assert.deepEqual(
      second.list.map((c) => c.name),
      ['octo/app', 'octo/app (2)'],
    );
    assert.notEqual(first.record.id, second.record.id);
    assert.ok(second.list.every((c) => isConnectionId(c.id) && c.id.startsWith('github-')));
  });

  it('draws another id when the first is taken', () => {
    const ids = ['canny-aaaaaaaa', 'canny-aaaaaaaa', 'canny-bbbbbbbb'];
    const first = addConnection([], CANNY, () => ids.shift()!);
    const second = addConnection(first.list, CANNY, () => ids.shift()!);
    assert.equal(second.record.id, 'canny-bbbbbbbb');
  });

  it('refuses settings no record may hold, and a full list', () => {
    assert.throws(() => addConnection([], { kind: 'fider', settings: { baseUrl: 'http://fider.evil.example' } }), ValidationError);
    let list: readonly ConnectionRecord[] = [];
    for (let n = 0; n < MAX_CONNECTIONS; n++) {
      list = addConnection(list, CANNY).list;
    }
    assert.throws(() => addConnection(list, CANNY), RangeError);
  });

  it('keeps a known connection’s id when adopted, and its name unique here', () => {
    const here = addConnection([], { ...CANNY, name: 'Acme' }, counterIds()).list;
    const known: ConnectionRecord = { id: 'canny-elsewhere', kind: 'canny', name: 'acme', settings: {} };
    const adopted = adoptConnection(here, known);
    assert.equal(adopted.record.id, 'canny-elsewhere');
    assert.equal(adopted.record.name, 'acme (2)');
    assert.equal(adoptConnection(adopted.list, known).list, adopted.list, 'adopting twice changes nothing');
  });
});

describe('connection registry: rename, remove, remember', () => {
  const newId = counterIds();
  const list = addConnection(addConnection([], { ...GITHUB, name: 'App' }, newId).list, { ...CANNY, name: 'Acme Canny' }, newId).list;
  const [app, canny] = list;

  it('renames with the name cleaned, leaving the old list as it was', () => {
    const result = renameConnection(list, app.id, '  Octo\nApp  ');
    assert.ok(result.ok);
    assert.equal(result.record.name, 'Octo App');
    assert.equal(findConnection(result.list, app.id)?.name, 'Octo App');
    assert.equal(app.name, 'App');
  });

  it('refuses an empty name, a name too long, and another’s name', () => {
    assert.deepEqual(renameConnection(list, app.id, ''), { ok: false, problem: 'empty' });
    assert.deepEqual(renameConnection(list, app.id, ' \u202E\n '), { ok: false, problem: 'empty' });
    assert.deepEqual(renameConnection(list, app.id, 'x'.repeat(MAX_NAME_LENGTH + 1)), { ok: false, problem: 'tooLong' });
    assert.deepEqual(renameConnection(list, app.id, 'ACME canny'), { ok: false, problem: 'taken' });
    assert.deepEqual(renameConnection(list, 'github-unknown1', 'New'), { ok: false, problem: 'notFound' });
  });

  it('lets a connection keep its own name in another case, and take a name of the full length in characters', () => {
    assert.ok(renameConnection(list, canny.id, 'ACME CANNY').ok);
    assert.ok(renameConnection(list, canny.id, '🦊'.repeat(MAX_NAME_LENGTH)).ok);
    assert.equal(nameProblem('🦊'.repeat(MAX_NAME_LENGTH + 1), []), 'tooLong');
  });

  it('removes by id, and changes nothing for an unknown one', () => {
    assert.deepEqual(removeConnection(list, app.id), [canny]);
    assert.deepEqual(removeConnection(list, 'canny-unknown1'), list);
  });

  it('remembers the latest first, once per id, at most MAX_KNOWN', () => {
    const renamed = { ...app, name: 'Renamed' };
    assert.deepEqual(rememberConnection([app, canny], renamed), [renamed, canny]);
    let known: readonly ConnectionRecord[] = [];
    for (let n = 0; n < MAX_KNOWN + 5; n++) {
      known = rememberConnection(known, { ...canny, id: `canny-${String(n).padStart(8, '0')}` });
    }
    assert.equal(known.length, MAX_KNOWN);
    assert.equal(known[0].id, `canny-${String(MAX_KNOWN + 4).padStart(8, '0')}`);
  });
});

describe('connection registry: secret keys', () => {
  it('keys a secret by the connection id and the secret’s name', () => {
    assert.equal(connectionSecretKey('canny-k2v7m3q9x4ab', 'apiKey'), 'feedbackLoop.connection/canny-k2v7m3q9x4ab/apiKey');
    assert.equal(connectionSecretKey('rest-k2v7m3q9x4ab', 'token'), 'feedbackLoop.connection/rest-k2v7m3q9x4ab/token');
    assert.deepEqual(SECRET_NAME, { rest: 'token', github: 'token', canny: 'apiKey', fider: 'apiKey', linear: 'apiKey' });
  });

  it('refuses anything but a connection id, so no key reaches another’s', () => {
    for (const id of ['canny', 'canny-', 'canny-abc', 'canny-ABCDEFGH', 'canny-abcdefgh/../x', '../canny-abcdefgh', 'jira-abcdefgh', `canny-${'a'.repeat(33)}`, 'feedbackLoop.token:https://x']) {
      assert.throws(() => connectionSecretKey(id, 'token'), /Not a connection id/, id);
    }
  });

  it('makes ids of 12 random letters and digits after the kind', () => {
    const ids = new Set(Array.from({ length: 1_000 }, () => newConnectionId('linear')));
    assert.equal(ids.size, 1_000);
    assert.ok([...ids].every((id) => /^linear-[a-z2-7]{12}$/.test(id)));
  });
});

describe('connection registry: names stay unique (property)', () => {
  const name = fc.oneof(
    fc.constantFrom('Acme', 'acme', 'ACME (2)', 'Acme (3)', 'ａｃｍｅ', ' Acme ', 'octo/app', 'octo/app (2)', '', ' ', '\n', '\u202E', '🦊'),
    fc.string({ maxLength: 8 }),
    fc.string({ minLength: MAX_NAME_LENGTH - 3, maxLength: MAX_NAME_LENGTH + 3 }),
  );
  const draft = fc.constantFrom<ConnectionDraft>(GITHUB, CANNY, REST);
  const step = fc.oneof(
    fc.record({ op: fc.constant('add' as const), draft, name: fc.option(name, { nil: undefined }) }),
    fc.record({ op: fc.constant('rename' as const), pick: fc.nat(), name }),
    fc.record({ op: fc.constant('remove' as const), pick: fc.nat() }),
    fc.record({ op: fc.constant('adopt' as const), name }),
  );

  it('keeps every name valid and unique, every id unique, and the list readable as itself', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        let list: readonly ConnectionRecord[] = [];
        const newId = counterIds();
        let adopted = 0;
        for (const s of steps) {
          const picked = list.length > 0 && 'pick' in s ? list[s.pick % list.length] : undefined;
          if (s.op === 'add' && list.length < MAX_CONNECTIONS) {
            list = addConnection(list, s.name === undefined ? s.draft : { ...s.draft, name: s.name }, newId).list;
          } else if (s.op === 'rename' && picked) {
            const result = renameConnection(list, picked.id, s.name);
            list = result.ok ? result.list : list;
          } else if (s.op === 'remove' && picked) {
            list = removeConnection(list, picked.id);
          } else if (s.op === 'adopt' && list.length < MAX_CONNECTIONS) {
            list = adoptConnection(list, { id: `canny-adopted${String(++adopted).padStart(3, '0')}`, kind: 'canny', name: s.name, settings: {} }).list;
          }
          const names = list.map((c) => c.name);
          assert.equal(new Set(names.map(nameKey)).size, names.length, JSON.stringify(names));
          list.forEach((c, n) => assert.equal(nameProblem(c.name, names.filter((_, m) => m !== n)), undefined, JSON.stringify(c.name)));
          assert.equal(new Set(list.map((c) => c.id)).size, list.length);
        }
        assert.deepEqual(parseConnections(stored(list), { uniqueNames: true }), { connections: list, problems: [] });
      }),
      { numRuns: propertyRuns(200) },
    );
  });
});
