import { execute, parse, type GraphQLFormattedError } from 'graphql';
import { assessment } from '../../subgraphs/assessment';
import { buildFederatedSchema } from '../../subgraphs/kit/service/federated-schema';
import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * The assessment subgraph answers its entity fetches with code graphql-jit compiles
 * (compiled-execution.ts). Whatever such a fetch asks, the answer is the one graphql-js gives
 * on the same schema, context and database: the same data to the byte, the same errors at the
 * same paths with the same codes.
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

/** What graphql-js answers, in the shape the subgraph sends errors. */
async function byGraphqlJs(variables: Record<string, unknown>) {
  const db = platform.service('assessment').db;
  const result = await execute({
    schema,
    document: parse(ROWS),
    variableValues: variables,
    contextValue: {
      requestId: 'reference',
      viewer: { sub: 'test-assessor', roles: ['assessor'] },
      today: '2019-08-15',
      db,
      loaders: assessment.createLoaders(db),
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

const compiled = async (variables: Record<string, unknown>) => {
  const res = await platform.querySubgraph('assessment', ROWS, { token, variables });
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
