import { Exact, Line } from '../../../subgraphs/assessment/scoring/exact';
import { Fraction } from '../../../subgraphs/assessment/scoring/fraction';
import { scoreRate, scoreYoy } from '../../../subgraphs/assessment/scoring/indicator';
import type { RateRule, YoyRule } from '../../../subgraphs/assessment/scoring/rules';
import { Random } from '../../../demo/random';

describe('exact numbers', () => {
  it('reads a number as the decimal it prints as', () => {
    // Doubles: 0.1 + 0.2 = 0.30000000000000004; the decimals 0.1 + 0.2 are 0.3
    expect(Exact.of(0.1).plus(Exact.of(0.2)).round(17)).toBe(0.3);
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

  it('measures a value along a line as the four operations it stands for do', () => {
    const random = new Random('along');
    for (let i = 0; i < 20_000; i += 1) {
      const [weight, zeroAt, fullAt] = [random.int(1, 10_000) / 100, -0.2, 0.1];
      const value = Exact.of(random.int(-40_000, 40_000) / 100_000);
      const zero = Exact.of(zeroAt);
      const along = value.along(new Line(Exact.of(weight), zero, Exact.of(fullAt)));
      const share = value.minus(zero).dividedBy(Exact.of(fullAt).minus(zero)).clampedToUnit();
      const stepByStep = Exact.of(weight).times(share);
      // The same double and bound, so the same doubt, and the same rounding either way
      expect(along.roundedByDoubles(2)).toBe(stepByStep.roundedByDoubles(2));
      expect(along.round(2)).toBe(stepByStep.round(2));
    }
    // 15 × (0.95 − 0.9) ÷ (0.98 − 0.9): the doubles cannot vouch, the Fraction gives 9.375
    const line = new Line(Exact.of(15), Exact.of(0.9), Exact.of(0.98));
    expect(Exact.of(0.95).along(line).roundedByDoubles(2)).toBeNull();
    expect(Exact.of(0.95).along(line).round(2)).toBe(9.38);
  });

  it('rounds a number as the decimal it prints as, without making a value of it', () => {
    for (const value of [0.125, -0.125, 1.005, 2.675, 9.374999999999991, 1e-7, 0, 7]) {
      for (const decimals of [0, 2, 4]) {
        expect(Exact.rounded(value, decimals)).toBe(Exact.of(value).round(decimals));
      }
    }
  });

  it('refuses what cannot be computed', () => {
    expect(() => Exact.of(NaN)).toThrow('cannot compute with NaN');
    expect(() => Exact.of(-Infinity)).toThrow('cannot compute with -Infinity');
    expect(() => Exact.of(1).dividedBy(Exact.of(0))).toThrow('division by zero');
    expect(() => Exact.of(1).dividedBy(Exact.of(0.3).minus(Exact.of(0.3)))).toThrow(
      'division by zero',
    );
    const flat = new Line(Exact.of(6), Exact.of(0.1), Exact.of(0.1));
    expect(() => Exact.of(1).along(flat)).toThrow('division by zero');
  });

  it('lets the doubles round only what they can vouch for', () => {
    // A double near a boundary: 9.374999999999991 could be 9.375, so the Fraction decides
    const share = Exact.of(0.95)
      .minus(Exact.of(0.9))
      .dividedBy(Exact.of(0.98).minus(Exact.of(0.9)));
    expect(Exact.of(15).times(share).roundedByDoubles(2)).toBeNull();
    // A decimal tie that a double holds exactly is no exception: 0.125 still goes to the Fraction
    expect(Exact.of(0.125).roundedByDoubles(2)).toBeNull();
    // Far from any boundary, the doubles decide
    expect(Exact.of(10).times(share).roundedByDoubles(2)).toBe(6.25);
    expect(Exact.of(2).dividedBy(Exact.of(3)).roundedByDoubles(4)).toBe(0.6667);
  });
});

/** Exact's rounding must be the Fraction's, whichever way it got there. */
function expectSameRounding(
  exact: Exact | null,
  fraction: Fraction,
  decimals: number,
  what: string,
) {
  if (!exact) throw new Error(`${what}: none, exactly ${fraction.round(decimals)}`);
  const [fast, reference] = [exact.round(decimals), fraction.round(decimals)];
  if (!Object.is(fast, reference)) {
    throw new Error(`${what} to ${decimals} places: ${fast}, exactly ${reference}`);
  }
}

/** A random decimal of 1 to 17 digits, from about 1e-8 to 1e8, either sign. */
function randomDecimal(random: Random): number {
  const digits = Array.from({ length: random.int(1, 17) }, () => random.int(0, 9)).join('');
  const exponent = random.int(-8, 8) - digits.length;
  return (random.chance(0.5) ? -1 : 1) * Number(`${digits}e${exponent}`);
}

/** A tie on a calculator: `decimals` places and a 5 after them, e.g. 2.675 at two places. */
function randomTie(random: Random, decimals: number): number {
  // n and a 5, shifted: 26 and 5 at 2 places is 0.265
  const tie = Number(`${random.int(0, 10 ** (5 + decimals))}5e-${decimals + 1}`);
  return random.chance(0.5) ? -tie : tie;
}

describe('exact numbers against BigInt fractions, over many inputs', () => {
  const random = new Random('exact');

  it('round any decimal as the Fraction does, the doubles deciding nearly all', () => {
    let decidedByDoubles = 0;
    for (let i = 0; i < 10_000; i += 1) {
      const [value, decimals] = [randomDecimal(random), random.int(0, 6)];
      expectSameRounding(Exact.of(value), Fraction.of(value), decimals, String(value));
      if (Exact.of(value).roundedByDoubles(decimals) !== null) decidedByDoubles += 1;
    }
    expect(decidedByDoubles).toBeGreaterThan(9_500);
  });

  it('round every tie (2.675 at two places) through the Fraction', () => {
    for (let i = 0; i < 10_000; i += 1) {
      const decimals = random.int(0, 6);
      const value = randomTie(random, decimals);
      expect(Exact.of(value).roundedByDoubles(decimals)).toBeNull();
      expectSameRounding(Exact.of(value), Fraction.of(value), decimals, String(value));
    }
  });

  it('compute sums, products and quotients of decimals as the Fraction does', () => {
    for (let i = 0; i < 20_000; i += 1) {
      // b divides: never 0
      const [a, b, c] = [randomDecimal(random), randomDecimal(random) || 1, randomDecimal(random)];
      const exact = Exact.of(a).minus(Exact.of(b)).times(Exact.of(c)).dividedBy(Exact.of(b));
      const fraction = Fraction.of(a)
        .minus(Fraction.of(b))
        .times(Fraction.of(c))
        .dividedBy(Fraction.of(b));
      expectSameRounding(exact, fraction, random.int(0, 6), `(${a} − ${b}) × ${c} ÷ ${b}`);
    }
  });
});

/** The rules' line, in Fractions: weight × clamp((value − zeroAt) ÷ (fullAt − zeroAt), 0, 1). */
function pointsExactly(weight: number, value: Fraction, fullAt: number, zeroAt: number) {
  const zero = Fraction.of(zeroAt);
  const share = value.minus(zero).dividedBy(Fraction.of(fullAt).minus(zero));
  return Fraction.of(weight).times(share.clampedToUnit());
}

/** A weight of the schemes: more than 0, at most 2 decimals. */
const randomWeight = (random: Random) => random.int(1, 10_000) / 100;
/** A line's end: at most 4 decimals. */
const randomEnd = (random: Random, from: number, to: number) =>
  random.int(from * 10_000, to * 10_000) / 10_000;

describe('scoring with exact numbers against the rules in BigInt fractions', () => {
  const random = new Random('scoring');

  it('YOY: every count from 0 to 40 against every baseline from 1 to 40, on many lines', () => {
    let ties = 0;
    for (let line = 0; line < 20; line += 1) {
      const [fullAt, zeroAt] = [randomEnd(random, 0, 0.5), randomEnd(random, -0.5, -0.01)];
      const rule: YoyRule = {
        weight: randomWeight(random),
        direction: random.chance(0.5) ? 'HIGHER' : 'LOWER',
        fullAt,
        zeroAt,
      };
      for (let current = 0; current <= 40; current += 1) {
        for (let baseline = 1; baseline <= 40; baseline += 1) {
          const { change, points, note } = scoreYoy(rule, current, baseline);
          const changeExactly = Fraction.of(current - baseline).dividedBy(Fraction.of(baseline));
          const better = rule.direction === 'HIGHER' ? changeExactly : changeExactly.negated();
          const what = `${current} against ${baseline} on ${JSON.stringify(rule)}`;
          expectSameRounding(change, changeExactly, 4, `change of ${what}`);
          if (note === 'NONE') continue;
          const exactly = pointsExactly(rule.weight, better, fullAt, zeroAt);
          expectSameRounding(points, exactly, 2, `points of ${what}`);
          if (points.roundedByDoubles(2) === null) ties += 1;
        }
      }
    }
    // Counts make exact half-cents (9 against 8 is +12.5%): the grid must reach some of them
    expect(ties).toBeGreaterThan(0);
  });

  it('RATE: shares k/n of up to 400 answers, on many lines', () => {
    for (let line = 0; line < 40; line += 1) {
      const [a, b] = [randomEnd(random, 0, 1), randomEnd(random, 0, 1)];
      if (a === b) continue;
      const rule: RateRule = {
        weight: randomWeight(random),
        fullAt: Math.max(a, b),
        zeroAt: Math.min(a, b),
        minSample: 1,
        whenShort: 'ZERO',
      };
      for (let i = 0; i < 500; i += 1) {
        const sample = random.int(1, 400);
        const [current, baseline] = [
          random.int(0, sample) / sample,
          random.int(0, sample) / sample,
        ];
        const { change, points } = scoreRate(rule, current, baseline, sample);
        const what = `${current} (baseline ${baseline}) on ${JSON.stringify(rule)}`;
        const changeExactly = Fraction.of(current).minus(Fraction.of(baseline));
        expectSameRounding(change, changeExactly, 4, `change of ${what}`);
        const exactly = pointsExactly(rule.weight, Fraction.of(current), rule.fullAt, rule.zeroAt);
        expectSameRounding(points, exactly, 2, `points of ${what}`);
      }
    }
  });

  it('RATE: rates of 4 decimals, whose points often end in half a cent', () => {
    let ties = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const rule: RateRule = {
        weight: randomWeight(random),
        fullAt: 0.98,
        zeroAt: 0.9,
        minSample: 1,
        whenShort: 'ZERO',
      };
      const current = randomEnd(random, 0.89, 0.99);
      const { points } = scoreRate(rule, current, null, 100);
      const exactly = pointsExactly(rule.weight, Fraction.of(current), 0.98, 0.9);
      expectSameRounding(points, exactly, 2, `points of ${current} on ${rule.weight}`);
      if (points.roundedByDoubles(2) === null) ties += 1;
    }
    expect(ties).toBeGreaterThan(0);
  });
});
