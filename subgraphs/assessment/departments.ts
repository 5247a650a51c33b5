import { Directive, Field, type ClassType } from 'type-graphql';
import { StationIndicators, indicatorsTypeOf, type BoardRef } from '../kit/federation';
import type { NamedStation } from './references';
import type { Department } from '../kit/indicators';
import type { DepartmentFigures } from './scoring/figures';

/**
 * The departments whose indicators reach the board: each contributes a field of
 * AssessmentBoard (`caseIndicators`, …) that the assessment subgraph declares @external and
 * that `rows` @requires, so the gateway fetches them all, in parallel, before scoring. Wiring
 * a department in is one entry here.
 */
interface BoardDepartment {
  department: Department;
  field: string;
  /** The Chinese term of its description. */
  label: string;
}

const BOARD_DEPARTMENTS: readonly BoardDepartment[] = [
  { department: 'CASES', field: 'caseIndicators', label: '案件指标' },
  { department: 'TRAFFIC', field: 'trafficIndicators', label: '交通指标' },
  { department: 'SURVEYS', field: 'surveyIndicators', label: '群众评价指标' },
];

/** The board as the assessment subgraph receives it: key, named stations, department fields. */
export type ScoredBoardRef = BoardRef & { stations: NamedStation[] } & Record<string, unknown>;

/**
 * What `rows` and `row` @require: the registry's stations, named (the rows @provide the
 * names), and every department's values.
 */
export const ROWS_REQUIRE = [
  'stations { code name }',
  ...BOARD_DEPARTMENTS.map(
    (d) => `${d.field} { stationCode values { key current baseline sample } }`,
  ),
].join(' ');

/** Declares each department's field on the assessment subgraph's AssessmentBoard, @external. */
export function declareDepartmentFields(board: ClassType): void {
  for (const { department, field, label } of BOARD_DEPARTMENTS) {
    const description =
      `${label} The ${department} department's indicators for every station of the board; ` +
      'null when the department is unavailable.';
    Directive('@external')(board.prototype, field);
    Field(() => [indicatorsTypeOf(department)], { description, nullable: true })(
      board.prototype,
      field,
    );
  }
}

/**
 * The departments' figures as they reached the board. A department field that is missing or
 * null (its subgraph failed) stays null here, which the scoring reads as DEPARTMENT_UNAVAILABLE.
 * @apollo/gateway sends `rows` no representation when a required field is missing, so the
 * gateway answers a failed department fetch with nulls (gateway/src/entity-fallback.ts).
 */
export function departmentFigures(board: ScoredBoardRef): DepartmentFigures {
  return Object.fromEntries(
    BOARD_DEPARTMENTS.map(({ department, field }) => [
      department,
      (board[field] as StationIndicators[] | null | undefined) ?? null,
    ]),
  );
}
