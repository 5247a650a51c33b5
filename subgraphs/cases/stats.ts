import { Field, Int, ObjectType } from 'type-graphql';
import { PeriodStats } from '../kit/figures/period-stats';
import { countOf, type FiguresSource } from '../kit/figures/figure-sources';

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

@ObjectType({
  description:
    "案件统计 A station's criminal cases and disputes for a period, with the same figures a " +
    'year earlier in `baseline` (同比).',
})
export class CaseStats extends PeriodStats implements CaseFigures {
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
 * Filed cases by filing date, solved cases by solving date and disputes by receiving date, each
 * an index range scan per station: the statistics, the board and the record listings all read
 * the figures from here.
 */
export const CASE_SOURCES: FiguresSource<keyof CaseFigures>[] = [
  {
    table: 'criminal_case',
    dateColumn: 'filed_on',
    figures: {
      criminalFiled: countOf(),
      telecomFraudFiled: countOf("category = 'TELECOM_FRAUD'"),
      homicides: countOf("category = 'HOMICIDE'"),
      propertyCrimes: countOf("category IN ('PROPERTY', 'TWO_VEHICLE_THEFT')"),
      twoVehicleThefts: countOf("category = 'TWO_VEHICLE_THEFT'"),
    },
  },
  {
    table: 'criminal_case',
    dateColumn: 'solved_on',
    figures: {
      criminalSolved: countOf(),
      telecomFraudSolved: countOf("category = 'TELECOM_FRAUD'"),
    },
  },
  {
    table: 'dispute',
    dateColumn: 'received_on',
    figures: {
      disputesReceived: countOf(),
      disputesMediated: countOf("outcome = 'MEDIATED'"),
    },
  },
];
