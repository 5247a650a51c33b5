import { listedOperation } from '../../platform/operations';
import { publishDemoBoards } from '../../scripts/demo-boards';
import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

let platform: Platform;
let assessor: string;
let published: string[];
const departmentToken: Record<string, string> = {};

// The demo as `npm start` leaves it: 绍兴's records, and its boards published by the demo's
// assessor through the gateway, as start.ts publishes them.
beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  assessor = await tokenFor('assessor');
  for (const department of ['cases', 'traffic', 'surveys']) {
    departmentToken[department] = await tokenFor(`department:${department}`);
  }
  published = await publishDemoBoards(platform.gateway.url, assessor);
}, 300_000);
afterAll(() => platform.stop());

/** What the default scheme judges a station by, as the board's row of it shows. */
interface IndicatorScore {
  key: string;
  current: number | null;
  baseline: number | null;
  points: number;
  max: number;
}

interface RankedRow {
  rank: number;
  previousRank: number | null;
  rankChange: number | null;
  station: { code: string };
  total: number;
}

async function ranking(period: string): Promise<RankedRow[]> {
  const res = await platform.query(listedOperation('PublishedBoardRanking'), {
    token: assessor,
    variables: { scope: '330600', period, first: 100 },
  });
  expect(res.errors).toBeUndefined();
  return (res.data.publishedBoard.rows.edges as { node: RankedRow }[]).map((e) => e.node);
}

describe("the demo's published boards", () => {
  it('are every month, quarter, half and year of 2018 and 2019, each once it has ended', () => {
    const of2018 = published.filter((period) => period.startsWith('2018'));
    expect(of2018).toEqual([
      '2018-01', '2018-02', '2018-03', '2018-Q1',
      '2018-04', '2018-05', '2018-06', '2018-Q2', '2018-H1',
      '2018-07', '2018-08', '2018-09', '2018-Q3',
      '2018-10', '2018-11', '2018-12', '2018-Q4', '2018-H2', '2018',
    ]); // prettier-ignore
    expect(published.slice(of2018.length)).toEqual(of2018.map((p) => p.replace('2018', '2019')));
  });

  it("give 2019-H1, the screen's first view, every station's rank on 2018-H2 and its move", async () => {
    const rows = await ranking('2019-H1');
    expect(rows).toHaveLength(92);
    expect(rows.filter((r) => r.previousRank === null)).toEqual([]);
    expect(rows.filter((r) => r.rankChange !== 0).length).toBeGreaterThan(10);
  });
});

/** Ranks 1…n of `values`, ties sharing the mean of the ranks they span (Spearman's rule). */
function averageRanks(values: readonly number[]): number[] {
  const order = values.map((value, i) => ({ value, i })).sort((a, b) => a.value - b.value);
  const ranks: number[] = [];
  for (let start = 0; start < order.length;) {
    let end = start;
    while (order[end + 1]?.value === order[start]?.value) end += 1;
    for (let k = start; k <= end; k += 1) ranks[order[k]?.i ?? 0] = (start + end) / 2 + 1;
    start = end + 1;
  }
  return ranks;
}

/** Spearman's rank correlation: Pearson's correlation of the two lists' average ranks. */
function spearman(a: readonly number[], b: readonly number[]): number {
  const [ra, rb] = [averageRanks(a), averageRanks(b)];
  const mean = (xs: number[]) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
  const [ma, mb] = [mean(ra), mean(rb)];
  let [cov, va, vb] = [0, 0, 0];
  ra.forEach((x, i) => {
    const y = rb[i] ?? 0;
    cov += (x - ma) * (y - mb);
    va += (x - ma) ** 2;
    vb += (y - mb) ** 2;
  });
  return cov / Math.sqrt(va * vb);
}

