import { changesBetween } from '../../../subgraphs/assessment/published/row-changes';
import type { PublishedLine } from '../../../subgraphs/assessment/published/published-row';
import { summarize } from '../../../subgraphs/assessment/published/board-summary';

const line = (
  stationCode: string,
  rank: number,
  total: number,
  grade: PublishedLine['grade'],
  divisionCode = '330602',
  vetoed = false,
): PublishedLine => ({
  rank,
  stationCode,
  stationName: `站${stationCode}`,
  divisionCode,
  total,
  grade,
  vetoed,
  vetoes: vetoed ? ['traffic.severeAccidents'] : [],
  // Two departments: a share of the total, and the rest, each in whole cents.
  departments: [
    { department: 'CASES', score: Math.round(total * 60) / 100, max: 60 },
    {
      department: 'TRAFFIC',
      score: Math.round(total * 100 - Math.round(total * 60)) / 100,
      max: 40,
    },
  ],
});

describe('summarize', () => {
  it('counts grades, vetoes and counties, with means and the median to the cent', () => {
    const summary = summarize([
      line('A', 1, 91.5, 'EXCELLENT'),
      line('B', 2, 80.01, 'GOOD', '330603'),
      line('C', 3, 70.33, 'PASS'),
      line('D', 4, 10, 'FAIL', '330603', true),
      line('E', 5, 0, 'FAIL'),
    ]);
    expect(summary).toMatchObject({
      stations: 5,
      vetoed: 1,
      meanTotal: 50.37, // 251.84 / 5 = 50.368
      medianTotal: 70.33, // the middle of five
      byGrade: [
        { grade: 'EXCELLENT', count: 1 },
        { grade: 'GOOD', count: 1 },
        { grade: 'PASS', count: 1 },
        { grade: 'FAIL', count: 2 },
      ],
      departments: [
        // CASES 54.9 + 48.01 + 42.2 + 6 + 0 = 151.11 → 30.222; TRAFFIC 36.6 + 32 + 28.13 + 4 + 0
        { department: 'CASES', mean: 30.22, max: 60 },
        { department: 'TRAFFIC', mean: 20.15, max: 40 }, // 100.73 / 5 = 20.146
      ],
    });
    expect(summary.divisions.map((d) => [d.divisionCode, d.stations, d.meanTotal])).toEqual([
      ['330602', 3, 53.94], // (91.5 + 70.33 + 0) / 3 = 53.943…
      ['330603', 2, 45.01], // (80.01 + 10) / 2 = 45.005 → 45.01
    ]);
  });

  it('takes the median of an even count as the mean of the middle two, to the cent', () => {
    expect(
      summarize([line('A', 1, 90.01, 'EXCELLENT'), line('B', 2, 80, 'GOOD')]).medianTotal,
    ).toBe(
      85.01, // 85.005 in cents rounds up
    );
  });
});

describe('changesBetween', () => {
  const before = [
    line('A', 1, 90, 'EXCELLENT'),
    line('B', 2, 85, 'GOOD'),
    line('C', 3, 70, 'PASS'),
  ];

  it('is empty for a first revision and for an identical one', () => {
    expect(changesBetween([], before)).toEqual([]);
    expect(changesBetween(before, before)).toEqual([]);
  });

  it('lists the stations that moved, in the new order, then those no longer on the board', () => {
    const after = [
      line('B', 1, 95, 'EXCELLENT'),
      line('A', 2, 90, 'EXCELLENT'),
      line('D', 3, 60, 'PASS'),
    ];
    expect(
      changesBetween(before, after).map((c) => [
        c.stationCode,
        c.before?.rank ?? null,
        c.after?.rank ?? null,
      ]),
    ).toEqual([
      ['B', 2, 1],
      ['A', 1, 2],
      ['D', null, 3],
      ['C', 3, null],
    ]);
  });
});
