import { Field, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { PeriodFigures } from '../kit/figures';
import type { StatsQuery } from '../kit/stats';

/** The fewest deaths that make an accident 较大 (major). */
export const MAJOR_ACCIDENT_DEATHS = 3;
/** The fewest deaths that make an accident 重大 (severe) rather than 较大. */
export const SEVERE_ACCIDENT_DEATHS = 10;

/** What the traffic police count for one station over some days. */
export interface TrafficFigures {
  accidents: number;
  deaths: number;
  injuries: number;
  majorAccidents: number;
  severeAccidents: number;
}

export const noAccidents = (): TrafficFigures => ({
  accidents: 0,
  deaths: 0,
  injuries: 0,
  majorAccidents: 0,
  severeAccidents: 0,
});

@ObjectType({
  description:
    "交通事故统计 A station's road traffic accidents for a period, with the same figures a " +
    'year earlier in `baseline` (同比).',
})
export class TrafficStats extends PeriodFigures implements TrafficFigures {
  @Field(() => Int, { description: '事故起数 Road traffic accidents that occurred in the period.' })
  accidents!: number;

  @Field(() => Int, { description: '死亡人数 The people those accidents killed.' })
  deaths!: number;

  @Field(() => Int, { description: '受伤人数 The people those accidents injured.' })
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

/** One statement for all stations and ranges: a range scan per station over the accident date. */
export function trafficStatsQuery(db: DataSource): StatsQuery<TrafficFigures> {
  return (stationCodes, ranges) =>
    db.query(
      `WITH w AS (SELECT * FROM unnest($2::date[], $3::date[]) AS w(from_on, to_on))
       SELECT a.station_code AS "stationCode", w.from_on::text AS "from", w.to_on::text AS "to",
              count(*)::int AS "accidents",
              sum(a.deaths)::int AS "deaths",
              sum(a.injuries)::int AS "injuries",
              count(*) FILTER (WHERE a.deaths >= $4 AND a.deaths < $5)::int AS "majorAccidents",
              count(*) FILTER (WHERE a.deaths >= $5)::int AS "severeAccidents"
       FROM w JOIN accident a ON a.occurred_on BETWEEN w.from_on AND w.to_on
       WHERE a.station_code = ANY($1)
       GROUP BY 1, 2, 3`,
      [
        stationCodes,
        ranges.map((r) => r.from),
        ranges.map((r) => r.to),
        MAJOR_ACCIDENT_DEATHS,
        SEVERE_ACCIDENT_DEATHS,
      ],
    );
}
