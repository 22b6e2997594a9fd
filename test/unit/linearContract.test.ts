import * as assert from 'node:assert/strict';
import { buildSchema, getNamedType, isLeafType, Kind, parse, validate } from 'graphql';
import type { GraphQLField, GraphQLObjectType, GraphQLSchema, SelectionSetNode } from 'graphql';
import * as queries from '../../src/trackers/linear/linearQueries';
import { ISSUES_PER_PAGE, LINEAR_DOCUMENTS } from '../../src/trackers/linear/linearQueries';
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

  // Linear's published rule for a query's cost (developers.linear.app, rate limiting): a field 0.1, an
  // object 1, and a connection's contents times its `first` (50 when not given); over 10,000 is refused.
  // The documents' variables are taken at the most the adapter sends ($first: ISSUES_PER_PAGE).
  for (const [name, document] of Object.entries(LINEAR_DOCUMENTS)) {
    it(`${name} costs less than Linear's 10,000-point limit for one query`, () => {
      const cost = documentCost(schema, document, { first: ISSUES_PER_PAGE });
      assert.ok(cost <= 10_000, `${name}: ${cost.toFixed(1)} points`);
    });
  }

  it('counts a list page of issues with their needs near the cost the design assumes', () => {
    const cost = documentCost(schema, LINEAR_DOCUMENTS.ISSUES, { first: ISSUES_PER_PAGE });
    assert.ok(cost > 5_000 && cost < 8_000, `${cost.toFixed(1)} points for ${ISSUES_PER_PAGE} issues`);
  });
});

function documentCost(schema: GraphQLSchema, document: string, variables: Record<string, number>): number {
  const ast = parse(document);
  const fragments = new Map(ast.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d.selectionSet] as const] : [])));
  const operation = ast.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  assert.ok(operation && operation.kind === Kind.OPERATION_DEFINITION);
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  assert.ok(root);
  const selectionCost = (type: GraphQLObjectType, selections: SelectionSetNode): number =>
    selections.selections.reduce((sum, selection) => {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        return sum + selectionCost(type, fragments.get(selection.name.value)!);
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        return sum + selectionCost(type, selection.selectionSet);
      }
      const field = type.getFields()[selection.name.value] as GraphQLField<unknown, unknown> | undefined;
      if (!field || isLeafType(getNamedType(field.type)) || !selection.selectionSet) {
        return sum + 0.1;
      }
      const inner = getNamedType(field.type) as GraphQLObjectType;
      const contents = selectionCost(inner, selection.selectionSet);
      if (!inner.name.endsWith('Connection')) {
        return sum + 1 + contents;
      }
      const first = selection.arguments?.find((a) => a.name.value === 'first')?.value;
      const count = first?.kind === Kind.INT ? Number(first.value) : first?.kind === Kind.VARIABLE ? variables[first.name.value] : 50;
      return sum + count * contents;
    }, 0);
  return selectionCost(root, operation.selectionSet);
}
