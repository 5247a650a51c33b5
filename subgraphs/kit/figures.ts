import type DataLoader from 'dataloader';
import { GraphQLLocalDate } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import type { Period, PeriodWindow } from './period';
import type { StatsKey } from './stats';

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
export abstract class PeriodFigures {
  @Field({ description: '统计期 The period, e.g. 2019-H1; for a baseline, the year before.' })
  period!: string;

  @Field({
    description:
      '未结束 Whether the period had not ended: figures then run to today, and the ' +
      "baseline's to the same day a year earlier.",
  })
  partial!: boolean;

  @Field(() => GraphQLLocalDate, { description: '起始日 First day counted.' })
  from!: string;

  @Field(() => GraphQLLocalDate, { description: '截止日 Last day counted.' })
  to!: string;
}

type WithWindow<F> = F & PeriodFigures;

export type WithBaseline<F> = WithWindow<F> & {
  baseline: (WithWindow<F> & { baseline: null }) | null;
};

function windowed<F>(window: PeriodWindow, figures: F): WithWindow<F> {
  return { ...figures, period: window.id, partial: window.partial, ...window.range };
}

/** A station's figures for a period and for its baseline, loaded in the same tick (one batch). */
export function loadWithBaseline<F>(
  loader: DataLoader<StatsKey, F, string>,
  stationCode: string,
  period: Period,
): Promise<[F, F]> {
  return Promise.all([
    loader.load({ stationCode, range: period.range }),
    loader.load({ stationCode, range: period.baseline.range }),
  ]);
}

/** A station's statistics object for a period, with its baseline (同比) nested. */
export async function statsWithBaseline<F>(
  loader: DataLoader<StatsKey, F, string>,
  stationCode: string,
  period: Period,
): Promise<WithBaseline<F>> {
  const [current, baseline] = await loadWithBaseline(loader, stationCode, period);
  return withBaseline(period, current, baseline);
}

function withBaseline<F>(period: Period, current: F, baseline: F): WithBaseline<F> {
  return {
    ...windowed(period, current),
    baseline: { ...windowed(period.baseline, baseline), baseline: null },
  };
}

/**
 * A division's statistics object for a period, with its baseline: the figures of its stations
 * summed, figure by figure, so a rate computed from them is the division's own share (summed
 * numerators over summed denominators). All stations and both ranges load in one batch.
 */
export async function divisionStatsWithBaseline<F extends object>(
  loader: DataLoader<StatsKey, F, string>,
  stationCodes: readonly string[],
  period: Period,
  zero: () => F,
): Promise<WithBaseline<F>> {
  const loaded = await Promise.all(
    stationCodes.map((code) => loadWithBaseline(loader, code, period)),
  );
  return withBaseline(
    period,
    sumFigures(
      zero(),
      loaded.map(([current]) => current),
    ),
    sumFigures(
      zero(),
      loaded.map(([, baseline]) => baseline),
    ),
  );
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

/** A count's share of a total, or null when there is nothing to share (no sample). */
export function rate(part: number, total: number): number | null {
  return total > 0 ? part / total : null;
}
