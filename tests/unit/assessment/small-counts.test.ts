import { scoreRate, scoreYoy } from '../../../subgraphs/assessment/scoring/indicator';
import type { RateRule, YoyRule } from '../../../subgraphs/assessment/scoring/rules';

// fengqiao-2019@2's lines: full at +10 %, nothing at −20 %, 同比 against a base of at least 8.
const lower: YoyRule = { weight: 6, direction: 'LOWER', fullAt: 0.1, zeroAt: -0.2, minBase: 8 };
const higher: YoyRule = { weight: 10, direction: 'HIGHER', fullAt: 0.1, zeroAt: -0.2, minBase: 8 };
// 命案 and road deaths: full when held steady, nothing at 30 % worse.
const deaths: YoyRule = { weight: 10, direction: 'LOWER', fullAt: 0, zeroAt: -0.3, minBase: 16 };

function shown(score: ReturnType<typeof scoreYoy>) {
  return {
    change: score.change?.round(4) ?? null,
    points: score.points.round(2),
    note: score.note,
  };
}

describe('同比 against a minimum base', () => {
  it.each([
    // c, b, change, points, note
    [9, 7, 0.25, 0, 'SMALL_BASE'], // (9 − 7)/8 = +25 % → s = −0.25 → 0 (v1: +28.6 %, also 0)
    [8, 7, 0.125, 1.5, 'SMALL_BASE'], // +1/8 → s = −0.125 → 6 × 0.075/0.3 = 1.5
    [1, 0, 0.125, 1.5, 'SMALL_BASE'], // one complaint after none: 1.5 of 6 (v1: 0 of 6)
    [0, 0, 0, 4, 'SMALL_BASE'], // nothing after nothing is held steady: 4 of 6 (v1: NONE, 6)
    [0, 3, -0.375, 6, 'SMALL_BASE'], // fewer: full
    [20, 20, 0, 4, null], // from the base on, the plain change
    [22, 20, 0.1, 2, null], // +10 % → 6 × 0.1/0.3 = 2
  ])('LOWER %i against %i: change %p, points %p, note %p', (c, b, change, points, note) => {
    expect(shown(scoreYoy(lower, c, b))).toEqual({ change, points, note });
  });

  it.each([
    [5, 4, 0.125, 10, 'SMALL_BASE'], // +1/8 ≥ +10 % → 10
    [4, 5, -0.125, 2.5, 'SMALL_BASE'], // −1/8 → 10 × 0.075/0.3 = 2.5 (v1: −20 % → 0)
    [9, 10, -0.1, 3.33, null], // the plain change: 10 × 0.1/0.3 = 3.33
  ])('HIGHER %i against %i: change %p, points %p, note %p', (c, b, change, points, note) => {
    expect(shown(scoreYoy(higher, c, b))).toEqual({ change, points, note });
  });

  it.each([
    [0, 0, 0, 10, 'SMALL_BASE'], // none after none: full
    [1, 0, 0.0625, 7.92, 'SMALL_BASE'], // one death: 10 × (0.3 − 0.0625)/0.3 = 7.916… → 7.92
    [2, 0, 0.125, 5.83, 'SMALL_BASE'], // two deaths: 10 × 0.175/0.3 = 5.83
    [3, 1, 0.125, 5.83, 'SMALL_BASE'], // two more than last year, whatever the base below 16
  ])('road deaths %i against %i: change %p, points %p', (c, b, change, points, note) => {
    expect(shown(scoreYoy(deaths, c, b))).toEqual({ change, points, note });
  });

  /** The most one unit more or fewer, now or a year before, moves the points of a rule. */
  function largestStep(rule: YoyRule, upTo: number): number {
    let largest = 0;
    const points = (c: number, b: number) => scoreYoy(rule, c, b).points.round(2);
    for (let c = 0; c <= upTo; c += 1) {
      for (let b = 0; b <= upTo; b += 1) {
        largest = Math.max(
          largest,
          Math.abs(points(c + 1, b) - points(c, b)),
          Math.abs(points(c, b + 1) - points(c, b)),
        );
      }
    }
    return largest;
  }

  it('moves no indicator by more than half its weight for one unit, on any count up to 120', () => {
    expect(largestStep(lower, 120)).toBeLessThanOrEqual(lower.weight / 2);
    expect(largestStep(higher, 120)).toBeLessThanOrEqual(higher.weight / 2);
    expect(largestStep(deaths, 120)).toBeLessThanOrEqual(deaths.weight / 2);
    // Without the minimum base one unit can cost all of it (0 → 1 complaint: 6 → 0).
    expect(largestStep({ ...lower, minBase: null }, 120)).toBe(lower.weight);
  });
});

describe('a short sample filled at the full-marks rate', () => {
  const survey: RateRule = {
    weight: 15,
    fullAt: 0.98,
    zeroAt: 0.9,
    minSample: 30,
    whenShort: 'FILL',
  };

  it.each([
    // rate, sample, points, note
    [null, 0, 15, 'FILLED'], // nothing to judge: fullAt → 15
    [0.9, 10, 10, 'FILLED'], // 0.98 + (0.9 − 0.98) × 10/30 = 0.95333… → 15 × 0.0533…/0.08 = 10
    [29 / 30, 30, 12.5, null], // from minSample on, the rate itself: 15 × (0.9667 − 0.9)/0.08
  ])('rate %p of %i answers: points %p, note %p', (rate, sample, points, note) => {
    const score = scoreRate(survey, rate, null, sample);
    expect({ points: score.points.round(2), note: score.note }).toEqual({ points, note });
  });

  it('moves by at most half the weight for one answer more, counted or not', () => {
    let largest = 0;
    const points = (part: number, n: number) =>
      scoreRate(survey, n === 0 ? null : part / n, null, n).points.round(2);
    for (let n = 0; n < 120; n += 1) {
      for (let part = 0; part <= n; part += 1) {
        largest = Math.max(
          largest,
          Math.abs(points(part + 1, n + 1) - points(part, n)),
          Math.abs(points(part, n + 1) - points(part, n)),
        );
      }
    }
    expect(largest).toBeLessThanOrEqual(survey.weight / 2);
  });
});
