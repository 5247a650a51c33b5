import type DataLoader from 'dataloader';
import { GraphQLSafeInt } from 'graphql-scalars';
import { LocalDate } from './local-date';
import {
  Arg,
  Authorized,
  Ctx,
  Directive,
  Field,
  FieldResolver,
  ID,
  Int,
  Mutation,
  ObjectType,
  Resolver,
  Root,
  type ClassType,
} from 'type-graphql';
import type { DataSource } from 'typeorm';
import { Grant } from '../../../platform/access';
import type { Problem } from '../records/batch-checks';
import type { Context } from '../service/context';
import type { DemoProfile, SubgraphDefinition } from '../service/definition';
import {
  assertRepresentation,
  boardIndicators,
  checkedBoardTypes,
  boardReference,
  divisionReference,
  indicatorsType,
  StationIndicators,
  stationReference,
  type BoardRef,
  type DivisionRef,
  type StationRef,
} from './board-contract';
import { PageInfo } from './connection';
import { divisionChildrenResolver } from './division-children';
import { historyKey, historyLoader, type LoggedChange } from '../records/record-history';
import {
  divisionStatsWithBaseline,
  PERIOD_ARG,
  statsWithBaseline,
  type WithBaseline,
} from '../figures/period-stats';
import type { IndicatorDefinition, Indicators } from '../figures/indicators';
import { catalogIndicators, catalogResolver } from './indicator-catalog';
import { departmentEntry, type DepartmentEntry } from '../service/registry';
import { authorOf } from '../records/journal';
import { checkedReason, CORRECTION_REASON_ARG, WITHDRAWAL_REASON_ARG } from '../records/reasons';
import {
  CHANGES_PER_RECORD,
  cost,
  listSize,
  STATIONS_IN_SCOPE,
  STATISTICS_WEIGHT,
} from './list-sizes';
import { parsePeriod } from '../figures/period';
import {
  indicatorListings,
  listingFigures,
  listRecords,
  MAX_RECORD_PAGE,
  type IndicatorListings,
  type ListingFigures,
  type ListedKind,
  type ListedRecord,
  type RecordPage,
} from '../records/record-listing';
import {
  HISTORY_COUNT_DESCRIPTION,
  HISTORY_DESCRIPTION,
  RecordChange,
  WithdrawResult,
  type RecordInterface,
} from '../records/record-outputs';
import { ingestRecords, MAX_RECORDS, type RecordInput } from '../records/record-inputs';
import { IngestResult } from '../records/write-results';
import { figuresQuery } from '../figures/figures-query';
import { figuresReader, type FiguresReader } from '../figures/figures-reader';
import { zeroFigures, type FiguresSource } from '../figures/figure-sources';
import { syncRollups } from '../figures/rollup';
import { schemeKeys } from './scheme-keys';
import { DRY_RUN_ARG, type UpsertTable } from '../records/upsert';
import { withdrawRecords } from '../records/withdraw';

interface DepartmentLoaders<Figures> {
  /** The department's figures per station and date range: statistics and board alike. */
  figures: FiguresReader<Figures>;
  /** Records' newest change-log entries, by historyKey: every history of a page in one statement. */
  history: DataLoader<string, LoggedChange[]>;
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
  /** The type its records are listed as, implementing the department's record interface. */
  record: ClassType;
  /** The date that places a record in a period when no indicator says which, e.g. filed_on. */
  dateColumn: string;
}

/**
 * What makes a department subgraph (cases, traffic, surveys): record kinds loaded through
 * mutations, one statistics field on Station and on Division, its indicators on the assessment
 * board and their catalog. A department declares these; the kit builds the resolvers, loaders
 * and federation references the same way for all of them. What the rest of the platform knows
 * of it (its port, enum value, label and the names of its fields) is its entry in the registry
 * of departments (departments.json), found by its name.
 */
