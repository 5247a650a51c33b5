import type { SubgraphDefinition } from './kit/service/definition';
import { SUBGRAPH_NAMES, subgraphNamed } from './subgraph-named';

/**
 * Every subgraph of the platform built here, in start order: the stations registry, the
 * departments of the registry (departments.json) built with the kit, and the assessors. This one
 * list drives the schema script, the launcher and the end-to-end test harness; the gateway reads
 * the composed supergraph. Importing it loads every department's code: a service that runs one
 * subgraph asks for it alone (subgraph-named.ts).
 */
export const SUBGRAPHS: readonly SubgraphDefinition[] = SUBGRAPH_NAMES.map(subgraphNamed);
