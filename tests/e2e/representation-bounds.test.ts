import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * A representation is written by whoever sends `_entities`, so its lists are the sender's: a
 * subgraph reads no list longer than its stated bound (the stations of the largest scope,
 * 1,200), refusing before any statement, even for a request the gateway's proof admits.
 */
let platform: Platform;
let assessor: string;

beforeAll(async () => {
  platform = await startPlatform();
  assessor = await tokenFor('assessor');
});
afterAll(() => platform.stop());

const stationCodes = (count: number) =>
  Array.from({ length: count }, (_, i) => ({ code: `3306${String(i).padStart(8, '0')}` }));

/** A board straight to the assessment subgraph, as the gateway sends it for `rows`. */
function boardRows(stations: number) {
  const representation = {
    __typename: 'AssessmentBoard',
    scope: '330000',
    period: '2019-H1',
    schemeId: 'fengqiao-2019@1',
    caseIndicators: [],
    trafficIndicators: [],
    surveyIndicators: [],
    stations: stationCodes(stations),
  };
  return platform.countStatements(() =>
    platform.querySubgraph(
      'assessment',
      'query($r: [_Any!]!) { _entities(representations: $r) { ... on AssessmentBoard { rows { station { code } total } } } }',
      { token: assessor, variables: { r: [representation] } },
    ),
  );
}

/** A division's case figures straight to cases, `aliases` times over the same stations. */
function divisionStats(stations: number, aliases: number) {
  const sums = Array.from(
    { length: aliases },
    (_, i) => `s${i}: caseStats(period: "2019-Q${(i % 4) + 1}") { criminalFiled }`,
  );
  return platform.countStatements(() =>
    platform.querySubgraph(
      'cases',
      `query($r: [_Any!]!) { _entities(representations: $r) { ... on Division { ${sums.join(' ')} } } }`,
      {
        token: assessor,
        variables: {
          r: [{ __typename: 'Division', code: '330600', stations: stationCodes(stations) }],
        },
      },
    ),
  );
}

function expectRefusedUnread(
  { result, statements }: Awaited<ReturnType<typeof boardRows>>,
  found: number,
) {
  expect(result.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    field: 'stations',
    max: 1200,
    found,
  });
  expect(result.status).toBe(400);
  expect(result.data ?? null).toBeNull();
  expect(Object.values(statements).reduce((a, b) => a + b, 0)).toBe(0);
}

describe('the lists inside representations', () => {
  it('refuses a board of 150,000 stations before reading anything', async () => {
    const started = performance.now();
    expectRefusedUnread(await boardRows(150_000), 150_000);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('refuses a division of 100,000 stations asked 20 times before reading anything', async () => {
    expectRefusedUnread(await divisionStats(100_000, 20), 100_000);
  });

  it('refuses the 1,201st station of a representation, and scores 1,200', async () => {
    expectRefusedUnread(await boardRows(1201), 1201);
    expectRefusedUnread(await divisionStats(1201, 1), 1201);
    const { result } = await boardRows(1200);
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0].rows).toHaveLength(1200);
    const stats = await divisionStats(1200, 1);
    expect(stats.result.errors).toBeUndefined();
    expect(stats.result.data._entities[0].s0).toEqual({ criminalFiled: expect.any(Number) });
  });

  it('bounds the lists nested in a representation too', async () => {
    const { result, statements } = await platform.countStatements(() =>
      platform.querySubgraph(
        'assessment',
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on AssessmentBoard { rows { total } } } }',
        {
          token: assessor,
          variables: {
            r: [
              {
                __typename: 'AssessmentBoard',
                scope: '330602',
                period: '2019-H1',
                schemeId: 'fengqiao-2019@1',
                caseIndicators: [
                  {
                    stationCode: '330602600001',
                    values: Array.from({ length: 1201 }, (_, i) => ({ key: `cases.k${i}` })),
                  },
                ],
                trafficIndicators: [],
                surveyIndicators: [],
                stations: stationCodes(1),
              },
            ],
          },
        },
      ),
    );
    expect(result.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      typename: 'CaseIndicators',
      field: 'values',
      found: 1201,
    });
    expect(Object.values(statements).reduce((a, b) => a + b, 0)).toBe(0);
  });
});