export interface DepartmentSpec<Name extends string, Figures> {
  /** Its name in the registry: the subgraph and its folder, the role and the keys' prefix. */
  name: Name;
  stats: {
    /** The statistics type (a PeriodStats subclass) of the registry's statistics field. */
    type: ClassType;
    description: string;
    /** The same field on Division: what it sums, e.g. "The division's cases … summed". */
    divisionDescription: string;
  };
  /**
   * Where each figure comes from, as data: one statement counts them all, and the statistics,
   * the board and the record listings read them. A figure without records is 0.
   */
  figures: FiguresSource<keyof Figures & string>[];
  board: {
    /** Whose indicators they are, e.g. "The criminal police's". */
    publisher: string;
    indicators: Indicators<Figures>;
  };
  records: {
    /** The department's record interface (recordInterface), e.g. CaseRecord. */
    type: RecordInterface;
    /** What the records are, e.g. "刑事案件和矛盾纠纷 criminal cases and disputes". */
    description: string;
  };
  /** Resolvers the department writes itself, e.g. rates derived from its figures. */
  resolvers?: ClassType[];
  migrations: ClassType[];
  seed: (db: DataSource, profile: DemoProfile) => Promise<void>;
}

/** A department's spec with its registry entry: everything the kit builds it from. */
interface Declared<Name extends string, Figures> extends DepartmentSpec<Name, Figures> {
  entry: DepartmentEntry;
}

/** A department as the assessment board sees it: what the registry gives the assessors. */
export interface BoardDepartment<Name extends string = string> {
  name: Name;
  /** Its value of the Department enum. */
  key: string;
  /** That value's description. */
  description: string;
  /** The AssessmentBoard field its indicators come in, of `type`, described with `term`. */
  field: string;
  type: ClassType<StationIndicators>;
  term: string;
  indicators: readonly IndicatorDefinition[];
}

/** A department's subgraph, with what the board needs to know of it. */
export interface DepartmentSubgraph<Name extends string, Figures> extends SubgraphDefinition<
  DepartmentLoaders<Figures>
> {
  name: Name;
  board: BoardDepartment<Name>;
  /** The kinds of record it loads. */
  recordKinds: readonly AnyRecordKind[];
}

/** Type-erased for the spec's list: each kind is checked when declared with `recordKind`. */
export type AnyRecordKind = RecordKind<RecordInput>;

export function recordKind<T extends RecordInput>(kind: RecordKind<T>): AnyRecordKind {
  return kind as unknown as AnyRecordKind;
}

const INGEST_TERMS =
  `1 to ${MAX_RECORDS.toLocaleString('en')} per call, in one transaction; sending an externalId ` +
  'again updates (corrects) that record, with the reason given kept in its history. A batch ' +
  'with any invalid record is refused whole (BAD_USER_INPUT), naming every problem.';

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
      @Arg('reason', () => String, CORRECTION_REASON_ARG) reason: string | null | undefined,
      @Ctx() { db, graph, today, viewer, requestId }: Context,
    ): Promise<IngestResult> {
      const journal = {
        author: authorOf(viewerOf(viewer), department, requestId),
        reason: reason == null ? null : checkedReason(reason),
      };
      const check = (r: RecordInput) => kind.check(r, today);
      return ingestRecords(db, graph, input, kind.table, check, dryRun, journal);
    }
  }
  return RecordResolver;
}

/** The viewer of a field behind @Authorized, which has refused anonymous requests already. */
function viewerOf(viewer: Context['viewer']): NonNullable<Context['viewer']> {
  if (!viewer) throw new Error('an authorized field ran without a viewer');
  return viewer;
}

/** recordCases → withdrawCases: each record mutation has its withdrawal. */
function withdrawalOf(kind: AnyRecordKind): string {
  return kind.mutation.replace(/^record/, 'withdraw');
}