describe("the demo's rankings under the default scheme", () => {
  it('agree from one published quarter to the next: Spearman at least 0.5', async () => {
    const quarters = published.filter((period) => /-Q\d$/.test(period));
    expect(quarters).toHaveLength(8);
    const ranks: Map<string, number>[] = [];
    for (const quarter of quarters) {
      ranks.push(new Map((await ranking(quarter)).map((r) => [r.station.code, r.rank])));
    }
    const codes = [...(ranks[0]?.keys() ?? [])];
    const correlations = quarters.slice(1).map((quarter, i) => {
      const [before, after] = [ranks[i], ranks[i + 1]];
      const rho = spearman(
        codes.map((code) => before?.get(code) ?? NaN),
        codes.map((code) => after?.get(code) ?? NaN),
      );
      return `${quarters[i]}→${quarter} ${rho.toFixed(2)}`;
    });
    console.info(`Spearman of consecutive quarters of 绍兴: ${correlations.join(', ')}`);
    for (const correlation of correlations) {
      expect(Number(correlation.split(' ')[1])).toBeGreaterThanOrEqual(0.5);
    }
  });
});

/** A quarter, its baseline and where its days lie: the records added fall on its 15th day. */
const QUARTER = { period: '2019-Q2', on: '2019-04-15', baselineOn: '2018-04-15' };

