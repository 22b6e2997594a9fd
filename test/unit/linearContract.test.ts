import * as assert from 'node:assert/strict';
import { buildSchema, parse, validate } from 'graphql';
import * as queries from '../../src/trackers/linear/linearQueries';
import { LINEAR_DOCUMENTS } from '../../src/trackers/linear/linearQueries';
import { linearSchemaText } from '../fixtures/linearFake';

describe('Linear adapter contract: every document against Linear’s published schema', () => {
  const schema = buildSchema(linearSchemaText());

  for (const [name, document] of Object.entries(LINEAR_DOCUMENTS)) {
    it(`${name} is valid GraphQL for the schema`, () => {
      const errors = validate(schema, parse(document));
      assert.deepEqual(errors.map((e) => e.message), []);
    });
  }

  it('lists every document linearQueries.ts exports, so a new one cannot skip this test', () => {
    const exported = Object.entries(queries).filter(([, value]) => typeof value === 'string' && /^\s*(query|mutation)\b/.test(value));
    assert.ok(exported.length > 0);
    for (const [name, document] of exported) {
      assert.equal(LINEAR_DOCUMENTS[name], document, `${name} is missing from LINEAR_DOCUMENTS`);
    }
    assert.equal(Object.keys(LINEAR_DOCUMENTS).length, exported.length, 'LINEAR_DOCUMENTS holds only exported documents');
  });

  it('names each operation once, so Linear’s logs and ours tell them apart', () => {
    const names = Object.values(LINEAR_DOCUMENTS).map((d) => /^\s*(?:query|mutation)\s+(\w+)/.exec(d)?.[1]);
    assert.equal(new Set(names).size, names.length);
    assert.ok(names.every((n) => n !== undefined));
  });
});