function withdrawResolver(department: string, kind: AnyRecordKind): ClassType {
  @Resolver()
  class WithdrawResolver {
    @Authorized(Grant.department(department))
    @Mutation(() => WithdrawResult, {
      name: withdrawalOf(kind),
      description:
        `撤回 Withdraws ${kind.plural.replace(/^The /, 'the ')} by externalId, with a reason: each is kept ` +
        '(listed with includeWithdrawn) but stops counting in statistics, indicators and boards, and ' +
        `the withdrawal is logged in its history. Sending it again through ${kind.mutation} ` +
        `restores it. 1 to ${MAX_RECORDS.toLocaleString('en')} ids in one transaction; an unknown ` +
        'id or a blank reason refuses the whole call (BAD_USER_INPUT).',
    })
    withdraw(
      @Arg('externalIds', () => [ID], { description: 'The records, by externalId.' })
      externalIds: string[],
      @Arg('reason', WITHDRAWAL_REASON_ARG) reason: string,
      @Arg('dryRun', DRY_RUN_ARG) dryRun: boolean,
      @Ctx() { db, viewer, requestId }: Context,
    ): Promise<WithdrawResult> {
      const author = authorOf(viewerOf(viewer), department, requestId);
      return withdrawRecords(db, kind.table.table, externalIds, reason, author, dryRun);
    }
  }
  return WithdrawResolver;
}

function historyResolver<Figures>(kind: AnyRecordKind): ClassType {
  @Resolver(() => kind.record)
  class HistoryResolver {
    @listSize(CHANGES_PER_RECORD)
    @FieldResolver(() => [RecordChange], {
      description: HISTORY_DESCRIPTION,
    })
    history(
      @Root() record: ListedRecord,
      @Ctx() { loaders }: DepartmentContext<Figures>,
    ): Promise<RecordChange[]> {
      return loaders.history.load(historyKey(record.recordTable, record.externalId));
    }

    @FieldResolver(() => Int, { description: HISTORY_COUNT_DESCRIPTION })
    async historyCount(
      @Root() record: ListedRecord,
      @Ctx() { loaders }: DepartmentContext<Figures>,
    ): Promise<number> {
      const [newest] = await loaders.history.load(
        historyKey(record.recordTable, record.externalId),
      );
      return newest?.total ?? 0;
    }
  }
  return HistoryResolver;
}

/** The department's connection of records (CaseRecordConnection) and its edge. */
function recordConnection(records: DepartmentSpec<string, unknown>['records']): ClassType {
  const name = records.type.graphqlName;
  @ObjectType(`${name}Edge`, { description: `记录分页项 One record and its cursor.` })
  class RecordEdge {
    @Field({ description: 'Opaque cursor of this record in the listing order.' })
    cursor!: string;

    @Field(() => records.type, { description: '记录 The record.' })
    node!: ListedRecord;

    @Field(() => Int, {
      nullable: true,
      description:
        '计入 With `indicator`: what this record adds to it (1 for a record counted, its deaths ' +
        'for traffic.deaths; for a rate, 1 when its numerator counts the record, else 0); 0 ' +
        'for a withdrawn record; null without `indicator`.',
    })
    counts!: number | null;
  }

  @ObjectType(`${name}Connection`, {
    description:
      `记录列表 A page of a station's ${records.description} for a period (Relay connection), ` +
      'in order of kind, date and externalId.',
  })
  class RecordConnection implements RecordPage {
    @listSize(MAX_RECORD_PAGE)
    @Field(() => [RecordEdge], { description: 'The records of this page with their cursors.' })
    edges!: RecordEdge[];

    @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, {
      description:
        '总数 The records listed, across all pages: for a count indicator its value, for a ' +
        'rate its sample (unless includeWithdrawn adds withdrawn ones).',
    })
    totalCount!: number;

    // A sum (deaths) like the statistics' own: a 53-bit integer.
    @Field(() => GraphQLSafeInt, {
      nullable: true,
      description:
        '指标合计 With `indicator`: the sum of `counts` across all pages, which is the ' +
        "figure's value (a rate's numerator); null without `indicator`.",
    })
    indicatorTotal!: number | null;

    @Field(() => LocalDate, { description: '起始日 First day of the range listed.' })
    from!: string;

    @Field(() => LocalDate, { description: '截止日 Last day of the range listed.' })
    to!: string;
  }
  return RecordConnection;
}

