import { codedError } from '../../../platform/errors';
import type { CatalogIndicator, IndicatorCatalog } from '../../kit/contract/indicator-catalog';
import type { GatewayClient } from '../../kit/service/gateway-client';
import { DEPARTMENT_REGISTRY, type DepartmentEntry } from '../../kit/service/registry';
import type { Department } from '../enums';

/**
 * The departments' indicator catalogs, learnt through the graph: one listed operation
 * (IndicatorCatalogs, generated from the registry into schema/operations/catalogs.graphql) asks
 * every department's catalog field at once, as the caller. The assessors never read a
 * department's code for them, so a department that adds an indicator needs no release here.
 */
const CATALOGS_OPERATION = 'IndicatorCatalogs';

/** An indicator some department publishes, with the Department enum value of its publisher. */
interface PublishedIndicator extends CatalogIndicator {
  department: Department;
}

/** A department's catalog as the assessors serve and check with it. */
interface DepartmentCatalog extends IndicatorCatalog {
  entry: DepartmentEntry;
  byKey: ReadonlyMap<string, PublishedIndicator>;
}

/** Every department's catalog, in the registry's order, and every indicator by key. */
export interface Catalogs {
  departments: readonly DepartmentCatalog[];
  indicator(key: string): PublishedIndicator | undefined;
}

/**
 * What was learnt of each department's catalog, by version: an answer of the same version is
 * the catalog already indexed. The graph is still asked each time, so that a department that is
 * down refuses what needs its catalog rather than passing on what it said before.
 */
const known = new Map<string, DepartmentCatalog>();

function indexed(entry: DepartmentEntry, catalog: IndicatorCatalog): DepartmentCatalog {
  const kept = known.get(entry.name);
  if (kept?.version === catalog.version) return kept;
  // Only the department's own keys: it cannot publish another's indicators.
  const own = catalog.indicators.filter((i) => i.key.startsWith(`${entry.name}.`));
  const learnt: DepartmentCatalog = {
    department: entry.name,
    version: catalog.version,
    indicators: own,
    entry,
    byKey: new Map(own.map((i) => [i.key, { ...i, department: entry.enum }])),
  };
  known.set(entry.name, learnt);
  return learnt;
}

/**
 * Every department's catalog, asked through the gateway. A department that cannot answer
 * refuses the whole with DEPARTMENT_UNAVAILABLE naming it: nothing is checked against a catalog
 * the graph did not give.
 */
export async function learnCatalogs(graph: GatewayClient): Promise<Catalogs> {
  let data: Record<string, IndicatorCatalog | null | undefined>;
  try {
    // One field per department of the registry, so read by each entry's catalog field.
    data = await graph.query(CATALOGS_OPERATION, {}, 'departments');
  } catch (error) {
    throw codedError(
      'DEPARTMENT_UNAVAILABLE',
      "a department's indicator catalog could not be read through the graph " +
        `(${(error as Error).message}); schemes are checked against every department's`,
    );
  }
  const departments = DEPARTMENT_REGISTRY.map((entry) => {
    const catalog = data[entry.catalog.field];
    if (!catalog) {
      throw codedError(
        'DEPARTMENT_UNAVAILABLE',
        `the ${entry.name} department did not give its indicator catalog`,
        { department: entry.enum },
      );
    }
    return indexed(entry, catalog);
  });
  const byKey = new Map(departments.flatMap((d) => [...d.byKey]));
  return { departments, indicator: (key) => byKey.get(key) };
}
