import { startPlatform, UNCACHED, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';
import { accident, caseRecord } from '../support/records';

// 2019-H1 and 2018-H1 are whole: the figures below never depend on the day the tests run.
process.env.PLATFORM_TODAY = '2020-01-15';

/**
 * Four stations: two in 新昌县; one in 柯桥区 whose code still carries the prefix of 绍兴县
 * (330621), which 柯桥区 replaced; one in 杭州市上城区, inside the province but not the city.
 */
const A = '330624600001';
const B = '330624600002';
const C = '330621600003';
const D = '330102600004';
const STATIONS = [
  { ...registryStation(A, '330624'), officers: 31, socialOrganizations: 2 },
  { ...registryStation(B, '330624'), officers: 25, socialOrganizations: 0 },
  { ...registryStation(C, '330603'), officers: 40, socialOrganizations: 3 },
  { ...registryStation(D, '330102'), officers: 20, socialOrganizations: 5 },
];

const dispute = (externalId: string, stationCode: string, receivedOn: string, outcome: string) => ({
  externalId,
  stationCode,
  receivedOn,
  channel: 'PEOPLE',
  outcome,
  closedOn: receivedOn,
});
const response = (
  externalId: string,
  stationCode: string,
  surveyedOn: string,
  security: number,
  satisfaction: number,
) => ({ externalId, stationCode, surveyedOn, security, satisfaction });
const complaint = (
  externalId: string,
  stationCode: string,
  receivedOn: string,
  valid: boolean,
) => ({
  externalId,
  stationCode,
  receivedOn,
  valid,
});
const commendation = (
  externalId: string,
  stationCode: string,
  receivedOn: string,
  kind: string,
) => ({
  externalId,
  stationCode,
  receivedOn,
  kind,
});

/** Hand-made records; the city's figures are worked out by hand in the expectations below. */
const RECORDS: [string, string, Record<string, unknown>[]][] = [
  [
    'recordCases',
    'CaseInput',
    [
      caseRecord('A1', A, 'OTHER', '2019-02-01', '2019-03-01'),
      caseRecord('A2', A, 'TELECOM_FRAUD', '2019-05-01', '2019-06-30'),
      caseRecord('A3', A, 'HOMICIDE', '2018-03-01', '2018-04-01'),
      caseRecord('A4', A, 'PROPERTY', '2019-07-01', '2019-07-02'),
      caseRecord('B1', B, 'TWO_VEHICLE_THEFT', '2019-01-15', null),
      caseRecord('B2', B, 'PROPERTY', '2018-06-30', '2019-01-02'),
      caseRecord('C1', C, 'TELECOM_FRAUD', '2018-02-02', '2018-02-03'),
      caseRecord('C2', C, 'OTHER', '2019-04-04', '2019-04-05'),
      caseRecord('C3', C, 'PROPERTY', '2019-06-06', null),
      caseRecord('D1', D, 'OTHER', '2019-03-03', '2019-03-04'),
      caseRecord('D2', D, 'HOMICIDE', '2018-01-01', null),
    ],
  ],
  [
    'recordDisputes',
    'DisputeInput',
    [
      dispute('A1', A, '2019-01-10', 'MEDIATED'),
      dispute('A2', A, '2019-02-10', 'MEDIATED'),
      dispute('A3', A, '2019-03-10', 'MEDIATED'),
      dispute('A4', A, '2018-03-10', 'MEDIATED'),
      dispute('B1', B, '2019-04-10', 'FAILED'),
      dispute('B2', B, '2018-01-10', 'MEDIATED'),
      dispute('B3', B, '2018-02-10', 'REFERRED'),
      dispute('B4', B, '2018-06-30', 'FAILED'),
      dispute('C1', C, '2018-05-10', 'FAILED'),
      dispute('D1', D, '2019-05-10', 'MEDIATED'),
    ],
  ],
  [
    'recordAccidents',
    'AccidentInput',
    [
      accident('A1', A, '2019-03-03', 1, 2),
      accident('A2', A, '2019-05-05', 0, 1),
      accident('A3', A, '2018-04-04', 2, 0),
      accident('B1', B, '2018-02-02', 0, 3),
      accident('B2', B, '2019-07-07', 4, 1),
      accident('C1', C, '2019-06-30', 3, 2),
      accident('C2', C, '2018-06-01', 0, 1),
      accident('D1', D, '2019-01-01', 10, 5),
    ],
  ],
  [
    'recordSurveyResponses',
    'SurveyResponseInput',
    [
      response('A1', A, '2019-01-20', 5, 5),
      response('A2', A, '2019-02-20', 4, 2),
      response('A3', A, '2019-03-20', 3, 3),
      response('A4', A, '2018-03-20', 4, 4),
      response('B1', B, '2019-04-20', 2, 4),
      response('B2', B, '2019-05-20', 5, 5),
      response('C1', C, '2019-06-20', 1, 1),
      response('C2', C, '2018-01-20', 3, 2),
      response('C3', C, '2018-02-20', 2, 3),
      response('D1', D, '2019-01-20', 5, 5),
    ],
  ],
  [
    'recordComplaints',
    'ComplaintInput',
    [
      complaint('A1', A, '2019-02-02', true),
      complaint('A2', A, '2019-02-03', false),
      complaint('B1', B, '2018-03-03', true),
      complaint('B2', B, '2018-03-04', true),
      complaint('C1', C, '2019-06-06', true),
      complaint('D1', D, '2019-06-06', true),
    ],
  ],
  [
    'recordCommendations',
    'CommendationInput',
    [
      commendation('A1', A, '2019-01-05', 'BANNER'),
      commendation('A2', A, '2019-02-05', 'LETTER'),
      commendation('B1', B, '2019-06-06', 'BANNER'),
      commendation('C1', C, '2018-05-05', 'BANNER'),
      commendation('D1', D, '2018-05-05', 'LETTER'),
    ],
  ],
];

const CASE_FIELDS =
  'criminalFiled criminalSolved telecomFraudFiled telecomFraudSolved homicides propertyCrimes ' +
  'twoVehicleThefts disputesReceived disputesMediated';
const TRAFFIC_FIELDS = 'accidents deaths injuries majorAccidents severeAccidents';
const SURVEY_FIELDS = 'responses validComplaints commendations banners letters';
const FIGURES = `
  caseStats(period: $period) { period ${CASE_FIELDS} mediationRate
    baseline { period ${CASE_FIELDS} mediationRate } }
  trafficStats(period: $period) { period ${TRAFFIC_FIELDS} baseline { period ${TRAFFIC_FIELDS} } }
  surveyStats(period: $period) { period ${SURVEY_FIELDS} securityRate satisfactionRate
    baseline { period ${SURVEY_FIELDS} securityRate satisfactionRate } }`;

const DIVISION = `query($code: ID!, $period: String!) {
  division(code: $code) { code officers socialOrganizations stations { code } ${FIGURES}
    children { code officers socialOrganizations stations { code } ${FIGURES} } } }`;
const STATION = `query($code: ID!, $period: String!) {
  station(code: $code) { code officers socialOrganizations ${FIGURES} } }`;

type Figures = Record<string, number | string | null>;
type Stats = Figures & { baseline: Figures };
interface Unit {
  code: string;
  officers: number;
  socialOrganizations: number;
  caseStats: Stats;
  trafficStats: Stats;
  surveyStats: Stats;
}
interface DivisionUnit extends Unit {
  stations: { code: string }[];
  children: DivisionUnit[];
}

/** Each rate with the count it is a share of, and the count's name among the figures. */
const RATES: Record<string, [string, string][]> = {
  caseStats: [['mediationRate', 'disputesReceived']],
  trafficStats: [],
  surveyStats: [
    ['securityRate', 'responses'],
    ['satisfactionRate', 'responses'],
  ],
};

/**
 * What a division's figures must be, from its stations' own answers: every count summed, and
 * every rate the summed numerators (rate × sample, a whole number) over the summed samples.
 */
function summed(stations: Unit[], field: 'caseStats' | 'trafficStats' | 'surveyStats') {
  const sum = (pick: (unit: Unit) => Figures) => {
    const total: Figures = {};
    for (const figures of stations.map(pick)) {
      for (const [name, value] of Object.entries(figures)) {
        if (typeof value === 'number' && !RATES[field]?.some(([rate]) => rate === name)) {
          total[name] = ((total[name] as number | undefined) ?? 0) + value;
        }
      }
    }
    for (const [rate, sample] of RATES[field] ?? []) {
      const part = stations
        .map(pick)
        .reduce(
          (n, f) => n + Math.round(((f[rate] as number | null) ?? 0) * (f[sample] as number)),
          0,
        );
      total[rate] = (total[sample] as number) > 0 ? part / (total[sample] as number) : null;
    }
    return total;
  };
  return {
    ...sum((unit) => unit[field]),
    period: stations[0]?.[field].period,
    baseline: {
      ...sum((unit) => unit[field].baseline),
      period: stations[0]?.[field].baseline.period,
    },
  };
}

let platform: Platform;
let admin: string;

async function report(code: string, period = '2019-H1') {
  const res = await platform.query(DIVISION, { token: admin, variables: { code, period } });
  expect(res.errors).toBeUndefined();
  return res.data.division as DivisionUnit;
}

async function station(code: string): Promise<Unit> {
  const res = await platform.query(STATION, {
    token: admin,
    variables: { code, period: '2019-H1' },
  });
  expect(res.errors).toBeUndefined();
  return res.data.station as Unit;
}

beforeAll(async () => {
  platform = await startPlatform();
  admin = await tokenFor('admin');
  expect(await registerStations(platform, STATIONS)).toBe(4);
  for (const [mutation, input, records] of RECORDS) {
    const res = await platform.query(
      `mutation($input: [${input}!]!) { ${mutation}(input: $input) { inserted } }`,
      { token: admin, variables: { input: records } },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data[mutation].inserted).toBe(records.length);
  }
});
afterAll(() => platform.stop());

describe("a division's figures through the gateway", () => {
  it("are the city's own: counts summed, rates as shares of the summed samples", async () => {
    const city = await report('330600');
    expect(city.stations.map((s) => s.code)).toEqual([C, A, B]);
    expect([city.officers, city.socialOrganizations]).toEqual([96, 5]);
    expect(city.caseStats).toEqual({
      period: '2019-H1',
      ...{ criminalFiled: 5, criminalSolved: 4, telecomFraudFiled: 1, telecomFraudSolved: 1 },
      ...{ homicides: 0, propertyCrimes: 2, twoVehicleThefts: 1 },
      // 3 of A's and none of B's 1: 3/4, not the mean of the stations' rates (1 and 0)
      ...{ disputesReceived: 4, disputesMediated: 3, mediationRate: 0.75 },
      baseline: {
        period: '2018-H1',
        ...{ criminalFiled: 3, criminalSolved: 2, telecomFraudFiled: 1, telecomFraudSolved: 1 },
        ...{ homicides: 1, propertyCrimes: 1, twoVehicleThefts: 0 },
        ...{ disputesReceived: 5, disputesMediated: 2, mediationRate: 0.4 },
      },
    });
    expect(city.trafficStats).toEqual({
      period: '2019-H1',
      ...{ accidents: 3, deaths: 4, injuries: 5, majorAccidents: 1, severeAccidents: 0 },
      baseline: {
        period: '2018-H1',
        ...{ accidents: 3, deaths: 2, injuries: 4, majorAccidents: 0, severeAccidents: 0 },
      },
    });
    expect(city.surveyStats).toEqual({
      period: '2019-H1',
      ...{ responses: 6, validComplaints: 2, commendations: 3, banners: 2, letters: 1 },
      // 4 of 6 at level 3 or better, where the stations' rates are 1, 1/2 and 0
      ...{ securityRate: 4 / 6, satisfactionRate: 4 / 6 },
      baseline: {
        period: '2018-H1',
        ...{ responses: 3, validComplaints: 2, commendations: 1, banners: 1, letters: 0 },
        ...{ securityRate: 2 / 3, satisfactionRate: 2 / 3 },
      },
    });
  });

  it.each([
    ['the province', '330000', [A, B, C, D]],
    ['the city', '330600', [A, B, C]],
    ['柯桥区, whose station keeps the code of 绍兴县', '330603', [C]],
    ['新昌县', '330624', [A, B]],
  ])('add up exactly from their stations: %s', async (_name, code, codes) => {
    const division = await report(code);
    const stations = await Promise.all(codes.map(station));
    expect(division.stations.map((s) => s.code).sort()).toEqual([...codes].sort());
    expect({
      officers: division.officers,
      socialOrganizations: division.socialOrganizations,
      caseStats: division.caseStats,
      trafficStats: division.trafficStats,
      surveyStats: division.surveyStats,
    }).toEqual({
      officers: stations.reduce((n, s) => n + s.officers, 0),
      socialOrganizations: stations.reduce((n, s) => n + s.socialOrganizations, 0),
      caseStats: summed(stations, 'caseStats'),
      trafficStats: summed(stations, 'trafficStats'),
      surveyStats: summed(stations, 'surveyStats'),
    });
  });

  it("give a city's counties in the same request, a county without stations all zero", async () => {
    const city = await report('330600');
    const byCode = new Map(city.children.map((county) => [county.code, county]));
    expect(city.children).toHaveLength(6);
    expect(byCode.get('330603')?.caseStats).toEqual((await report('330603')).caseStats);
    expect(byCode.get('330624')?.surveyStats).toEqual((await report('330624')).surveyStats);
    expect(byCode.get('330681')).toMatchObject({
      stations: [],
      officers: 0,
      caseStats: { criminalSolved: 0, mediationRate: null, baseline: { criminalFiled: 0 } },
      trafficStats: { deaths: 0, baseline: { deaths: 0 } },
      surveyStats: { responses: 0, securityRate: null },
    });
  });

  it('count a whole year, a quarter and a month too', async () => {
    const year = await report('330600', '2019');
    expect(year.trafficStats).toMatchObject({ period: '2019', accidents: 4, deaths: 8 });
    expect(year.trafficStats.baseline).toMatchObject({ period: '2018', accidents: 3, deaths: 2 });
    const quarter = await report('330600', '2019-Q2');
    expect(quarter.caseStats).toMatchObject({ criminalFiled: 3, criminalSolved: 2 });
    const month = await report('330624', '2019-02');
    expect(month.surveyStats).toMatchObject({ responses: 1, validComplaints: 1, letters: 1 });
  });
});

describe('a division report refuses bad input', () => {
  it.each([
    ['an unknown division', '330699', '2019-H1', 'code', '"330699"'],
    ['a retired division', '330621', '2019-H1', 'code', '"330621"'],
    ['a malformed division code', '33060', '2019-H1', 'code', '"33060"'],
    ['an unknown period', '330600', '2019-H3', 'period', '"2019-H3"'],
    ['a future period', '330600', '2020-H2', 'period', '"2020-H2"'],
  ])('%s: BAD_USER_INPUT naming the argument', async (_name, code, period, field, shown) => {
    const res = await platform.query(DIVISION, { token: admin, variables: { code, period } });
    expect(res.errors?.length).toBeGreaterThan(0);
    for (const error of res.errors ?? []) {
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error.message).toContain(shown);
    }
  });
});

