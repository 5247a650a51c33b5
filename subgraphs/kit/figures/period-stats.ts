import { Field, ObjectType } from 'type-graphql';
import { LocalDate } from '../contract/local-date';
import type { Period, PeriodWindow } from './period';
import { readWithBaseline, type FiguresReader } from './figures-reader';

export const PERIOD_ARG = {
  description:
    '统计期 YYYY (year), YYYY-H1|H2 (half), YYYY-Q1..Q4 (quarter) or YYYY-MM (month); ' +
    'an unfinished period counts up to today.',
};

/**
 * What every department's statistics object says about the days it counts. The concrete types
 * (CaseStats, TrafficStats, SurveyStats) add their figures and a `baseline` of their own type.
 */
@ObjectType()
export abstract class PeriodStats {
  @Field({ description: '统计期 The period, e.g. 2019-H1; for a baseline, the year before.' })
  period!: string;

  @Field({
    description:
      '未结束 Whether the period had not ended: figures then run to today, and the ' +
      "baseline's to the same day a year earlier.",
  })
  partial!: boolean;

  @Field(() => LocalDate, { description: '起始日 First day counted.' })
  from!: string;

  @Field(() => LocalDate, { description: '截止日 Last day counted.' })
  to!: string;
}

type WithWindow<F> = F & PeriodStats;

export type WithBaseline<F> = WithWindow<F> & {
  baseline: (WithWindow<F> & { baseline: null }) | null;
};

function windowed<F>(window: PeriodWindow, figures: F): WithWindow<F> {
  return { ...figures, period: window.id, partial: window.partial, ...window.range };
}

/** A station's statistics object for a period, with its baseline (同比) nested. */
export async function statsWithBaseline<F>(
  reader: FiguresReader<F>,
  stationCode: string,
  period: Period,
): Promise<WithBaseline<F>> {
  const read = await readWithBaseline(reader, [stationCode], period);
  return withBaseline(period, read.current(stationCode), read.baseline(stationCode));
}

/**
 * A division's statistics object for a period, with its baseline: the figures of its stations
 * summed, figure by figure, so a rate computed from them is the division's own share (summed
 * numerators over summed denominators). All stations and both ranges are read in one batch.
 */
export async function divisionStatsWithBaseline<F extends object>(
  reader: FiguresReader<F>,
  stationCodes: readonly string[],
  period: Period,
  zero: () => F,
): Promise<WithBaseline<F>> {
  const read = await readWithBaseline(reader, stationCodes, period);
  return withBaseline(
    period,
    sumFigures(zero(), stationCodes.map(read.current)),
    sumFigures(zero(), stationCodes.map(read.baseline)),
  );
}

function withBaseline<F>(period: Period, current: F, baseline: F): WithBaseline<F> {
  return {
    ...windowed(period, current),
    baseline: { ...windowed(period.baseline, baseline), baseline: null },
  };
}

/** Adds every figure of `each` to `total` (whose keys are the figures: a department's zero). */
function sumFigures<F extends object>(total: F, each: readonly F[]): F {
  const sums = total as Record<string, number>;
  for (const figures of each) {
    for (const [name, value] of Object.entries(figures as Record<string, number>)) {
      if (name in sums) sums[name] = (sums[name] ?? 0) + value;
    }
  }
  return total;
}
