import type { BoardDepartment } from './kit/contract/department-subgraph';
import {
  DEPARTMENT_REGISTRY,
  type DepartmentEntry,
  type DepartmentService,
} from './kit/service/registry';
import { kitDepartment, type KitDepartment } from './subgraph-named';

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
