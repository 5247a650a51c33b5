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

const RECORD_CASES = `mutation($input: [CaseInput!]!) { recordCases(input: $input) { inserted updated unchanged } }`;
const RECORD_DISPUTES = `mutation($input: [DisputeInput!]!) { recordDisputes(input: $input) { inserted updated unchanged } }`;

const c = (
  externalId: string,
  category: string,
  filedOn: string,
  solvedOn: string | null = null,
) => ({
  externalId,
  stationCode: S1,
  category,
  filedOn,
  solvedOn,
});
const d = (externalId: string, receivedOn: string, outcome: string, closedOn: string | null) => ({
  externalId,
  stationCode: S1,
  receivedOn,
  channel: 'PEOPLE',
  outcome,
  closedOn,
});

/** Hand-made records whose figures are worked out by hand in the expectations below. */
const CASES = [
  c('A', 'OTHER', '2019-01-10', '2019-02-05'),
  c('B', 'TELECOM_FRAUD', '2019-03-31', '2019-04-01'),
  c('C', 'HOMICIDE', '2019-06-30'),
  c('D', 'PROPERTY', '2019-07-01'),
  c('E', 'TWO_VEHICLE_THEFT', '2019-08-15', '2019-08-15'),
  c('F', 'PROPERTY', '2018-06-30', '2019-01-02'),
  c('G', 'TWO_VEHICLE_THEFT', '2018-08-16'),
  c('H', 'TELECOM_FRAUD', '2018-08-15'),
  c('I', 'OTHER', '2018-12-31'),
];
const DISPUTES = [
  d('d1', '2019-05-20', 'MEDIATED', '2019-05-25'),
  d('d2', '2019-06-01', 'FAILED', '2019-06-10'),
  d('d3', '2019-06-30', 'PENDING', null),
  d('d4', '2018-05-05', 'MEDIATED', '2018-05-06'),
];

beforeAll(async () => {
  platform = await startPlatform();
  admin = await tokenFor('admin');
  police = await tokenFor('department:cases');
  expect(await registerStations(platform, [registryStation(S1), registryStation(S2)])).toBe(2);
});
afterAll(() => platform.stop());

const fingerprint = (table: string) => platform.fingerprint('cases', table);

