import { scoreBoard } from '../../../subgraphs/assessment/scoring/board';
import type { IndicatorValue } from '../../../subgraphs/kit/contract/board-contract';
import type { DepartmentValues } from '../../../subgraphs/assessment/scoring/values';
import type { SchemeRules } from '../../../subgraphs/assessment/scoring/rules';

/**
 * A small scheme of 100 points over three departments, with a deduction and a veto, each item
 * labelled as its department's catalog labelled it when the scheme was published.
 */
const RULES: SchemeRules = {
  indicators: [
    {
      key: 'cases.criminalSolved',
      label: '刑事案件破案数',
      department: 'CASES',
      weight: 40,
      method: 'YOY',
      direction: 'HIGHER',
      fullAt: 0.1,
      zeroAt: -0.2,
      minSample: null,
      whenShort: null,
    },
    {
      key: 'cases.homicides',
      label: '命案发案数',
      department: 'CASES',
      weight: 20,
      method: 'YOY',
      direction: 'LOWER',
      fullAt: 0.1,
      zeroAt: -0.2,
      minSample: null,
      whenShort: null,
    },
    {
      key: 'cases.mediationRate',
      label: '矛盾纠纷调解成功率',
      department: 'CASES',
      weight: 10,
      method: 'RATE',
      direction: 'HIGHER',
      fullAt: 0.98,
      zeroAt: 0.9,
      minSample: 1,
      whenShort: 'FULL',
    },
    {
      key: 'traffic.deaths',
      label: '道路交通事故死亡人数',
      department: 'TRAFFIC',
      weight: 30,
      method: 'YOY',
      direction: 'LOWER',
      fullAt: 0.1,
      zeroAt: -0.2,
      minSample: null,
      whenShort: null,
    },
  ],
  deductions: [
    {
      key: 'traffic.majorAccidents',
      label: '较大道路交通事故数',
      department: 'TRAFFIC',
      pointsEach: 5,
    },
  ],
  vetoes: [{ key: 'traffic.severeAccidents', label: '重大道路交通事故数', department: 'TRAFFIC' }],
};

const count = (key: string, current: number, baseline: number): IndicatorValue => ({
  key,
  current,
  baseline,
  sample: null,
});
const rate = (
  key: string,
  current: number | null,
  baseline: number | null,
  sample: number,
): IndicatorValue => ({ key, current, baseline, sample });

const S1 = '330600000001';
const S2 = '330600000002';
const S3 = '330600000003';
const S4 = '330600000004';
const S5 = '330600000005';
const S6 = '330600000006';

function cases(
  code: string,
  solved: [number, number],
  homicides: [number, number],
  mediation: [number | null, number | null, number],
) {
  return {
    stationCode: code,
    values: [
      count('cases.criminalSolved', ...solved),
      count('cases.homicides', ...homicides),
      rate('cases.mediationRate', ...mediation),
    ],
  };
}

function traffic(code: string, deaths: [number, number], major: number, severe: number) {
  return {
    stationCode: code,
    values: [
      count('traffic.deaths', ...deaths),
      count('traffic.majorAccidents', major, 0),
      count('traffic.severeAccidents', severe, 0),
    ],
  };
}

const FIGURES: DepartmentValues = {
  CASES: [
    cases(S1, [12, 10], [0, 1], [0.95, 0.9, 20]),
    cases(S2, [10, 10], [1, 1], [null, 1, 0]),
    cases(S3, [0, 0], [1, 1], [0.98, null, 5]),
    cases(S4, [12, 10], [0, 1], [0.95, 0.9, 20]),
    cases(S5, [0, 5], [3, 1], [0.5, 0.99, 10]),
    // S6 is in the registry but the criminal police sent nothing for it
  ],
  TRAFFIC: [
    traffic(S1, [1, 2], 0, 0),
    traffic(S2, [0, 0], 1, 0),
    traffic(S3, [0, 0], 1, 0),
    traffic(S4, [1, 2], 0, 1),
    traffic(S5, [3, 1], 2, 0),
    traffic(S6, [0, 0], 0, 0),
  ],
};

/** The board's stations as the registry lists them. */
const station = (code: string) => ({ code, name: `派出所 ${code.slice(-1)}` });

