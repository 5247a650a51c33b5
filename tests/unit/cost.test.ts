import {
  getNamedType,
  type GraphQLObjectType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  Kind,
  parse,
  type OperationDefinitionNode,
} from 'graphql';
import { readFileSync } from 'node:fs';
import { readManifest } from '../../platform/operations';
import { costDirectives, estimateCost } from '../../platform/cost';
import { DEFAULT_LIMITS } from '../../platform/limits';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { apiSchema } from '../../scripts/api-schema';
import { listedOperationCosts } from '../../scripts/operation-costs';

const supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
const schema = apiSchema(supergraphSdl);
const directives = costDirectives(parse(supergraphSdl));
const manifest = readManifest();

function cost(query: string, variables?: Record<string, unknown>): number {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('no operation');
  return estimateCost({ schema, directives, document, operation, variables });
}

/** `division(code:)` walked `children { parent { … } }` to `depth` levels: the attack's shape. */
function cyclicWalk(depth: number): string {
  let inner = 'code';
  for (let level = depth - 2; level >= 1; level -= 1) {
    inner = `${level % 2 === 1 ? 'children' : 'parent'} { code ${inner} }`;
  }
  return `division(code: "330000") { code ${inner} }`;
}

describe('the cost estimate (IBM cost directives, as Apollo Router reads them)', () => {
  it('knows the size of every list of objects the supergraph serves', () => {
    const unsized = Object.values(schema.getTypeMap())
      .filter((type) => isObjectType(type) && !type.name.startsWith('__'))
      .flatMap((type) =>
        Object.values((type as GraphQLObjectType).getFields())
          .filter((f) => isListType(getNullableType(f.type)))
          .filter((f) => isCompositeType(getNamedType(f.type)))
          .map((f) => `${type.name}.${f.name}`),
      )
      .filter((field) => directives.fields.get(field)?.assumedSize === undefined);
    expect(unsized).toEqual([]);
  });

  it('prices every listed operation at most half the default limit, the province board too', () => {
    const costs = Object.fromEntries(
      listedOperationCosts(supergraphSdl, manifest).map(({ name, cost: c }) => [name, c]),
    );
    expect(Object.keys(costs).length).toBe(manifest.operations.length);
    for (const c of Object.values(costs)) expect(c).toBeLessThanOrEqual(DEFAULT_LIMITS.cost / 2);
    // The board: 1,200 rows of 49 objects, and the stations and 22 values each it requires.
    expect(costs.AssessmentBoardScreen).toBe(2 + 1200 * 49 + 1200 * (1 + 3 + 11 + 6 + 8));
    expect(costs.LoadCases).toBe(11);
  });

  it('multiplies lists: the attack of 20 cyclic walks, 12 levels deep, is far over the limit', () => {
    const one = cost(`{ ${cyclicWalk(12)} }`);
    // children is 15 long, parent 1: five lists of 15 nested.
    expect(one).toBeGreaterThan(15 ** 5);
    const attack = `{ ${Array.from({ length: 20 }, (_, i) => `d${i}: ${cyclicWalk(12)}`).join(' ')} }`;
    expect(cost(attack)).toBeGreaterThan(20 * 15 ** 5);
    expect(cost(attack)).toBeGreaterThan(DEFAULT_LIMITS.cost * 50);
  });

  it('counts a fragment as often as it is spread, and cycles through other lists', () => {
    const viaFragments = `{ a: division(code: "330000") { ...Down } b: division(code: "330000") { ...Down } }
      fragment Down on Division { children { children { children { children { code } } } } }`;
    expect(cost(viaFragments)).toBe(2 * (1 + 15 + 15 ** 2 + 15 ** 3 + 15 ** 4));
    const viaPages =
      '{ stations(first: 1000) { edges { node { division { children { children { code } } } } } } }';
    expect(cost(viaPages)).toBe(1 + 1000 * (1 + 1 + 1 + 15 * (1 + 15)));
  });

  it('sizes a page by its `first`, given or defaulted, and by its maximum before it is sent', () => {
    const page = 'query P($first: Int) { stations(first: $first) { edges { node { code } } } }';
    expect(cost(page, { first: 10 })).toBe(1 + 10 * 2);
    expect(cost(page, {})).toBe(1 + 100 * 2);
    expect(cost(page)).toBe(1 + 1000 * 2);
    expect(cost('{ stations(first: 3) { totalCount edges { cursor } } }')).toBe(1 + 3);
  });

  it('adds what a field @requires: one row costs the departments the whole board', () => {
    const row =
      '{ assessmentBoard(scope: "330000", period: "2024") { row(stationCode: "330681000001") { total } } }';
    // The stations, then each department's values, which @require the stations again.
    expect(cost(row)).toBe(1 + 1 + 1200 * (1 + (1 + 1 + 10) + (1 + 1 + 5) + (1 + 1 + 7)));
  });
});
