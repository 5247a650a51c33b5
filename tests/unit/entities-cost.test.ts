import { buildASTSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { readFileSync } from 'node:fs';
import { costDirectives, estimateCost } from '../../platform/cost';

/**
 * `_entities` straight to a subgraph is priced by what it is sent: the representations, the
 * items of the lists inside them, and the lists resolved from those lists, sized by them.
 */
function subgraphPricer(name: string) {
  // The SDL the subgraph serves, `_entities` and all, as schema:check keeps it.
  const typeDefs = parse(readFileSync(`schema/${name}.graphql`, 'utf8'));
  const schema = buildASTSchema(typeDefs);
  const directives = costDirectives(typeDefs);
  return (query: string, variables?: Record<string, unknown>) => {
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    expect(operation.kind).toBe(Kind.OPERATION_DEFINITION);
    return estimateCost({ schema, directives, document, operation, variables });
  };
}

const stations = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ code: `3306${String(i).padStart(8, '0')}` }));

describe('the price of representations', () => {
  const cases = subgraphPricer('cases');
  const INDICATORS =
    'query($r: [_Any!]!) { _entities(representations: $r) { ... on AssessmentBoard { caseIndicators { stationCode values { key } } } } }';
  const board = (count: number) => ({
    r: [
      {
        __typename: 'AssessmentBoard',
        scope: '330000',
        period: '2019',
        schemeId: 'x@1',
        stations: stations(count),
      },
    ],
  });

  it('sizes a list the representation requires by the list it was sent', () => {
    // Each station: its indicators (1) and their values (10 at most), and the station itself.
    const perStation = cases(INDICATORS, board(2)) - cases(INDICATORS, board(1));
    expect(perStation).toBe(1 + 1 + 10);
    expect(cases(INDICATORS, board(150_000))).toBe(1 + 150_000 * perStation);
  });

  it('prices a list it was sent by its items, where nothing is resolved from it', () => {
    const query =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Division { caseStats(period: "2019") { criminalFiled } } } }';
    const division = (count: number) => ({
      r: [{ __typename: 'Division', code: '330600', stations: stations(count) }],
    });
    expect(cases(query, division(100_000)) - cases(query, division(0))).toBe(100_000);
  });

  it('prices each type by what is selected on it, and by how many are sent', () => {
    const query =
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on Station { caseRecords(period: "2019", first: 5) { totalCount } } ... on Division { code } } }';
    const station = { __typename: 'Station', code: '330681500001' };
    const division = { __typename: 'Division', code: '330600' };
    const one = cases(query, { r: [station] });
    expect(cases(query, { r: [station, station, station] })).toBe(3 * one);
    expect(cases(query, { r: [division] })).toBeLessThan(one);
  });

  it('is the assumed size before the variables are known (a listed operation checked)', () => {
    expect(cases(INDICATORS)).toBeGreaterThan(0);
  });
});