describe('recording cases and disputes through the gateway', () => {
  it('inserts, then counts identical records unchanged and changed ones updated', async () => {
    const first = await platform.query(RECORD_CASES, {
      token: police,
      variables: { input: CASES },
    });
    expect(first.errors).toBeUndefined();
    expect(first.data.recordCases).toEqual({ inserted: 9, updated: 0, unchanged: 0 });
    const disputes = await platform.query(RECORD_DISPUTES, {
      token: police,
      variables: { input: DISPUTES },
    });
    expect(disputes.data.recordDisputes).toEqual({ inserted: 4, updated: 0, unchanged: 0 });

    const again = await platform.query(RECORD_CASES, {
      token: police,
      variables: { input: CASES },
    });
    expect(again.data.recordCases).toEqual({ inserted: 0, updated: 0, unchanged: 9 });

    // Case D is solved later: the same externalId, a new solvedOn.
    const solved = await platform.query(RECORD_CASES, {
      token: police,
      variables: {
        input: [
          c('D', 'PROPERTY', '2019-07-01', '2019-07-20'),
          c('A', 'OTHER', '2019-01-10', '2019-02-05'),
        ],
      },
    });
    expect(solved.data.recordCases).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const [row] = await platform.sql<{ solved_on: string }>(
      'cases',
      `SELECT solved_on FROM criminal_case WHERE external_id = 'D'`,
    );
    expect(row?.solved_on).toBe('2019-07-20');
    // and back, so the statistics below see D unsolved
    const reverted = await platform.query(RECORD_CASES, {
      token: police,
      variables: { input: [CASES[3]] },
    });
    expect(reverted.data.recordCases).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
  });

  const over = Array.from({ length: 5001 }, (_, i) => c(`X${i}`, 'OTHER', '2019-01-01'));
  it.each([
    [
      'a malformed station code',
      RECORD_CASES,
      [{ ...c('X1', 'OTHER', '2019-01-01'), stationCode: '3306246001' }],
      'input[0] (externalId "X1"): stationCode "3306246001" is not a 12-digit station code',
    ],
    [
      'a filing date after today',
      RECORD_CASES,
      [c('X2', 'OTHER', '2019-08-16')],
      'filedOn "2019-08-16" is after today (2019-08-15)',
    ],
    [
      'a solving date after today',
      RECORD_CASES,
      [c('X3', 'OTHER', '2019-08-01', '2019-09-01')],
      'solvedOn "2019-09-01" is after today',
    ],
    [
      'solvedOn before filedOn',
      RECORD_CASES,
      [c('X4', 'OTHER', '2019-03-01', '2019-02-28')],
      'solvedOn "2019-02-28" is before filedOn (2019-03-01)',
    ],
    [
      'a blank externalId',
      RECORD_CASES,
      [c('', 'OTHER', '2019-03-01')],
      'externalId "" must not be empty',
    ],
    [
      'an externalId twice',
      RECORD_CASES,
      [c('X5', 'OTHER', '2019-03-01'), c('X5', 'HOMICIDE', '2019-03-02')],
      'input[1] (externalId "X5"): externalId "X5" repeats input[0]',
    ],
    [
      'one bad case among good ones',
      RECORD_CASES,
      [c('X6', 'OTHER', '2019-03-01'), c('X7', 'OTHER', '2099-01-01')],
      'input[1] (externalId "X7"): filedOn "2099-01-01"',
    ],
    ['an empty batch', RECORD_CASES, [], 'input has 0 records; one call takes 1 to 5,000'],
    ['an oversized batch', RECORD_CASES, over, 'input has 5001 records'],
    [
      'closedOn before receivedOn',
      RECORD_DISPUTES,
      [d('Y1', '2019-05-02', 'MEDIATED', '2019-05-01')],
      'closedOn "2019-05-01" is before receivedOn (2019-05-02)',
    ],
    [
      'a mediated dispute without closedOn',
      RECORD_DISPUTES,
      [d('Y2', '2019-05-02', 'MEDIATED', null)],
      'closedOn null is required once the outcome is MEDIATED',
    ],
    [
      'a referred dispute without closedOn',
      RECORD_DISPUTES,
      [d('Y3', '2019-05-02', 'REFERRED', null)],
      'closedOn null is required once the outcome is REFERRED',
    ],
    [
      'a pending dispute with closedOn',
      RECORD_DISPUTES,
      [d('Y4', '2019-05-02', 'PENDING', '2019-05-03')],
      'closedOn "2019-05-03" must be empty while the outcome is PENDING',
    ],
    [
      'a dispute received after today',
      RECORD_DISPUTES,
      [d('Y5', '2019-08-20', 'PENDING', null)],
      'receivedOn "2019-08-20" is after today',
    ],
  ])(
    'refuses %s with BAD_USER_INPUT and writes nothing',
    async (_case, mutation, input, message) => {
      const before = [await fingerprint('criminal_case'), await fingerprint('dispute')];
      const res = await platform.query(mutation, { token: police, variables: { input } });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toContain(message);
      expect(res.data ?? null).toBeNull();
      expect([await fingerprint('criminal_case'), await fingerprint('dispute')]).toEqual(before);
    },
  );

  it.each([
    ['an unknown category', RECORD_CASES, [c('Z1', 'ARSON', '2019-01-01')], 'ARSON'],
    ['an impossible date', RECORD_CASES, [c('Z2', 'OTHER', '2019-02-30')], '2019-02-30'],
    [
      'an unknown outcome',
      RECORD_DISPUTES,
      [d('Z3', '2019-01-01', 'SETTLED', '2019-01-02')],
      'SETTLED',
    ],
  ])('refuses %s before any resolver runs', async (_case, mutation, input, value) => {
    const before = await fingerprint('criminal_case');
    const res = await platform.query(mutation, { token: police, variables: { input } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(value);
    expect(await fingerprint('criminal_case')).toBe(before);
  });

  it('enforces the same rules in the tables', async () => {
    const insert = (values: string) =>
      platform.sql(
        'cases',
        `INSERT INTO criminal_case (external_id, station_code, category, filed_on, solved_on) VALUES ${values}`,
      );
    await expect(
      insert(`('T1', '330624600101', 'OTHER', '2019-03-01', '2019-02-01')`),
    ).rejects.toThrow(/check constraint/);
    await expect(insert(`('T2', '3306', 'OTHER', '2019-03-01', NULL)`)).rejects.toThrow(
      /check constraint/,
    );
    await expect(insert(`('T3', '330624600101', 'ARSON', '2019-03-01', NULL)`)).rejects.toThrow(
      /check constraint/,
    );
    await expect(
      insert(`('T4', '330624600101', 'OTHER', current_date + 400, NULL)`),
    ).rejects.toThrow(/is after today/);
    await expect(
      platform.sql(
        'cases',
        `INSERT INTO dispute (external_id, station_code, received_on, channel, outcome, closed_on) VALUES ('T5', '330624600101', '2019-01-01', 'PEOPLE', 'MEDIATED', NULL)`,
      ),
    ).rejects.toThrow(/check constraint/);
  });
});

const STATS = `query($code: ID!, $period: String!) {
  station(code: $code) {
    name
    caseStats(period: $period) {
      period partial from to
      criminalFiled criminalSolved telecomFraudFiled telecomFraudSolved homicides propertyCrimes
      twoVehicleThefts disputesReceived disputesMediated mediationRate
      baseline { period partial from to criminalFiled criminalSolved telecomFraudFiled telecomFraudSolved homicides propertyCrimes twoVehicleThefts disputesReceived disputesMediated mediationRate baseline { period } }
    }
  }
}`;

const zero = {
  criminalFiled: 0,
  criminalSolved: 0,
  telecomFraudFiled: 0,
  telecomFraudSolved: 0,
  homicides: 0,
  propertyCrimes: 0,
  twoVehicleThefts: 0,
  disputesReceived: 0,
  disputesMediated: 0,
  mediationRate: null,
};

describe('caseStats through the gateway', () => {
  it.each([
    // The year so far (today 2019-08-15) against 2018 up to 2018-08-15: G (filed 2018-08-16) and I fall outside.
    [
      '2019',
      {
        partial: true,
        from: '2019-01-01',
        to: '2019-08-15',
        criminalFiled: 5,
        criminalSolved: 4,
        telecomFraudFiled: 1,
        telecomFraudSolved: 1,
        homicides: 1,
        propertyCrimes: 2,
        twoVehicleThefts: 1,
        disputesReceived: 3,
        disputesMediated: 1,
        mediationRate: 1 / 3,
      },
      {
        period: '2018',
        partial: true,
        from: '2018-01-01',
        to: '2018-08-15',
        criminalFiled: 2,
        criminalSolved: 0,
        telecomFraudFiled: 1,
        homicides: 0,
        propertyCrimes: 1,
        twoVehicleThefts: 0,
        disputesReceived: 1,
        disputesMediated: 1,
        mediationRate: 1,
      },
    ],
    [
      '2019-H1',
      {
        partial: false,
        from: '2019-01-01',
        to: '2019-06-30',
        criminalFiled: 3,
        criminalSolved: 3,
        telecomFraudFiled: 1,
        telecomFraudSolved: 1,
        homicides: 1,
        propertyCrimes: 0,
        twoVehicleThefts: 0,
        disputesReceived: 3,
        disputesMediated: 1,
        mediationRate: 1 / 3,
      },
      {
        period: '2018-H1',
        partial: false,
        from: '2018-01-01',
        to: '2018-06-30',
        criminalFiled: 1,
        criminalSolved: 0,
        propertyCrimes: 1,
        disputesReceived: 1,
        disputesMediated: 1,
        mediationRate: 1,
      },
    ],
    [
      '2019-Q1',
      {
        from: '2019-01-01',
        to: '2019-03-31',
        criminalFiled: 2,
        criminalSolved: 2,
        telecomFraudFiled: 1,
        telecomFraudSolved: 0,
        disputesReceived: 0,
        mediationRate: null,
      },
      { period: '2018-Q1', criminalFiled: 0, mediationRate: null },
    ],
    [
      '2019-Q2',
      {
        from: '2019-04-01',
        to: '2019-06-30',
        criminalFiled: 1,
        criminalSolved: 1,
        telecomFraudSolved: 1,
        homicides: 1,
        disputesReceived: 3,
        disputesMediated: 1,
      },
      { period: '2018-Q2', criminalFiled: 1, propertyCrimes: 1, disputesReceived: 1 },
    ],
    [
      '2019-07',
      {
        partial: false,
        from: '2019-07-01',
        to: '2019-07-31',
        criminalFiled: 1,
        criminalSolved: 0,
        propertyCrimes: 1,
        twoVehicleThefts: 0,
      },
      { period: '2018-07', criminalFiled: 0 },
    ],
    [
      '2019-08',
      {
        partial: true,
        from: '2019-08-01',
        to: '2019-08-15',
        criminalFiled: 1,
        criminalSolved: 1,
        propertyCrimes: 1,
        twoVehicleThefts: 1,
      },
      {
        period: '2018-08',
        partial: true,
        from: '2018-08-01',
        to: '2018-08-15',
        criminalFiled: 1,
        telecomFraudFiled: 1,
        twoVehicleThefts: 0,
      },
    ],
    [
      '2019-H2',
      {
        partial: true,
        from: '2019-07-01',
        to: '2019-08-15',
        criminalFiled: 2,
        propertyCrimes: 2,
        twoVehicleThefts: 1,
      },
      {
        period: '2018-H2',
        partial: true,
        to: '2018-08-15',
        criminalFiled: 1,
        telecomFraudFiled: 1,
        twoVehicleThefts: 0,
      },
    ],
    [
      '2018',
      {
        partial: false,
        from: '2018-01-01',
        to: '2018-12-31',
        criminalFiled: 4,
        criminalSolved: 0,
        telecomFraudFiled: 1,
        propertyCrimes: 2,
        twoVehicleThefts: 1,
        disputesReceived: 1,
        disputesMediated: 1,
        mediationRate: 1,
      },
      {
        period: '2017',
        partial: false,
        criminalFiled: 0,
        disputesReceived: 0,
        mediationRate: null,
      },
    ],
  ])('counts %s against its baseline', async (period, current, baseline) => {
    const res = await platform.query(STATS, { token: admin, variables: { code: S1, period } });
    expect(res.errors).toBeUndefined();
    const stats = res.data.station.caseStats;
    expect(stats).toMatchObject({ period, ...current });
    expect(stats.baseline).toMatchObject({ ...baseline, baseline: null });
  });

  it('gives zeros and no rate to a station without records', async () => {
    const res = await platform.query(STATS, {
      token: admin,
      variables: { code: S2, period: '2019-H1' },
    });
    expect(res.data.station.caseStats).toMatchObject(zero);
    expect(res.data.station.caseStats.baseline).toMatchObject(zero);
  });

  it.each([
    ['2019-13', 'is not one of YYYY'],
    ['last year', 'is not one of YYYY'],
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
    expect(own.data.station.caseStats.criminalFiled).toBe(3);
    const other = await platform.query(STATS, {
      token: await tokenFor(`station:${S2}`),
      variables: { code: S1, period: '2019-H1' },
    });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(other.data.station.name).toBe('测试派出所101');
  });
});

describe('statement counts', () => {
  it('costs the criminal police one statement whether a screen lists 20 or 200 stations', async () => {
    const { small, large } = await screensOfTwoSizes(
      platform,
      admin,
      'caseStats(period: "2019-H1") { criminalFiled mediationRate baseline { criminalFiled } }',
    );
    expect(small.statements.cases).toBe(1);
    expect(large.statements.cases).toBe(1);
  });
});
