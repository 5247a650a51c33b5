import { Exact } from './exact';

/**
 * What keeps a station's points from swinging on one record, where its counts are small: a
 * minimum base for 同比 and filling a short sample. A scheme opts into each per indicator
 * (`minBase`, `whenShort: FILL`); a scheme without them scores as it always did.
 */

/**
 * 同比 against a minimum base: (c − b) ÷ max(b, minBase). From a base of at least minBase it is
 * the plain change; below it, the difference is measured against minBase, so 7 → 9 with a
 * minimum base of 8 is +25%, not +28.6%, and 0 → 1 is +12.5%, not "from nothing". One record
 * moves the change by at most 1 ÷ minBase.
 */
export function changeAgainstMinBase(current: number, baseline: number, minBase: number): Exact {
  return Exact.of(current)
    .minus(Exact.of(baseline))
    .dividedBy(Exact.of(Math.max(baseline, minBase)));
}

/**
 * A rate on fewer than minSample records, filled to minSample with records at the full-marks
 * rate: fullAt + (rate − fullAt) × sample ÷ minSample. With no sample it is fullAt (nothing to
 * judge, nothing lost, as FULL gives); as the sample grows it moves in steps of at most
 * 1 ÷ minSample to the rate itself, which it is from minSample on.
 */
export function filledRate(
  current: number | null,
  sample: number,
  fullAt: number,
  minSample: number,
): Exact {
  const full = Exact.of(fullAt);
  if (current === null || sample <= 0) return full;
  return full.plus(
    Exact.of(current).minus(full).times(Exact.of(sample)).dividedBy(Exact.of(minSample)),
  );
}
