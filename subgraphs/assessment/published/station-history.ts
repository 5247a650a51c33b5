import {
  Arg,
  Authorized,
  Ctx,
  Field,
  Float,
  FieldResolver,
  ID,
  Int,
  ObjectType,
  Resolver,
  Root,
} from 'type-graphql';
import { badUserInput, show } from '../../../platform/errors';
import type { StationRef } from '../../kit/contract/board-contract';
import { bounded } from '../../kit/contract/connection';
import { listSize } from '../../kit/contract/list-sizes';
import { parseScope } from '../../kit/figures/scope';
import { APPEALS_OF_A_STATION } from '../appeals/appeal';
import { GradeEnum } from '../enums';
import type { AssessmentContext } from '../loaders';
import { Station } from '../live/board-references';
import type { Grade } from '../scoring/grade';

const MAX_LAST = 120;
/** A scheme name, as the scheme table checks it. */
const SCHEME_NAME = /^[a-z][a-z0-9-]{0,62}[a-z0-9]$/;

@ObjectType({
  description:
    '历次名次 A station on one published board: its rank, total and grade in one period.',
})
export class HistoryPoint {
  @Field({ description: '考核期 The period.' })
  period!: string;

  @Field(() => ID, { description: '考核方案 The scheme version the board was scored with.' })
  schemeId!: string;

  @Field(() => Int, { description: '版本 The newest revision of that board, which this is from.' })
  revision!: number;

  @Field(() => Int, { description: "名次 The station's rank on it." })
  rank!: number;

  @Field(() => Int, { description: '参评数 How many stations the board ranked.' })
  of!: number;

  @Field(() => Float, { description: '总分 Its total.' })
  total!: number;

  @Field(() => GradeEnum, { description: '等次 Its grade.' })
  grade!: Grade;

  @Field({ description: '一票否决 Whether a veto failed it.' })
  vetoed!: boolean;

  @listSize(APPEALS_OF_A_STATION)
  @Field(() => [ID], {
    description:
      '申诉更正 The ids of the station’s appeals this revision resolved: not empty when the ' +
      'revision followed its appeals.',
  })
  resolvedAppeals!: string[];
}

@Resolver(() => Station)
export class StationHistoryResolver {
  // Rankings are published to every station: every signed-in user reads any station's history.
  @Authorized()
  @listSize(MAX_LAST, { slicingArgument: 'last' })
  @FieldResolver(() => [HistoryPoint], {
    description:
      '考核历史 The station on the newest revision of every published board of a scope (of ' +
      'every period kind, or of one scheme name), the newest period first.',
  })
  async assessmentHistory(
    @Root() station: StationRef,
    @Arg('scope', () => ID, {
      description: '范围 The boards of this scope: the province, a city, a county (330681).',
    })
    scope: string,
    @Arg('schemeName', () => String, {
      nullable: true,
      description: '方案名 Only boards scored under versions of this scheme (fengqiao-2019).',
    })
    schemeName: string | undefined,
    @Arg('last', () => Int, {
      defaultValue: 12,
      description: `期数 At most this many periods, 1 to ${MAX_LAST}.`,
    })
    last: number,
    @Ctx() { loaders }: AssessmentContext,
  ): Promise<HistoryPoint[]> {
    parseScope(scope);
    if (schemeName != null && !SCHEME_NAME.test(schemeName)) {
      throw badUserInput(
        `schemeName ${show(schemeName)} is not a scheme name (e.g. fengqiao-2019)`,
        {
          field: 'schemeName',
          value: schemeName,
        },
      );
    }
    return loaders.published
      .history({ scope, schemeName: schemeName ?? null, last: bounded(last, 'last', MAX_LAST) })
      .load(station.code);
  }
}
