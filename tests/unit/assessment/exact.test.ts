import { Exact } from '../../../subgraphs/assessment/scoring/exact';

describe('exact fractions', () => {
  it('reads a number as the decimal it prints as', () => {
    expect(Exact.of(0.95)).toEqual(Exact.of(95).dividedBy(Exact.of(100)));
    expect(Exact.of(1e-7).times(Exact.of(1e7)).round(0)).toBe(1);
    expect(Exact.of(1.5e21).dividedBy(Exact.of(1e21)).round(1)).toBe(1.5);
    expect(Exact.of(-0.125).round(2)).toBe(-0.13);
  });

  it('computes what a calculator computes where doubles drift', () => {
    // Doubles: 15 × (0.95 − 0.9) ÷ (0.98 − 0.9) = 9.374999999999991; exactly 9.375 → 9.38
    const share = Exact.of(0.95)
      .minus(Exact.of(0.9))
      .dividedBy(Exact.of(0.98).minus(Exact.of(0.9)));
    expect(Exact.of(15).times(share).round(2)).toBe(9.38);
    // Doubles: 7 × 0.145 = 1.0149999999999999; exactly 1.015 → 1.02
    expect(Exact.of(7).times(Exact.of(0.145)).round(2)).toBe(1.02);
    // Doubles: 4 × 0.25125 = 1.0049999999999999; exactly 1.005 → 1.01
    expect(Exact.of(4).times(Exact.of(0.25125)).round(2)).toBe(1.01);
  });

  it('clamps to [0, 1]', () => {
    expect(Exact.of(-0.5).clampedToUnit().round(2)).toBe(0);
    expect(Exact.of(4.2).clampedToUnit().round(2)).toBe(1);
    expect(Exact.of(0.25).clampedToUnit().round(2)).toBe(0.25);
  });

  it('refuses what cannot be computed', () => {
    expect(() => Exact.of(NaN)).toThrow('cannot compute with NaN');
    expect(() => Exact.of(-Infinity)).toThrow('cannot compute with -Infinity');
    expect(() => Exact.of(1).dividedBy(Exact.of(0))).toThrow('division by zero');
  });
});