describe('scoring a board', () => {
  const stations = [S6, S5, S4, S3, S2, S1].map(station);
  const rows = scoreBoard(RULES, stations, FIGURES);
  const row = (code: string) => rows.find((r) => r.stationCode === code);

  it('keeps with each row the station it was given', () => {
    expect(rows).toHaveLength(stations.length);
    for (const r of rows) expect(r.station).toBe(stations.find((s) => s.code === r.stationCode));
  });

  it('orders and ranks: a tie shares rank 2, the next clean station is 4, the vetoed one last', () => {
    expect(rows.map((r) => [r.stationCode, r.total, r.vetoed, r.grade, r.rank])).toEqual([
      [S1, 96.25, false, 'EXCELLENT', 1],
      [S6, 86.67, false, 'GOOD', 2],
      [S2, 75, false, 'PASS', 3],
      [S3, 75, false, 'PASS', 3],
      [S5, 0, false, 'FAIL', 5],
      [S4, 96.25, true, 'FAIL', 6],
    ]);
  });

  it('scores each indicator of a station', () => {
    expect(row(S1)?.indicators).toEqual([
      // (12 − 10)/10 = +0.2 ≥ 0.1 → 40
      expect.objectContaining({
        key: 'cases.criminalSolved',
        current: 12,
        baseline: 10,
        change: 0.2,
        points: 40,
        max: 40,
        note: null,
        label: '刑事案件破案数',
        department: 'CASES',
        method: 'YOY',
      }),
      // nothing in the period → NONE, 20
      expect.objectContaining({
        key: 'cases.homicides',
        current: 0,
        baseline: 1,
        change: -1,
        points: 20,
        note: 'NONE',
      }),
      // 10 × (0.95 − 0.9)/(0.98 − 0.9) = 6.25; change 0.95 − 0.9 = 0.05
      expect.objectContaining({
        key: 'cases.mediationRate',
        current: 0.95,
        baseline: 0.9,
        change: 0.05,
        points: 6.25,
        note: null,
        method: 'RATE',
      }),
      // (1 − 2)/2 = −0.5, LOWER → +0.5 ≥ 0.1 → 30
      expect.objectContaining({
        key: 'traffic.deaths',
        current: 1,
        baseline: 2,
        change: -0.5,
        points: 30,
        note: null,
      }),
    ]);
    expect(row(S1)?.departments).toEqual([
      { department: 'CASES', score: 66.25, max: 70 }, // 40 + 20 + 6.25
      { department: 'TRAFFIC', score: 30, max: 30 },
    ]);
  });

  it('takes deductions off the total: count × points each', () => {
    // 40 × 2/3 = 26.67 (flat); 20 × 2/3 = 13.33 (flat); no disputes → NO_DATA 10; no deaths → NONE 30
    // 26.67 + 13.33 + 10 + 30 = 80; one major accident: 80 − 1 × 5 = 75
    expect(row(S2)?.indicators.map((i) => [i.key, i.points, i.note])).toEqual([
      ['cases.criminalSolved', 26.67, null],
      ['cases.homicides', 13.33, null],
      ['cases.mediationRate', 10, 'NO_DATA'],
      ['traffic.deaths', 30, 'NONE'],
    ]);
    expect(row(S2)?.deductions).toEqual([
      {
        key: 'traffic.majorAccidents',
        label: '较大道路交通事故数',
        count: 1,
        points: 5,
        note: null,
      },
    ]);
    // Both 0 → change 0 with ZERO_BASELINE → 40 × 2/3 = 26.67: the same 75 as S2, another way
    expect(row(S3)?.indicators[0]).toMatchObject({
      change: 0,
      points: 26.67,
      note: 'ZERO_BASELINE',
    });
    expect(row(S3)?.indicators[2]).toMatchObject({
      current: 0.98,
      baseline: null,
      change: null,
      points: 10,
    });
  });

  it('vetoes a station with a severe accident whatever its score', () => {
    expect(row(S4)).toMatchObject({
      total: 96.25,
      vetoed: true,
      vetoes: ['traffic.severeAccidents'],
      grade: 'FAIL',
    });
    expect(row(S1)).toMatchObject({ vetoed: false, vetoes: [] });
  });

  it('never goes below zero', () => {
    // 0 − 1 → −100% → 0; homicides 1 → 3: +200% → 0; mediation 50% → 0; deaths +200% → 0
    expect(row(S5)?.indicators.map((i) => i.points)).toEqual([0, 0, 0, 0]);
    // 0 − 2 × 5 = −10 → 0
    expect(row(S5)?.deductions[0]).toMatchObject({ count: 2, points: 10 });
    expect(row(S5)?.total).toBe(0);
  });

  it('gives a station a department sent nothing for the rules of no records', () => {
    // solved 0 against 0: ZERO_BASELINE 26.67; homicides none: NONE 20; no disputes: NO_DATA 10;
    // deaths 0 against 0: NONE 30 → 86.67
    expect(
      row(S6)?.indicators.map((i) => [i.current, i.baseline, i.change, i.points, i.note]),
    ).toEqual([
      [0, 0, 0, 26.67, 'ZERO_BASELINE'],
      [0, 0, 0, 20, 'NONE'],
      [null, null, null, 10, 'NO_DATA'],
      [0, 0, 0, 30, 'NONE'],
    ]);
  });
});

describe('a department whose figures did not arrive', () => {
  it.each([
    ['null', { CASES: FIGURES.CASES, TRAFFIC: null }],
    ['missing', { CASES: FIGURES.CASES }],
  ])(
    '(%s) leaves its indicators, deductions and vetoes unscored, and the rest scored',
    (_how, figures: DepartmentValues) => {
      const [vetoedBefore] = scoreBoard(RULES, [station(S4)], figures);
      expect(vetoedBefore?.indicators[3]).toEqual({
        key: 'traffic.deaths',
        label: '道路交通事故死亡人数',
        department: 'TRAFFIC',
        method: 'YOY',
        current: null,
        baseline: null,
        change: null,
        points: 0,
        max: 30,
        note: 'DEPARTMENT_UNAVAILABLE',
      });
      expect(vetoedBefore?.deductions).toEqual([
        {
          key: 'traffic.majorAccidents',
          label: '较大道路交通事故数',
          count: 0,
          points: 0,
          note: 'DEPARTMENT_UNAVAILABLE',
        },
      ]);
      // The cases indicators as before: 40 + 20 + 6.25
      expect(vetoedBefore).toMatchObject({
        total: 66.25,
        vetoed: false,
        vetoes: [],
        departments: [
          { department: 'CASES', score: 66.25, max: 70 },
          { department: 'TRAFFIC', score: 0, max: 30 },
        ],
      });
    },
  );
});
