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
  indicatorsType,
  StationIndicators,
  stationReference,
  type BoardRef,
  type DivisionRef,
  type StationRef,
} from './board-contract';
import {
  divisionStatsWithBaseline,
  PERIOD_ARG,
  statsWithBaseline,
  type WithBaseline,
} from './period-stats';
import { indicatorKey, type IndicatorDefinition, type Indicators } from './indicators';
import { listSize, STATIONS_IN_SCOPE } from './list-sizes';
import { parsePeriod } from './period';
import { ingestRecords, MAX_RECORDS, type RecordInput } from './records';
import { IngestResult } from './results';
import { figuresLoader, type FiguresKey, type FiguresQuery } from './figures-query';
import { schemeKeys } from './scheme-keys';
import { DRY_RUN_ARG, type UpsertTable } from './upsert';

export interface DepartmentLoaders<Figures> {
  /** The department's figures per station and date range: statistics and board alike. */
  figures: DataLoader<FiguresKey, Figures, string>;
}

type DepartmentContext<Figures> = Context<DepartmentLoaders<Figures>>;

export interface RecordKind<T extends RecordInput> {
  /** The mutation, e.g. recordCases. */
  mutation: string;
  input: ClassType<T>;
  table: UpsertTable<T>;
  /** The kind's own checks, beyond every record's (externalId, stationCode). */
  check: (record: T, today: string) => (Problem | null)[];
  /** What the mutation does, e.g. "录入刑事案件 Adds or updates criminal cases." */
  summary: string;
  /** The records, e.g. "The cases". */
  plural: string;
}

/**
 * What makes a department subgraph (cases, traffic, surveys): record kinds loaded through
 * mutations, one statistics field on Station and on Division, and its indicators on the assessment board. A
 * department declares these; the kit builds the resolvers, loaders and federation references
 * the same way for all of them, and the registry (subgraphs/departments.ts) lists it.
 */
export interface DepartmentSpec<Name extends string, Figures> {
  /**
   * One lower-case word: the subgraph and its folder, the role `department:<name>` and its
   * indicators' key prefix. Upper-cased, it is the department's value of the Department enum.
   */
  name: Name;
  port: number;
  /** Its value's description in the Department enum, e.g. "刑侦/治安 Criminal cases and …". */
  description: string;
  stats: {
    /** The Station field, e.g. caseStats, and its type (a PeriodStats subclass). */
    field: string;
    type: ClassType;
    description: string;
    /** The same field on Division: what it sums, e.g. "The division's cases … summed". */
    divisionDescription: string;
  };
  /** How its figures are counted: one statement for many stations and ranges, and none. */
  figures: {
    query: (db: DataSource) => FiguresQuery<Figures>;
    zero: () => Figures;
  };
  board: {
    /** The AssessmentBoard field, e.g. caseIndicators, and its type, e.g. CaseIndicators. */
    field: string;
    type: string;
    /** The Chinese term of both, e.g. 案件指标. */
    term: string;
    /** Whose indicators they are, e.g. "The criminal police's". */
    publisher: string;
    indicators: Indicators<Figures>;
  };
  /** Resolvers the department writes itself, e.g. rates derived from its figures. */
  resolvers?: ClassType[];
  migrations: ClassType[];
  seed: (db: DataSource, profile: DemoProfile) => Promise<void>;
}

/** A department as the assessment board sees it: what the registry gives the assessors. */
export interface BoardDepartment<Name extends string = string> {
  name: Name;
  /** Its value of the Department enum. */
  key: Uppercase<Name>;
  /** That value's description. */
  description: string;
  /** The AssessmentBoard field its indicators come in, of `type`, described with `term`. */
  field: string;
  type: ClassType<StationIndicators>;
  term: string;
  indicators: readonly IndicatorDefinition<Uppercase<Name>>[];
}

/** A department's subgraph, with what the board needs to know of it. */
export interface DepartmentSubgraph<Name extends string, Figures> extends SubgraphDefinition<
  DepartmentLoaders<Figures>
> {
  name: Name;
  board: BoardDepartment<Name>;
}

/** Type-erased for the spec's list: each kind is checked when declared with `recordKind`. */
export type AnyRecordKind = RecordKind<RecordInput>;

export function recordKind<T extends RecordInput>(kind: RecordKind<T>): AnyRecordKind {
  return kind as unknown as AnyRecordKind;
}

