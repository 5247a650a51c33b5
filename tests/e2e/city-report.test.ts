import { listedOperation } from '../../platform/operations';
import { prettyFormatQueryPlan } from '@apollo/query-planner';
import { startPlatform, UNCACHED, type Platform } from '../support/platform';
import { fetchedServices, withPlan } from '../support/query-plans';
import { tokenFor } from '../support/tokens';

let platform: Platform;
let assessor: string;

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  assessor = await tokenFor('assessor');
});
afterAll(() => platform.stop());

type Figures = Record<string, number | null> & { baseline: Record<string, number | null> };
interface DivisionFigures {
  code: string;
  stationCount: number;
  officers: number;
  socialOrganizations: number;
  caseStats: Figures;
  trafficStats: Figures;
  surveyStats: Figures;
}

/** A change (同比) as the article prints it: sign, percent to `decimals` places. */
function change(figures: Figures, name: string, decimals: number): string {
  const current = figures[name] as number;
  const baseline = figures.baseline[name] as number;
  const percent = (current / baseline - 1) * 100;
  return `${percent >= 0 ? '+' : '−'}${Math.abs(percent).toFixed(decimals)}%`;
}

const share = (rate: number | null | undefined) => `${((rate ?? NaN) * 100).toFixed(2)}%`;

async function report(period: string) {
  const res = await platform.query(listedOperation('DivisionReport'), {
    token: assessor,
    variables: { code: '330600', period },
  });
  expect(res.errors).toBeUndefined();
  return res.data.division as DivisionFigures & { children: DivisionFigures[] };
}

describe("npm start's 绍兴 is the seed article's city", () => {
  it('tells the listed report the figures of the article, 2019-H1 against 2018-H1', async () => {
    const { caseStats, trafficStats, surveyStats, socialOrganizations } = await report('2019-H1');
    expect({
      刑事案件破案数: change(caseStats, 'criminalSolved', 0),
      电信网络诈骗案件破案数: change(caseStats, 'telecomFraudSolved', 1),
      道路交通事故死亡人数: change(trafficStats, 'deaths', 1),
      命案: change(caseStats, 'homicides', 1),
      传统侵财案件: change(caseStats, 'propertyCrimes', 0),
      盗窃两车案件: change(caseStats, 'twoVehicleThefts', 1),
      群众安全感: share(surveyStats.securityRate),
      满意度: share(surveyStats.satisfactionRate),
      锦旗和表扬信: change(surveyStats, 'commendations', 0),
      '12389有效投诉': change(surveyStats, 'validComplaints', 1),
      矛盾纠纷成功调解率: share(caseStats.mediationRate),
      平安类社会组织: socialOrganizations,
    }).toEqual({
      刑事案件破案数: '+118%',
      电信网络诈骗案件破案数: '+102.3%',
      道路交通事故死亡人数: '−39.4%',
      命案: '−16.7%',
      传统侵财案件: '−13%',
      盗窃两车案件: '−23.3%',
      群众安全感: '99.21%',
      满意度: '98.66%',
      锦旗和表扬信: '+38%',
      '12389有效投诉': '−31.4%',
      矛盾纠纷成功调解率: '98.65%',
      平安类社会组织: 98,
    });
  });

  it("gives each county's figures with the city's, and they add up to the city's", async () => {
    const city = await report('2019-H1');
    expect(city.children.map((county) => county.code)).toEqual([
      '330602',
      '330603',
      '330604',
      '330624',
      '330681',
      '330683',
    ]);
    const sum = (pick: (county: DivisionFigures) => number) =>
      city.children.reduce((total, county) => total + pick(county), 0);
    expect(sum((c) => c.stationCount)).toBe(city.stationCount);
    expect(sum((c) => c.socialOrganizations)).toBe(98);
    expect(sum((c) => c.officers)).toBe(city.officers);
    expect(sum((c) => c.caseStats.criminalSolved as number)).toBe(city.caseStats.criminalSolved);
    expect(sum((c) => c.trafficStats.baseline.deaths as number)).toBe(
      city.trafficStats.baseline.deaths,
    );
    expect(sum((c) => c.surveyStats.commendations as number)).toBe(city.surveyStats.commendations);
  });
});

describe("the gateway's plan for the listed report", () => {
  it.each(['330600', '330000'])(
    'fetches from each subgraph once for %s and its children, answering as before',
    async (code) => {
      const options = { token: assessor, variables: { code, period: '2019-H1' } };
      const { res, plan } = await withPlan(platform, listedOperation('DivisionReport'), options);
      expect(res.errors).toBeUndefined();
      const fetches: Record<string, number> = {};
      const root = plan.node;
      if (root?.kind !== 'Sequence') throw new Error(`the plan is not a sequence: ${root?.kind}`);
      for (const service of fetchedServices(root)) {
        fetches[service] = (fetches[service] ?? 0) + 1;
      }
      // The departments answer the children's figures in the division's fetch (they resolve
      // `children` from the registry's `subdivisions`): one request each, not one per level.
      expect({ fetches, printed: prettyFormatQueryPlan(plan) }).toEqual({
        fetches: { stations: 1, cases: 1, traffic: 1, surveys: 1 },
        printed: expect.stringContaining('Parallel {'),
      });
      const direct = await platform.query(listedOperation('DivisionReport'), {
        ...options,
        headers: UNCACHED,
      });
      expect(res.data).toEqual(direct.data);
      expect(res.data.division.children.length).toBeGreaterThan(5);
    },
  );
});

const BOARD = `query($period: String!) { assessmentBoard(scope: "330600", period: $period) {
  rows { total grade vetoed station { name } deductions { key count points } } } }`;

interface BoardRow {
  total: number;
  grade: string;
  vetoed: boolean;
  station: { name: string };
  deductions: { key: string; count: number; points: number }[];
}

async function board(period: string): Promise<BoardRow[]> {
  const res = await platform.query(BOARD, { token: assessor, variables: { period } });
  expect(res.errors).toBeUndefined();
  return res.data.assessmentBoard.rows as BoardRow[];
}

describe("绍兴's boards still have something to show", () => {
  it('spread 2019-H1 across every grade, a 较大 accident costing a station its deduction', async () => {
    const rows = await board('2019-H1');
    expect(rows).toHaveLength(92);
    // Every station's figures are its own draw: hardly two stations score alike.
    expect(new Set(rows.map((r) => r.total)).size).toBeGreaterThan(80);
    expect([...new Set(rows.map((r) => r.grade))].sort()).toEqual([
      'EXCELLENT',
      'FAIL',
      'GOOD',
      'PASS',
    ]);
    const deducted = rows.filter((r) => r.deductions.some((d) => d.points > 0));
    expect(deducted.map((r) => r.station.name)).toEqual(['上虞区分局沥海派出所']);
  });

  it('veto a station for its 重大 accident in 2019-H2', async () => {
    const rows = await board('2019-H2');
    expect(rows.filter((r) => r.vetoed).map((r) => [r.station.name, r.grade])).toEqual([
      ['新昌县公安局镜岭派出所', 'FAIL'],
    ]);
  });
});
