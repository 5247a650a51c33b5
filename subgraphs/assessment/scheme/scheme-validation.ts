import { must, type Problem } from '../../kit/records/batch-checks';
import { badUserInput, show } from '../../../platform/errors';
import type { IndicatorKind } from '../../kit/figures/indicators';
import type { Catalogs } from '../catalog/indicator-catalogs';
import type { Department } from '../enums';
import { roundHalfAwayFromZero } from '../scoring/round';
import { SCHEME_ITEMS } from '../live/department-fields';
import type { AssessmentSchemeInput, SchemeIndicatorInput } from './scheme-input';

/** A weight or a deduction takes at most the whole 100-point scale. */
const MAX_POINTS = 100;
/**
 * YOY lines are changes (0.10 = +10%): ±1000% is ten times the largest the seed article
 * reports (+118%); a line beyond it could never be reached or never be missed.
 */
const MAX_CHANGE = 10;
/** More responses than the survey firm gathers at a station in years (tens a quarter). */
const MAX_SAMPLE = 100_000;
/** A minimum base above any station's count of a year (tens to hundreds a quarter). */
const MAX_BASE = 100_000;
/** Weights and deductions are points (to the cent); lines are changes and rates (4 places). */
const POINT_DECIMALS = 2;
const LINE_DECIMALS = 4;
const NAME = /^[a-z][a-z0-9-]{0,62}[a-z0-9]$/;

type Found = Problem | null;

function decimals(field: string, value: number, places: number): Found {
  return roundHalfAwayFromZero(value, places) === value
    ? null
    : { field, value, reason: `must have at most ${places} decimals` };
}

function points(field: string, value: number): Found {
  return value > 0 && value <= MAX_POINTS
    ? null
    : { field, value, reason: `must be more than 0 and at most ${MAX_POINTS}` };
}

/**
 * The checks every listed key passes: it is in the catalog, of the department given, of the
 * kind the list needs (null: either), and not listed twice in its list.
 */
function keyProblems(
  catalogs: Catalogs,
  at: string,
  item: { key: string; department: Department },
  kind: IndicatorKind | null,
  earlier: Map<string, string>,
): Found[] {
  const problems: Found[] = [];
  const repeated = earlier.get(item.key);
  if (repeated)
    problems.push({ field: `${at}.key`, value: item.key, reason: `repeats ${repeated}` });
  else earlier.set(item.key, at);
  const published = catalogs.indicator(item.key);
  if (!published) {
    return [
      ...problems,
      {
        field: `${at}.key`,
        value: item.key,
        reason: 'is not an indicator any department publishes',
      },
    ];
  }
  if (published.department !== item.department) {
    problems.push({
      field: `${at}.department`,
      value: item.department,
      reason: `is not the department of ${item.key} (${published.department})`,
    });
  }
  if (kind !== null && published.kind !== kind) {
    problems.push({
      field: `${at}.key`,
      value: item.key,
      reason: `is a ${published.kind} indicator; this needs a ${kind} one`,
    });
  }
  return problems;
}

function rateProblems(at: string, i: SchemeIndicatorInput): Found[] {
  const expected = i.fullAt > i.zeroAt ? 'HIGHER' : 'LOWER';
  return [
    must.beWithin(`${at}.fullAt`, i.fullAt, 0, 1),
    must.beWithin(`${at}.zeroAt`, i.zeroAt, 0, 1),
    i.fullAt === i.zeroAt || i.direction === expected
      ? null
      : {
          field: `${at}.direction`,
          value: i.direction,
          reason: `must be ${expected}: fullAt ${i.fullAt} is ${expected === 'HIGHER' ? 'above' : 'below'} zeroAt ${i.zeroAt}`,
        },
    i.minSample == null
      ? { field: `${at}.minSample`, value: null, reason: 'is required for a RATE indicator' }
      : must.beWithin(`${at}.minSample`, i.minSample, 1, MAX_SAMPLE),
    i.whenShort == null
      ? { field: `${at}.whenShort`, value: null, reason: 'is required for a RATE indicator' }
      : null,
    i.minBase == null
      ? null
      : { field: `${at}.minBase`, value: i.minBase, reason: 'is for YOY indicators only' },
  ];
}