const INGEST_TERMS =
  `1 to ${MAX_RECORDS.toLocaleString('en')} per call, in one transaction; sending an externalId ` +
  'again updates that record. A batch with any invalid record is refused whole (BAD_USER_INPUT).';

function recordResolver(department: string, kind: AnyRecordKind): ClassType {
  @Resolver()
  class RecordResolver {
    @Authorized(Grant.department(department))
    @Mutation(() => IngestResult, {
      name: kind.mutation,
      description: `${kind.summary} ${INGEST_TERMS}`,
    })
    record(
      @Arg('input', () => [kind.input], {
        description: `${kind.plural}; externalIds unique in the batch.`,
      })
      input: RecordInput[],
      @Arg('dryRun', DRY_RUN_ARG) dryRun: boolean,
      @Ctx() { db, graph, today }: Context,
    ): Promise<IngestResult> {
      return ingestRecords(db, graph, input, kind.table, (r) => kind.check(r, today), dryRun);
    }
  }
  return RecordResolver;
}

function statsResolver<Figures>(
  station: ClassType<StationRef>,
  spec: DepartmentSpec<string, Figures>,
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
  spec: DepartmentSpec<string, Figures>,
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
        spec.figures.zero,
      );
    }
  }
  return DivisionStatsResolver;
}

function indicatorsResolver<Figures>(
  board: ClassType<BoardRef>,
  type: ClassType<StationIndicators>,
  spec: DepartmentSpec<string, Figures>,
): ClassType {
  @Resolver(() => board)
  class BoardIndicatorsResolver {
    // Every signed-in user may read a board (rankings are published to every station), and the
    // gateway fetches this field for whoever reads one.
    @Authorized()
    @Directive('@requires(fields: "stations { code }")')
    @listSize(STATIONS_IN_SCOPE)
    @FieldResolver(() => [type], {
      name: spec.board.field,
      // Null when the department cannot answer: the board then scores the others without it.
      nullable: true,
      description:
        `${spec.board.term} ${spec.board.publisher} indicators (${spec.name}.*) for every ` +
        "station of the board: only those the board's scheme uses (scored, deducted or " +
        'vetoed). Null when the department is unavailable.',
    })
    async indicators(
      @Root() root: BoardRef,
      @Ctx() { graph, loaders, today }: DepartmentContext<Figures>,
    ): Promise<StationIndicators[]> {
      const used = await schemeKeys(graph, root.schemeId);
      return boardIndicators(root, today, loaders.figures, spec.name, spec.board.indicators, used);
    }
  }
  return BoardIndicatorsResolver;
}

function boardDepartment<Name extends string, Figures>(
  spec: DepartmentSpec<Name, Figures>,
  type: ClassType<StationIndicators>,
): BoardDepartment<Name> {
  const key = spec.name.toUpperCase() as Uppercase<Name>;
  return {
    name: spec.name,
    key,
    description: spec.description,
    field: spec.board.field,
    type,
    term: spec.board.term,
    indicators: Object.entries(spec.board.indicators).map(([figure, { label, kind }]) => ({
      key: indicatorKey(spec.name, figure),
      label,
      department: key,
      kind,
    })),
  };
}

export function departmentSubgraph<Name extends string, Figures extends object>(
  spec: DepartmentSpec<Name, Figures>,
  records: readonly [AnyRecordKind, ...AnyRecordKind[]],
): DepartmentSubgraph<Name, Figures> {
  const station = stationReference();
  const board = boardReference(station);
  const division = divisionReference(station);
  const type = indicatorsType(
    spec.board.type,
    `${spec.board.term} ${spec.board.publisher} indicators for one station.`,
    Object.keys(spec.board.indicators).length,
  );
  return {
    name: spec.name,
    port: spec.port,
    board: boardDepartment(spec, type),
    resolvers: [
      statsResolver(station, spec),
      divisionStatsResolver(division, spec),
      indicatorsResolver(board, type, spec),
      ...records.map((kind) => recordResolver(spec.name, kind)),
      ...(spec.resolvers ?? []),
    ],
    // Reached only through federation (entity references), not from a root field.
    orphanedTypes: [station, board, division],
    entities: [],
    migrations: spec.migrations,
    createLoaders: (db) => ({ figures: figuresLoader(spec.figures.query(db), spec.figures.zero) }),
    seed: spec.seed,
  };
}
