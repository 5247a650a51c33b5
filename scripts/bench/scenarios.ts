import { isObjectType, type GraphQLSchema } from 'graphql';
import { leafFields, invalidOn, statsSelections } from './selections';

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
  /** Why it cannot run on this supergraph yet (a field not on main), or undefined. */
  skipped?: string;
  /** What the operation leaves out for now, and why. */
  note?: string;
  /** The role of the bearer token it is sent with. */
  role: string;
  operation: string;
  /** A request's variables; new records on every call when `fresh`. */
  variables(): Record<string, unknown>;
  fresh: boolean;
  /** Records written per request (ingestion), for records/s. */
  recordsPerRequest?: number;
  /** A problem with an answer that has data and no errors, or null when it is right. */
  check(data: Record<string, unknown>): string | null;
}

/** A finished quarter of the profile's second year, scored against its baseline (2018-Q2). */
export const PERIOD = '2019-Q2';
/** 诸暨市公安局枫桥派出所, in 诸暨市 (330681). */
export const DRILL_DOWN_STATION = '330681500001';
export const INGEST_BATCH = 1000;
/** Ingested records' ids start with this, so a run can remove what it wrote. */
export const INGEST_PREFIX = 'BENCH-';

const BOARD_ROWS = `rows {
      rank total grade vetoed vetoes
      station { code name }
      departments { department score max }
      indicators { key current baseline change points max note }
      deductions { key count points }
    }`;

/** The board screen's one request (issue 4's AssessmentBoard). */
const BOARD = `query Board($scope: ID!, $period: String!) {
  assessmentBoard(scope: $scope, period: $period) {
    scope period partial
    ${BOARD_ROWS}
  }
}`;

function inScope(scope: string, station: ProfileStation): boolean {
  const prefix = scope.endsWith('0000') ? scope.slice(0, 2) : scope.slice(0, 4);
  return station.divisionCode.startsWith(prefix);
}

function board(
  schema: GraphQLSchema,
  id: string,
  name: string,
  scope: string,
  stations: readonly ProfileStation[],
): Scenario {
  const expected = stations.filter((s) => inScope(scope, s)).length;
  const invalid = invalidOn(schema, BOARD);
  return {
    id,
    name,
    ...(invalid ? { skipped: `waits for assessmentBoard on main (${invalid})` } : {}),
    role: 'assessor',
    operation: BOARD,
    variables: () => ({ scope, period: PERIOD }),
    fresh: false,
    check(data) {
      const rows = (data.assessmentBoard as { rows?: unknown[] } | null)?.rows?.length;
      return rows === expected ? null : `${rows ?? 'no'} rows for ${expected} stations`;
    },
  };
}

/**
 * One station's screen: its registry fields, every department's statistics for the quarter
 * with baselines, and its row on its county's board once the board exists.
 */
function drillDown(schema: GraphQLSchema, stations: readonly ProfileStation[]): Scenario {
  const station = schema.getType('Station');
  const registry = isObjectType(station) ? leafFields(station).join(' ') : 'code';
  const county = stations.find((s) => s.code === DRILL_DOWN_STATION)?.divisionCode ?? '';
  const stationPart = `station(code: $code) {
    ${registry}
    division { code name }
    ${statsSelections(schema).join('\n    ')}
  }`;
  const boardPart = `assessmentBoard(scope: $county, period: $period) {
    row(stationCode: $code) { rank total grade vetoed departments { department score max } }
  }`;
  const withBoard = `query DrillDown($code: ID!, $county: ID!, $period: String!) {
  ${stationPart}
  ${boardPart}
}`;
  const boardMissing = invalidOn(schema, withBoard);
  const operation = boardMissing
    ? `query DrillDown($code: ID!, $period: String!) {\n  ${stationPart}\n}`
    : withBoard;
  return {
    id: 'drill-down',
    name: 'drill-down 330681500001',
    ...(boardMissing ? { note: `no board row yet (${boardMissing})` } : {}),
    role: 'assessor',
    operation,
    variables: () => ({
      code: DRILL_DOWN_STATION,
      period: PERIOD,
      ...(boardMissing ? {} : { county }),
    }),
    fresh: false,
    check(data) {
      const code = (data.station as { code?: string } | null)?.code;
      return code === DRILL_DOWN_STATION ? null : `station ${code ?? 'missing'}`;
    },
  };
}

const INGEST = `mutation Ingest($input: [CaseInput!]!) {
  recordCases(input: $input, dryRun: false) { inserted updated unchanged }
}`;
const CATEGORIES = ['PROPERTY', 'TWO_VEHICLE_THEFT', 'TELECOM_FRAUD', 'OTHER', 'PROPERTY'];

/**
 * A department's batch import through the gateway: 1,000 new criminal cases a request, spread
 * over the province's stations, each id new to the run. They are dated 2017, before the
 * profile's two years, so no period the bench reads counts them.
 */
function ingestion(
  schema: GraphQLSchema,
  stations: readonly ProfileStation[],
  runId: string,
): Scenario {
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
  const invalid = invalidOn(schema, INGEST);
  return {
    id: 'ingestion',
    name: 'ingestion, 1,000 cases a batch',
    ...(invalid ? { skipped: invalid } : {}),
    role: 'department:cases',
    operation: INGEST,
    variables: () => ({ input: Array.from({ length: INGEST_BATCH }, record) }),
    fresh: true,
    recordsPerRequest: INGEST_BATCH,
    check(data) {
      const inserted = (data.recordCases as { inserted?: number } | null)?.inserted;
      return inserted === INGEST_BATCH ? null : `inserted ${inserted ?? 'nothing'}`;
    },
  };
}

/** Every scenario, in the order they run: reads first, the writes last. */
export function scenarios(
  schema: GraphQLSchema,
  stations: readonly ProfileStation[],
  runId: string,
): Scenario[] {
  return [
    drillDown(schema, stations),
    board(schema, 'board-city', 'board 绍兴 330600', '330600', stations),
    board(schema, 'board-province', 'board province 330000', '330000', stations),
    ingestion(schema, stations, runId),
  ];
}
