import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation, screensOfTwoSizes } from '../support/stations';
import { tokenFor } from '../support/tokens';

// Partial periods are judged against "today": pinned, so the answers below never change.
process.env.PLATFORM_TODAY = '2019-08-15';

const S1 = '330624600101';
const S2 = '330624600102';
let platform: Platform;
let police: string;
let admin: string;

const RECORD_ACCIDENTS = `mutation($input: [AccidentInput!]!) { recordAccidents(input: $input) { inserted updated unchanged } }`;

const a = (externalId: string, occurredOn: string, deaths: number, injuries: number) => ({
  externalId,
  stationCode: S1,
  occurredOn,
  deaths,
  injuries,
});

/**
 * Hand-made accidents whose figures are worked out by hand in the expectations below: on the
 * edges of quarters, halves and years, on "today" and the day after it a year earlier, and with
 * 2, 3, 9, 10 and 12 deaths (较大 is 3-9, 重大 10 or more). A3 is first recorded with one death;
 * the first test raises its toll to two, which is what the statistics count.
 */
const ACCIDENTS = [
  a('A1', '2019-01-01', 0, 1),
  a('A2', '2019-03-31', 3, 2),
  a('A3', '2019-04-01', 1, 1),
  a('A4', '2019-06-30', 9, 4),
  a('A5', '2019-07-01', 10, 12),
  a('A6', '2019-08-15', 0, 2),
  a('B1', '2018-03-31', 1, 1),
  a('B2', '2018-06-15', 0, 3),
  a('B3', '2018-08-15', 1, 0),
  a('B4', '2018-08-16', 12, 5),
  a('B5', '2018-12-31', 0, 1),
];

beforeAll(async () => {
  platform = await startPlatform();
  admin = await tokenFor('admin');
  police = await tokenFor('department:traffic');
  expect(await registerStations(platform, [registryStation(S1), registryStation(S2)])).toBe(2);
});
afterAll(() => platform.stop());