function recordsResolver<Figures>(
  station: ClassType<StationRef>,
  spec: Declared<string, Figures>,
  kinds: readonly ListedKind[],
  listings: IndicatorListings,
  figures: ListingFigures,
): ClassType {
  const connection = recordConnection(spec.records);
  const keys = [...listings.keys()].join(', ');
  @Resolver(() => station)
  class StationRecordsResolver {
    @Authorized(Grant.department(spec.name), Grant.assessor, Grant.ownStation)
    @listSize(MAX_RECORD_PAGE, { slicingArgument: 'first', sizedFields: ['edges'] })
    @FieldResolver(() => connection, {
      name: spec.entry.records.field,
      nullable: true,
      description:
        `记录明细 The station's ${spec.records.description} for a period, as the department ` +
        'sent them: with `indicator`, exactly the records that figure counted (the same rule ' +
        'as the statistics and the board), else every record dated in the period. Withdrawn ' +
        'records only with includeWithdrawn.',
    })
    records(
      @Root() { code }: StationRef,
      @Arg('period', PERIOD_ARG) period: string,
      @Arg('indicator', () => String, {
        nullable: true,
        description: `指标 One of ${keys}; or none for every record of the period.`,
      })
      indicator: string | null | undefined,
      @Arg('baseline', {
        defaultValue: false,
        description: '同期 List the baseline period instead (the same days a year earlier).',
      })
      baseline: boolean,
      @Arg('includeWithdrawn', {
        defaultValue: false,
        description: '含已撤回 Also list withdrawn records (they count 0).',
      })
      includeWithdrawn: boolean,
      @Arg('first', () => Int, {
        defaultValue: 100,
        description: `Page size, 1 to ${MAX_RECORD_PAGE}.`,
      })
      first: number,
      @Arg('after', () => String, {
        nullable: true,
        description: 'Cursor after which the page starts (pageInfo.endCursor of the page before).',
      })
      after: string | null | undefined,
      @Ctx() { db, today }: DepartmentContext<Figures>,
    ): Promise<RecordPage> {
      const parsed = parsePeriod(period, today);
      return listRecords(db, kinds, listings, figures, {
        stationCode: code,
        range: baseline ? parsed.baseline.range : parsed.range,
        indicator: indicator ?? null,
        includeWithdrawn,
        first,
        after: after ?? null,
      });
    }
  }
  return StationRecordsResolver;
}

