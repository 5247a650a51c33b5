import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  ID,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { assertStationCode } from '../../../platform/codes';
import type { BoardKey } from '../../kit/contract/board-contract';
import { listSize, STATIONS_IN_SCOPE } from '../../kit/contract/list-sizes';
import { PERIOD_ARG } from '../../kit/figures/period-stats';
import { parsePeriod } from '../../kit/figures/period';
import { parseScope } from '../../kit/figures/scope';
import { ROWS_REQUIRE } from './department-fields';
import type { AssessmentContext } from '../loaders';
import { AssessmentBoard, type ScoredBoardRef } from './board-references';
import { AssessmentRow } from './assessment-row';
import { AssessmentScheme, assertSchemeId, unknownScheme, type Scheme } from '../scheme/scheme';

@Resolver(() => AssessmentBoard)
export class LiveBoardResolver {
  // Every signed-in user may read a board: rankings are published to every station (晾晒).
  @Authorized()
  @Query(() => AssessmentBoard, {
    description:
      '考核榜单 Every station of a scope scored for a period under a scheme: the key of a board ' +
      'whose stations, department indicators and rows the gateway gathers.',
  })
  async assessmentBoard(
    @Arg('scope', () => ID, {
      description:
        '范围 330000 the province, 330600 a city, 330681 a county, or a 12-digit station code.',
    })
    scope: string,
    @Arg('period', PERIOD_ARG) period: string,
    @Arg('schemeId', () => ID, {
      nullable: true,
      description:
        '考核方案 A scheme version (e.g. fengqiao-2019@1); by default the newest published.',
    })
    schemeId: string | undefined,
    @Ctx() { loaders, today }: AssessmentContext,
  ): Promise<BoardKey> {
    // The registry checks that the scope exists when it answers the board's stations.
    parseScope(scope);
    parsePeriod(period, today);
    const scheme =
      schemeId == null
        ? await loaders.newestScheme()
        : await loaders.scheme.load(assertSchemeId(schemeId, 'schemeId'));
    if (!scheme) throw unknownScheme(schemeId);
    return { scope, period, schemeId: scheme.id };
  }

  @Authorized()
  @FieldResolver(() => Boolean, {
    description:
      '未结束 Whether the period has not ended: it is scored like any other, on figures up to ' +
      "today against the baseline's up to the same day a year earlier.",
  })
  partial(@Root() board: BoardKey, @Ctx() { today }: AssessmentContext): boolean {
    return parsePeriod(board.period, today).partial;
  }

  @Authorized()
  @FieldResolver(() => AssessmentScheme, {
    description: '考核方案 The scheme version scored with.',
  })
  async scheme(@Root() board: BoardKey, @Ctx() { loaders }: AssessmentContext): Promise<Scheme> {
    const scheme = await loaders.scheme.load(board.schemeId);
    if (!scheme) throw unknownScheme(board.schemeId);
    return scheme;
  }

  @Authorized()
  @Directive(`@requires(fields: "${ROWS_REQUIRE}")`)
  @listSize(STATIONS_IN_SCOPE)
  @FieldResolver(() => [AssessmentRow], {
    description:
      '考核结果 One row per station of the scope, best first: not vetoed before vetoed, then ' +
      'total descending, then station code.',
  })
  async rows(
    @Root() board: ScoredBoardRef,
    @Ctx() { loaders }: AssessmentContext,
  ): Promise<AssessmentRow[]> {
    return loaders.scoredRows(board);
  }

  @Authorized()
  @Directive(`@requires(fields: "${ROWS_REQUIRE}")`)
  @FieldResolver(() => AssessmentRow, {
    nullable: true,
    description:
      "单个派出所 One station's row, ranked among all; null when it is not in the scope.",
  })
  async row(
    @Root() board: ScoredBoardRef,
    @Arg('stationCode', () => ID, { description: '机构代码 12-digit station code.' })
    stationCode: string,
    @Ctx() { loaders }: AssessmentContext,
  ): Promise<AssessmentRow | null> {
    assertStationCode(stationCode, 'stationCode');
    return (await loaders.scoredRows(board)).find((r) => r.stationCode === stationCode) ?? null;
  }
}
