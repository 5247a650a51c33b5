import { ELSEWHERE, S1, S2, S3, S4, S5, loadHandMadeBoard } from '../support/hand-made-board';
import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

// 2019-H1 has ended by this "today", so the board is not partial; July records fall outside it.
process.env.PLATFORM_TODAY = '2019-08-15';

/** The hand-made board of tests/support/hand-made-board.ts. */
let platform: Platform;
let viewer: string;

beforeAll(async () => {
  platform = await startPlatform();
  viewer = await tokenFor(`station:${S4}`);
  await loadHandMadeBoard(platform);
});
afterAll(() => platform.stop());

const BOARD = `query Board($scope: ID!, $period: String!, $schemeId: ID) {
  assessmentBoard(scope: $scope, period: $period, schemeId: $schemeId) {
    scope period schemeId partial
    scheme { id title }
    rows {
      rank total grade vetoed vetoes
      station { code name }
      departments { department score max }
      indicators { key label department method current baseline change points max note }
      deductions { key label count points note }
    }
  }
}`;

async function board(
  variables: Record<string, unknown>,
  token = viewer,
): Promise<{ rows: Row[]; [field: string]: unknown }> {
  const res = await platform.query(BOARD, { token, variables });
  expect(res.errors).toBeUndefined();
  return res.data.assessmentBoard;
}

/** A row as the BOARD query asks for it. */
interface Row {
  rank: number;
  total: number;
  grade: string;
  vetoed: boolean;
  vetoes: string[];
  station: { code: string; name: string };
  departments: { department: string; score: number; max: number }[];
  indicators: {
    key: string;
    current: number | null;
    baseline: number | null;
    change: number | null;
    points: number;
    note: string | null;
  }[];
  deductions: { key: string; label: string; count: number; points: number; note: string | null }[];
}

const ranking = (rows: Row[]) =>
  rows.map((r) => [r.station.code, r.rank, r.total, r.grade, r.vetoed, r.vetoes]);

const rowOf = (rows: Row[], code: string) => rows.find((r) => r.station.code === code);
/** key, current, baseline, change, points, note: one line per indicator. */
const table = (row: Row | undefined) =>
  row?.indicators.map((i) => [i.key, i.current, i.baseline, i.change, i.points, i.note]);

/** What a station with no records at all scores, indicator by indicator (S4; S2, S3 and S5 in part). */
const NOTHING = [
  ['cases.criminalSolved', 0, 0, 0, 6.67, 'ZERO_BASELINE'], // 0 vs 0: change 0 → 10 × (0 + 0.2)/0.3 = 6.666…
  ['cases.telecomFraudSolved', 0, 0, 0, 5.33, 'ZERO_BASELINE'], // 8 × 2/3 = 5.333…
  ['cases.homicides', 0, 0, 0, 6, 'NONE'], // LOWER, none: full 6 (NONE wins over ZERO_BASELINE)
  ['cases.propertyCrimes', 0, 0, 0, 6, 'NONE'],
  ['cases.twoVehicleThefts', 0, 0, 0, 4, 'NONE'],
  ['cases.mediationRate', null, null, null, 6, 'NO_DATA'], // 0 disputes < minSample 1, FULL → 6
  ['traffic.deaths', 0, 0, 0, 10, 'NONE'],
  ['traffic.accidents', 0, 0, 0, 6, 'NONE'],
  ['traffic.injuries', 0, 0, 0, 4, 'NONE'],
  ['surveys.securityRate', null, null, null, 0, 'INSUFFICIENT_SAMPLE'], // 0 answers < 30, ZERO → 0
  ['surveys.satisfactionRate', null, null, null, 0, 'INSUFFICIENT_SAMPLE'],
  ['surveys.validComplaints', 0, 0, 0, 6, 'NONE'],
  ['surveys.commendations', 0, 0, 0, 2.67, 'ZERO_BASELINE'], // 4 × 2/3 = 2.666…
];
// Departments of such a station: cases 6.67 + 5.33 + 6 + 6 + 4 + 6 = 34; traffic 10 + 6 + 4 = 20;
// surveys 0 + 0 + 6 + 2.67 = 8.67; total 34 + 20 + 8.67 = 62.67.

