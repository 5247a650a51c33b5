import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation, screensOfTwoSizes } from '../support/stations';
import { tokenFor } from '../support/tokens';

// Partial periods are judged against "today": pinned, so the answers below never change.
process.env.PLATFORM_TODAY = '2019-08-15';

const S1 = '330624600101';
const S2 = '330624600102';
let platform: Platform;
let surveyFirm: string;
let admin: string;

const RECORD_RESPONSES = `mutation($input: [SurveyResponseInput!]!, $dryRun: Boolean) { recordSurveyResponses(input: $input, dryRun: $dryRun) { inserted updated unchanged } }`;
const RECORD_COMPLAINTS = `mutation($input: [ComplaintInput!]!) { recordComplaints(input: $input) { inserted updated unchanged } }`;
const RECORD_COMMENDATIONS = `mutation($input: [CommendationInput!]!) { recordCommendations(input: $input) { inserted updated unchanged } }`;

const r = (externalId: string, surveyedOn: string, security: number, satisfaction: number) => ({
  externalId,
  stationCode: S1,
  surveyedOn,
  security,
  satisfaction,
});
const k = (externalId: string, receivedOn: string, valid: boolean) => ({
  externalId,
  stationCode: S1,
  receivedOn,
  valid,
});
const m = (externalId: string, receivedOn: string, kind: string) => ({
  externalId,
  stationCode: S1,
  receivedOn,
  kind,
});

/**
 * Hand-made records whose figures are worked out by hand in the expectations below: dates on
 * the edges of years, halves, quarters and months, and of the partial baseline (2018-08-15).
 * Scores: (security, satisfaction); a rate counts the answers of 3 or more.
 */
const RESPONSES = [
  r('r1', '2019-01-01', 5, 5),
  r('r2', '2019-03-31', 3, 2),
  r('r3', '2019-04-01', 2, 3),
  r('r4', '2019-06-30', 4, 1),
  r('r5', '2019-07-01', 1, 2),
  r('r6', '2019-08-15', 3, 3),
  r('r7', '2018-06-30', 5, 3),
  r('r8', '2018-08-15', 2, 5),
  r('r9', '2018-08-16', 5, 5),
  r('r10', '2018-12-31', 1, 1),
];
const COMPLAINTS = [
  k('k1', '2019-01-15', true),
  k('k2', '2019-06-30', false),
  k('k3', '2019-06-30', true),
  k('k4', '2019-07-01', true),
  k('k5', '2019-08-15', true),
  k('k6', '2018-03-01', true),
  k('k7', '2018-08-15', false),
  k('k8', '2018-08-16', true),
  k('k9', '2018-12-31', true),
];
const COMMENDATIONS = [
  m('m1', '2019-02-01', 'BANNER'),
  m('m2', '2019-04-30', 'LETTER'),
  m('m3', '2019-05-01', 'BANNER'),
  m('m4', '2019-07-31', 'LETTER'),
  m('m5', '2019-08-01', 'BANNER'),
  m('m6', '2018-01-01', 'LETTER'),
  m('m7', '2018-06-30', 'BANNER'),
  m('m8', '2018-08-01', 'BANNER'),
  m('m9', '2018-12-01', 'LETTER'),
];

beforeAll(async () => {
  platform = await startPlatform();
  admin = await tokenFor('admin');
  surveyFirm = await tokenFor('department:surveys');
  expect(await registerStations(platform, [registryStation(S1), registryStation(S2)])).toBe(2);
});
afterAll(() => platform.stop());

const TABLES = ['survey_response', 'complaint', 'commendation'];
const fingerprints = () =>
  Promise.all(TABLES.map((table) => platform.fingerprint('surveys', table)));

