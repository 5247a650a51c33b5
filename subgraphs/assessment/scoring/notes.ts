/**
 * Why an indicator scored as it did, when the plain formula was not applied as is (the
 * `note` of an IndicatorScore; null otherwise).
 */
export const NOTES = {
  /** YOY with a baseline of 0: the change is taken as 0 (current 0) or +1.0 (current > 0). */
  ZERO_BASELINE: 'ZERO_BASELINE',
  /** YOY, LOWER is better, and nothing happened in the period: full points. Wins over ZERO_BASELINE. */
  NONE: 'NONE',
  /** YOY with a minimum base above the baseline: the difference was measured against minBase. */
  SMALL_BASE: 'SMALL_BASE',
  /** RATE whose sample is below minSample, scored FILL: filled to minSample at fullAt. */
  FILLED: 'FILLED',
  /** RATE whose sample is below minSample, scored FULL: full points. */
  NO_DATA: 'NO_DATA',
  /** RATE whose sample is below minSample, scored ZERO: no points. */
  INSUFFICIENT_SAMPLE: 'INSUFFICIENT_SAMPLE',
  /** The department's figures did not reach the board (its subgraph failed): no values, no points. */
  DEPARTMENT_UNAVAILABLE: 'DEPARTMENT_UNAVAILABLE',
} as const;

export type Note = (typeof NOTES)[keyof typeof NOTES];
