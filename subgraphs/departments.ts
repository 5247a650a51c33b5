import { cases } from './cases';
import type { BoardDepartment } from './kit/contract/department-subgraph';
import type { IndicatorDefinition } from './kit/figures/indicators';
import { surveys } from './surveys';
import { traffic } from './traffic';

/**
 * The registry of departments: every department subgraph, in the order the board lists them.
 * Everything that names the departments derives from this one list: the subgraphs started
 * (list.ts), the roles a token may carry, the Department enum, the indicator catalog, the
 * board fields the assessors @require and the order of a row's department scores. Adding a
 * department is its folder plus one entry here (docs/adding-a-department.md).
 */
export const DEPARTMENTS = [cases, traffic, surveys] as const;

/** A department's name: its subgraph, folder and role (`department:<name>`). */
export type DepartmentName = (typeof DEPARTMENTS)[number]['name'];

/** A department as the GraphQL Department enum and the stored schemes name it, e.g. CASES. */
export type Department = Uppercase<DepartmentName>;

/** What the board knows of each department, in the registry's order. */
export const BOARD_DEPARTMENTS: readonly BoardDepartment<DepartmentName>[] = DEPARTMENTS.map(
  (d) => d.board,
);

/**
 * The departments a token's role may name (`department:<name>`): the stations registry's
 * keepers and every department of the registry.
 */
export const ROLE_DEPARTMENTS: readonly string[] = ['stations', ...DEPARTMENTS.map((d) => d.name)];

/** An indicator some department publishes, as the assessors' schemes name it. */
export type PublishedIndicator = IndicatorDefinition<Department>;

const CATALOG = new Map<string, PublishedIndicator>(
  BOARD_DEPARTMENTS.flatMap((d) => d.indicators).map((i) => [i.key, i]),
);

/** The published indicator of that key, or undefined when no department publishes it. */
export function indicatorByKey(key: string): PublishedIndicator | undefined {
  return CATALOG.get(key);
}
