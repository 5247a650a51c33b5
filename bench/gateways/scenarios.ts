import { Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import { readManifest, type OperationManifest } from '../../platform/operations';

/** A station of the profile as the bench needs it: its code and its county. */
export interface ProfileStation {
  code: string;
  divisionCode: string;
}

/** One request shape the bench loads both gateways with. */
export interface Scenario {
  /** What `--scenario` picks it by. */
  id: string;
  name: string;
  /** Why it cannot run yet (its operation not on main), or undefined. */
  skipped?: string;
  /** The role of the bearer token it is sent with. */
  role: string;
  /** The listed operation's exact text: the gateway's safelist runs nothing else. */
  operation: string;
  /** A request's variables; new records on every call when `fresh`. */
  variables(): Record<string, unknown>;
  fresh: boolean;
  /** Records written per request (ingestion), for records/s. */
  recordsPerRequest?: number;
  /** A problem with an answer that has data and no errors, or null when it is right. */
  check(data: Record<string, unknown>): string | null;
  /** Headers sent with each request besides the token. */
  headers?: Record<string, string>;
  /** Requests sent once before the scenario is measured (e.g. publishing what it reads). */
  prepare?: PrepareStep[];
}

/** A request `npm run bench` sends once, through our gateway, before measuring. */
export interface PrepareStep {
  role: string;
  operation: string;
  variables: Record<string, unknown>;
}

/** A finished quarter of the profile's second year, scored against its baseline (2018-Q2). */
export const PERIOD = '2019-Q2';
/** 诸暨市公安局枫桥派出所, in 诸暨市 (330681) of 绍兴 (330600). */
export const DRILL_DOWN_STATION = '330681500001';
const DRILL_DOWN_CITY = '330600';
const INGEST_BATCH = 1000;
/** Ingested records' ids start with this, so a run can remove what it wrote. */
export const INGEST_PREFIX = 'BENCH-';

export type Listed = OperationManifest['operations'][number] & { node: OperationDefinitionNode };

/** The operations the screens and department systems send: schema/operations.json. */
export function listedOperations(): Listed[] {
  const manifest = readManifest();
  return manifest.operations.map((op) => ({
    ...op,
    node: parse(op.body).definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    ) as OperationDefinitionNode,
  }));
}

/**
 * Why a listed operation cannot run with `variables` on this supergraph (missing, invalid on
 * the schema, or needing a variable the bench does not give), or null when it can.
 */
export function unusable(
  schema: GraphQLSchema,
  op: Listed | undefined,
  wanted: string,
  variables: Record<string, unknown>,
): string | null {
  if (!op) return `no ${wanted} in schema/operations.json yet`;
  const [invalid] = validate(schema, parse(op.body));
  if (invalid) return `${op.name}: ${invalid.message}`;
  const missing = missingVariables(op.node, variables);
  return missing.length > 0 ? `${op.name} needs $${missing.join(', $')}` : null;
}

/** The names of the variables `operation` requires (non-null, no default) that `variables` lacks. */
export function missingVariables(
  operation: OperationDefinitionNode,
  variables: Record<string, unknown>,
): string[] {
  return (operation.variableDefinitions ?? [])
    .filter(
      (v) =>
        v.type.kind === Kind.NON_NULL_TYPE &&
        !v.defaultValue &&
        !(v.variable.name.value in variables),
    )
    .map((v) => v.variable.name.value);
}

/**
 * A fresh answer: our gateway's response cache is bypassed, so the subgraphs' read is measured
 * (the peer keeps no cache: it runs every request anyway).
 */
const UNCACHED = { 'cache-control': 'no-cache' };

/**
 * A screen's read: a listed operation sent as the assessor with the same variables each time,
 * uncached (see `repeated` for the same read answered by the response cache).
 */
function read(
  schema: GraphQLSchema,
  listed: readonly Listed[],
  spec: Pick<Scenario, 'id' | 'name' | 'check'> & {
    operation: string;
    variables: Record<string, unknown>;
  },
): Scenario {
  const op = listed.find((o) => o.name === spec.operation);
  const skipped = unusable(schema, op, spec.operation, spec.variables);
  return {
    id: spec.id,
    name: spec.name,
    ...(skipped ? { skipped } : {}),
    role: 'assessor',
    operation: op?.body ?? '',
    variables: () => spec.variables,
    fresh: false,
    headers: UNCACHED,
    check: spec.check,
  };
}

