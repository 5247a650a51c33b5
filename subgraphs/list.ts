import type { SubgraphDefinition } from './kit/definition';
import { assessment } from './assessment';
import { cases } from './cases';
import { stations } from './stations';
import { surveys } from './surveys';
import { traffic } from './traffic';

/**
 * Every subgraph of the platform, in start order. This one list drives the schema script,
 * the launcher and the end-to-end test harness; the gateway reads the composed supergraph.
 */
export const SUBGRAPHS: readonly SubgraphDefinition[] = [
  stations,
  cases,
  traffic,
  surveys,
  assessment,
];

export function subgraphNamed(name: string): SubgraphDefinition {
  const found = SUBGRAPHS.find((s) => s.name === name);
  if (!found) {
    throw new Error(
      `no subgraph "${name}"; the subgraphs are ${SUBGRAPHS.map((s) => s.name).join(', ')}`,
    );
  }
  return found;
}
