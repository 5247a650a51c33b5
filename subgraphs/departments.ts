import { join } from 'node:path';
import type { BoardDepartment, DepartmentSubgraph } from './kit/contract/department-subgraph';
import {
  DEPARTMENT_REGISTRY,
  type DepartmentEntry,
  type DepartmentService,
} from './kit/service/registry';

/** A department built with the kit, as its module exports it. */
export type KitDepartment = DepartmentSubgraph<string, object>;

/**
 * The code of a department built with the kit, found through its registry entry (`kit`: its
 * folder from the project's root, exporting the subgraph under the department's name). Loaded by
 * path rather than imported, so that nothing names a department in code: the registry
 * (departments.json) is the one list of them.
 */
function kitDepartment(entry: DepartmentEntry, folder: string): KitDepartment {
  // From this file's folder (subgraphs/, or dist/subgraphs/ once built) up to the root's level.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path read from data
  const exports = require(join(__dirname, '..', folder)) as Record<string, unknown>;
  const subgraph = exports[entry.name] as KitDepartment | undefined;
  if (subgraph?.name !== entry.name) {
    throw new Error(`${folder} exports no department subgraph named ${entry.name}`);
  }
  return subgraph;
}

/** The departments of the registry built with the kit, in the registry's order. */
export const DEPARTMENTS: readonly KitDepartment[] = DEPARTMENT_REGISTRY.flatMap((entry) =>
  'kit' in entry.service ? [kitDepartment(entry, entry.service.kit)] : [],
);

/** A department of the registry without code here: its own process, or run elsewhere. */
export type OutsideDepartment = DepartmentEntry & {
  service: Exclude<DepartmentService, { kit: string }>;
};

/** The departments of the registry that run as their own process or elsewhere. */
export const OUTSIDE_DEPARTMENTS: readonly OutsideDepartment[] = DEPARTMENT_REGISTRY.filter(
  (entry): entry is OutsideDepartment => !('kit' in entry.service),
);

/** What the board knows of each department built with the kit, in the registry's order. */
export const BOARD_DEPARTMENTS: readonly BoardDepartment[] = DEPARTMENTS.map((d) => d.board);