/**
 * The same read as a screen sends it again while nothing changed: no `Cache-Control`, so our
 * gateway answers from its response cache after checking the subgraphs' data versions.
 */
function repeated({ headers: _uncached, ...read }: Scenario): Scenario {
  return { ...read, id: `${read.id}-repeated`, name: `${read.name}, repeated` };
}

export function inScope(scope: string, station: ProfileStation): boolean {
  const prefix = scope.endsWith('0000') ? scope.slice(0, 2) : scope.slice(0, 4);
  return station.divisionCode.startsWith(prefix);
}

/** The board screen: every station of a scope scored, ranked and graded (AssessmentBoardScreen). */
function board(
  schema: GraphQLSchema,
  listed: readonly Listed[],
  id: string,
  [scope, place]: [string, string],
  stations: readonly ProfileStation[],
): Scenario {
  const expected = stations.filter((s) => inScope(scope, s)).length;
  return read(schema, listed, {
    id,
    name: `board ${place} ${scope}`,
    operation: 'AssessmentBoardScreen',
    variables: { scope, period: PERIOD },
    check(data) {
      const rows = (data.assessmentBoard as { rows?: unknown[] } | null)?.rows?.length;
      return rows === expected ? null : `${rows ?? 'no'} rows for ${expected} stations`;
    },
  });
}

/** The city's report: a division's figures and each of its children's (DivisionReport). */
function report(
  schema: GraphQLSchema,
  listed: readonly Listed[],
  id: string,
  [code, place]: [string, string],
): Scenario {
  return read(schema, listed, {
    id,
    name: `report ${place} ${code}`,
    operation: 'DivisionReport',
    variables: { code, period: PERIOD },
    check(data) {
      const division = data.division as { code?: string; caseStats?: unknown } | null;
      return division?.code === code && division.caseStats ? null : `no figures for ${code}`;
    },
  });
}

/**
 * The drill-down's other request: the station's own line of its city's board (its rank there
 * needs the whole board scored), AssessmentBoardRow.
 */
function boardRow(schema: GraphQLSchema, listed: readonly Listed[]): Scenario {
  return read(schema, listed, {
    id: 'board-row',
    name: `board row ${DRILL_DOWN_STATION} in ${DRILL_DOWN_CITY}`,
    operation: 'AssessmentBoardRow',
    variables: { scope: DRILL_DOWN_CITY, period: PERIOD, stationCode: DRILL_DOWN_STATION },
    check(data) {
      const row = (data.assessmentBoard as { row?: { station?: { code?: string } } } | null)?.row;
      return row?.station?.code === DRILL_DOWN_STATION ? null : 'no row for the station';
    },
  });
}

/**
 * From a board row to the records behind one of its figures (CaseIndicatorRecords): the
 * drill-down station's cases solved in the period, each with its history.
 */
function indicatorRecords(schema: GraphQLSchema, listed: readonly Listed[]): Scenario {
  return read(schema, listed, {
    id: 'indicator-records',
    name: `records of cases.criminalSolved ${DRILL_DOWN_STATION}`,
    operation: 'CaseIndicatorRecords',
    variables: { code: DRILL_DOWN_STATION, period: PERIOD, indicator: 'cases.criminalSolved' },
    check(data) {
      const station = data.station as { code?: string; caseRecords?: unknown } | null;
      return station?.code === DRILL_DOWN_STATION && station.caseRecords
        ? null
        : 'no records of the station';
    },
  });
}

/** The drill-down screen: one station's registry entry and every department's statistics. */
function drillDown(schema: GraphQLSchema, listed: readonly Listed[]): Scenario {
  return read(schema, listed, {
    id: 'drill-down',
    name: `drill-down ${DRILL_DOWN_STATION}`,
    operation: 'StationDrillDown',
    variables: { code: DRILL_DOWN_STATION, period: PERIOD },
    check(data) {
      const code = (data.station as { code?: string } | null)?.code;
      return code === DRILL_DOWN_STATION ? null : `station ${code ?? 'missing'}`;
    },
  });
}

