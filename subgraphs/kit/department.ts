import type DataLoader from 'dataloader';
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  FieldResolver,
  Mutation,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import type { DataSource } from 'typeorm';
import { Grant } from '../../platform/access';
import type { Problem } from './batch';
import type { Context } from './context';
import type { SubgraphDefinition } from './definition';
import type { DemoProfile } from '../../demo/profile';
import {
  boardIndicators,
  boardReference,
  divisionReference,
  StationIndicators,
  indicatorsTypeOf,
  stationReference,
  type BoardRef,
  type DivisionRef,
  type IndicatorFormulas,
  type StationRef,
} from './federation';
import {
  divisionStatsWithBaseline,
  PERIOD_ARG,
  statsWithBaseline,
  type WithBaseline,
} from './figures';
import type { Department } from './indicators';
import { parsePeriod } from './period';
import { ingestRecords, MAX_RECORDS, type RecordInput } from './records';
import { IngestResult } from './results';
import { statsLoader, type StatsKey, type StatsQuery } from './stats';
import { DRY_RUN_ARG, type UpsertTable } from './upsert';

/**
 * What makes a department subgraph (cases, traffic, surveys): record kinds loaded through
 * mutations, one statistics field on Station and Division, and its indicators on the assessment board. A
 * department declares these; the kit builds the resolvers, loaders and federation references
 * the same way for all of them.
 */
export type DepartmentName = 'cases' | 'traffic' | 'surveys';

export interface DepartmentLoaders<Figures> {
  /** The department's figures per station and date range: statistics and board alike. */
  figures: DataLoader<StatsKey, Figures, string>;
}

type DepartmentContext<Figures> = Context<DepartmentLoaders<Figures>>;

export interface RecordKind<T extends RecordInput> {
  /** The mutation, e.g. recordCases. */
  mutation: string;
  input: ClassType<T>;
  table: UpsertTable<T>;
  /** The kind's own rules, beyond every record's (externalId, stationCode). */
  check: (record: T, today: string) => (Problem | null)[];
  /** What the mutation does, e.g. "录入刑事案件 Adds or updates criminal cases." */
  summary: string;
  /** The records, e.g. "The cases". */
  plural: string;
}

export interface DepartmentSpec<Figures> {
  name: DepartmentName;
  department: Department;
  port: number;
  stats: {
    /** The Station field, e.g. caseStats, and its type (a PeriodFigures subclass). */
    field: string;
    type: ClassType;
    description: string;
    /** The same field on Division: what it sums, e.g. "The division's cases … summed". */
    divisionDescription: string;
    query: (db: DataSource) => StatsQuery<Figures>;
    zero: () => Figures;
  };
  indicators: {
    /** The AssessmentBoard field, e.g. caseIndicators. */
    field: string;
    description: string;
    formulas: IndicatorFormulas<Figures>;
  };
  /** Resolvers the department writes itself, e.g. rates derived from its figures. */
  resolvers?: ClassType[];
  migrations: ClassType[];
  seed: (db: DataSource, profile: DemoProfile) => Promise<void>;
}

/** Type-erased for the spec's list: each kind is checked when declared with `recordKind`. */
export type AnyRecordKind = RecordKind<RecordInput>;

export function recordKind<T extends RecordInput>(kind: RecordKind<T>): AnyRecordKind {
  return kind as unknown as AnyRecordKind;
}

const INGEST_RULES =
  `1 to ${MAX_RECORDS.toLocaleString('en')} per call, in one transaction; sending an externalId ` +
  'again updates that record. A batch with any invalid record is refused whole (BAD_USER_INPUT).';

function recordResolver(department: DepartmentName, kind: AnyRecordKind): ClassType {
  @Resolver()
  class RecordResolver {
    @Authorized(Grant.department(department))
    @Mutation(() => IngestResult, {
      name: kind.mutation,
      description: `${kind.summary} ${INGEST_RULES}`,
    })
    record(
      @Arg('input', () => [kind.input], {
        description: `${kind.plural}; externalIds unique in the batch.`,
      })
      input: RecordInput[],
      @Arg('dryRun', DRY_RUN_ARG) dryRun: boolean,
      @Ctx() { db, today }: Context,
    ): Promise<IngestResult> {
      return ingestRecords(db, input, kind.table, (r) => kind.check(r, today), dryRun);
    }
  }
  return RecordResolver;
}