/** code, rank, total, grade, vetoed, vetoes: the board's order under fengqiao-2019@1. */
const FENGQIAO_RANKING = [
  [S1, 1, 85.71, 'GOOD', false, []], // 37.33 + 14 + 34.38
  [S4, 2, 62.67, 'PASS', false, []], // nothing at all
  [S5, 2, 62.67, 'PASS', false, []], // the same 62.67: shares rank 2, after S4 by code
  [S3, 4, 55.67, 'FAIL', false, []], // 34 + 18 + 8.67 − 5: rank 3 is skipped
  [S2, 5, 46.67, 'FAIL', true, ['traffic.severeAccidents']], // 34 + 4 + 8.67, vetoed: last
];

describe('the assessment board of 越城区 for 2019-H1 under fengqiao-2019@1', () => {
  let rows: Row[];

  beforeAll(async () => {
    const answer = await board({ scope: '330602', period: '2019-H1', schemeId: 'fengqiao-2019@1' });
    expect(answer).toMatchObject({
      scope: '330602',
      period: '2019-H1',
      schemeId: 'fengqiao-2019@1', // the version these figures are worked out for
      partial: false,
      scheme: { id: 'fengqiao-2019@1', title: '枫桥式派出所平安考核' },
    });
    rows = answer.rows;
  });

  it('ranks every station of the scope: a tie shares rank 2, the next rank skips to 4, the vetoed one is last', () => {
    expect(ranking(rows)).toEqual(FENGQIAO_RANKING);
    expect(rowOf(rows, S1)).toMatchObject({ station: { name: '测试派出所001' } });
  });

  it('scores every indicator of the best station', () => {
    expect(table(rowOf(rows, S1))).toEqual([
      ['cases.criminalSolved', 3, 2, 0.5, 10, null], // (3 − 2)/2 = +0.5 ≥ 0.1 → 10
      ['cases.telecomFraudSolved', 1, 1, 0, 5.33, null], // 0 → 8 × (0 + 0.2)/0.3 = 5.333…
      ['cases.homicides', 0, 0, 0, 6, 'NONE'], // the July homicide is after the period
      ['cases.propertyCrimes', 1, 2, -0.5, 6, null], // −50%, LOWER → +0.5 → 6
      ['cases.twoVehicleThefts', 0, 1, -1, 4, 'NONE'],
      ['cases.mediationRate', 1, 0.5, 0.5, 6, null], // 1/1 ≥ 0.98 → 6; change 1 − 1/2
      ['traffic.deaths', 1, 2, -0.5, 10, null], // −50% → 10
      ['traffic.accidents', 2, 2, 0, 4, null], // 0 → 6 × 2/3 = 4
      ['traffic.injuries', 3, 2, 0.5, 0, null], // +50%, LOWER → −0.5 < −0.2 → 0
      ['surveys.securityRate', 1, 0.9, 0.1, 15, null], // 40/40 ≥ 0.98 → 15; change 1 − 36/40
      // 38/40 = 0.95: 15 × (0.95 − 0.90)/(0.98 − 0.90) = 9.375 → 9.38 (binary doubles give 9.3749…)
      ['surveys.satisfactionRate', 0.95, 1, -0.05, 9.38, null],
      ['surveys.validComplaints', 1, 2, -0.5, 6, null], // the unfounded complaint does not count
      ['surveys.commendations', 3, 2, 0.5, 4, null], // +50% → 4
    ]);
    expect(rowOf(rows, S1)).toMatchObject({
      departments: [
        { department: 'CASES', score: 37.33, max: 40 }, // 10 + 5.33 + 6 + 6 + 4 + 6
        { department: 'TRAFFIC', score: 14, max: 20 }, // 10 + 4 + 0
        { department: 'SURVEYS', score: 34.38, max: 40 }, // 15 + 9.38 + 6 + 4
      ],
      deductions: [
        {
          key: 'traffic.majorAccidents',
          label: '较大道路交通事故数',
          count: 0,
          points: 0,
          note: null,
        },
      ],
    });
    expect(rowOf(rows, S1)?.indicators[0]).toMatchObject({
      label: '刑事案件破案数',
      department: 'CASES',
      method: 'YOY',
      max: 10,
    });
  });

  it('vetoes the station with a severe accident, whatever its score', () => {
    const vetoed = rowOf(rows, S2);
    expect(table(vetoed)?.slice(6, 9)).toEqual([
      ['traffic.deaths', 10, 0, 1, 0, 'ZERO_BASELINE'], // 10 vs 0: +1.0, LOWER → −1 → 0
      ['traffic.accidents', 1, 0, 1, 0, 'ZERO_BASELINE'],
      ['traffic.injuries', 0, 0, 0, 4, 'NONE'],
    ]);
    expect(vetoed).toMatchObject({
      departments: [
        { department: 'CASES', score: 34 },
        { department: 'TRAFFIC', score: 4 },
        { department: 'SURVEYS', score: 8.67 },
      ],
      // 10 deaths make it 重大, not 较大: a veto, not a deduction
      deductions: [{ key: 'traffic.majorAccidents', count: 0, points: 0 }],
    });
  });

  it('takes 5 points off for a major accident', () => {
    const deducted = rowOf(rows, S3);
    expect(table(deducted)?.slice(6, 9)).toEqual([
      ['traffic.deaths', 3, 4, -0.25, 10, null], // −25% → +0.25 ≥ 0.1 → 10
      ['traffic.accidents', 1, 1, 0, 4, null], // 6 × 2/3
      ['traffic.injuries', 2, 4, -0.5, 4, null],
    ]);
    expect(deducted).toMatchObject({
      departments: [
        { department: 'CASES', score: 34 },
        { department: 'TRAFFIC', score: 18 },
        { department: 'SURVEYS', score: 8.67 },
      ],
      deductions: [{ key: 'traffic.majorAccidents', count: 1, points: 5, note: null }], // 1 × 5
    });
  });

  it('scores a station without records by the rules of no records', () => {
    expect(table(rowOf(rows, S4))).toEqual(NOTHING);
    expect(rowOf(rows, S4)).toMatchObject({
      departments: [
        { department: 'CASES', score: 34, max: 40 },
        { department: 'TRAFFIC', score: 20, max: 20 },
        { department: 'SURVEYS', score: 8.67, max: 40 },
      ],
    });
  });

  it('gives no points to a perfect rate on a short sample', () => {
    const short = table(rowOf(rows, S5));
    // 29 answers, all 很安全 and 很满意: a rate of 1, but 29 < 30 → ZERO → 0
    expect(short?.slice(9, 11)).toEqual([
      ['surveys.securityRate', 1, null, null, 0, 'INSUFFICIENT_SAMPLE'],
      ['surveys.satisfactionRate', 1, null, null, 0, 'INSUFFICIENT_SAMPLE'],
    ]);
    expect([...(short ?? []).slice(0, 9), ...(short ?? []).slice(11)]).toEqual([
      ...NOTHING.slice(0, 9),
      ...NOTHING.slice(11),
    ]);
  });

  it("answers one station's row with its rank among all, and null outside the scope", async () => {
    const res = await platform.query(
      `{ assessmentBoard(scope: "330602", period: "2019-H1", schemeId: "fengqiao-2019@1") {
          s3: row(stationCode: "${S3}") { rank total station { code } }
          elsewhere: row(stationCode: "${ELSEWHERE}") { rank } } }`,
      { token: viewer },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.assessmentBoard).toEqual({
      s3: { rank: 4, total: 55.67, station: { code: S3 } },
      elsewhere: null,
    });
  });

  it('scores a board of one station alone, and a partial period as it stands', async () => {
    const one = await board({ scope: S3, period: '2019-H1', schemeId: 'fengqiao-2019@1' });
    expect(ranking(one.rows)).toEqual([[S3, 1, 55.67, 'FAIL', false, []]]);
    // 2019 so far (to 15 August) against 2018 to 15 August: S1's July severe accident now counts
    const year = await board({ scope: '330602', period: '2019' });
    expect(year.partial).toBe(true);
    expect(rowOf(year.rows, S1)).toMatchObject({
      vetoed: true,
      vetoes: ['traffic.severeAccidents'],
      grade: 'FAIL',
    });
  });
});