const CATEGORIES = ['PROPERTY', 'TWO_VEHICLE_THEFT', 'TELECOM_FRAUD', 'OTHER', 'PROPERTY'];

/**
 * The criminal police's batch import through the gateway (LoadCases, as `npm run import`
 * sends it): 1,000 new cases a request, spread over the province's stations, each id new to
 * the run. They are dated 2017, before the profile's two years, so no period read counts them.
 */
function ingestion(
  schema: GraphQLSchema,
  listed: readonly Listed[],
  stations: readonly ProfileStation[],
  runId: string,
): Scenario {
  const op = listed.find((o) => o.name === 'LoadCases');
  let next = 0;
  const record = () => {
    const n = next++;
    const filedOn = `2017-${String(1 + (n % 12)).padStart(2, '0')}-${String(1 + (n % 28)).padStart(2, '0')}`;
    return {
      externalId: `${INGEST_PREFIX}${runId}-${n}`,
      stationCode: stations[n % stations.length]?.code,
      category: CATEGORIES[n % CATEGORIES.length],
      filedOn,
      solvedOn: n % 3 === 0 ? filedOn : null,
    };
  };
  const variables = () => ({ input: Array.from({ length: INGEST_BATCH }, record), dryRun: false });
  const skipped = unusable(schema, op, 'LoadCases', { input: [] });
  return {
    id: 'ingestion',
    name: 'ingestion, 1,000 cases a batch',
    ...(skipped ? { skipped } : {}),
    role: 'department:cases',
    operation: op?.body ?? '',
    variables,
    fresh: true,
    recordsPerRequest: INGEST_BATCH,
    check(data) {
      const inserted = (data.recordCases as { inserted?: number } | null)?.inserted;
      return inserted === INGEST_BATCH ? null : `inserted ${inserted ?? 'nothing'}`;
    },
  };
}

export const CITY = '330600';
export const PROVINCE = '330000';

interface PublishedBoardAnswer {
  totalCount?: number;
  summary?: { stations?: number };
  rows?: { edges?: { node?: { indicators?: unknown[] } }[] };
}

/** What a published-board scenario reads, and what its answer must hold. */
interface PublishedRead {
  id: string;
  name: string;
  operation: string;
  scope: string;
  variables?: Record<string, unknown>;
  cached?: boolean;
  /** Rows expected of a board of `stations` stations. */
  rows: (stations: number) => number;
  /** A further problem with the board, or null. */
  also?: (board: PublishedBoardAnswer, stations: number) => string | null;
}

/**
 * Publishing `scope`'s board for PERIOD before the run reads it, with a reason on every
 * publication: the bench database keeps the boards of earlier runs.
 */
export function publishStep(
  publish: Listed | undefined,
  scope: string,
  runId: string,
): PrepareStep {
  return {
    role: 'assessor',
    operation: publish?.body ?? '',
    variables: { scope, period: PERIOD, reason: `npm run bench ${runId}` },
  };
}

/**
 * A screen reading a published board (绍兴's or the province's for PERIOD, published again by
 * the run before it is measured): uncached, so each request is the assessment subgraph's read,
 * unless `cached`, the repeated read the gateway answers from memory.
 */
function publishedRead(
  schema: GraphQLSchema,
  listed: readonly Listed[],
  read: PublishedRead,
  stations: readonly ProfileStation[],
  runId: string,
): Scenario {
  const op = listed.find((o) => o.name === read.operation);
  const publish = listed.find((o) => o.name === 'PublishAssessmentBoard');
  const variables = { scope: read.scope, period: PERIOD, ...read.variables };
  const skipped =
    unusable(schema, op, read.operation, variables) ??
    unusable(schema, publish, 'PublishAssessmentBoard', { scope: read.scope, period: PERIOD });
  const expected = stations.filter((s) => inScope(read.scope, s)).length;
  return {
    id: read.id,
    name: read.name,
    ...(skipped ? { skipped } : {}),
    role: 'assessor',
    operation: op?.body ?? '',
    variables: () => variables,
    fresh: false,
    ...(read.cached ? {} : { headers: UNCACHED }),
    prepare: [publishStep(publish, read.scope, runId)],
    check(data) {
      const board = data.publishedBoard as PublishedBoardAnswer | null;
      if (!board) return 'no published board';
      if (board.totalCount !== expected) return `${board.totalCount} stations for ${expected}`;
      const rows = board.rows?.edges?.length;
      if (rows !== read.rows(expected)) return `${rows ?? 'no'} rows for ${read.rows(expected)}`;
      return read.also?.(board, expected) ?? null;
    },
  };
}