function statsResolver<Figures>(
  station: ClassType<StationRef>,
  spec: DepartmentSpec<Figures>,
): ClassType {
  @Resolver(() => station)
  class StationStatsResolver {
    @Authorized(Grant.department(spec.name), Grant.assessor, Grant.ownStation)
    @FieldResolver(() => spec.stats.type, {
      name: spec.stats.field,
      // Nullable: a viewer denied one station's figures still gets the rest of the answer.
      nullable: true,
      description: spec.stats.description,
    })
    stats(
      @Root() { code }: StationRef,
      @Arg('period', PERIOD_ARG) period: string,
      @Ctx() { loaders, today }: DepartmentContext<Figures>,
    ): Promise<WithBaseline<Figures> | null> {
      return statsWithBaseline(loaders.figures, code, parsePeriod(period, today));
    }
  }
  return StationStatsResolver;
}

function divisionStatsResolver<Figures extends object>(
  division: ClassType<DivisionRef>,
  spec: DepartmentSpec<Figures>,
): ClassType {
  @Resolver(() => division)
  class DivisionStatsResolver {
    // A division's figures are open to those who read any station's; a station reads its own
    // only, so no division.
    @Authorized(Grant.department(spec.name), Grant.assessor)
    @Directive('@requires(fields: "stations { code }")')
    @FieldResolver(() => spec.stats.type, {
      name: spec.stats.field,
      nullable: true,
      description: spec.stats.divisionDescription,
    })
    stats(
      @Root() { stations }: DivisionRef,
      @Arg('period', PERIOD_ARG) period: string,
      @Ctx() { loaders, today }: DepartmentContext<Figures>,
    ): Promise<WithBaseline<Figures>> {
      return divisionStatsWithBaseline(
        loaders.figures,
        stations.map((s) => s.code),
        parsePeriod(period, today),
        spec.stats.zero,
      );
    }
  }
  return DivisionStatsResolver;
}

function indicatorsResolver<Figures>(
  board: ClassType<BoardRef>,
  spec: DepartmentSpec<Figures>,
): ClassType {
  @Resolver(() => board)
  class BoardIndicatorsResolver {
    // Every signed-in user may read a board (rankings are published to every station), and the
    // gateway fetches this field for whoever reads one.
    @Authorized()
    @Directive('@requires(fields: "stations { code }")')
    @FieldResolver(() => [indicatorsTypeOf(spec.department)], {
      name: spec.indicators.field,
      // Null when the department cannot answer: the board then scores the others without it.
      nullable: true,
      description: `${spec.indicators.description} Null when the department is unavailable.`,
    })
    indicators(
      @Root() root: BoardRef,
      @Ctx() { loaders, today }: DepartmentContext<Figures>,
    ): Promise<StationIndicators[]> {
      return boardIndicators(root, today, loaders.figures, spec.indicators.formulas);
    }
  }
  return BoardIndicatorsResolver;
}

export function departmentSubgraph<Figures extends object>(
  spec: DepartmentSpec<Figures>,
  records: readonly [AnyRecordKind, ...AnyRecordKind[]],
): SubgraphDefinition<DepartmentLoaders<Figures>> {
  const station = stationReference();
  const board = boardReference(station);
  const division = divisionReference(station);
  return {
    name: spec.name,
    port: spec.port,
    resolvers: [
      statsResolver(station, spec),
      divisionStatsResolver(division, spec),
      indicatorsResolver(board, spec),
      ...records.map((kind) => recordResolver(spec.name, kind)),
      ...(spec.resolvers ?? []),
    ],
    // Reached only through federation (entity references), not from a root field.
    orphanedTypes: [station, board, division],
    entities: [],
    migrations: spec.migrations,
    createLoaders: (db) => ({ figures: statsLoader(spec.stats.query(db), spec.stats.zero) }),
    seed: spec.seed,
  };
}
