/** The shapes the screen's operations (schema/operations/screen.graphql) answer with. */

export type Grade = 'EXCELLENT' | 'GOOD' | 'PASS' | 'FAIL';
export type Department = 'CASES' | 'TRAFFIC' | 'SURVEYS';
export type Mode = 'official' | 'live';

export interface DepartmentScore {
  department: Department;
  score: number;
  max: number;
}

export interface DeductionScore {
  key: string;
  label: string;
  count: number;
  points: number;
  note: string | null;
}

export interface IndicatorScore {
  key: string;
  label: string;
  department: Department;
  method: 'YOY' | 'RATE';
  current: number | null;
  baseline: number | null;
  change: number | null;
  points: number;
  max: number;
  note: string | null;
}

/** One line of a board, live or published, as the table shows it. */
export interface BoardRow {
  rank: number;
  /** Published boards only: the rank on the previous period's board; null when not on it. */
  previousRank: number | null;
  /** Published boards only: previousRank − rank (positive: moved up). */
  rankChange: number | null;
  code: string;
  name: string;
  divisionCode: string;
  total: number;
  grade: Grade;
  vetoed: boolean;
  vetoes: string[];
  departments: DepartmentScore[];
  deductions: DeductionScore[];
}

export interface SchemeSummary {
  id: string;
  name: string;
  title: string;
  vetoes: { key: string; label: string }[];
}

/** What a publication adds to a board: which revision, when, why. */
interface Publication {
  revision: number;
  publishedAt: string;
  publishedBy: string;
  reason: string | null;
}

export interface Board {
  mode: Mode;
  scope: string;
  period: string;
  scheme: SchemeSummary;
  /** Live only: the period has not ended, so the figures run up to today. */
  partial: boolean;
  /** Official only. */
  publication: Publication | null;
  rows: BoardRow[];
  /** Departments whose figures the live preview could not read: their scores are unavailable. */
  unavailable: Department[];
}

export interface DivisionNode {
  code: string;
  name: string;
  children?: DivisionNode[];
}

interface SchemeChoice {
  id: string;
  name: string;
  version: number;
  title: string;
}

export interface Pickers {
  divisions: DivisionNode[];
  schemes: SchemeChoice[];
}

export interface HistoryPoint {
  period: string;
  revision: number;
  rank: number;
  of: number;
  total: number;
  grade: Grade;
  vetoed: boolean;
}

export interface StationDetail {
  row: BoardRow & { indicators: IndicatorScore[] };
  scheme: SchemeSummary;
  history: HistoryPoint[] | null;
}
