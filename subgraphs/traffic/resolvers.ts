import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  Mutation,
  Resolver,
  Root,
} from 'type-graphql';
import { Grant } from '../kit/access';
import { must } from '../kit/batch';
import type { Context } from '../kit/context';
import {
  boardIndicators,
  StationIndicators,
  type BoardRef,
  type StationRef,
} from '../kit/federation';
import { PERIOD_ARG, statsWithBaseline, type WithBaseline } from '../kit/figures';
import { parsePeriod } from '../kit/period';
import { ingestRecords, MAX_RECORDS } from '../kit/records';
import { IngestResult } from '../kit/results';
import { DRY_RUN_ARG } from '../kit/upsert';
import { TRAFFIC_INDICATORS } from './indicators';
import { AccidentInput } from './inputs';
import type { TrafficLoaders } from './loaders';
import { AssessmentBoard, Station } from './references';
import { TrafficStats, type TrafficFigures } from './stats';
import { ACCIDENT_TABLE } from './tables';

type TrafficContext = Context<TrafficLoaders>;

@Resolver(() => Station)
export class StationTrafficResolver {
  @Authorized(Grant.department('traffic'), Grant.assessor, Grant.ownStation)
  @FieldResolver(() => TrafficStats, {
    // Nullable: a viewer denied one station's figures still gets the rest of the answer.
    nullable: true,
    description:
      "交通事故统计 The station's road traffic accidents for a period, with its baseline (同比).",
  })
  trafficStats(
    @Root() station: StationRef,
    @Arg('period', PERIOD_ARG) period: string,
    @Ctx() { loaders, today }: TrafficContext,
  ): Promise<WithBaseline<TrafficFigures> | null> {
    return statsWithBaseline(loaders.trafficFigures, station.code, parsePeriod(period, today));
  }
}

@Resolver(() => AssessmentBoard)
export class BoardTrafficResolver {
  // Every signed-in user may read a board (rankings are published to every station), and the
  // gateway fetches this field for whoever reads one.
  @Authorized()
  @Directive('@requires(fields: "stations { code }")')
  @FieldResolver(() => [StationIndicators], {
    description:
      "交通指标 The traffic police's indicators (traffic.*) for every station of the board.",
  })
  trafficIndicators(
    @Root() board: BoardRef,
    @Ctx() { loaders, today }: TrafficContext,
  ): Promise<StationIndicators[]> {
    return boardIndicators(board, today, loaders.trafficFigures, TRAFFIC_INDICATORS);
  }
}

@Resolver()
export class AccidentRecordsResolver {
  @Authorized(Grant.department('traffic'))
  @Mutation(() => IngestResult, {
    description:
      `录入道路交通事故 Adds or updates 1 to ${MAX_RECORDS.toLocaleString('en')} road traffic ` +
      'accidents in one transaction, by externalId (a death toll that rises is an update). A ' +
      'batch with any invalid accident is refused whole (BAD_USER_INPUT).',
  })
  recordAccidents(
    @Arg('input', () => [AccidentInput], {
      description: 'The accidents; externalIds unique in the batch.',
    })
    input: AccidentInput[],
    @Arg('dryRun', DRY_RUN_ARG) dryRun: boolean,
    @Ctx() { db, today }: TrafficContext,
  ): Promise<IngestResult> {
    return ingestRecords(
      db,
      input,
      ACCIDENT_TABLE,
      (a) => [
        must.notBeAfter('occurredOn', a.occurredOn, today),
        must.beWithin('deaths', a.deaths, 0),
        must.beWithin('injuries', a.injuries, 0),
      ],
      dryRun,
    );
  }
}