describe('who reads a division', () => {
  it("gives a department its own figures, and a station's user none", async () => {
    const selection = `query { division(code: "330600") {
      caseStats(period: "2019-H1") { criminalSolved }
      trafficStats(period: "2019-H1") { deaths } } }`;
    const police = await platform.query(selection, { token: await tokenFor('department:cases') });
    expect(police.data.division).toEqual({ caseStats: { criminalSolved: 4 }, trafficStats: null });
    expect(police.errors?.map((e) => [e.path?.join('.'), e.extensions?.code])).toEqual([
      ['division.trafficStats', 'FORBIDDEN'],
    ]);
    const own = await platform.query(selection, { token: await tokenFor(`station:${A}`) });
    expect(own.data.division).toEqual({ caseStats: null, trafficStats: null });
    expect(own.errors?.map((e) => e.extensions?.code)).toEqual(['FORBIDDEN', 'FORBIDDEN']);
  });
});

describe('the SQL a report costs', () => {
  it('is 1 statement per department, the same for a county as for the province', async () => {
    const counted = async (code: string) => {
      const { result, statements } = await platform.countStatements(() =>
        platform.query(DIVISION, {
          token: admin,
          variables: { code, period: '2019-H1' },
          headers: UNCACHED,
        }),
      );
      expect(result.errors).toBeUndefined();
      return statements;
    };
    const province = await counted('330000');
    const city = await counted('330600');
    const county = await counted('330603');
    for (const department of ['cases', 'traffic', 'surveys']) {
      // The division and its children in one fetch, every station read once for both.
      expect([county[department], city[department], province[department]]).toEqual([1, 1, 1]);
    }
    // The registry reads the division with its children, then their stations, once.
    expect([county.stations, city.stations, province.stations]).toEqual([2, 2, 2]);
    expect(city).toEqual(province);
  });
});
