import { isStationCode } from '../../../platform/codes';
import type { LocatedProblem } from './batch-checks';
import type { GatewayClient } from '../service/gateway-client';

/**
 * The records of a batch naming a station the registry does not hold, as problems beside the
 * batch's others (a malformed code is one of those already, so it is not asked about). The
 * registry is asked once for the batch, through the graph as the caller, and answers only the
 * codes it does not hold; when it cannot answer, the coded error of graph.query
 * (SUBGRAPH_UNAVAILABLE, ...) stops the batch before anything is written.
 */
export async function unregistered<T>(
  graph: GatewayClient,
  items: readonly T[],
  rules: { id: (item: T) => string; stationCode: (item: T) => string },
): Promise<LocatedProblem[]> {
  const codes = [...new Set(items.map(rules.stationCode))].filter(isStationCode);
  if (codes.length === 0) return [];
  const { unregisteredStationCodes } = await graph.query(
    'UnregisteredStations',
    { codes },
    'stations',
  );
  if (unregisteredStationCodes.length === 0) return [];
  const unknown = new Set(unregisteredStationCodes);
  return items.flatMap((item, index) => {
    const value = rules.stationCode(item);
    return !unknown.has(value)
      ? []
      : [
          {
            index,
            id: rules.id(item),
            field: 'stationCode',
            value,
            reason: 'is not a station in the registry',
          },
        ];
  });
}
