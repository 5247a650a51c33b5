import { GraphQLSafeInt } from 'graphql-scalars';
import { Field, Int, ObjectType } from 'type-graphql';
import { PeriodStats } from '../kit/figures/period-stats';
import { countOf, sumOf, type FiguresSource } from '../kit/figures/figures-query';

/** The fewest deaths that make an accident 较大 (major). */
const MAJOR_ACCIDENT_DEATHS = 3;
/** The fewest deaths that make an accident 重大 (severe) rather than 较大. */
const SEVERE_ACCIDENT_DEATHS = 10;

/** What the traffic police count for one station over some days. */
export interface TrafficFigures {
  accidents: number;
  deaths: number;
  injuries: number;
  majorAccidents: number;
  severeAccidents: number;
}

@ObjectType({
  description:
    "交通事故统计 A station's road traffic accidents for a period, with the same figures a " +
    'year earlier in `baseline` (同比).',
})
export class TrafficStats extends PeriodStats implements TrafficFigures {
  @Field(() => Int, { description: '事故起数 Road traffic accidents that occurred in the period.' })
  accidents!: number;

  // Sums, not counts: past 2^31 with enough accidents, so a 53-bit integer.
  @Field(() => GraphQLSafeInt, { description: '死亡人数 The people those accidents killed.' })
  deaths!: number;

  @Field(() => GraphQLSafeInt, { description: '受伤人数 The people those accidents injured.' })
  injuries!: number;

  @Field(() => Int, {
    description: `较大事故 Of those, the accidents with ${MAJOR_ACCIDENT_DEATHS} to ${SEVERE_ACCIDENT_DEATHS - 1} deaths.`,
  })
  majorAccidents!: number;

  @Field(() => Int, {
    description: `重大事故 Of those, the accidents with ${SEVERE_ACCIDENT_DEATHS} or more deaths.`,
  })
  severeAccidents!: number;

  @Field(() => TrafficStats, {
    nullable: true,
    description: '同比 The same figures for the period a year earlier; null on a baseline itself.',
  })
  baseline!: TrafficStats | null;
}

/** A range scan per station over the accident date: statistics, board and record listings. */
export const TRAFFIC_SOURCES: FiguresSource<keyof TrafficFigures>[] = [
  {
    table: 'accident',
    dateColumn: 'occurred_on',
    figures: {
      accidents: countOf(),
      deaths: sumOf('deaths'),
      injuries: sumOf('injuries'),
      majorAccidents: countOf(
        `deaths >= ${MAJOR_ACCIDENT_DEATHS} AND deaths < ${SEVERE_ACCIDENT_DEATHS}`,
      ),
      severeAccidents: countOf(`deaths >= ${SEVERE_ACCIDENT_DEATHS}`),
    },
  },
];