describe('the default scheme, fengqiao-2019@2', () => {
  let rows: Row[];

  beforeAll(async () => {
    const answer = await board({ scope: '330602', period: '2019-H1' });
    // The newest version, published by the migration: what a board without a scheme uses.
    expect(answer).toMatchObject({ schemeId: 'fengqiao-2019@2', partial: false });
    rows = answer.rows;
  });

  it('measures small counts against a minimum base, and nothing after nothing as held steady', () => {
    expect(table(rowOf(rows, S4))).toEqual([
      ['cases.criminalSolved', 0, 0, 0, 6.67, 'SMALL_BASE'], // 0/8 → 10 × 0.2/0.3
      ['cases.telecomFraudSolved', 0, 0, 0, 5.33, 'SMALL_BASE'],
      ['cases.homicides', 0, 0, 0, 6, 'SMALL_BASE'], // full when held steady
      ['cases.propertyCrimes', 0, 0, 0, 4, 'SMALL_BASE'],
      ['cases.twoVehicleThefts', 0, 0, 0, 2.67, 'SMALL_BASE'],
      ['cases.mediationRate', null, null, null, 6, 'FILLED'], // no sample: filled at 0.98
      ['traffic.deaths', 0, 0, 0, 10, 'SMALL_BASE'],
      ['traffic.accidents', 0, 0, 0, 4, 'SMALL_BASE'],
      ['traffic.injuries', 0, 0, 0, 2.67, 'SMALL_BASE'],
      ['surveys.securityRate', null, null, null, 15, 'FILLED'],
      ['surveys.satisfactionRate', null, null, null, 15, 'FILLED'],
      ['surveys.validComplaints', 0, 0, 0, 4, 'SMALL_BASE'],
      ['surveys.commendations', 0, 0, 0, 2.67, 'SMALL_BASE'],
    ]);
  });

  it('scores the best station on its changes against a base of at least 8 (16, 24 for deaths, injuries)', () => {
    expect(table(rowOf(rows, S1))).toEqual([
      ['cases.criminalSolved', 3, 2, 0.125, 10, 'SMALL_BASE'], // (3 − 2)/8 ≥ 0.1 → 10
      ['cases.telecomFraudSolved', 1, 1, 0, 5.33, 'SMALL_BASE'],
      ['cases.homicides', 0, 0, 0, 6, 'SMALL_BASE'],
      ['cases.propertyCrimes', 1, 2, -0.125, 6, 'SMALL_BASE'], // one fewer: −1/8 → 6
      ['cases.twoVehicleThefts', 0, 1, -0.125, 4, 'SMALL_BASE'],
      ['cases.mediationRate', 1, 0.5, 0.5, 6, 'FILLED'], // 1 dispute: 0.98 + 0.02 × 1/25 → 6
      ['traffic.deaths', 1, 2, -0.0625, 10, 'SMALL_BASE'],
      ['traffic.accidents', 2, 2, 0, 4, 'SMALL_BASE'],
      // one more injury: +1/24 → 4 × (0.2 − 0.0417)/0.3 = 2.11 (fengqiao-2019@1: +50 % → 0)
      ['traffic.injuries', 3, 2, 0.0417, 2.11, 'SMALL_BASE'],
      ['surveys.securityRate', 1, 0.9, 0.1, 15, null],
      ['surveys.satisfactionRate', 0.95, 1, -0.05, 9.38, null],
      ['surveys.validComplaints', 1, 2, -0.125, 6, 'SMALL_BASE'],
      ['surveys.commendations', 3, 2, 0.125, 4, 'SMALL_BASE'],
    ]);
  });

  it('fills a short sample at the full-marks rate instead of scoring it nothing', () => {
    // 29 answers, all 很安全 and 很满意: 0.98 + (1 − 0.98) × 29/30 → 15 (fengqiao-2019@1: 0)
    expect(table(rowOf(rows, S5))?.slice(9, 11)).toEqual([
      ['surveys.securityRate', 1, null, null, 15, 'FILLED'],
      ['surveys.satisfactionRate', 1, null, null, 15, 'FILLED'],
    ]);
  });
});

