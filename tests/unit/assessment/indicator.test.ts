import { scoreRate, scoreYoy } from '../../../subgraphs/assessment/scoring/indicator';
import type { RateRule, YoyRule } from '../../../subgraphs/assessment/scoring/rules';

// The default scheme's YOY line: full at +10%, nothing at −20% (signed so that better is up).
const higher: YoyRule = { weight: 10, direction: 'HIGHER', fullAt: 0.1, zeroAt: -0.2 };
const lower: YoyRule = { weight: 6, direction: 'LOWER', fullAt: 0.1, zeroAt: -0.2 };

/** What the board shows: change to four places, points to the cent. */
function shown(score: ReturnType<typeof scoreYoy>) {
  return {
    change: score.change?.round(4) ?? null,
    points: score.points.round(2),
    note: score.note,
  };
}

describe('YOY (同比) scoring of a count', () => {
  it.each([
    // c, b, change, points, note
    [22, 10, 1.2, 10, null], // (22−10)/10 = 1.2 ≥ 0.1 → clamp 1 → 10
    [11, 10, 0.1, 10, null], // exactly fullAt → 10 × 1 = 10
    [10, 10, 0, 6.67, null], // 10 × (0 + 0.2)/0.3 = 6.666… → 6.67
    [9, 10, -0.1, 3.33, null], // 10 × (−0.1 + 0.2)/0.3 = 3.333… → 3.33
    [8, 10, -0.2, 0, null], // exactly zeroAt → 0
    [7, 10, -0.3, 0, null], // below zeroAt → clamp 0
    [0, 0, 0, 6.67, 'ZERO_BASELINE'], // b = 0, c = 0: change 0 → 6.67
    [3, 0, 1, 10, 'ZERO_BASELINE'], // b = 0, c > 0: change +1.0 → 10
    [0, 4, -1, 0, null], // HIGHER with nothing: no NONE rule, −100% → 0
  ])('HIGHER %i against %i: change %p, points %p, note %p', (c, b, change, points, note) => {
    expect(shown(scoreYoy(higher, c, b))).toEqual({ change, points, note });
  });

  it.each([
    [5, 6, -0.1667, 6, null], // −1/6 → s = +0.1667 ≥ 0.1 → 6
    [21, 20, 0.05, 3, null], // +5% → s = −0.05 → 6 × (−0.05 + 0.2)/0.3 = 3
    [6, 5, 0.2, 0, null], // +20% → s = −0.2 = zeroAt → 0
    [2, 0, 1, 0, 'ZERO_BASELINE'], // b = 0, c > 0: +1.0 → s = −1 → 0
    [0, 4, -1, 6, 'NONE'], // nothing happened → full weight
    [0, 0, 0, 6, 'NONE'], // nothing happened, baseline 0: NONE wins over ZERO_BASELINE
  ])('LOWER %i against %i: change %p, points %p, note %p', (c, b, change, points, note) => {
    expect(shown(scoreYoy(lower, c, b))).toEqual({ change, points, note });
  });

  it('rounds half a cent up: 9 against 8 on a 0-to-1 line of weight 1 earns 0.125 → 0.13', () => {
    const line: YoyRule = { weight: 1, direction: 'HIGHER', fullAt: 1, zeroAt: 0 };
    // change (9 − 8)/8 = 0.125; points 1 × (0.125 − 0)/(1 − 0) = 0.125
    expect(shown(scoreYoy(line, 9, 8))).toEqual({ change: 0.125, points: 0.13, note: null });
  });

  it('scores from the exact change, not the rounded one', () => {
    // change 1/3 − 1 = −0.6667 shown; on a line full at 0, nothing at −1: 3 × (1/3) = 1 exactly,
    // where the shown −0.6667 would give 3 × 0.3333 = 0.9999 → 1.00 too, so use weight 300:
    // 300 × (1/3) = 100, while 300 × 0.3333 = 99.99.
    const line: YoyRule = { weight: 300, direction: 'HIGHER', fullAt: 0, zeroAt: -1 };
    expect(shown(scoreYoy(line, 1, 3))).toEqual({ change: -0.6667, points: 100, note: null });
  });

  it('scores on a line whose full mark lies below its zero mark', () => {
    // Full at −0.2, nothing at +0.1: a change of −0.1 earns 10 × (−0.1 − 0.1)/(−0.2 − 0.1) = 6.67
    const line: YoyRule = { weight: 10, direction: 'HIGHER', fullAt: -0.2, zeroAt: 0.1 };
    expect(shown(scoreYoy(line, 9, 10))).toEqual({ change: -0.1, points: 6.67, note: null });
  });
});

// The default scheme's 群众安全感: full at 98%, nothing at 90%, at least 30 answers or nothing.
const security: RateRule = {
  weight: 15,
  fullAt: 0.98,
  zeroAt: 0.9,
  minSample: 30,
  whenShort: 'ZERO',
};
// Its 调解成功率: at least 1 dispute, else full points.
const mediation: RateRule = {
  weight: 6,
  fullAt: 0.98,
  zeroAt: 0.9,
  minSample: 1,
  whenShort: 'FULL',
};

describe('RATE scoring', () => {
  it.each([
    // current, baseline, sample, change, points, note
    [0.99, 0.97, 40, 0.02, 15, null], // above fullAt → 15; change 0.99 − 0.97
    [0.98, null, 30, null, 15, null], // exactly fullAt; no baseline → no change
    [0.94, 0.94, 30, 0, 7.5, null], // sample = minSample is enough; 15 × (0.94 − 0.9)/0.08 = 7.5
    [0.95, 0.9, 31, 0.05, 9.38, null], // 15 × 0.05/0.08 = 9.375 → 9.38
    [0.9, 0.99, 100, -0.09, 0, null], // exactly zeroAt → 0
    [0.5, null, 100, null, 0, null], // far below → clamp 0
    [1, 0.5, 29, 0.5, 0, 'INSUFFICIENT_SAMPLE'], // 29 < 30 answers: nothing, however good
    [null, 0.99, 0, null, 0, 'INSUFFICIENT_SAMPLE'], // no answers at all
  ])(
    '安全感 %p (baseline %p, %i answers): change %p, points %p, note %p',
    (current, baseline, sample, change, points, note) => {
      expect(shown(scoreRate(security, current, baseline, sample))).toEqual({
        change,
        points,
        note,
      });
    },
  );

  it.each([
    [null, 1, 0, null, 6, 'NO_DATA'], // no disputes in the period: full weight
    [1 / 3, 1, 3, -0.6667, 0, null], // 1 of 3 mediated: far below 90%
    [0.9865, null, 74, null, 6, null], // the seed article's 98.65%
  ])(
    '调解成功率 %p (baseline %p, %i disputes): change %p, points %p, note %p',
    (current, baseline, sample, change, points, note) => {
      expect(shown(scoreRate(mediation, current, baseline, sample))).toEqual({
        change,
        points,
        note,
      });
    },
  );

  it.each([
    [0.93, 9.38], // 15 × (0.93 − 0.98)/(0.9 − 0.98) = 9.375 → 9.38
    [0.95, 5.63], // 15 × 0.375 = 5.625 → 5.63
    [0.89, 15], // below fullAt → 15
    [0.99, 0], // above zeroAt → 0
  ])('a rate that is better lower (full at 90%%, nothing at 98%%): %p earns %p', (rate, points) => {
    const fewerBetter: RateRule = { ...security, fullAt: 0.9, zeroAt: 0.98 };
    expect(shown(scoreRate(fewerBetter, rate, null, 100)).points).toBe(points);
  });
});