function statsResolver<Figures>(
  station: ClassType<StationRef>,
  spec: Declared<string, Figures>,
): ClassType {
  @Resolver(() => station)
  class StationStatsResolver {
    @Authorized(Grant.department(spec.name), Grant.assessor, Grant.ownStation)
    @cost(STATISTICS_WEIGHT)
    @FieldResolver(() => spec.stats.type, {
      name: spec.entry.statistics.field,
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
  spec: Declared<string, Figures>,
  zero: () => Figures,
): ClassType {
  @Resolver(() => division)
  class DivisionStatsResolver {
    // A division's figures are open to those who read any station's; a station reads its own
    // only, so no division.
    @Authorized(Grant.department(spec.name), Grant.assessor)
    @Directive('@requires(fields: "stations { code }")')
    @FieldResolver(() => spec.stats.type, {
      name: spec.entry.statistics.field,
      nullable: true,
      description: spec.stats.divisionDescription,
    })
    stats(
      @Root() division: DivisionRef,
      @Arg('period', PERIOD_ARG) period: string,
      @Ctx() { loaders, today }: DepartmentContext<Figures>,
    ): Promise<WithBaseline<Figures>> {
      // Summing no stations would answer zeros as if they were the division's figures.
      assertRepresentation(division, ['stations']);
      const { stations } = division;
      return divisionStatsWithBaseline(
        loaders.figures,
        stations.map((s) => s.code),
        parsePeriod(period, today),
        zero,
      );
    }
  }
  return DivisionStatsResolver;
}

function indicatorsResolver<Figures>(
  board: ClassType<BoardRef>,
  type: ClassType<StationIndicators>,
  spec: Declared<string, Figures>,
): ClassType {
  @Resolver(() => board)
  class BoardIndicatorsResolver {
    // Every signed-in user may read a board (rankings are published to every station), and the
    // gateway fetches this field for whoever reads one.
    @Authorized()
    @Directive('@requires(fields: "stations { code }")')
    @listSize(STATIONS_IN_SCOPE)
    @FieldResolver(() => [type], {
      name: spec.entry.board.field,
      // Null when the department cannot answer: the board then scores the others without it.
      nullable: true,
      description:
        `${spec.entry.board.term} ${spec.board.publisher} indicators (${spec.name}.*) for every ` +
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
  spec: Declared<Name, Figures>,
  type: ClassType<StationIndicators>,
): BoardDepartment<Name> {
  const { entry } = spec;
  return {
    name: spec.name,
    key: entry.enum,
    description: entry.description,
    field: entry.board.field,
    type,
    term: entry.board.term,
    indicators: catalogIndicators(spec.name, spec.board.indicators).map((i) => ({
      ...i,
      department: entry.enum,
    })),
  };
}

export function departmentSubgraph<Name extends string, Figures extends object>(
  declared: DepartmentSpec<Name, Figures>,
  records: readonly [AnyRecordKind, ...AnyRecordKind[]],
): DepartmentSubgraph<Name, Figures> {
  const spec: Declared<Name, Figures> = { ...declared, entry: departmentEntry(declared.name) };
  const station = stationReference();
  const board = boardReference(station);
  const kinds = records.map((kind) => ({
    table: kind.table.table,
    type: kind.record,
    dateColumn: kind.dateColumn,
  }));
  const listings = indicatorListings(spec.name, spec.figures, spec.board.indicators, kinds);
  const zero = zeroFigures(spec.figures);
  const division = divisionReference(station);
  const type = indicatorsType(
    spec.entry.board.type,
    `${spec.entry.board.term} ${spec.board.publisher} indicators for one station.`,
    Object.keys(spec.board.indicators).length,
  );
  return {
    name: spec.name,
    port: spec.entry.port,
    // Its board fetch answers every station of the board, ~1,178 × values × 4 plain fields.
    compileEntityFetches: true,
    checkedLeafTypes: checkedBoardTypes(spec.entry.board.type),
    board: boardDepartment(spec, type),
    recordKinds: records,
    resolvers: [
      statsResolver(station, spec),
      divisionStatsResolver(division, spec, zero),
      divisionChildrenResolver(division),
      indicatorsResolver(board, type, spec),
      recordsResolver(station, spec, kinds, listings, listingFigures(spec.figures, kinds)),
      catalogResolver(spec.entry.catalog.field, spec.name, spec.board.indicators),
      ...records.flatMap((kind) => [
        recordResolver(spec.name, kind),
        withdrawResolver(spec.name, kind),
        historyResolver(kind),
      ]),
      ...(spec.resolvers ?? []),
    ],
    // Reached only through federation (entity references), not from a root field.
    orphanedTypes: [station, board, division, ...records.map((kind) => kind.record)],
    entities: [],
    migrations: spec.migrations,
    syncDerived: (db) => syncRollups(db, spec.figures),
    createLoaders: (db) => {
      const query = figuresQuery(db, spec.figures);
      return {
        figures: figuresReader(query, zero),
        history: historyLoader(db, CHANGES_PER_RECORD),
      };
    },
    seed: spec.seed,
  };
}
