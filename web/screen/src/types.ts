/**
 * What the screen's views draw. The answers' own shapes are generated from the schema and the
 * screen's operations (generated/operations.ts, `npm run schema`); these are built from them.
 */
import type {
  Department,
  Grade,
  ScreenDepartmentsFragment,
  ScreenHistoryFragment,
  ScreenIndicatorFieldsFragment,
  ScreenOfficialBoardQuery,
  ScreenPickersFragment,
  ScreenPublishedRowFieldsFragment,
  ScreenSchemeFieldsFragment,
  ScreenVetoFieldsFragment,
} from './generated/operations';

export type { Department, Grade };
/** A department of the registry as the answers describe it: its enum value, subgraph and label. */
export type DepartmentInfo = ScreenDepartmentsFragment['departments'][number];
export type Mode = 'official' | 'live';

export type IndicatorScore = ScreenIndicatorFieldsFragment;
export type SchemeSummary = ScreenSchemeFieldsFragment;
export type HistoryPoint = ScreenHistoryFragment['assessmentHistory'][number];
export type PublishedRow = ScreenPublishedRowFieldsFragment;

/**
 * One line of a board, live or published, as the table shows it: a published row's fields with
 * the station's code and name. `previousRank` (the rank on the previous period's board) and
 * `rankChange` (previousRank − rank, positive: moved up) are null on the live preview.
 */
export interface BoardRow extends Omit<PublishedRow, 'station' | 'stationName'> {
  code: string;
  name: string;
  /** A county's view read from its city's board: the row's rank on the city's board. */
  cityRank: number | null;
}

/** What a publication adds to a board: which revision, when, by whom, why, and every revision. */
type Publication = Pick<
  NonNullable<ScreenOfficialBoardQuery['publishedBoard']>,
  'revision' | 'publishedAt' | 'publisherName' | 'reason' | 'revisions'
>;

export interface Board {
  mode: Mode;
  scope: string;
  period: string;
  scheme: SchemeSummary;
  /** Live only: the period has not ended, so the figures run up to today. */
  partial: boolean;
  /** Official only. */
  publication: Publication | null;
  /**
   * Official only: the period whose board the rank changes compare with; null when it was never
   * published (no change is known, none is new).
   */
  comparedWith: string | null;
  /** A county's official view from its city's board: the city; null otherwise. */
  city: string | null;
  rows: BoardRow[];
  /** Departments whose figures the live preview could not read: their scores are unavailable. */
  unavailable: Department[];
  /** Every department of the registry: the labels of the board's columns. */
  departments: DepartmentInfo[];
}

/** A division and those below it, however deep the answer went. */
export interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

export interface Pickers {
  divisions: DivisionNode[];
  schemes: ScreenPickersFragment['assessmentSchemes'];
}

/** A veto of the scheme with its count for one station (none on older published boards). */
export type VetoCount = ScreenVetoFieldsFragment;

export interface StationDetail {
  row: BoardRow & { indicators: IndicatorScore[]; vetoCounts: VetoCount[] };
  scheme: SchemeSummary;
  history: HistoryPoint[] | null;
}
