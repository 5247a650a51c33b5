import type { Department } from '../enums';

/**
 * What a scoring scheme says, as the scoring functions read it. The stored scheme (GraphQL
 * AssessmentScheme) carries these fields and more (id, title, labels).
 */
export type ScoringMethod = 'YOY' | 'RATE';
/** Which way is better: more (破案数, 安全感) or fewer (命案, 死亡人数). */
export type ScoringDirection = 'HIGHER' | 'LOWER';
/**
 * How a RATE whose sample is below minSample scores: full weight, nothing, or the rate filled
 * to minSample with records at the full-marks rate (small-counts.ts).
 */
export type ShortSample = 'FULL' | 'ZERO' | 'FILL';

export interface YoyRule {
  weight: number;
  direction: ScoringDirection;
  /** The change (signed so that better is positive) that earns the full weight. */
  fullAt: number;
  /** The change at or below which nothing is earned. */
  zeroAt: number;
  /**
   * The smallest base the change is measured against (small-counts.ts); null or absent: the
   * plain change, with the ZERO_BASELINE and NONE rules.
   */
  minBase?: number | null;
}

export interface RateRule {
  weight: number;
  /** The rate that earns the full weight. */
  fullAt: number;
  /** The rate at or below which nothing is earned. */
  zeroAt: number;
  minSample: number;
  whenShort: ShortSample;
}

interface IndicatorRuleBase {
  key: string;
  /** Its name in the department's catalog when the scheme was published. */
  label: string;
  department: Department;
  weight: number;
  direction: ScoringDirection;
  fullAt: number;
  zeroAt: number;
}

/** A scored indicator: YOY on a count, or RATE on a rate with its sample rule. */
export type IndicatorRule =
  | (IndicatorRuleBase & {
      method: 'YOY';
      minSample: null;
      whenShort: null;
      /** As in YoyRule; absent on rules made before minimum bases, which mean none. */
      minBase?: number | null;
    })
  | (IndicatorRuleBase & {
      method: 'RATE';
      minSample: number;
      whenShort: ShortSample;
      minBase?: null;
    });

/** Points taken off the total for each event counted (a COUNT indicator). */
export interface DeductionRule {
  key: string;
  label: string;
  department: Department;
  pointsEach: number;
}

/** 一票否决: any event counted (a COUNT indicator) fails the station whatever its score. */
export interface VetoRule {
  key: string;
  label: string;
  department: Department;
}

export interface SchemeRules {
  indicators: readonly IndicatorRule[];
  deductions: readonly DeductionRule[];
  vetoes: readonly VetoRule[];
}
