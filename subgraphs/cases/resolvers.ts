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
import { CASE_INDICATORS, mediationRate } from './indicators';
import { CaseInput, DisputeInput } from './inputs';
import { caseProblems, disputeProblems } from './rules';
import type { CasesLoaders } from './loaders';
import { AssessmentBoard, Station } from './references';
import { CaseStats, type CaseFigures } from './stats';
import { CASE_TABLE, DISPUTE_TABLE } from './tables';

type CasesContext = Context<CasesLoaders>;

@Resolver(() => Station)
export class StationCasesResolver {
  @Authorized(Grant.department('cases'), Grant.assessor, Grant.ownStation)
  @FieldResolver(() => CaseStats, {
    // Nullable: a viewer denied one station's figures still gets the rest of the answer.
    nullable: true,
    description:
      "案件统计 The station's criminal cases and disputes for a period, with its baseline (同比).",
  })
  caseStats(
    @Root() station: StationRef,
    @Arg('period', PERIOD_ARG) period: string,
    @Ctx() { loaders, today }: CasesContext,
  ): Promise<WithBaseline<CaseFigures> | null> {
    return statsWithBaseline(loaders.caseFigures, station.code, parsePeriod(period, today));
  }
}

@Resolver(() => CaseStats)
export class CaseStatsResolver {
  @FieldResolver(() => Float, {
    nullable: true,
    description:
      '调解成功率 disputesMediated ÷ disputesReceived, in [0, 1]; null with no disputes.',
  })
  mediationRate(@Root() figures: CaseFigures): number | null {
    return mediationRate(figures);
  }
}

@Resolver(() => AssessmentBoard)
export class BoardCasesResolver {
  // Every signed-in user may read a board (rankings are published to every station), and the
  // gateway fetches this field for whoever reads one.
  @Authorized()
  @Directive('@requires(fields: "stations { code }")')
  @FieldResolver(() => [StationIndicators], {
    description:
      "案件指标 The criminal police's indicators (cases.*) for every station of the board.",
  })
  caseIndicators(
    @Root() board: BoardRef,
    @Ctx() { loaders, today }: CasesContext,
  ): Promise<StationIndicators[]> {
    return boardIndicators(board, today, loaders.caseFigures, CASE_INDICATORS);
  }
}

@Resolver()
export class CaseRecordsResolver {
  @Authorized(Grant.department('cases'))
  @Mutation(() => IngestResult, {
    description:
      `录入刑事案件 Adds or updates 1 to ${MAX_RECORDS.toLocaleString('en')} criminal cases in one ` +
      'transaction, by externalId. A batch with any invalid case is refused whole (BAD_USER_INPUT).',
  })
  recordCases(
    @Arg('input', () => [CaseInput], { description: 'The cases; externalIds unique in the batch.' })
    input: CaseInput[],
    @Arg('dryRun', DRY_RUN_ARG) dryRun: boolean,
    @Ctx() { db, today }: CasesContext,
  ): Promise<IngestResult> {
    return ingestRecords(db, input, CASE_TABLE, (c) => caseProblems(c, today), dryRun);
  }

  @Authorized(Grant.department('cases'))
  @Mutation(() => IngestResult, {
    description:
      `录入矛盾纠纷 Adds or updates 1 to ${MAX_RECORDS.toLocaleString('en')} disputes in one ` +
      'transaction, by externalId. A batch with any invalid dispute is refused whole (BAD_USER_INPUT).',
  })
  recordDisputes(
    @Arg('input', () => [DisputeInput], {
      description: 'The disputes; externalIds unique in the batch.',
    })
    input: DisputeInput[],
    @Arg('dryRun', DRY_RUN_ARG) dryRun: boolean,
    @Ctx() { db, today }: CasesContext,
  ): Promise<IngestResult> {
    return ingestRecords(db, input, DISPUTE_TABLE, (d) => disputeProblems(d, today), dryRun);
  }
}
