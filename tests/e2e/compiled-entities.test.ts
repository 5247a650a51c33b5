import { execute, parse, type GraphQLFormattedError } from 'graphql';
import { assessment } from '../../subgraphs/assessment';
import { cases } from '../../subgraphs/cases';
import { buildFederatedSchema } from '../../subgraphs/kit/service/federated-schema';
import { gatewayClientFor } from '../../subgraphs/kit/service/gateway-client';
import type { SubgraphDefinition } from '../../subgraphs/kit/service/definition';
import { startPlatform, type Platform } from '../support/platform';
import { caseRecord } from '../support/records';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

/**
 * The assessment subgraph and the departments answer their entity fetches with code graphql-jit
 * compiles (compiled-execution.ts). Whatever such a fetch asks, the answer is the one graphql-js
 * gives on the same schema, context and database: the same data to the byte, the same errors at
 * the same paths with the same codes.
 */
process.env.PLATFORM_TODAY = '2019-08-15';

const ROWS = `query($r: [_Any!]!, $code: ID!) { _entities(representations: $r) {
  __typename
  ... on AssessmentBoard {
    rows { rank total grade vetoed vetoes station { __typename code }
      departments { department score max }
      indicators { key label department method current baseline change points max note }
      deductions { key label count points note } vetoCounts { key count note } }
    best: row(stationCode: $code) { rank total station { code } }
  } } }`;

const STATIONS = ['330602600001', '330602600002', '330602600003', '330602600004'];

const RATES = new Set(['cases.mediationRate', 'surveys.securityRate', 'surveys.satisfactionRate']);

/** Drawn values of three of the stations: the fourth has none, as a station without records. */
const values = (keys: string[]) =>
  STATIONS.slice(0, 3).map((stationCode, s) => ({
    stationCode,
    values: keys.map((key, k) =>
      RATES.has(key)
        ? { key, current: (s + k) / 7, baseline: (k + 1) / 9, sample: 20 + s * 5 }
        : { key, current: s * 3 + k, baseline: k * 2, sample: null },
    ),
  }));

/** A board as the gateway sends it for `rows`, with `fields` changed. */
function board(fields: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    __typename: 'AssessmentBoard',
    scope: '330602',
    period: '2019-H1',
    schemeId: 'fengqiao-2019@2',
    caseIndicators: values(['cases.criminalSolved', 'cases.homicides', 'cases.mediationRate']),
    trafficIndicators: values([
      'traffic.deaths',
      'traffic.majorAccidents',
      'traffic.severeAccidents',
    ]),
    surveyIndicators: values([
      'surveys.securityRate',
      'surveys.satisfactionRate',
      'surveys.validComplaints',
    ]),
    stations: STATIONS.map((code) => ({ code })),
    ...fields,
  };
}

let platform: Platform;
let token: string;
const schema = buildFederatedSchema(assessment);

beforeAll(async () => {
  platform = await startPlatform();
  token = await tokenFor('assessor');
});
afterAll(() => platform.stop());

/** What graphql-js answers on `subgraph`'s schema, in the shape the subgraph sends errors. */
async function byGraphqlJs(
  variables: Record<string, unknown>,
  query = ROWS,
  subgraph: SubgraphDefinition = assessment,
  on = schema,
) {
  const db = platform.service(subgraph.name).db;
  const result = await execute({
    schema: on,
    document: parse(query),
    variableValues: variables,
    contextValue: {
      requestId: 'reference',
      viewer: { sub: 'test-assessor', roles: ['assessor'] },
      graph: gatewayClientFor(() => platform.gateway.url, {
        authorization: `Bearer ${token}`,
        requestId: 'reference',
      }),
      today: '2019-08-15',
      db,
      loaders: subgraph.createLoaders(db),
    },
  });
  return {
    data: result.data,
    errors: result.errors?.map((e) => ({
      message: e.message,
      path: e.path,
      code: e.extensions.code,
    })),
  };
}

const compiled = async (
  variables: Record<string, unknown>,
  query = ROWS,
  subgraph = 'assessment',
) => {
  const res = await platform.querySubgraph(subgraph, query, { token, variables });
  return {
    data: res.data as unknown,
    errors: (res.errors as GraphQLFormattedError[] | undefined)?.map((e) => ({
      message: e.message,
      path: e.path,
      code: e.extensions?.code,
    })),
  };
};