describe('recording survey responses, complaints and commendations through the gateway', () => {
  it.each([
    [
      'survey responses',
      RECORD_RESPONSES,
      'recordSurveyResponses',
      // A response keyed in wrongly, then corrected to the satisfaction of 1 used below.
      RESPONSES.map((x) => (x.externalId === 'r4' ? { ...x, satisfaction: 4 } : x)),
      [RESPONSES[3], RESPONSES[0]],
      `SELECT satisfaction::text AS value FROM survey_response WHERE external_id = 'r4'`,
      '1',
    ],
    [
      'complaints',
      RECORD_COMPLAINTS,
      'recordComplaints',
      // Complaint k3 is received undecided and found justified later.
      COMPLAINTS.map((x) => (x.externalId === 'k3' ? { ...x, valid: false } : x)),
      [COMPLAINTS[2], COMPLAINTS[0]],
      `SELECT valid::text AS value FROM complaint WHERE external_id = 'k3'`,
      'true',
    ],
    [
      'commendations',
      RECORD_COMMENDATIONS,
      'recordCommendations',
      // Letter m2 was first recorded as a banner.
      COMMENDATIONS.map((x) => (x.externalId === 'm2' ? { ...x, kind: 'BANNER' } : x)),
      [COMMENDATIONS[1], COMMENDATIONS[0]],
      `SELECT kind AS value FROM commendation WHERE external_id = 'm2'`,
      'LETTER',
    ],
  ])(
    'inserts %s, then counts identical ones unchanged and changed ones updated',
    async (_kind, mutation, field, first, correction, select, corrected) => {
      const inserted = await platform.query(mutation, {
        token: surveyFirm,
        variables: { input: first },
      });
      expect(inserted.errors).toBeUndefined();
      expect(inserted.data[field]).toEqual({ inserted: first.length, updated: 0, unchanged: 0 });
      const again = await platform.query(mutation, {
        token: surveyFirm,
        variables: { input: first },
      });
      expect(again.data[field]).toEqual({ inserted: 0, updated: 0, unchanged: first.length });
      const changed = await platform.query(mutation, {
        token: surveyFirm,
        variables: { input: correction },
      });
      expect(changed.data[field]).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
      const [row] = await platform.sql<{ value: string }>('surveys', select);
      expect(row?.value).toBe(corrected);
    },
  );

  it('counts a dry run like a write and stores nothing', async () => {
    const before = await fingerprints();
    const res = await platform.query(RECORD_RESPONSES, {
      token: surveyFirm,
      variables: { input: [RESPONSES[0], r('dry', '2019-05-05', 4, 4)], dryRun: true },
    });
    expect(res.data.recordSurveyResponses).toEqual({ inserted: 1, updated: 0, unchanged: 1 });
    expect(await fingerprints()).toEqual(before);
  });

  it('takes records from the survey firm and admin only', async () => {
    const before = await fingerprints();
    const res = await platform.query(RECORD_COMPLAINTS, {
      token: await tokenFor('department:cases'),
      variables: { input: [k('kx', '2019-05-05', true)] },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await fingerprints()).toEqual(before);
  });

  const over = Array.from({ length: 5001 }, (_, i) => r(`X${i}`, '2019-01-01', 5, 5));
  it.each([
    [
      'a malformed station code',
      RECORD_RESPONSES,
      [{ ...r('X1', '2019-01-01', 5, 5), stationCode: '33062460010A' }],
      'input[0] (externalId "X1"): stationCode "33062460010A" is not a 12-digit station code',
    ],
    [
      'a survey after today',
      RECORD_RESPONSES,
      [r('X2', '2019-08-16', 5, 5)],
      'input[0] (externalId "X2"): surveyedOn "2019-08-16" is after today (2019-08-15)',
    ],
    [
      'a security score of 0',
      RECORD_RESPONSES,
      [r('X3', '2019-03-01', 0, 5)],
      'input[0] (externalId "X3"): security 0 must be between 1 and 5',
    ],
    [
      'a security score of 6',
      RECORD_RESPONSES,
      [r('X4', '2019-03-01', 6, 5)],
      'security 6 must be between 1 and 5',
    ],
    [
      'a satisfaction score of 0',
      RECORD_RESPONSES,
      [r('X5', '2019-03-01', 5, 0)],
      'satisfaction 0 must be between 1 and 5',
    ],
    [
      'a satisfaction score of 6',
      RECORD_RESPONSES,
      [r('X6', '2019-03-01', 5, 6)],
      'input[0] (externalId "X6"): satisfaction 6 must be between 1 and 5',
    ],
    [
      'one bad response among good ones',
      RECORD_RESPONSES,
      [r('X7', '2019-03-01', 5, 5), r('X8', '2019-03-01', 5, 9)],
      'input[1] (externalId "X8"): satisfaction 9 must be between 1 and 5',
    ],
    ['an empty batch', RECORD_RESPONSES, [], 'input has 0 records; one call takes 1 to 5,000'],
    ['an oversized batch', RECORD_RESPONSES, over, 'input has 5001 records'],
    [
      'a complaint received after today',
      RECORD_COMPLAINTS,
      [k('Y1', '2019-08-16', true)],
      'input[0] (externalId "Y1"): receivedOn "2019-08-16" is after today (2019-08-15)',
    ],
    [
      'a complaint twice',
      RECORD_COMPLAINTS,
      [k('Y2', '2019-03-01', true), k('Y2', '2019-03-02', false)],
      'input[1] (externalId "Y2"): externalId "Y2" repeats input[0]',
    ],
    [
      'an empty complaint batch',
      RECORD_COMPLAINTS,
      [],
      'input has 0 records; one call takes 1 to 5,000',
    ],
    [
      'a commendation received after today',
      RECORD_COMMENDATIONS,
      [m('Z1', '2099-01-01', 'BANNER')],
      'input[0] (externalId "Z1"): receivedOn "2099-01-01" is after today (2019-08-15)',
    ],
    [
      'a blank externalId',
      RECORD_COMMENDATIONS,
      [m('', '2019-03-01', 'LETTER')],
      'input[0] (externalId ""): externalId "" must not be empty',
    ],
    [
      'a padded externalId',
      RECORD_COMMENDATIONS,
      [m(' Z2', '2019-03-01', 'LETTER')],
      'externalId " Z2" must not start or end with spaces',
    ],
  ])(
    'refuses %s with BAD_USER_INPUT and writes nothing',
    async (_case, mutation, input, message) => {
      const before = await fingerprints();
      const res = await platform.query(mutation, { token: surveyFirm, variables: { input } });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toContain(message);
      expect(res.data ?? null).toBeNull();
      expect(await fingerprints()).toEqual(before);
    },
  );

  it.each([
    ['an unknown commendation kind', RECORD_COMMENDATIONS, [m('W1', '2019-01-01', 'FLAG')], 'FLAG'],
    ['an impossible date', RECORD_RESPONSES, [r('W2', '2019-02-30', 5, 5)], '2019-02-30'],
    ['a fractional score', RECORD_RESPONSES, [r('W3', '2019-02-01', 4.5, 5)], '4.5'],
    [
      'a finding that is not a boolean',
      RECORD_COMPLAINTS,
      [{ ...k('W4', '2019-01-01', true), valid: 'yes' }],
      'yes',
    ],
  ])('refuses %s before any resolver runs', async (_case, mutation, input, value) => {
    const before = await fingerprints();
    const res = await platform.query(mutation, { token: surveyFirm, variables: { input } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(value);
    expect(await fingerprints()).toEqual(before);
  });

  it.each([
    [
      'a security score of 0',
      `INSERT INTO survey_response (external_id, station_code, surveyed_on, security, satisfaction) VALUES ('T1', '${S1}', '2019-03-01', 0, 5)`,
      /check constraint/,
    ],
    [
      'a satisfaction score of 6',
      `INSERT INTO survey_response (external_id, station_code, surveyed_on, security, satisfaction) VALUES ('T2', '${S1}', '2019-03-01', 5, 6)`,
      /check constraint/,
    ],
    [
      'a survey after today',
      `INSERT INTO survey_response (external_id, station_code, surveyed_on, security, satisfaction) VALUES ('T3', '${S1}', current_date + 400, 5, 5)`,
      /is after today/,
    ],
    [
      'a malformed station code',
      `INSERT INTO complaint (external_id, station_code, received_on, valid) VALUES ('T4', '3306', '2019-03-01', true)`,
      /check constraint/,
    ],
    [
      'a complaint without a finding',
      `INSERT INTO complaint (external_id, station_code, received_on, valid) VALUES ('T5', '${S1}', '2019-03-01', NULL)`,
      /not-null constraint/,
    ],
    [
      'a complaint received after today',
      `INSERT INTO complaint (external_id, station_code, received_on, valid) VALUES ('T6', '${S1}', current_date + 400, true)`,
      /is after today/,
    ],
    [
      'an unknown commendation kind',
      `INSERT INTO commendation (external_id, station_code, received_on, kind) VALUES ('T7', '${S1}', '2019-03-01', 'FLAG')`,
      /check constraint/,
    ],
    [
      'a blank externalId',
      `INSERT INTO commendation (external_id, station_code, received_on, kind) VALUES ('', '${S1}', '2019-03-01', 'BANNER')`,
      /check constraint/,
    ],
    [
      'a commendation received after today',
      `INSERT INTO commendation (external_id, station_code, received_on, kind) VALUES ('T8', '${S1}', current_date + 400, 'LETTER')`,
      /is after today/,
    ],
    [
      'an externalId twice',
      `INSERT INTO commendation (external_id, station_code, received_on, kind) VALUES ('m1', '${S1}', '2019-03-01', 'LETTER')`,
      /duplicate key/,
    ],
  ])('refuses %s in the tables too', async (_case, sql, error) => {
    const before = await fingerprints();
    await expect(platform.sql('surveys', sql)).rejects.toThrow(error);
    expect(await fingerprints()).toEqual(before);
  });
});

const FIGURES =
  'period partial from to responses securityRate satisfactionRate validComplaints commendations banners letters';
const STATS = `query($code: ID!, $period: String!) {
  station(code: $code) {
    name
    surveyStats(period: $period) { ${FIGURES} baseline { ${FIGURES} baseline { period } } }
  }
}`;

const none = {
  responses: 0,
  securityRate: null,
  satisfactionRate: null,
  validComplaints: 0,
  commendations: 0,
  banners: 0,
  letters: 0,
};

describe('surveyStats through the gateway', () => {
  it.each([
    // The year so far (today 2019-08-15) against 2018 up to 2018-08-15: r9, k8 and later fall outside.
    [
      '2019',
      {
        partial: true,
        from: '2019-01-01',
        to: '2019-08-15',
        responses: 6,
        securityRate: 4 / 6,
        satisfactionRate: 3 / 6,
        validComplaints: 4,
        commendations: 5,
        banners: 3,
        letters: 2,
      },
      {
        period: '2018',
        partial: true,
        from: '2018-01-01',
        to: '2018-08-15',
        responses: 2,
        securityRate: 0.5,
        satisfactionRate: 1,
        validComplaints: 1,
        commendations: 3,
        banners: 2,
        letters: 1,
      },
    ],
    [
      '2019-H1',
      {
        partial: false,
        from: '2019-01-01',
        to: '2019-06-30',
        responses: 4,
        securityRate: 0.75,
        satisfactionRate: 0.5,
        validComplaints: 2,
        commendations: 3,
        banners: 2,
        letters: 1,
      },
      {
        period: '2018-H1',
        partial: false,
        from: '2018-01-01',
        to: '2018-06-30',
        responses: 1,
        securityRate: 1,
        satisfactionRate: 1,
        validComplaints: 1,
        commendations: 2,
        banners: 1,
        letters: 1,
      },
    ],
    [
      '2019-Q1',
      {
        from: '2019-01-01',
        to: '2019-03-31',
        responses: 2,
        securityRate: 1,
        satisfactionRate: 0.5,
        validComplaints: 1,
        commendations: 1,
        banners: 1,
        letters: 0,
      },
      {
        period: '2018-Q1',
        ...none,
        validComplaints: 1,
        commendations: 1,
        letters: 1,
      },
    ],
    [
      '2019-Q2',
      {
        from: '2019-04-01',
        to: '2019-06-30',
        responses: 2,
        securityRate: 0.5,
        satisfactionRate: 0.5,
        validComplaints: 1,
        commendations: 2,
        banners: 1,
        letters: 1,
      },
      {
        period: '2018-Q2',
        responses: 1,
        securityRate: 1,
        satisfactionRate: 1,
        validComplaints: 0,
        commendations: 1,
        banners: 1,
        letters: 0,
      },
    ],
    [
      '2019-07',
      {
        partial: false,
        from: '2019-07-01',
        to: '2019-07-31',
        // One response, below 3 on both scales: rates of 0, not null.
        responses: 1,
        securityRate: 0,
        satisfactionRate: 0,
        validComplaints: 1,
        commendations: 1,
        banners: 0,
        letters: 1,
      },
      { period: '2018-07', ...none },
    ],
    [
      '2019-08',
      {
        partial: true,
        from: '2019-08-01',
        to: '2019-08-15',
        responses: 1,
        securityRate: 1,
        satisfactionRate: 1,
        validComplaints: 1,
        commendations: 1,
        banners: 1,
        letters: 0,
      },
      {
        period: '2018-08',
        partial: true,
        from: '2018-08-01',
        to: '2018-08-15',
        responses: 1,
        securityRate: 0,
        satisfactionRate: 1,
        validComplaints: 0,
        commendations: 1,
        banners: 1,
        letters: 0,
      },
    ],
    [
      '2019-H2',
      {
        partial: true,
        from: '2019-07-01',
        to: '2019-08-15',
        responses: 2,
        securityRate: 0.5,
        satisfactionRate: 0.5,
        validComplaints: 2,
        commendations: 2,
        banners: 1,
        letters: 1,
      },
      {
        period: '2018-H2',
        partial: true,
        from: '2018-07-01',
        to: '2018-08-15',
        responses: 1,
        securityRate: 0,
        satisfactionRate: 1,
        validComplaints: 0,
        commendations: 1,
        banners: 1,
        letters: 0,
      },
    ],
    [
      '2018',
      {
        partial: false,
        from: '2018-01-01',
        to: '2018-12-31',
        responses: 4,
        securityRate: 0.5,
        satisfactionRate: 0.75,
        validComplaints: 3,
        commendations: 4,
        banners: 2,
        letters: 2,
      },
      { period: '2017', partial: false, from: '2017-01-01', to: '2017-12-31', ...none },
    ],
  ])('counts %s against its baseline', async (period, current, baseline) => {
    const res = await platform.query(STATS, { token: admin, variables: { code: S1, period } });
    expect(res.errors).toBeUndefined();
    const stats = res.data.station.surveyStats;
    expect(stats).toMatchObject({ period, ...current });
    expect(stats.baseline).toMatchObject({ ...baseline, baseline: null });
  });

  it('gives zeros and no rates to a station without records', async () => {
    const res = await platform.query(STATS, {
      token: admin,
      variables: { code: S2, period: '2019-H1' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.station.surveyStats).toMatchObject(none);
    expect(res.data.station.surveyStats.baseline).toMatchObject(none);
  });

  it.each([
    ['2019-Q5', 'is not one of YYYY'],
    ['2019-09', 'starts after today (2019-08-15)'],
  ])('refuses the period %s with BAD_USER_INPUT', async (period, message) => {
    const res = await platform.query(STATS, { token: admin, variables: { code: S1, period } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(message);
  });

  it.each([['department:surveys'], ['assessor'], [`station:${S1}`]])(
    'shows S1 its figures to %s',
    async (role) => {
      const res = await platform.query(STATS, {
        token: await tokenFor(role),
        variables: { code: S1, period: '2019-H1' },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.station.surveyStats.securityRate).toBe(0.75);
    },
  );

  it.each([[`station:${S2}`], ['department:cases']])(
    "refuses S1's figures to %s and still answers the rest",
    async (role) => {
      const res = await platform.query(STATS, {
        token: await tokenFor(role),
        variables: { code: S1, period: '2019-H1' },
      });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.data.station.surveyStats).toBeNull();
      expect(res.data.station.name).toBe('测试派出所101');
    },
  );
});

describe('surveyIndicators for a board', () => {
  it("gives the board every station's indicators its scheme uses, from one statement", async () => {
    const board = {
      __typename: 'AssessmentBoard',
      scope: '330624',
      period: '2019-H1',
      schemeId: 'fengqiao-2019@1',
      stations: [{ code: S1 }, { code: S2 }],
    };
    // The gateway's call once it has the board's stations from the registry.
    const { result, statements } = await platform.countStatements(() =>
      platform.querySubgraph(
        'surveys',
        `query($r: [_Any!]!) { _entities(representations: $r) { ... on AssessmentBoard {
           surveyIndicators { stationCode values { key current baseline sample } } } } }`,
        { token: admin, variables: { r: [board] } },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(statements.surveys).toBe(1);
    const [s1, s2] = result.data._entities[0].surveyIndicators;
    expect(s1).toEqual({
      stationCode: S1,
      // fengqiao-2019@1 scores neither responses nor banners and letters apart: not given.
      values: [
        { key: 'surveys.securityRate', current: 0.75, baseline: 1, sample: 4 },
        { key: 'surveys.satisfactionRate', current: 0.5, baseline: 1, sample: 4 },
        { key: 'surveys.validComplaints', current: 2, baseline: 1, sample: null },
        { key: 'surveys.commendations', current: 3, baseline: 2, sample: null },
      ],
    });
    expect(s2.values).toContainEqual({
      key: 'surveys.securityRate',
      current: null,
      baseline: null,
      sample: 0,
    });
  });
});

describe('statement counts', () => {
  it('costs the survey firm one statement whether a screen lists 20 or 200 stations', async () => {
    const { small, large } = await screensOfTwoSizes(
      platform,
      admin,
      'surveyStats(period: "2019-H1") { responses securityRate baseline { satisfactionRate } }',
    );
    expect(small.statements.surveys).toBe(1);
    expect(large.statements.surveys).toBe(1);
  });
});
