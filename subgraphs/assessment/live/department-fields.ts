import { Directive, Field, type ClassType } from 'type-graphql';
import {
  assertRepresentation,
  indicatorsType,
  type StationIndicators,
  type BoardRef,
} from '../../kit/contract/board-contract';
import { DEPARTMENT_REGISTRY } from '../../kit/service/registry';
import type { DepartmentValues } from '../scoring/values';

/**
 * The departments whose indicators reach the board, from the registry (departments.json): each
 * contributes a field of AssessmentBoard (`caseIndicators`, …) that the assessment subgraph
 * declares @external and that `rows` @requires, so the gateway fetches them all, in parallel,
 * before scoring. The assessors know a department by its entry alone, never by its code: each
 * field's type is declared here again in the shape every department's is (board-contract.ts).
 */
const BOARD_DEPARTMENTS = DEPARTMENT_REGISTRY.map((entry) => ({
  key: entry.enum,
  field: entry.board.field,
  term: entry.board.term,
  type: indicatorsType(
    entry.board.type,
    `${entry.board.term} The ${entry.name} department's indicators for one station.`,
  ),
}));

/**
 * What `rows` and `row` @require: every department's values and the registry's stations.
 * Stations last, for a peer planner's bug (bench/peer-bugs/hive-stitching-requires.md).
 */
export const ROWS_REQUIRE = [
  ...BOARD_DEPARTMENTS.map(
    (d) => `${d.field} { stationCode values { key current baseline sample } }`,
  ),
  'stations { code }',
].join(' ');

/** The departments a board scores: the length of a row's department scores. */
export const DEPARTMENT_COUNT = BOARD_DEPARTMENTS.length;

/**
 * The most items a scheme's list (indicators, deductions, vetoes) holds: each indicator at most
 * once, of the 22 the departments publish. A limit, not only an estimate: a scheme with more is
 * refused at publication (scheme-validation.ts), so every board row's lists are priced truly.
 */
export const SCHEME_ITEMS = 22;

/** Declares each department's field on the assessment subgraph's AssessmentBoard, @external. */
export function declareDepartmentFields(board: ClassType): void {
  for (const { key, field, term, type } of BOARD_DEPARTMENTS) {
    const description =
      `${term} The ${key} department's indicators for every station of the board; ` +
      'null when the department is unavailable.';
    Directive('@external')(board.prototype, field);
    Field(() => [type], { description, nullable: true })(board.prototype, field);
  }
}

/**
 * Refuses a board representation without a field `rows` @requires (INCOMPLETE_REPRESENTATION).
 * A department that failed arrives as null (the gateway answers a failed department fetch with
 * nulls, gateway/src/entity-fallback.ts) and scores as DEPARTMENT_UNAVAILABLE; a department
 * field that is not there at all means the router broke the @requires contract, and scoring
 * without it would publish a board of zeros as if every department had failed.
 */
export function assertBoardRepresentation(board: BoardRef & Record<string, unknown>): void {
  const departments = BOARD_DEPARTMENTS.map((d) => d.field);
  assertRepresentation(board, [...departments, 'stations'], departments);
}

/**
 * The departments' values as they reached the board (checked by assertRepresentation), every
 * department of the registry in its order. A department field that is null (its subgraph
 * failed) stays null here, which the scoring reads as DEPARTMENT_UNAVAILABLE.
 */
export function departmentValues(board: BoardRef & Record<string, unknown>): DepartmentValues {
  return Object.fromEntries(
    BOARD_DEPARTMENTS.map(({ key, field }) => [
      key,
      (board[field] as StationIndicators[] | null) ?? null,
    ]),
  );
}
