import { Field, Int, ObjectType } from 'type-graphql';
import { PeriodStats } from '../kit/figures/period-stats';
import { countOf, type FiguresSource } from '../kit/figures/figure-sources';
import { CommendationKind } from './enums';
import { COUNTED_LEVEL } from './levels';

/** What the survey firm and the 12389 desk count for one station over some days. */
export interface SurveyFigures {
  responses: number;
  /** Responses at 基本安全 or better: the security rate's numerator. */
  feltSafe: number;
  /** Responses at 基本满意 or better: the satisfaction rate's numerator. */
  satisfied: number;
  validComplaints: number;
  commendations: number;
  banners: number;
  letters: number;
}

/** The numerators are published as the rates (field resolvers), not as counts of their own. */
type PublishedCounts = Omit<SurveyFigures, 'feltSafe' | 'satisfied'>;

@ObjectType({
  description:
    "群众评价 A station's survey results, 12389 complaints and commendations for a period, with " +
    'the same figures a year earlier in `baseline` (同比).',
})
export class SurveyStats extends PeriodStats implements PublishedCounts {
  @Field(() => Int, {
    description: '调查样本数 Survey responses collected in the period (by survey date).',
  })
  responses!: number;

  @Field(() => Int, {
    description: '有效投诉 12389 complaints received in the period and found justified.',
  })
  validComplaints!: number;

  @Field(() => Int, {
    description: '锦旗和表扬信 Banners and letters of praise received in the period.',
  })
  commendations!: number;

  @Field(() => Int, { description: '锦旗 Banners received in the period.' })
  banners!: number;

  @Field(() => Int, { description: '表扬信 Letters of praise received in the period.' })
  letters!: number;

  @Field(() => SurveyStats, {
    nullable: true,
    description: '同比 The same figures for the period a year earlier; null on a baseline itself.',
  })
  baseline!: SurveyStats | null;
}

/**
 * Responses by survey date, valid complaints and commendations by receiving date, each an index
 * range scan per station: statistics, board and record listings.
 */
export const SURVEY_SOURCES: FiguresSource<keyof SurveyFigures>[] = [
  {
    table: 'survey_response',
    dateColumn: 'surveyed_on',
    figures: {
      responses: countOf(),
      feltSafe: countOf(`security >= ${COUNTED_LEVEL}`),
      satisfied: countOf(`satisfaction >= ${COUNTED_LEVEL}`),
    },
  },
  {
    table: 'complaint',
    dateColumn: 'received_on',
    where: 'valid',
    figures: { validComplaints: countOf() },
  },
  {
    table: 'commendation',
    dateColumn: 'received_on',
    figures: {
      commendations: countOf(),
      banners: countOf(`kind = '${CommendationKind.BANNER}'`),
      letters: countOf(`kind = '${CommendationKind.LETTER}'`),
    },
  },
];
