import { Exact } from './exact';

/**
 * Rounding half away from zero, as a person with a calculator would round the number shown:
 * 1.005 → 1.01, 2.675 → 2.68, 0.125 → 0.13, −0.125 → −0.13 (a double holds 1.005 as
 * 1.00499999…, which naive rounding pulls down).
 */
export function roundHalfAwayFromZero(value: number, decimals: number): number {
  return Exact.rounded(value, decimals);
}

/** Points, department scores and totals are reported to the cent. */
export const POINT_PLACES = 2;
/** Rates and changes are reported to four places (0.9865 = 98.65%). */
export const RATIO_PLACES = 4;

export const roundPoints = (value: number): number => roundHalfAwayFromZero(value, POINT_PLACES);
export const roundRatio = (value: number): number => roundHalfAwayFromZero(value, RATIO_PLACES);
