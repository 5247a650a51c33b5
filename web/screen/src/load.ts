/** Each view's one request, and its answer turned into what the views draw. */
import { run } from './api';
import { describeErrors, type GraphQLErrorLike, type Problem } from './errors';
import { DEPARTMENT_OF_SUBGRAPH } from './format';
import type {
  Board,
  BoardRow,
  DeductionScore,
  Department,
  DepartmentScore,
  Grade,
  IndicatorScore,
  Pickers,
  SchemeSummary,
  StationDetail,
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

interface LiveRow {
  rank: number;
  total: number;
  grade: Grade;
  vetoed: boolean;
  vetoes: string[];
  station: { code: string; name: string; divisionCode: string };
  departments: DepartmentScore[];
  deductions: DeductionScore[];
}

interface LiveBoardAnswer {
  assessmentBoard: {
    scope: string;
    period: string;
    partial: boolean;
    scheme: SchemeSummary;
    rows: LiveRow[];
  } | null;
  divisions?: Pickers['divisions'];
  assessmentSchemes?: Pickers['schemes'];
}

interface LiveStationAnswer {
  assessmentBoard: {
    scheme: SchemeSummary;
    row: (LiveRow & { indicators: IndicatorScore[] }) | null;
  } | null;
}

function liveRow({ station, ...row }: LiveRow): BoardRow {
  return {
    ...row,
    previousRank: null,
    rankChange: null,
    code: station.code,
    name: station.name,
    divisionCode: station.divisionCode,
  };
}

/** The departments a live answer could not read (SUBGRAPH_UNAVAILABLE naming their subgraph). */
function unavailableDepartments(errors: readonly GraphQLErrorLike[]): Department[] {
  const named = errors
    .filter((e) => e.extensions?.code === 'SUBGRAPH_UNAVAILABLE')
    .map((e) => DEPARTMENT_OF_SUBGRAPH[String(e.extensions?.subgraph)])
    .filter((d): d is Department => d !== undefined);
  return [...new Set(named)];
}

/** The live preview of a board (and, on the first view, the pickers' choices): one request. */
export async function liveBoard(
  token: string,
  query: BoardQuery,
  withPickers: boolean,
): Promise<Loaded<Board> & { pickers: Pickers | null }> {
  const answer = await run<LiveBoardAnswer>(token, 'ScreenLiveBoard', {
    scope: query.scope,
    period: query.period,
    schemeId: query.schemeId || null,
    withPickers,
  });
  const found = answer.data?.assessmentBoard ?? null;
  const pickers =
    answer.data?.divisions && answer.data.assessmentSchemes
      ? { divisions: answer.data.divisions, schemes: answer.data.assessmentSchemes }
      : null;
  return {
    pickers,
    problems: describeErrors(answer.errors, found !== null),
    value: found && {
      mode: 'live',
      scope: found.scope,
      period: found.period,
      scheme: found.scheme,
      partial: found.partial,
      publication: null,
      rows: found.rows.map(liveRow),
      unavailable: unavailableDepartments(answer.errors),
    },
  };
}

/** One station of the live preview with every indicator: one request. */
export async function liveStation(
  token: string,
  query: BoardQuery,
  stationCode: string,
): Promise<Loaded<StationDetail>> {
  const answer = await run<LiveStationAnswer>(token, 'ScreenLiveStation', {
    scope: query.scope,
    period: query.period,
    schemeId: query.schemeId || null,
    stationCode,
  });
  const board = answer.data?.assessmentBoard ?? null;
  const row = board?.row ?? null;
  return {
    problems: describeErrors(answer.errors, row !== null),
    value:
      board && row
        ? {
            scheme: board.scheme,
            history: null,
            row: { ...liveRow(row), indicators: row.indicators },
          }
        : null,
  };
}