function yoyProblems(at: string, i: SchemeIndicatorInput): Found[] {
  const rateOnly = (field: string, value: unknown): Found =>
    value == null
      ? null
      : { field: `${at}.${field}`, value, reason: 'is for RATE indicators only' };
  return [
    must.beWithin(`${at}.fullAt`, i.fullAt, -MAX_CHANGE, MAX_CHANGE),
    must.beWithin(`${at}.zeroAt`, i.zeroAt, -MAX_CHANGE, MAX_CHANGE),
    rateOnly('minSample', i.minSample),
    rateOnly('whenShort', i.whenShort),
    i.minBase == null ? null : must.beWithin(`${at}.minBase`, i.minBase, 1, MAX_BASE),
  ];
}

function indicatorProblems(
  catalogs: Catalogs,
  i: SchemeIndicatorInput,
  index: number,
  earlier: Map<string, string>,
): Found[] {
  const at = `input.indicators[${index}]`;
  // YOY judges a count by its change, RATE a rate by its level: each needs its kind of indicator.
  const kind = i.method === 'RATE' ? 'RATE' : 'COUNT';
  return [
    ...keyProblems(catalogs, at, i, kind, earlier),
    points(`${at}.weight`, i.weight),
    decimals(`${at}.weight`, i.weight, POINT_DECIMALS),
    i.fullAt === i.zeroAt
      ? { field: `${at}.fullAt`, value: i.fullAt, reason: 'must differ from zeroAt' }
      : null,
    decimals(`${at}.fullAt`, i.fullAt, LINE_DECIMALS),
    decimals(`${at}.zeroAt`, i.zeroAt, LINE_DECIMALS),
    ...(i.method === 'RATE' ? rateProblems(at, i) : yoyProblems(at, i)),
  ];
}

/** Every problem of a scheme to publish, in input order. */
function schemeProblems(input: AssessmentSchemeInput, catalogs: Catalogs): Problem[] {
  const scored = new Map<string, string>();
  const deducted = new Map<string, string>();
  const vetoed = new Map<string, string>();
  const { indicators } = input;
  const weightsCents = indicators.reduce((sum, i) => sum + Math.round(i.weight * 100), 0);
  const found: Found[] = [
    NAME.test(input.name)
      ? null
      : {
          field: 'input.name',
          value: input.name,
          reason:
            'must be 2 to 64 lower-case letters, digits or hyphens, starting with a letter and ' +
            'not ending with a hyphen',
        },
    must.beText('input.title', input.title, 100),
    indicators.length >= 1 && indicators.length <= SCHEME_ITEMS
      ? null
      : {
          field: 'input.indicators',
          value: indicators.length,
          reason: `is the number of indicators; it must be 1 to ${SCHEME_ITEMS}`,
        },
    // Each list of a scheme is priced at SCHEME_ITEMS in every board row (@listSize).
    ...(['deductions', 'vetoes'] as const).map((list) =>
      input[list].length <= SCHEME_ITEMS
        ? null
        : {
            field: `input.${list}`,
            value: input[list].length,
            reason: `is the number of ${list}; it must be at most ${SCHEME_ITEMS}`,
          },
    ),
    ...indicators.flatMap((i, index) => indicatorProblems(catalogs, i, index, scored)),
    weightsCents === 10000 || indicators.length === 0
      ? null
      : {
          field: 'input.indicators[*].weight',
          value: weightsCents / 100,
          reason: 'is the sum of the weights; it must be 100',
        },
    ...input.deductions.flatMap((d, index) => {
      const at = `input.deductions[${index}]`;
      return [
        ...keyProblems(catalogs, at, d, 'COUNT', deducted),
        points(`${at}.pointsEach`, d.pointsEach),
        decimals(`${at}.pointsEach`, d.pointsEach, POINT_DECIMALS),
      ];
    }),
    ...input.vetoes.flatMap((v, index) =>
      keyProblems(catalogs, `input.vetoes[${index}]`, v, 'COUNT', vetoed),
    ),
  ];
  return found.filter((p): p is Problem => p !== null);
}

const REPORTED = 50;

/**
 * Refuses a scheme with any problem, whole: BAD_USER_INPUT whose message names the first
 * problem's field and value, with every problem in `extensions.problems`. Its keys are checked
 * against the departments' catalogs as the graph gave them (catalog/indicator-catalogs.ts).
 */
export function assertPublishable(input: AssessmentSchemeInput, catalogs: Catalogs): void {
  const problems = schemeProblems(input, catalogs);
  const [first] = problems;
  if (!first) return;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
  throw badUserInput(`${first.field} ${show(first.value)} ${first.reason}${more}`, {
    field: first.field,
    value: first.value,
    problems: problems.slice(0, REPORTED),
    problemCount: problems.length,
  });
}
