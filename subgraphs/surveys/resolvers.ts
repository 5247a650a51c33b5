import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  Float,
  Mutation,
  Resolver,
  Root,
} from 'type-graphql';
import { Grant } from '../kit/access';
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
import { SURVEY_INDICATORS, satisfactionRate, securityRate } from './indicators';
import { CommendationInput, ComplaintInput, SurveyResponseInput } from './inputs';
import type { SurveysLoaders } from './loaders';
import { AssessmentBoard, Station } from './references';
import { receivedProblems, responseProblems } from './rules';
import { SurveyStats, type SurveyFigures } from './stats';
import { COMMENDATION_TABLE, COMPLAINT_TABLE, SURVEY_RESPONSE_TABLE } from './tables';

type SurveysContext = Context<SurveysLoaders>;

const BATCH = `1 to ${MAX_RECORDS.toLocaleString('en')}`;

@Resolver(() => Station)
export class StationSurveysResolver {
  @Authorized(Grant.department('surveys'), Grant.assessor, Grant.ownStation)
  @FieldResolver(() => SurveyStats, {
    // Nullable: a viewer denied one station's figures still gets the rest of the answer.
    nullable: true,
    description:
      "群众评价统计 The station's survey results, 12389 complaints and commendations for a period, " +
      'with its baseline (同比).',
  })
  surveyStats(
    @Root() station: StationRef,
    @Arg('period', PERIOD_ARG) period: string,
    @Ctx() { loaders, today }: SurveysContext,
  ): Promise<WithBaseline<SurveyFigures> | null> {
    return statsWithBaseline(loaders.surveyFigures, station.code, parsePeriod(period, today));
  }
}

@Resolver(() => SurveyStats)
export class SurveyStatsResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description:
      '群众安全感 Share of the responses at 基本安全 (3) or better, in [0, 1]; null with no responses.',
  })
  securityRate(@Root() figures: SurveyFigures): number | null {
    return securityRate(figures);
  }

  @FieldResolver(() => Float, {
    nullable: true,
    description:
      '群众满意度 Share of the responses at 基本满意 (3) or better, in [0, 1]; null with no responses.',
  })
  satisfactionRate(@Root() figures: SurveyFigures): number | null {
    return satisfactionRate(figures);
  }
}

@Resolver(() => AssessmentBoard)
export class BoardSurveysResolver {
  // Every signed-in user may read a board (rankings are published to every station), and the
  // gateway fetches this field for whoever reads one.
  @Authorized()
  @Directive('@requires(fields: "stations { code }")')
  @FieldResolver(() => [StationIndicators], {
    description:
      "群众评价指标 The survey firm's and the 12389 desk's indicators (surveys.*) for every " +
      'station of the board.',
  })
  surveyIndicators(
    @Root() board: BoardRef,
    @Ctx() { loaders, today }: SurveysContext,
  ): Promise<StationIndicators[]> {
    return boardIndicators(board, today, loaders.surveyFigures, SURVEY_INDICATORS);
  }
}

@Resolver()
export class SurveyRecordsResolver {
  @Authorized(Grant.department('surveys'))
  @Mutation(() => IngestResult, {
    description:
      `录入调查结果 Adds or updates ${BATCH} survey responses in one transaction, by externalId. ` +
      'A batch with any invalid response is refused whole (BAD_USER_INPUT).',
  })
  recordSurveyResponses(
    @Arg('input', () => [SurveyResponseInput], {
      description: 'The responses; externalIds unique in the batch.',
    })
    input: SurveyResponseInput[],
    @Arg('dryRun', DRY_RUN_ARG) dryRun: boolean,
    @Ctx() { db, today }: SurveysContext,
  ): Promise<IngestResult> {
    return ingestRecords(
      db,
      input,
      SURVEY_RESPONSE_TABLE,
      (r) => responseProblems(r, today),
      dryRun,
    );
  }

  @Authorized(Grant.department('surveys'))
  @Mutation(() => IngestResult, {
    description:
      `录入12389投诉 Adds or updates ${BATCH} complaints in one transaction, by externalId (a ` +
      'complaint found justified later is sent again with valid: true). A batch with any ' +
      'invalid complaint is refused whole (BAD_USER_INPUT).',
  })
  recordComplaints(
    @Arg('input', () => [ComplaintInput], {
      description: 'The complaints; externalIds unique in the batch.',
    })
    input: ComplaintInput[],
    @Arg('dryRun', DRY_RUN_ARG) dryRun: boolean,
    @Ctx() { db, today }: SurveysContext,
  ): Promise<IngestResult> {
    return ingestRecords(db, input, COMPLAINT_TABLE, (c) => receivedProblems(c, today), dryRun);
  }

  @Authorized(Grant.department('surveys'))
  @Mutation(() => IngestResult, {
    description:
      `录入锦旗/表扬信 Adds or updates ${BATCH} commendations in one transaction, by ` +
      'externalId. A batch with any invalid commendation is refused whole (BAD_USER_INPUT).',
  })
  recordCommendations(
    @Arg('input', () => [CommendationInput], {
      description: 'The banners and letters; externalIds unique in the batch.',
    })
    input: CommendationInput[],
    @Arg('dryRun', DRY_RUN_ARG) dryRun: boolean,
    @Ctx() { db, today }: SurveysContext,
  ): Promise<IngestResult> {
    return ingestRecords(db, input, COMMENDATION_TABLE, (c) => receivedProblems(c, today), dryRun);
  }
}
