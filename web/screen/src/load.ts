/** Each view's one request, and its answer turned into what the views draw. */
import { run } from './api';
import { UNPUBLISHED, describeErrors, type GraphQLErrorLike, type Problem } from './errors';
import { scopeLevels } from './divisions';
import type {
  ScreenLiveBoardQuery,
  ScreenOfficialBoardQuery,
  ScreenPickersFragment,
  ScreenPublishedPeriodsFragment,
} from './generated/operations';
import type {
  Board,
  BoardRow,
  Department,
  DepartmentInfo,
  HistoryPoint,
  IndicatorScore,
  Pickers,
  PublishedRow,
  SchemeSummary,
  StationDetail,
  VetoCount,
} from './types';

export interface Loaded<T> {
  value: T | null;
  problems: Problem[];
}

export interface BoardQuery {
  scope: string;
  period: string;
  /** Empty: the newest published scheme. */
  schemeId: string;
}

/** A row of the live preview, as ScreenLiveBoard and ScreenLiveStation answer it. */
type LiveRow = ScreenLiveBoardQuery['assessmentBoard']['rows'][number];

/** A published row: its name and county as they were when published. */
function publishedRow({ station, stationName, ...row }: PublishedRow): BoardRow {
  return { ...row, code: station.code, name: stationName, cityRank: null };
}

/**
 * A county's rows of its city's board, ranked within the county (competition ranking, as the
 * board's: one more than the county's stations ranked above on the city's board), each with
 * its city rank beside.
 */
function countyRows(rows: readonly BoardRow[]): BoardRow[] {
  return rows.map((row) => ({
    ...row,
    rank: 1 + rows.filter((other) => other.rank < row.rank).length,
    cityRank: row.rank,
  }));
}

function pickersOf(answer: Partial<ScreenPickersFragment> | null): Pickers | null {
  return answer?.divisions && answer.assessmentSchemes
    ? { divisions: answer.divisions, schemes: answer.assessmentSchemes }
    : null;
}

export interface BoardAnswer extends Loaded<Board> {
  pickers: Pickers | null;
  /** Official only: the periods published for the scope (for a county, its city's too). */
  published: string[] | null;
}

function periodsOf(...lists: (ScreenPublishedPeriodsFragment | undefined)[]): string[] {
  return [...new Set(lists.flatMap((list) => list?.edges.map((e) => e.node.period) ?? []))];
}

function liveRow({ station, ...row }: LiveRow): BoardRow {
  return {
    ...row,
    previousRank: null,
    rankChange: null,
    cityRank: null,
    code: station.code,
    name: station.name,
    divisionCode: station.divisionCode,
  };
}

/** The departments a live answer could not read (SUBGRAPH_UNAVAILABLE naming their subgraph). */
function unavailableDepartments(
  errors: readonly GraphQLErrorLike[],
  departments: readonly DepartmentInfo[],
): Department[] {
  const named = errors
    .filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')
    .map((e) => departments.find((d) => d.name === e.extensions?.subgraph)?.department)
    .filter((d): d is Department => d !== undefined);
  return [...new Set(named)];
}

/** The live preview of a board (and, on the first view, the pickers' choices): one request. */
export async function liveBoard(
  token: string,
  query: BoardQuery,
  withPickers: boolean,
): Promise<BoardAnswer> {
  const answer = await run(token, 'ScreenLiveBoard', {
    scope: query.scope,
    period: query.period,
    schemeId: query.schemeId || null,
    withPickers,
  });
  const found = answer.data?.assessmentBoard ?? null;
  const departments = answer.data?.departments ?? [];
  return {
    pickers: pickersOf(answer.data),
    published: null,
    problems: describeErrors(answer.errors, found !== null, departments),
    value: found && {
      mode: 'live',
      scope: found.scope,
      period: found.period,
      scheme: found.scheme,
      partial: found.partial,
      publication: null,
      comparedWith: null,
      city: null,
      rows: found.rows.map(liveRow),
      unavailable: unavailableDepartments(answer.errors, departments),
      departments,
    },
  };
}

