import { Directive, Field, type ClassType } from 'type-graphql';
import { BOARD_DEPARTMENTS } from '../../departments';
import {
  assertRepresentation,
  type StationIndicators,
  type BoardRef,
} from '../../kit/contract/board-contract';
import type { DepartmentValues } from '../scoring/values';

/**
 * The departments whose indicators reach the board, from the registry (subgraphs/departments.ts):
 * each contributes a field of AssessmentBoard (`caseIndicators`, …) that the assessment subgraph
 * declares @external and that `rows` @requires, so the gateway fetches them all, in parallel,
 * before scoring.
 */

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

/** Every indicator of the catalog: a scheme lists each key at most once in each of its lists. */
export const CATALOG_SIZE = BOARD_DEPARTMENTS.flatMap((d) => d.indicators).length;

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
