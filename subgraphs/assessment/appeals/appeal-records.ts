import { badUserInput, show } from '../../../platform/errors';
import type { GatewayClient } from '../../kit/service/gateway-client';
import type { ListedOperations } from '../../kit/service/generated/operations';
import { DEPARTMENT_REGISTRY } from '../../kit/service/registry';
import type { Department } from '../enums';
import type { AppealRecord } from './appeal';

type Check = ListedOperations['AppealRecords'];
/** One department's records behind a figure, as AppealRecords reads them. */
type Listed = { edges: { node: { externalId: string } }[] } | null | undefined;

/**
 * Refuses (BAD_USER_INPUT, before anything is stored) an appeal naming a record that is not
 * behind the contested figure: not among the station's records the item's indicator counts in
 * the period or its baseline, withdrawn ones included. Asked through the gateway with the
 * filer's own token (a station reads its own records), in one request to the one department
 * that owns the item; a figure rests on far fewer than the 1,000 records read of each.
 */
export async function assertRecordsBehind(
  graph: GatewayClient,
  ask: { stationCode: string; period: string; indicator: string; department: Department },
  records: readonly AppealRecord[],
): Promise<void> {
  const entry = DEPARTMENT_REGISTRY.find((d) => d.enum === ask.department);
  if (records.length === 0 || !entry) return;
  const switches = Object.fromEntries(DEPARTMENT_REGISTRY.map((d) => [d.name, d === entry]));
  const variables = {
    code: ask.stationCode,
    period: ask.period,
    indicator: ask.indicator,
    ...switches,
  } as Check['variables'];
  const { station } = await graph.query('AppealRecords', variables, entry.name);
  const lists = station as unknown as Record<string, Listed> | null;
  const known = new Set(
    [lists?.[entry.records.field], lists?.[`${entry.name}Baseline`]].flatMap(
      (list) => list?.edges.map((edge) => edge.node.externalId) ?? [],
    ),
  );
  const unknown = records.find((record) => !known.has(record.externalId));
  if (unknown) {
    throw badUserInput(
      `records: ${entry.name} lists no record ${show(unknown.externalId)} behind ` +
        `${ask.indicator} of station ${ask.stationCode} in ${ask.period} or its baseline`,
      { field: 'records', value: unknown.externalId },
    );
  }
}
