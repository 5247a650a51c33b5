import { Exact, Line } from './exact';
import { NOTES, type Note } from './notes';
import type { RateRule, YoyRule } from './rules';
import { changeAgainstMinBase, filledRate } from './small-counts';

/** An indicator's score before rounding: the change it was judged on, the points, the note. */
export interface RawScore {
  change: Exact | null;
  points: Exact;
  note: Note | null;
}

/** Each rule's line, made once: a board scores every station on the same rules. */
const lines = new WeakMap<YoyRule | RateRule, Line>();

function lineOf(rule: YoyRule | RateRule): Line {
  let line = lines.get(rule);
  if (!line) {
    line = new Line(Exact.of(rule.weight), Exact.of(rule.zeroAt), Exact.of(rule.fullAt));
    lines.set(rule, line);
  }
  return line;
}

/** The share of the rule's weight earned by `value` on its line. */
function earned(rule: YoyRule | RateRule, value: Exact): Exact {
  return value.along(lineOf(rule));
}

/**
 * 同比 scoring of a count. change = (c − b) ÷ b; with b = 0 it is 0 (c = 0) or +1.0 (c > 0),
 * noted ZERO_BASELINE. A LOWER indicator with nothing in the period earns the full weight,
 * noted NONE (which wins over ZERO_BASELINE). With a minimum base, change = (c − b) ÷
 * max(b, minBase), noted SMALL_BASE when b < minBase, and neither rule applies: nothing after
 * nothing is no change, like any other count held steady.
 */
export function scoreYoy(rule: YoyRule, current: number, baseline: number): RawScore {
  if (rule.minBase != null) {
    const change = changeAgainstMinBase(current, baseline, rule.minBase);
    const better = rule.direction === 'HIGHER' ? change : change.negated();
    return {
      change,
      points: earned(rule, better),
      note: baseline < rule.minBase ? NOTES.SMALL_BASE : null,
    };
  }
  const zeroBaseline = baseline === 0;
  const change = zeroBaseline
    ? Exact.of(current > 0 ? 1 : 0)
    : Exact.of(current).minus(Exact.of(baseline)).dividedBy(Exact.of(baseline));
  if (rule.direction === 'LOWER' && current === 0) {
    return { change, points: lineOf(rule).weight, note: NOTES.NONE };
  }
  const better = rule.direction === 'HIGHER' ? change : change.negated();
  return {
    change,
    points: earned(rule, better),
    note: zeroBaseline ? NOTES.ZERO_BASELINE : null,
  };
}

/**
 * Scoring of a rate on its own level. change = current − baseline when both exist (for the
 * screen; the points do not use it). A sample below minSample scores by `whenShort`: the full
 * weight (NO_DATA), nothing (INSUFFICIENT_SAMPLE), or the rate filled to minSample at fullAt
 * (FILLED).
 */
export function scoreRate(
  rule: RateRule,
  current: number | null,
  baseline: number | null,
  sample: number,
): RawScore {
  const change =
    current !== null && baseline !== null ? Exact.of(current).minus(Exact.of(baseline)) : null;
  // A rate exists only with a sample, so a null rate is a short sample whatever minSample says.
  if (sample < rule.minSample || current === null) {
    if (rule.whenShort === 'FILL') {
      const filled = filledRate(current, sample, rule.fullAt, rule.minSample);
      return {
        change,
        points: earned(rule, filled),
        note: NOTES.FILLED,
      };
    }
    return rule.whenShort === 'FULL'
      ? { change, points: lineOf(rule).weight, note: NOTES.NO_DATA }
      : { change, points: Exact.of(0), note: NOTES.INSUFFICIENT_SAMPLE };
  }
  return {
    change,
    points: earned(rule, Exact.of(current)),
    note: null,
  };
}
