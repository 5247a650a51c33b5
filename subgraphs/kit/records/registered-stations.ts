import { validateBatch } from './batch-checks';
import type { GatewayClient } from '../service/gateway-client';

/**
 * Refuses a batch naming a station the registry does not hold, whole: BAD_USER_INPUT naming the
 * first such record's index and code, every one in `extensions.problems`. The registry is asked
 * once for the batch, through the graph as the caller; when it cannot answer, the coded error
 * of graph.query (SUBGRAPH_UNAVAILABLE, ...) stops the batch before anything is written.
 */
export async function assertRegistered<T>(
  graph: GatewayClient,
  items: readonly T[],
  rules: { idField: string; id: (item: T) => string; stationCode: (item: T) => string },
): Promise<void> {
  const codes = [...new Set(items.map(rules.stationCode))];
  const { registeredStations } = await graph.query('RegisteredStations', { codes }, 'stations');
  const known = new Set(registeredStations.map((s) => s.code));
  validateBatch(items, {
    max: items.length,
    idField: rules.idField,
    id: rules.id,
    check: (item) => {
      const value = rules.stationCode(item);
      return [
        known.has(value)
          ? null
          : { field: 'stationCode', value, reason: 'is not a station in the registry' },
      ];
    },
  });
}