describe('refusing a board', () => {
  it.each([
    [
      'a malformed scope',
      { scope: '3306', period: '2019-H1' },
      'scope "3306" is neither a 6-digit GB/T 2260 division code nor a 12-digit station code',
    ],
    [
      'a division the registry does not know',
      { scope: '330699', period: '2019-H1' },
      'scope "330699" is not a division or station in the registry',
    ],
    [
      'a malformed period',
      { scope: '330602', period: '2019-H3' },
      'period "2019-H3" is not one of YYYY, YYYY-H1|H2, YYYY-Q1..Q4 or YYYY-MM',
    ],
    [
      'a period after today',
      { scope: '330602', period: '2019-09' },
      'period "2019-09" starts after today (2019-08-15)',
    ],
    [
      'a malformed scheme id',
      { scope: '330602', period: '2019-H1', schemeId: 'fengqiao' },
      'schemeId "fengqiao" is not a scheme id (<name>@<version>, e.g. fengqiao-2019@1)',
    ],
    [
      'a scheme never published',
      { scope: '330602', period: '2019-H1', schemeId: 'fengqiao-2019@9' },
      'schemeId "fengqiao-2019@9" is not a published scheme',
    ],
  ])('refuses %s with BAD_USER_INPUT', async (_case, variables, message) => {
    const res = await platform.query(BOARD, { token: viewer, variables });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(message);
    expect(res.data?.assessmentBoard ?? null).toBeNull();
  });

  it('refuses a malformed station code for a row', async () => {
    const res = await platform.query(
      `{ assessmentBoard(scope: "330602", period: "2019-H1") { row(stationCode: "S1") { rank } } }`,
      { token: viewer },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('stationCode "S1" is not a 12-digit station code');
  });

  it('refuses a reader without a token', async () => {
    const res = await platform.query(BOARD, { variables: { scope: '330602', period: '2019-H1' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(res.data ?? null).toBeNull();
  });
});

describe('scoring with a published scheme', () => {
  /** Two indicators of 50 on one line each, a deduction per property crime, a veto on any major accident. */
  const TRIAL = {
    name: 'yuecheng-trial',
    title: '越城区试行方案',
    indicators: [
      {
        key: 'cases.criminalSolved',
        department: 'CASES',
        weight: 50,
        method: 'YOY',
        direction: 'HIGHER',
        fullAt: 0.5,
        zeroAt: 0,
      },
      {
        key: 'surveys.satisfactionRate',
        department: 'SURVEYS',
        weight: 50,
        method: 'RATE',
        direction: 'HIGHER',
        fullAt: 1,
        zeroAt: 0.9,
        minSample: 10,
        whenShort: 'FULL',
      },
    ],
    deductions: [{ key: 'cases.propertyCrimes', department: 'CASES', pointsEach: 2.5 }],
    vetoes: [{ key: 'traffic.majorAccidents', department: 'TRAFFIC' }],
  };

  it('scores the same records under the new scheme, which becomes the default, and the old one still as before', async () => {
    const published = await platform.query(
      `mutation($input: AssessmentSchemeInput!) { publishAssessmentScheme(input: $input) { id version } }`,
      { token: await tokenFor('assessor'), variables: { input: TRIAL } },
    );
    expect(published.errors).toBeUndefined();
    expect(published.data.publishAssessmentScheme).toEqual({ id: 'yuecheng-trial@1', version: 1 });

    const trial = await board({ scope: '330602', period: '2019-H1' });
    expect(trial.schemeId).toBe('yuecheng-trial@1');
    expect(ranking(trial.rows)).toEqual([
      // criminalSolved +50% → 50; 满意度 0.95 → 50 × (0.95 − 0.9)/(1 − 0.9) = 25; one property
      // crime → −2.5: 72.5
      [S1, 1, 72.5, 'PASS', false, []],
      // 0 vs 0 → change 0 → 50 × (0 − 0)/0.5 = 0; no answers, 0 < 10, FULL → 50
      [S2, 2, 50, 'FAIL', false, []],
      [S4, 2, 50, 'FAIL', false, []],
      // 0; 29 answers ≥ 10 at a rate of 1 → 50: the same 50 another way
      [S5, 2, 50, 'FAIL', false, []],
      // 0; no answers → 50; the 3-death accident is 较大, vetoed under this scheme
      [S3, 5, 50, 'FAIL', true, ['traffic.majorAccidents']],
    ]);
    expect(rowOf(trial.rows, S1)?.deductions).toEqual([
      {
        key: 'cases.propertyCrimes',
        label: '传统侵财案件发案数',
        count: 1,
        points: 2.5,
        note: null,
      },
    ]);
    expect(table(rowOf(trial.rows, S2))).toEqual([
      ['cases.criminalSolved', 0, 0, 0, 0, 'ZERO_BASELINE'],
      ['surveys.satisfactionRate', null, null, null, 50, 'NO_DATA'],
    ]);

    const before = await board({ scope: '330602', period: '2019-H1', schemeId: 'fengqiao-2019@1' });
    expect(ranking(before.rows)).toEqual(FENGQIAO_RANKING);
  });
});