describe('recording accidents through the gateway', () => {
  it('inserts, then counts identical accidents unchanged and a rising death toll updated', async () => {
    const first = await platform.query(RECORD_ACCIDENTS, {
      token: police,
      variables: { input: ACCIDENTS },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data.recordAccidents).toEqual({ inserted: 11, updated: 0, unchanged: 0 });

    const again = await platform.query(RECORD_ACCIDENTS, {
      token: police,
      variables: { input: ACCIDENTS },
    });
    expect(again.data.recordAccidents).toEqual({ inserted: 0, updated: 0, unchanged: 11 });

    // One of A3's injured dies: the same externalId, one more death and one fewer injury.
    const risen = await platform.query(RECORD_ACCIDENTS, {
      token: police,
      variables: { input: [a('A3', '2019-04-01', 2, 0), a('A1', '2019-01-01', 0, 1)] },
    });
    expect(risen.data.recordAccidents).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const [row] = await platform.sql<{ deaths: number; injuries: number }>(
      'traffic',
      `SELECT deaths, injuries FROM accident WHERE external_id = 'A3'`,
    );
    expect(row).toEqual({ deaths: 2, injuries: 0 });
  });

  it('refuses a department other than the traffic police and writes nothing', async () => {
    const before = await platform.fingerprint('traffic', 'accident');
    const res = await platform.query(RECORD_ACCIDENTS, {
      token: await tokenFor('department:cases'),
      variables: { input: [a('X0', '2019-01-01', 0, 1)] },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await platform.fingerprint('traffic', 'accident')).toBe(before);
  });

  const over = Array.from({ length: 5001 }, (_, i) => a(`X${i}`, '2019-01-01', 0, 1));
  it.each([
    [
      'a malformed station code',
      [{ ...a('X1', '2019-01-01', 0, 1), stationCode: '3306246001' }],
      'input[0] (externalId "X1"): stationCode "3306246001" is not a 12-digit station code',
    ],
    [
      'an accident after today',
      [a('X2', '2019-08-16', 0, 1)],
      'input[0] (externalId "X2"): occurredOn "2019-08-16" is after today (2019-08-15)',
    ],
    [
      'negative deaths',
      [a('X3', '2019-03-01', -1, 1)],
      'input[0] (externalId "X3"): deaths -1 must be between 0 and 1000',
    ],
    [
      'negative injuries',
      [a('X4', '2019-03-01', 0, -2)],
      'input[0] (externalId "X4"): injuries -2 must be between 0 and 1000',
    ],
    ['a blank externalId', [a('', '2019-03-01', 0, 1)], 'externalId "" must not be empty'],
    [
      'an externalId twice',
      [a('X5', '2019-03-01', 0, 1), a('X5', '2019-03-02', 1, 0)],
      'input[1] (externalId "X5"): externalId "X5" repeats input[0]',
    ],
    [
      'one bad accident among good ones',
      [a('X6', '2019-03-01', 0, 1), a('X7', '2019-03-01', -3, 0)],
      'input[1] (externalId "X7"): deaths -3 must be between 0 and 1000',
    ],
    ['an empty batch', [], 'input has 0 records; one call takes 1 to 5,000'],
    ['an oversized batch', over, 'input has 5001 records'],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, input, message) => {
    const before = await platform.fingerprint('traffic', 'accident');
    const res = await platform.query(RECORD_ACCIDENTS, { token: police, variables: { input } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(message);
    expect(res.data ?? null).toBeNull();
    expect(await platform.fingerprint('traffic', 'accident')).toBe(before);
  });

  it.each([
    ['an impossible date', [a('Z1', '2019-02-30', 0, 1)], '2019-02-30'],
    ['a fractional death toll', [a('Z2', '2019-02-01', 1.5, 0)], '1.5'],
  ])('refuses %s before any resolver runs', async (_case, input, value) => {
    const before = await platform.fingerprint('traffic', 'accident');
    const res = await platform.query(RECORD_ACCIDENTS, { token: police, variables: { input } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(value);
    expect(await platform.fingerprint('traffic', 'accident')).toBe(before);
  });

  it('enforces the same rules in the table', async () => {
    const insert = (values: string) =>
      platform.sql(
        'traffic',
        `INSERT INTO accident (external_id, station_code, occurred_on, deaths, injuries) VALUES ${values}`,
      );
    const before = await platform.fingerprint('traffic', 'accident');
    await expect(insert(`('T1', '330624600101', '2019-03-01', -1, 0)`)).rejects.toThrow(
      /check constraint/,
    );
    await expect(insert(`('T2', '330624600101', '2019-03-01', 0, -1)`)).rejects.toThrow(
      /check constraint/,
    );
    await expect(insert(`('T3', '3306', '2019-03-01', 0, 1)`)).rejects.toThrow(/check constraint/);
    await expect(insert(`('', '330624600101', '2019-03-01', 0, 1)`)).rejects.toThrow(
      /check constraint/,
    );
    await expect(insert(`('T4', '330624600101', current_date + 400, 0, 1)`)).rejects.toThrow(
      /is after today/,
    );
    await expect(insert(`('T5', '330624600101', '2019-03-01', NULL, 1)`)).rejects.toThrow(
      /not-null constraint/,
    );
    expect(await platform.fingerprint('traffic', 'accident')).toBe(before);
  });
});

const FIGURES = 'period partial from to accidents deaths injuries majorAccidents severeAccidents';
const STATS = `query($code: ID!, $period: String!) {
  station(code: $code) {
    name
    trafficStats(period: $period) { ${FIGURES} baseline { ${FIGURES} baseline { period } } }
  }
}`;

const zero = { accidents: 0, deaths: 0, injuries: 0, majorAccidents: 0, severeAccidents: 0 };
const figures = (
  accidents: number,
  deaths: number,
  injuries: number,
  majorAccidents = 0,
  severeAccidents = 0,
) => ({ accidents, deaths, injuries, majorAccidents, severeAccidents });

describe('trafficStats through the gateway', () => {
  it.each([
    // The year so far (today 2019-08-15) against 2018 up to 2018-08-15: B4 (2018-08-16) and B5 fall outside.
    [
      '2019',
      { partial: true, from: '2019-01-01', to: '2019-08-15', ...figures(6, 24, 21, 2, 1) },
      { period: '2018', partial: true, from: '2018-01-01', to: '2018-08-15', ...figures(3, 2, 4) },
    ],
    [
      '2019-H1',
      { partial: false, from: '2019-01-01', to: '2019-06-30', ...figures(4, 14, 7, 2) },
      { period: '2018-H1', from: '2018-01-01', to: '2018-06-30', ...figures(2, 1, 4) },
    ],
    [
      '2019-Q1',
      { from: '2019-01-01', to: '2019-03-31', ...figures(2, 3, 3, 1) },
      { period: '2018-Q1', ...figures(1, 1, 1) },
    ],
    [
      '2019-Q2',
      { from: '2019-04-01', to: '2019-06-30', ...figures(2, 11, 4, 1) },
      { period: '2018-Q2', ...figures(1, 0, 3) },
    ],
    [
      '2019-03',
      { partial: false, from: '2019-03-01', to: '2019-03-31', ...figures(1, 3, 2, 1) },
      { period: '2018-03', ...figures(1, 1, 1) },
    ],
    [
      '2019-07',
      { partial: false, from: '2019-07-01', to: '2019-07-31', ...figures(1, 10, 12, 0, 1) },
      { period: '2018-07', ...zero },
    ],
    [
      '2019-08',
      { partial: true, from: '2019-08-01', to: '2019-08-15', ...figures(1, 0, 2) },
      {
        period: '2018-08',
        partial: true,
        from: '2018-08-01',
        to: '2018-08-15',
        ...figures(1, 1, 0),
      },
    ],
    [
      '2019-H2',
      { partial: true, from: '2019-07-01', to: '2019-08-15', ...figures(2, 10, 14, 0, 1) },
      { period: '2018-H2', partial: true, to: '2018-08-15', ...figures(1, 1, 0) },
    ],
    [
      '2018',
      { partial: false, from: '2018-01-01', to: '2018-12-31', ...figures(5, 14, 10, 0, 1) },
      { period: '2017', partial: false, from: '2017-01-01', to: '2017-12-31', ...zero },
    ],
    [
      '2018-Q3',
      { partial: false, from: '2018-07-01', to: '2018-09-30', ...figures(2, 13, 5, 0, 1) },
      { period: '2017-Q3', ...zero },
    ],
  ])('counts %s against its baseline', async (period, current, baseline) => {
    const res = await platform.query(STATS, { token: admin, variables: { code: S1, period } });
    expect(res.errors).toBeUndefined();
    const stats = res.data.station.trafficStats;
    expect(stats).toMatchObject({ period, ...current });
    expect(stats.baseline).toMatchObject({ ...baseline, baseline: null });
  });

  it('gives zeros to a station without accidents', async () => {
    const res = await platform.query(STATS, {
      token: admin,
      variables: { code: S2, period: '2019-H1' },
    });
    expect(res.data.station.trafficStats).toMatchObject({ period: '2019-H1', ...zero });
    expect(res.data.station.trafficStats.baseline).toMatchObject({ period: '2018-H1', ...zero });
  });

  it.each([
    ['2019-Q5', 'is not one of YYYY'],
    ['2019-09', 'starts after today (2019-08-15)'],
  ])('refuses the period %s with BAD_USER_INPUT', async (period, message) => {
    const res = await platform.query(STATS, { token: admin, variables: { code: S1, period } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(message);
  });

  it("shows a station its own figures and not another station's", async () => {
    const own = await platform.query(STATS, {
      token: await tokenFor(`station:${S1}`),
      variables: { code: S1, period: '2019-H1' },
    });
    expect(own.errors).toBeUndefined();
    expect(own.data.station.trafficStats.deaths).toBe(14);
    const other = await platform.query(STATS, {
      token: await tokenFor(`station:${S2}`),
      variables: { code: S1, period: '2019-H1' },
    });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(other.data.station.name).toBe('测试派出所101');
    expect(other.data.station.trafficStats).toBeNull();
  });

  it.each(['department:traffic', 'assessor'])('shows any station to %s', async (role) => {
    const res = await platform.query(STATS, {
      token: await tokenFor(role),
      variables: { code: S1, period: '2019-H1' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.station.trafficStats.majorAccidents).toBe(2);
  });
});

describe('trafficIndicators for a board', () => {
  // No subgraph serves a board from a root field yet, so the board is asked for the way the
  // gateway asks: an _entities call on the traffic subgraph with the registry's stations.
  const BOARD = `query($r: [_Any!]!) { _entities(representations: $r) {
    ... on AssessmentBoard { trafficIndicators { stationCode values { key current baseline sample } } } } }`;
  const board = (period: string) => ({
    __typename: 'AssessmentBoard',
    scope: '330624',
    period,
    schemeId: 'fengqiao-2019@1',
    stations: [{ code: S1 }, { code: S2 }],
  });
  const value = (key: string, current: number, baseline: number) => ({
    key: `traffic.${key}`,
    current,
    baseline,
    sample: null,
  });

  it('gives every station of the board its figures and baseline, in one statement', async () => {
    // A board is published to every station, so one station reads the others' indicators.
    const token = await tokenFor(`station:${S2}`);
    const { result, statements } = await platform.countStatements(() =>
      platform.querySubgraph('traffic', BOARD, { token, variables: { r: [board('2019-H1')] } }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities[0].trafficIndicators).toEqual([
      {
        stationCode: S1,
        values: [
          value('accidents', 4, 2),
          value('deaths', 14, 1),
          value('injuries', 7, 4),
          value('majorAccidents', 2, 0),
          value('severeAccidents', 0, 0),
        ],
      },
      {
        stationCode: S2,
        values: ['accidents', 'deaths', 'injuries', 'majorAccidents', 'severeAccidents'].map(
          (key) => value(key, 0, 0),
        ),
      },
    ]);
    expect(statements.traffic).toBe(1);
  });

  it('counts a 重大 accident for the year', async () => {
    const res = await platform.querySubgraph('traffic', BOARD, {
      token: admin,
      variables: { r: [board('2018')] },
    });
    const [s1] = res.data._entities[0].trafficIndicators;
    expect(s1.values).toContainEqual(value('severeAccidents', 1, 0));
  });
});

describe('statement counts', () => {
  it('costs the traffic police one statement whether a screen lists 20 or 200 stations', async () => {
    const { small, large } = await screensOfTwoSizes(
      platform,
      admin,
      'trafficStats(period: "2019-H1") { accidents deaths baseline { deaths } }',
    );
    const s1 = large.result.data.stations.edges.find(
      (e: { node: { code: string } }) => e.node.code === S1,
    );
    expect(s1.node.trafficStats).toEqual({ accidents: 4, deaths: 14, baseline: { deaths: 1 } });
    expect(small.statements.traffic).toBe(1);
    expect(large.statements.traffic).toBe(1);
  });
});