describe('an entity fetch of the assessment subgraph, compiled', () => {
  it.each([
    ['a whole board', board()],
    ['a board whose traffic department failed', board({ trafficIndicators: null })],
  ])('answers %s as graphql-js does', async (_what, representation) => {
    const variables = { r: [representation], code: STATIONS[0] };
    const reference = await byGraphqlJs(variables);
    expect(reference.data).toBeDefined();
    expect(reference.errors).toBeUndefined();
    const answer = await compiled(variables);
    expect(JSON.stringify(answer.data)).toBe(JSON.stringify(reference.data));
    expect(answer.errors).toBeUndefined();
  });

  it('refuses a board without its stations as graphql-js does, and names each field refused', async () => {
    const variables = { r: [board({ stations: undefined })], code: STATIONS[0] };
    const reference = await byGraphqlJs(variables);
    const answer = await compiled(variables);
    expect(JSON.stringify(answer.data)).toBe(JSON.stringify(reference.data));
    // graphql-js leaves out the error of `best` once the error of `rows` (not nullable) has
    // nulled the board they both belong to; the compiled code reports both.
    expect(answer.errors).toEqual(expect.arrayContaining(reference.errors ?? []));
    const refused = answer.errors?.map((e) => [String(e.path?.at(-1)), e.code]);
    expect(refused?.sort()).toEqual([
      ['best', 'INCOMPLETE_REPRESENTATION'],
      ['rows', 'INCOMPLETE_REPRESENTATION'],
    ]);
  });

  it('writes strings beyond ASCII as graphql-js does, a lone surrogate escaped', async () => {
    // The compiled answer is made as its UTF-8 bytes (byte-answer.ts), JSON's escapes and all.
    const code = 'é站😀\ud800"\\';
    const query = `query($r: [_Any!]!) { _entities(representations: $r) { ... on Station { code } } }`;
    const variables = { r: [{ __typename: 'Station', code }] };
    const reference = await byGraphqlJs(variables, query);
    const answer = await compiled(variables, query);
    expect(answer).toEqual({ data: { _entities: [{ code }] }, errors: undefined });
    expect(JSON.stringify(answer.data)).toBe(JSON.stringify(reference.data));
  });

  it('codes an error its resolver threw without a code as graphql-js does: a value PostgreSQL refused', async () => {
    // A NUL byte in a station's code reaches the history's statement, which PostgreSQL refuses
    // (22021): the resolver's error carries no extensions, which the compiled code passed on bare.
    const history = `query($r: [_Any!]!) { _entities(representations: $r) {
      ... on Station { code assessmentHistory(scope: "330624", last: 1) { period } } } }`;
    const res = await platform.querySubgraph('assessment', history, {
      token,
      variables: { r: [{ __typename: 'Station', code: 'a\u0000b' }] },
    });
    expect(res.status).toBe(200);
    expect(res.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['_entities.0.assessmentHistory', 'BAD_USER_INPUT'],
    ]);
    expect(JSON.stringify(res.errors)).not.toMatch(/byte sequence|0x00|SELECT/i);
  });
});

describe("an entity fetch of a department's, compiled", () => {
  const A = STATIONS[0] ?? '';
  const B = STATIONS[1] ?? '';
  const caseSchema = buildFederatedSchema(cases);
  // The board's indicators, a division's figures with its children's, a station's listing.
  // Each with what it reads of the cases below, so a compiled answer of zeros cannot pass.
  const FETCHES: [string, string, Record<string, unknown>, string][] = [
    [
      "a board's indicators",
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on AssessmentBoard {
        caseIndicators { stationCode values { key current baseline sample } } } } }`,
      {
        r: [
          {
            __typename: 'AssessmentBoard',
            scope: '330602',
            period: '2019-Q2',
            schemeId: 'fengqiao-2019@2',
            stations: STATIONS.map((code) => ({ code })),
          },
        ],
      },
      '{"key":"cases.criminalSolved","current":1,"baseline":0,"sample":null}',
    ],
    [
      "a division's figures and its children's",
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Division { code
        caseStats(period: "2019-Q2") { period from to criminalFiled criminalSolved mediationRate
          baseline { period criminalFiled criminalSolved } }
        children { code caseStats(period: "2019-H1") { criminalFiled homicides } } } } }`,
      {
        r: [
          {
            __typename: 'Division',
            code: '330602',
            stations: STATIONS.map((code) => ({ code })),
            subdivisions: [{ code: '330602001', stations: [{ code: A }, { code: B }] }],
          },
        ],
      },
      '"criminalFiled":2,"criminalSolved":2',
    ],
    [
      "a station's records, an interface's items",
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Station { code
        caseRecords(period: "2019-Q2", indicator: "cases.criminalSolved") {
          totalCount indicatorTotal edges { counts node { __typename externalId stationCode } } } } } }`,
      { r: [{ __typename: 'Station', code: A }] },
      '"totalCount":1,"indicatorTotal":1',
    ],
  ];

  beforeAll(async () => {
    const admin = await tokenFor('admin');
    await registerStations(
      platform,
      STATIONS.map((code) => registryStation(code, '330602')),
    );
    const res = await platform.query(
      `mutation($input: [CaseInput!]!) { recordCases(input: $input) { inserted } }`,
      {
        token: admin,
        variables: {
          input: [
            caseRecord('J1', A, 'HOMICIDE', '2019-04-02', '2019-05-01'),
            caseRecord('J2', A, 'PROPERTY', '2018-05-03', null),
            caseRecord('J3', B, 'OTHER', '2019-06-30', '2019-06-30'),
          ],
        },
      },
    );
    expect(res.errors).toBeUndefined();
  });

  it.each(FETCHES)('answers %s as graphql-js does', async (_what, query, variables, read) => {
    const reference = await byGraphqlJs(variables, query, cases, caseSchema);
    expect(reference.errors).toBeUndefined();
    expect(JSON.stringify(reference.data)).toContain(read);
    const answer = await compiled(variables, query, 'cases');
    expect(JSON.stringify(answer.data)).toBe(JSON.stringify(reference.data));
    expect(answer.errors).toBeUndefined();
  });
});