/** Publishing the province board: the live board read through the gateway, checked and stored. */
function publishing(
  schema: GraphQLSchema,
  listed: readonly Listed[],
  stations: readonly ProfileStation[],
  runId: string,
): Scenario {
  const op = listed.find((o) => o.name === 'PublishAssessmentBoard');
  let next = 0;
  const variables = () => ({
    scope: PROVINCE,
    period: PERIOD,
    reason: `npm run bench ${runId} #${(next += 1)}`,
  });
  const skipped = unusable(schema, op, 'PublishAssessmentBoard', variables());
  return {
    id: 'publish-province',
    name: 'publishing the province board',
    ...(skipped ? { skipped } : {}),
    role: 'assessor',
    operation: op?.body ?? '',
    variables,
    // Each request stores a new revision (with its own reason): answers differ by design.
    fresh: true,
    check(data) {
      const count = (data.publishAssessmentBoard as { totalCount?: number } | null)?.totalCount;
      return count === stations.length ? null : `${count ?? 'no'} stations published`;
    },
  };
}

function publishedScenarios(
  schema: GraphQLSchema,
  listed: readonly Listed[],
  stations: readonly ProfileStation[],
  runId: string,
): Scenario[] {
  const all = (n: number) => n;
  const reads: PublishedRead[] = [
    {
      id: 'published-city',
      name: 'published board 绍兴, ranking view',
      operation: 'PublishedBoardRanking',
      scope: CITY,
      rows: all,
    },
    {
      id: 'published-city-export',
      name: 'published board 绍兴, export with every indicator',
      operation: 'PublishedBoardExport',
      scope: CITY,
      rows: all,
      also: (board) =>
        board.rows?.edges?.[0]?.node?.indicators?.length ? null : 'no indicators exported',
    },
    {
      id: 'published-province-page',
      name: 'published board province, first 50 rows and summary',
      operation: 'PublishedBoardPage',
      scope: PROVINCE,
      variables: { first: 50 },
      rows: (n) => Math.min(50, n),
      also: (board, n) =>
        board.summary?.stations === n ? null : `summary of ${board.summary?.stations} stations`,
    },
    {
      id: 'published-province',
      name: 'published board province, ranking view of every row',
      operation: 'PublishedBoardRanking',
      scope: PROVINCE,
      rows: all,
    },
    {
      id: 'published-cached',
      name: 'published board 绍兴, ranking view, repeated (response cache)',
      operation: 'PublishedBoardRanking',
      scope: CITY,
      cached: true,
      rows: all,
    },
  ];
  return [
    ...reads.map((read) => publishedRead(schema, listed, read, stations, runId)),
    publishing(schema, listed, stations, runId),
  ];
}

/**
 * Every scenario, in the order they run (reads first, the writes last), each with the listed
 * operation its screen or department system sends: what the bench measures is what runs.
 */
export function scenarios(
  schema: GraphQLSchema,
  stations: readonly ProfileStation[],
  runId: string,
): Scenario[] {
  const listed = listedOperations();
  const cityBoard = board(schema, listed, 'board-city', ['330600', '绍兴'], stations);
  const provinceBoard = board(schema, listed, 'board-province', ['330000', 'province'], stations);
  const cityReport = report(schema, listed, 'report-city', ['330600', '绍兴']);
  return [
    drillDown(schema, listed),
    boardRow(schema, listed),
    indicatorRecords(schema, listed),
    cityBoard,
    repeated(cityBoard),
    provinceBoard,
    repeated(provinceBoard),
    cityReport,
    repeated(cityReport),
    report(schema, listed, 'report-province', ['330000', 'province']),
    ...publishedScenarios(schema, listed, stations, runId),
    ingestion(schema, listed, stations, runId),
  ];
}
