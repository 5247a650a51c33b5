import type { Department } from '../enums';
import type { IndicatorValue } from '../../kit/contract/board-contract';
import type {
  DeductionScore,
  DepartmentScore,
  IndicatorScore,
  VetoScore,
} from '../live/assessment-row';
import type { ValueIndex } from './values';
import { gradeOf, type Grade } from './grade';
import { scoreRate, scoreYoy, type RawScore } from './indicator';
import { NOTES, type Note } from './notes';
import { Exact } from './exact';
import { POINT_PLACES, RATIO_PLACES, roundPoints, roundRatio } from './round';
import type { IndicatorRule, SchemeRules } from './rules';

interface StationScore {
  stationCode: string;
  total: number;
  grade: Grade;
  vetoed: boolean;
  /** The keys of the vetoes the station triggered. */
  vetoes: string[];
  departments: DepartmentScore[];
  indicators: IndicatorScore[];
  deductions: DeductionScore[];
  /** Every veto of the scheme with its count, triggered or not. */
  vetoCounts: VetoScore[];
}

/** A station as the board lists it: its code, and whatever else the caller keeps with it. */
export interface BoardStation {
  code: string;
}

export interface RankedRow<S extends BoardStation = BoardStation> extends StationScore {
  rank: number;
  /** The station as given to scoreBoard. */
  station: S;
}

/** Sums are made in whole cents of the rounded figures, so a row adds up exactly as shown. */
const cents = (points: number) => Math.round(roundPoints(points) * 100);

/** A count as the rules read it: a station without records counts 0. */
const countOf = (value: IndicatorValue) => value.current ?? 0;

function rawScore(rule: IndicatorRule, value: IndicatorValue): RawScore {
  if (rule.method === 'YOY') return scoreYoy(rule, countOf(value), value.baseline ?? 0);
  return scoreRate(rule, value.current, value.baseline, value.sample ?? 0);
}

/** Counts are shown as counted; rates, like changes, to four places. */
const rate = (value: number | null) => (value === null ? null : roundRatio(value));

/**
 * An indicator's line of a row: the rule's fields and the station's figures. One literal, no
 * spread: V8 copies a spread object on a slow path, which made building these objects the
 * costliest part of scoring a board (~4 µs each).
 */
function indicatorScore(
  rule: IndicatorRule,
  current: number | null,
  baseline: number | null,
  change: number | null,
  points: number,
  note: Note | null,
): IndicatorScore {
  return {
    key: rule.key,
    label: rule.label,
    department: rule.department,
    method: rule.method,
    current,
    baseline,
    change,
    points,
    max: rule.weight,
    note,
  };
}

function scoreIndicator(rule: IndicatorRule, values: ValueIndex, code: string): IndicatorScore {
  if (!values.available(rule.department)) {
    return indicatorScore(rule, null, null, null, 0, NOTES.DEPARTMENT_UNAVAILABLE);
  }
  const value = values.value(rule.department, code, rule.key);
  const { change, points, note } = rawScore(rule, value);
  return indicatorScore(
    rule,
    rule.method === 'YOY' ? countOf(value) : rate(value.current),
    rule.method === 'YOY' ? (value.baseline ?? 0) : rate(value.baseline),
    change?.round(RATIO_PLACES) ?? null,
    points.round(POINT_PLACES),
    note,
  );
}

/** What every row of a board shares: worked out once per board, not once per station. */
export interface BoardPlan {
  rules: SchemeRules;
  values: ValueIndex;
  /**
   * The departments a row scores, in the board's order (the values'), then any a rule names
   * that sent nothing at all (no department's points count without its subtotal), each with
   * the positions of its indicators among the scheme's and its maximum in cents.
   */
  departments: { department: Department; indicators: number[]; maxCents: number }[];
}

export function planBoard(rules: SchemeRules, values: ValueIndex): BoardPlan {
  const named = rules.indicators.map((rule) => rule.department);
  const departments = [...new Set([...values.departments, ...named])].flatMap((department) => {
    const indicators = rules.indicators.flatMap((rule, i) =>
      rule.department === department ? [i] : [],
    );
    if (indicators.length === 0) return [];
    const maxCents = indicators.reduce(
      (sum, i) => sum + cents(rules.indicators[i]?.weight ?? 0),
      0,
    );
    return [{ department, indicators, maxCents }];
  });
  return { rules, values, departments };
}

/**
 * One station's row: indicators, department scores, deductions, vetoes, total and grade,
 * ranked 0 until the board is ranked.
 */
export function scoreStation<S extends BoardStation>(plan: BoardPlan, station: S): RankedRow<S> {
  const { rules, values } = plan;
  const code = station.code;
  const indicators = rules.indicators.map((rule) => scoreIndicator(rule, values, code));
  const indicatorCents = indicators.map((score) => cents(score.points));
  const deductions = rules.deductions.map((rule): DeductionScore => {
    const available = values.available(rule.department);
    const count = available ? countOf(values.value(rule.department, code, rule.key)) : 0;
    return {
      key: rule.key,
      label: rule.label,
      count,
      points: Exact.of(count).times(Exact.of(rule.pointsEach)).round(POINT_PLACES),
      note: available ? null : NOTES.DEPARTMENT_UNAVAILABLE,
    };
  });
  const vetoCounts = rules.vetoes.map((rule): VetoScore => {
    const available = values.available(rule.department);
    return {
      key: rule.key,
      label: rule.label,
      count: available ? countOf(values.value(rule.department, code, rule.key)) : 0,
      note: available ? null : NOTES.DEPARTMENT_UNAVAILABLE,
    };
  });
  const vetoes = vetoCounts.filter((veto) => veto.count > 0).map((veto) => veto.key);
  const departments = plan.departments.map(
    ({ department, indicators: own, maxCents }): DepartmentScore => ({
      department,
      score: own.reduce((sum, i) => sum + (indicatorCents[i] ?? 0), 0) / 100,
      max: maxCents / 100,
    }),
  );
  const earnedCents = indicatorCents.reduce((sum, c) => sum + c, 0);
  const deductedCents = deductions.reduce((sum, deduction) => sum + cents(deduction.points), 0);
  const total = Math.max(0, earnedCents - deductedCents) / 100;
  const vetoed = vetoes.length > 0;
  // One literal, no spread (indicatorScore says why).
  return {
    rank: 0,
    station,
    stationCode: code,
    total,
    grade: gradeOf(total, vetoed),
    vetoed,
    vetoes,
    departments,
    indicators,
    deductions,
    vetoCounts,
  };
}