/** A station's row on the live board of itself alone: its points, as on any board holding it. */
async function row(stationCode: string): Promise<Map<string, IndicatorScore>> {
  const res = await platform.query(listedOperation('AssessmentBoardRow'), {
    token: assessor,
    variables: { scope: stationCode, period: QUARTER.period, stationCode },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data.assessmentBoard.schemeId).toBe('fengqiao-2019@2');
  const indicators = res.data.assessmentBoard.row.indicators as IndicatorScore[];
  return new Map(indicators.map((i) => [i.key, i]));
}

async function send(
  department: string,
  operation: string,
  variables: Record<string, unknown>,
): Promise<void> {
  const res = await platform.query(listedOperation(operation), {
    token: departmentToken[department],
    variables,
  });
  expect(res.errors).toBeUndefined();
}

/**
 * One record for each scored indicator of a station, dated `on`, each counting on its own
 * indicators only: a homicide, a two-vehicle theft (传统侵财 and 盗窃两车), a telecom fraud filed
 * and solved (破案数 and 电诈破案数), a failed dispute, an accident killing one and injuring one
 * (deaths, accidents, injuries), an unhappy survey answer (安全感, 满意度), a valid complaint, a
 * commendation.
 */
function oneMoreOfEach(stationCode: string, on: string) {
  const id = (kind: string) => `ONE-${kind}-${stationCode}-${on}`;
  return {
    cases: {
      LoadCases: ['HOMICIDE', 'TWO_VEHICLE_THEFT', 'TELECOM_FRAUD'].map((category) => ({
        externalId: id(category),
        stationCode,
        category,
        filedOn: on,
        solvedOn: category === 'TELECOM_FRAUD' ? on : null,
      })),
      LoadDisputes: [
        {
          externalId: id('dispute'),
          stationCode,
          receivedOn: on,
          channel: 'PEOPLE',
          outcome: 'FAILED',
          closedOn: on,
        },
      ],
    },
    traffic: {
      LoadAccidents: [
        { externalId: id('accident'), stationCode, occurredOn: on, deaths: 1, injuries: 1 },
      ],
    },
    surveys: {
      LoadSurveyResponses: [
        { externalId: id('response'), stationCode, surveyedOn: on, security: 1, satisfaction: 1 },
      ],
      LoadComplaints: [{ externalId: id('complaint'), stationCode, receivedOn: on, valid: true }],
      LoadCommendations: [
        { externalId: id('commendation'), stationCode, receivedOn: on, kind: 'BANNER' },
      ],
    },
  };
}

const WITHDRAW: Record<string, [department: string, operation: string]> = {
  LoadCases: ['cases', 'WithdrawCases'],
  LoadDisputes: ['cases', 'WithdrawDisputes'],
  LoadAccidents: ['traffic', 'WithdrawAccidents'],
  LoadSurveyResponses: ['surveys', 'WithdrawSurveyResponses'],
  LoadComplaints: ['surveys', 'WithdrawComplaints'],
  LoadCommendations: ['surveys', 'WithdrawCommendations'],
};

const RECORDS: Record<string, [department: string, operation: string, field: string]> = {
  cases: ['cases', 'CaseIndicatorRecords', 'caseRecords'],
  traffic: ['traffic', 'TrafficIndicatorRecords', 'trafficRecords'],
  surveys: ['surveys', 'SurveyIndicatorRecords', 'surveyRecords'],
};

/** The withdrawal for a record listed behind an indicator, by its type. */
const WITHDRAWAL_OF_TYPE: Record<string, string> = {
  CriminalCase: 'WithdrawCases',
  Dispute: 'WithdrawDisputes',
  Accident: 'WithdrawAccidents',
  SurveyResponse: 'WithdrawSurveyResponses',
  Complaint: 'WithdrawComplaints',
  Commendation: 'WithdrawCommendations',
};

/** Every indicator whose points moved by more than half its maximum between two rows. */
function swings(
  before: Map<string, IndicatorScore>,
  after: Map<string, IndicatorScore>,
  what: string,
): string[] {
  return [...before.values()].flatMap((b) => {
    const a = after.get(b.key);
    const moved = Math.abs((a?.points ?? NaN) - b.points);
    return moved <= b.max / 2
      ? []
      : [
          `${what}: ${b.key} ${b.current}/${b.baseline} ${b.points} → ${a?.current}/${a?.baseline} ${a?.points} of ${b.max}`,
        ];
  });
}

describe("one record more or fewer, through the departments' mutations", () => {
  it("moves no station's points on any indicator by more than half its maximum", async () => {
    const board = await platform.query(listedOperation('AssessmentBoardScreen'), {
      token: assessor,
      variables: { scope: '330600', period: QUARTER.period },
    });
    expect(board.errors).toBeUndefined();
    const rows = board.data.assessmentBoard.rows as { station: { code: string } }[];
    // The first, the last and two between: the sample of stations.
    const sample = [0, 30, 61, 91].map((i) => rows[i]?.station.code ?? '');
    const found: string[] = [];
    let largest = 0;
    const check = (
      before: Map<string, IndicatorScore>,
      after: Map<string, IndicatorScore>,
      what: string,
    ) => {
      found.push(...swings(before, after, what));
      for (const b of before.values()) {
        largest = Math.max(largest, Math.abs((after.get(b.key)?.points ?? 0) - b.points) / b.max);
      }
    };
    let checked = 0;
    for (const code of sample) {
      for (const [on, when] of [
        [QUARTER.on, 'now'],
        [QUARTER.baselineOn, 'a year before'],
      ]) {
        const before = await row(code);
        const loads = oneMoreOfEach(code, on ?? '');
        for (const [department, operations] of Object.entries(loads)) {
          for (const [operation, input] of Object.entries(operations)) {
            await send(department, operation, { input });
          }
        }
        check(before, await row(code), `${code} one more ${when}`);
        for (const operations of Object.values(loads)) {
          for (const [operation, input] of Object.entries(operations)) {
            const [department, withdraw] = WITHDRAW[operation] ?? ['', ''];
            const externalIds = (input as { externalId: string }[]).map((r) => r.externalId);
            await send(department, withdraw, { ids: externalIds, reason: '测量：一条记录的影响' });
          }
        }
        expect(await row(code)).toEqual(before);
      }
      // One of its own records fewer, for each indicator, now and a year before: the first
      // record the indicator lists, withdrawn.
      for (const baseline of [false, true]) {
        for (const key of (await row(code)).keys()) {
          const [department, operation, field] = RECORDS[key.split('.')[0] ?? ''] ?? ['', '', ''];
          const listed = await platform.query(listedOperation(operation), {
            token: assessor,
            variables: { code, period: QUARTER.period, indicator: key, baseline, first: 1 },
          });
          expect(listed.errors).toBeUndefined();
          const record = listed.data.station[field].edges[0]?.node as
            { __typename: string; externalId: string } | undefined;
          if (!record) continue;
          const before = await row(code);
          await send(department, WITHDRAWAL_OF_TYPE[record.__typename] ?? '', {
            ids: [record.externalId],
            reason: '测量：一条记录的影响',
          });
          check(before, await row(code), `${code} ${record.externalId} withdrawn`);
          checked += 1;
        }
      }
    }
    console.info(
      `one record moved an indicator's points by at most ${(largest * 100).toFixed(1)}% of its ` +
        `maximum (${sample.length} stations, ${checked} withdrawals, ${sample.length * 2} sets of additions)`,
    );
    expect(found).toEqual([]);
    expect(checked).toBeGreaterThan(sample.length * 13);
  }, 600_000);
});
