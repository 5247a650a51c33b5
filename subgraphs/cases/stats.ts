import { Field, Int, ObjectType } from 'type-graphql';
import type { DataSource } from 'typeorm';
import { PeriodFigures } from '../kit/figures';
import type { StatsQuery } from '../kit/stats';

/** What the criminal police count for one station over some days. */
export interface CaseFigures {
  criminalFiled: number;
  criminalSolved: number;
  telecomFraudFiled: number;
  telecomFraudSolved: number;
  homicides: number;
  propertyCrimes: number;
  twoVehicleThefts: number;
  disputesReceived: number;
  disputesMediated: number;
}

export const noCases = (): CaseFigures => ({
  criminalFiled: 0,
  criminalSolved: 0,
  telecomFraudFiled: 0,
  telecomFraudSolved: 0,
  homicides: 0,
  propertyCrimes: 0,
  twoVehicleThefts: 0,
  disputesReceived: 0,
  disputesMediated: 0,
});

@ObjectType({
  description:
    "案件统计 A station's criminal cases and disputes for a period, with the same figures a " +
    'year earlier in `baseline` (同比).',
})
export class CaseStats extends PeriodFigures implements CaseFigures {
  @Field(() => Int, {
    description: '刑事案件立案数 Criminal cases filed in the period (all categories).',
  })
  criminalFiled!: number;

  @Field(() => Int, {
    description: '刑事案件破案数 Criminal cases solved in the period, whenever they were filed.',
  })
  criminalSolved!: number;

  @Field(() => Int, { description: '电信网络诈骗立案数 Telecom fraud cases filed in the period.' })
  telecomFraudFiled!: number;

  @Field(() => Int, { description: '电信网络诈骗破案数 Telecom fraud cases solved in the period.' })
  telecomFraudSolved!: number;

  @Field(() => Int, { description: '命案 Homicides filed in the period.' })
  homicides!: number;

  @Field(() => Int, {
    description: '传统侵财 Property crimes filed in the period, two-vehicle thefts included.',
  })
  propertyCrimes!: number;

  @Field(() => Int, { description: '盗窃两车 Two-vehicle thefts filed in the period.' })
  twoVehicleThefts!: number;

  @Field(() => Int, { description: '矛盾纠纷受理数 Disputes received in the period.' })
  disputesReceived!: number;

  @Field(() => Int, { description: '调解成功数 Of those, the disputes settled by mediation.' })
  disputesMediated!: number;

  @Field(() => CaseStats, {
    nullable: true,
    description: '同比 The same figures for the period a year earlier; null on a baseline itself.',
  })
  baseline!: CaseStats | null;
}

/**
 * One statement for all stations and ranges: filed cases by filing date, solved cases by
 * solving date and disputes by receiving date, each an index range scan per station, joined on
 * (station, range).
 */
export function caseStatsQuery(db: DataSource): StatsQuery<CaseFigures> {
  return (stationCodes, ranges) =>
    db.query(
      `WITH w AS (SELECT * FROM unnest($2::date[], $3::date[]) AS w(from_on, to_on)),
       filed AS (
         SELECT c.station_code, w.from_on, w.to_on,
                count(*) AS criminal_filed,
                count(*) FILTER (WHERE c.category = 'TELECOM_FRAUD') AS telecom_fraud_filed,
                count(*) FILTER (WHERE c.category = 'HOMICIDE') AS homicides,
                count(*) FILTER (WHERE c.category IN ('PROPERTY', 'TWO_VEHICLE_THEFT')) AS property_crimes,
                count(*) FILTER (WHERE c.category = 'TWO_VEHICLE_THEFT') AS two_vehicle_thefts
         FROM w JOIN criminal_case c ON c.filed_on BETWEEN w.from_on AND w.to_on
         WHERE c.station_code = ANY($1)
         GROUP BY 1, 2, 3),
       solved AS (
         SELECT c.station_code, w.from_on, w.to_on,
                count(*) AS criminal_solved,
                count(*) FILTER (WHERE c.category = 'TELECOM_FRAUD') AS telecom_fraud_solved
         FROM w JOIN criminal_case c ON c.solved_on BETWEEN w.from_on AND w.to_on
         WHERE c.station_code = ANY($1)
         GROUP BY 1, 2, 3),
       disputes AS (
         SELECT d.station_code, w.from_on, w.to_on,
                count(*) AS disputes_received,
                count(*) FILTER (WHERE d.outcome = 'MEDIATED') AS disputes_mediated
         FROM w JOIN dispute d ON d.received_on BETWEEN w.from_on AND w.to_on
         WHERE d.station_code = ANY($1)
         GROUP BY 1, 2, 3)
       SELECT station_code AS "stationCode", from_on::text AS "from", to_on::text AS "to",
              coalesce(criminal_filed, 0)::int AS "criminalFiled",
              coalesce(criminal_solved, 0)::int AS "criminalSolved",
              coalesce(telecom_fraud_filed, 0)::int AS "telecomFraudFiled",
              coalesce(telecom_fraud_solved, 0)::int AS "telecomFraudSolved",
              coalesce(homicides, 0)::int AS "homicides",
              coalesce(property_crimes, 0)::int AS "propertyCrimes",
              coalesce(two_vehicle_thefts, 0)::int AS "twoVehicleThefts",
              coalesce(disputes_received, 0)::int AS "disputesReceived",
              coalesce(disputes_mediated, 0)::int AS "disputesMediated"
       FROM filed
       FULL JOIN solved USING (station_code, from_on, to_on)
       FULL JOIN disputes USING (station_code, from_on, to_on)`,
      [stationCodes, ranges.map((r) => r.from), ranges.map((r) => r.to)],
    );
}
