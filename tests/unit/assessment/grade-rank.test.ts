import { gradeOf } from '../../../subgraphs/assessment/scoring/grade';
import { rankRows } from '../../../subgraphs/assessment/scoring/rank';

describe('grades', () => {
  it.each([
    [100, 'EXCELLENT'],
    [90, 'EXCELLENT'],
    [89.99, 'GOOD'],
    [80, 'GOOD'],
    [79.99, 'PASS'],
    [60, 'PASS'],
    [59.99, 'FAIL'],
    [0, 'FAIL'],
  ])('gives a total of %p the grade %s', (total, grade) => {
    expect(gradeOf(total, false)).toBe(grade);
  });

  it('fails a vetoed station whatever its total', () => {
    expect(gradeOf(100, true)).toBe('FAIL');
  });
});

describe('order and competition ranks', () => {
  const row = (stationCode: string, total: number, vetoed = false) => ({
    stationCode,
    total,
    vetoed,
  });

  it('puts vetoed stations last, then orders by total and code, sharing ranks and skipping', () => {
    const ranked = rankRows([
      row('330600000009', 80),
      row('330600000001', 99, true),
      row('330600000005', 85),
      row('330600000002', 90),
      row('330600000004', 85),
      row('330600000006', 85),
      row('330600000003', 40, true),
      row('330600000008', 40, true),
      row('330600000007', 50, true),
    ]);
    expect(ranked.map((r) => [r.stationCode, r.rank])).toEqual([
      ['330600000002', 1], // 90
      ['330600000004', 2], // 85, three share rank 2, in code order
      ['330600000005', 2],
      ['330600000006', 2],
      ['330600000009', 5], // 80: ranks 3 and 4 are skipped
      ['330600000001', 6], // vetoed, whatever its 99
      ['330600000007', 7], // vetoed 50
      ['330600000003', 8], // vetoed 40, two share rank 8
      ['330600000008', 8],
    ]);
  });

  it('does not share a rank between a vetoed and a clean station of the same total', () => {
    const ranked = rankRows([row('330600000002', 70, true), row('330600000001', 70)]);
    expect(ranked.map((r) => [r.stationCode, r.rank])).toEqual([
      ['330600000001', 1],
      ['330600000002', 2],
    ]);
  });

  it('ranks an empty board as empty', () => {
    expect(rankRows([])).toEqual([]);
  });
});
