import * as assert from 'node:assert/strict';
import { fingerprintLines } from '../../src/core/tradeoffs/anchor';
import { MAX_TRADEOFF_FILE_BYTES, parseTradeOffFile, serializeTradeOffFile, tradeOffFileSizeProblem } from '../../src/core/tradeoffs/tradeoffFile';
import type { StoredTradeOff } from '../../src/core/tradeoffs/tradeoffFile';

function tradeOff(id: string, path: string, startLine: number): StoredTradeOff {
  const lines = ['return cache.get(key);'];
  return {
    id,
    itemId: 'FB-12',
    summary: 'Cache for 5 minutes instead of live',
    rationale: 'Live data costs **3×** the requests.',
    state: 'open',
    author: 'Ada',
    createdAt: '2025-01-02T03:04:05.000Z',
    location: { repository: 'shop', path, startLine, endLine: startLine, commit: null },
    anchor: { fingerprint: fingerprintLines(lines), lines },
    replies: [],
  };
}

describe('.feedback/tradeoffs.json', () => {
  it('round-trips, sorted by path, line and id whatever the order in memory', () => {
    const a = tradeOff('to-aaaaaa', 'src/b.ts', 3);
    const b = tradeOff('to-bbbbbb', 'src/a.ts', 9);
    const c = tradeOff('to-cccccc', 'src/a.ts', 2);
    const text = serializeTradeOffFile([a, b, c]);
    assert.equal(text, serializeTradeOffFile([c, a, b]));
    assert.ok(text.endsWith('}\n'));
    const parsed = parseTradeOffFile(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.file.tradeoffs.map((t) => t.id), ['to-cccccc', 'to-bbbbbb', 'to-aaaaaa']);
    assert.equal(parsed.file.version, 1);
  });

  it('writes keys in a fixed order, however the object was built', () => {
    const a = tradeOff('to-aaaaaa', 'src/a.ts', 1);
    const shuffled = { replies: a.replies, anchor: a.anchor, location: a.location, createdAt: a.createdAt, author: a.author, state: a.state, rationale: a.rationale, summary: a.summary, itemId: a.itemId, id: a.id };
    assert.equal(serializeTradeOffFile([shuffled]), serializeTradeOffFile([a]));
  });

  it('reads an empty file as no trade-offs', () => {
    const parsed = parseTradeOffFile('  \n');
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.file.tradeoffs, []);
  });

  it('names the line of a bad field', () => {
    const text = serializeTradeOffFile([tradeOff('to-aaaaaa', 'src/a.ts', 1), tradeOff('to-bbbbbb', 'src/b.ts', 1)]);
    const broken = text.replace(/("path": "src\/b.ts",\n\s*"startLine": )1/, '$1"one"');
    const parsed = parseTradeOffFile(broken);
    assert.ok(!parsed.ok);
    const expectedLine = broken.split('\n').findIndex((l) => l.includes('"one"')) + 1;
    assert.equal(parsed.line, expectedLine);
    assert.match(parsed.message, new RegExp(`^\\.feedback/tradeoffs\\.json:${expectedLine}: tradeoffs\\[1\\]\\.location\\.startLine`));
  });

  it('names the line of a JSON syntax error and of a merge conflict marker', () => {
    const text = serializeTradeOffFile([tradeOff('to-aaaaaa', 'src/a.ts', 1)]);
    const lines = text.split('\n');
    lines.splice(5, 0, '      "oops" ,,');
    const syntax = parseTradeOffFile(lines.join('\n'));
    assert.ok(!syntax.ok);
    assert.equal(syntax.line, 6);
    const conflict = parseTradeOffFile(`{\n  "version": 1,\n<<<<<<< HEAD\n  "tradeoffs": []\n=======\n>>>>>>> main\n}`);
    assert.ok(!conflict.ok);
    assert.equal(conflict.line, 3);
    assert.match(conflict.message, /merge conflict/);
  });

  it('refuses paths that leave the workspace, duplicate ids and newer versions', () => {
    for (const path of ['../secrets', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\b']) {
      const parsed = parseTradeOffFile(serializeTradeOffFile([tradeOff('to-aaaaaa', path, 1)]));
      assert.equal(parsed.ok, false, path);
    }
    const twice = parseTradeOffFile(serializeTradeOffFile([tradeOff('to-aaaaaa', 'a.ts', 1), tradeOff('to-aaaaaa', 'b.ts', 1)]));
    assert.ok(!twice.ok);
    assert.match(twice.message, /appears twice/);
    const newer = parseTradeOffFile('{\n  "version": 2,\n  "tradeoffs": []\n}\n');
    assert.ok(!newer.ok);
    assert.equal(newer.line, 2);
    assert.match(newer.message, /update Feedback Loop/);
  });

  it(`refuses a file over ${MAX_TRADEOFF_FILE_BYTES} bytes, naming the file and its size, before parsing it`, () => {
    assert.equal(tradeOffFileSizeProblem(MAX_TRADEOFF_FILE_BYTES), undefined);
    const problem = tradeOffFileSizeProblem(MAX_TRADEOFF_FILE_BYTES + 1);
    assert.match(problem ?? '', /^\.feedback\/tradeoffs\.json: 4\.1 MB.*at most 4 MB/);
    const text = serializeTradeOffFile([tradeOff('to-aaaaaa', 'src/a.ts', 1)]).replace('"rationale": "', `"rationale": "${' '.repeat(MAX_TRADEOFF_FILE_BYTES)}`);
    const parsed = parseTradeOffFile(text);
    assert.ok(!parsed.ok);
    assert.match(parsed.message, /^\.feedback\/tradeoffs\.json: .*at most 4 MB/);
  });

  it('reports deeply nested JSON as an error instead of overflowing the stack', () => {
    const deepArray = '['.repeat(100_000);
    const deepValid = `{"version":1,"tradeoffs":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    const deepInItem = `{"version":1,"tradeoffs":[${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}]}`;
    for (const text of [deepArray, deepValid, deepInItem]) {
      const parsed = parseTradeOffFile(text);
      assert.equal(parsed.ok, false);
    }
  });
});
