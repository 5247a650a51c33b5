import {
  roundHalfAwayFromZero,
  roundPoints,
  roundRatio,
} from '../../../subgraphs/assessment/scoring/round';

describe('rounding half away from zero, as on a calculator', () => {
  it.each([
    // Decimals a double cannot hold: 1.005 is stored as 1.00499999999999989…
    [1.005, 1.01],
    [2.675, 2.68],
    [0.125, 0.13],
    [-0.125, -0.13],
    [-1.005, -1.01],
    [2.665, 2.67],
    [12345.675, 12345.68],
    // Noise from double arithmetic: 0.1 + 0.2 = 0.30000000000000004
    [0.1 + 0.2, 0.3],
    // Not a half: stays where it is
    [1.0049, 1],
    [1.0051, 1.01],
    [-1.0049, -1],
    [6.666666666666667, 6.67],
    [100, 100],
    [0, 0],
  ])('rounds %p to %p at two places', (value, expected) => {
    expect(roundPoints(value)).toBe(expected);
  });

  it.each([
    [0.98655, 0.9866],
    [-0.00005, -0.0001],
    [0.00005, 0.0001],
    [1 / 3, 0.3333],
    [2 / 3, 0.6667],
    [-1 / 6, -0.1667],
    [0.99205, 0.9921],
  ])('rounds %p to %p in four places', (value, expected) => {
    expect(roundRatio(value)).toBe(expected);
  });

  it('gives +0, never −0, for a small negative that rounds to nothing', () => {
    expect(Object.is(roundPoints(-0.001), 0)).toBe(true);
  });

  it('rounds to whole numbers and beyond the decimal point', () => {
    expect(roundHalfAwayFromZero(-2.5, 0)).toBe(-3);
    expect(roundHalfAwayFromZero(2.5, 0)).toBe(3);
    expect(roundHalfAwayFromZero(1234.5678, 6)).toBe(1234.5678);
  });
});
