import type { SubgraphDefinition } from './kit/service/definition';
import { assessment } from './assessment';
import { DEPARTMENTS } from './departments';
import { stations } from './stations';

/**
 * Every subgraph of the platform, in start order: the stations registry, the departments of
 * the registry (departments.ts) and the assessors. This one list drives the schema script, the
 * launcher and the end-to-end test harness; the gateway reads the composed supergraph.
 */
export const SUBGRAPHS: readonly SubgraphDefinition[] = [stations, ...DEPARTMENTS, assessment];

export function subgraphNamed(name: string): SubgraphDefinition {
  const found = SUBGRAPHS.find((s) => s.name === name);
  if (!found) {
    throw new Error(
      `no subgraph "${name}"; the subgraphs are ${SUBGRAPHS.map((s) => s.name).join(', ')}`,
    );
  }
  return found;
}
