import { join } from 'node:path';
import { assessment } from './assessment';
import type { DepartmentSubgraph } from './kit/contract/department-subgraph';
import type { SubgraphDefinition } from './kit/service/definition';
import { DEPARTMENT_REGISTRY, type DepartmentEntry } from './kit/service/registry';
import { stations } from './stations';

/** A department built with the kit, as its module exports it. */
export type KitDepartment = DepartmentSubgraph<string, object>;

/**
 * The code of a department built with the kit, found through its registry entry (`kit`: its
 * folder from the project's root, exporting the subgraph under the department's name). Loaded by
 * path rather than imported, so that nothing names a department in code and a service loads
 * only the department it runs: the registry (departments.json) is the one list of them.
 */
export function kitDepartment(entry: DepartmentEntry, folder: string): KitDepartment {
  // From this file's folder (subgraphs/, or dist/subgraphs/ once built) up to the root's level.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a path read from data
  const exports = require(join(__dirname, '..', folder)) as Record<string, unknown>;
  const subgraph = exports[entry.name] as KitDepartment | undefined;
  if (subgraph?.name !== entry.name) {
    throw new Error(`${folder} exports no department subgraph named ${entry.name}`);
  }
  return subgraph;
}

/**
 * Every subgraph run here, in start order, by name: the stations registry, the departments of
 * the registry built with the kit, the assessors.
 */
export const SUBGRAPH_NAMES: readonly string[] = [
  stations.name,
  ...DEPARTMENT_REGISTRY.flatMap((d) => ('kit' in d.service ? [d.name] : [])),
  assessment.name,
];

/** One subgraph, loading no department's code but its own (`npm run start:<name>`). */
export function subgraphNamed(name: string): SubgraphDefinition {
  if (name === stations.name) return stations;
  if (name === assessment.name) return assessment;
  const entry = DEPARTMENT_REGISTRY.find((d) => d.name === name);
  if (entry && 'kit' in entry.service) return kitDepartment(entry, entry.service.kit);
  throw new Error(`no subgraph "${name}"; the subgraphs are ${SUBGRAPH_NAMES.join(', ')}`);
}