/** A drill-down from its answer, live or published alike: the row with every indicator. */
function stationDetail<Row>(
  board: Board,
  errors: readonly GraphQLErrorLike[],
  found: {
    scheme: SchemeSummary;
    row: (Row & { indicators: IndicatorScore[]; vetoCounts: VetoCount[] }) | null;
  } | null,
  history: HistoryPoint[] | null,
  toRow: (row: Row) => BoardRow,
): Loaded<StationDetail> {
  const row = found?.row ?? null;
  return {
    problems: describeErrors(errors, row !== null, board.departments),
    value:
      found && row
        ? {
            scheme: found.scheme,
            history,
            row: { ...toRow(row), indicators: row.indicators, vetoCounts: row.vetoCounts },
          }
        : null,
  };
}

/** One station of the live preview with every indicator: one request. */
export async function liveStation(
  token: string,
  board: Board,
  query: BoardQuery,
  stationCode: string,
): Promise<Loaded<StationDetail>> {
  const answer = await run(token, 'ScreenLiveStation', {
    scope: query.scope,
    period: query.period,
    schemeId: query.schemeId || null,
    stationCode,
    schemeName: board.scheme.name,
  });
  return stationDetail(
    board,
    answer.errors,
    answer.data?.assessmentBoard ?? null,
    answer.data?.station?.assessmentHistory ?? null,
    liveRow,
  );
}

type FoundBoard = NonNullable<ScreenOfficialBoardQuery['publishedBoard']>;

/**
 * The official result: the newest revision of the published board, or the one asked for (and,
 * on the first view, the pickers' choices), one request. A county without a board of its own is
 * read from its city's published board. Never published: no board, and the notice that says so.
 */
export async function officialBoard(
  token: string,
  query: BoardQuery,
  withPickers: boolean,
  /** An earlier revision to read; null: the newest. */
  revision: number | null = null,
): Promise<BoardAnswer> {
  const { city, county } = scopeLevels(query.scope);
  const answer = await run(token, 'ScreenOfficialBoard', {
    scope: query.scope,
    period: query.period,
    schemeId: query.schemeId || null,
    revision,
    withPickers,
    city: city || query.scope,
    county: county !== '',
  });
  const own = answer.data?.publishedBoard ?? null;
  const ofCity = own ? null : (answer.data?.cityBoard ?? null);
  const found: FoundBoard | null = own ?? ofCity;
  const departments = answer.data?.departments ?? [];
  const unpublished = answer.data !== null && found === null && answer.errors.length === 0;
  const rows = found?.rows.edges.map(({ node }) => publishedRow(node)) ?? [];
  return {
    pickers: pickersOf(answer.data),
    published: answer.data ? periodsOf(answer.data.publishedBoards, answer.data.cityBoards) : null,
    problems: unpublished
      ? [UNPUBLISHED]
      : describeErrors(answer.errors, found !== null, departments),
    value: found && {
      mode: 'official',
      scope: query.scope,
      period: found.period,
      scheme: found.scheme,
      partial: false,
      publication: {
        revision: found.revision,
        publishedAt: found.publishedAt,
        publisherName: found.publisherName,
        reason: found.reason,
        revisions: found.revisions,
      },
      comparedWith: found.comparedWith,
      city: ofCity ? ofCity.scope : null,
      rows: ofCity ? countyRows(rows) : rows,
      unavailable: [],
      departments,
    },
  };
}

/** One station of the revision on screen, with every indicator and its history: one request. */
export async function officialStation(
  token: string,
  board: Board,
  query: BoardQuery,
  stationCode: string,
): Promise<Loaded<StationDetail>> {
  const answer = await run(token, 'ScreenOfficialStation', {
    // A county's view of its city's board: the station is on the city's.
    scope: board.city ?? query.scope,
    period: query.period,
    schemeId: query.schemeId || null,
    revision: board.publication?.revision ?? 1,
    stationCode,
    schemeName: board.scheme.name,
  });
  return stationDetail(
    board,
    answer.errors,
    answer.data?.publishedBoard ?? null,
    answer.data?.station?.assessmentHistory ?? null,
    publishedRow,
  );
}
