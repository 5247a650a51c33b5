import { listedOperation } from '../../platform/operations';
import type { ProcessPlatform } from '../process-platform';

/** Where the memory run's made-up stations are: 新昌县, far from the demo's own codes. */
const COUNTY = '330624';

export interface TestStations {
  count: number;
  /** The first station's number after the county prefix, e.g. 900000: each run keeps its own range. */
  firstNumber: number;
  /** What their names say they are for, e.g. 内存测试. */
  purpose: string;
}

/**
 * Registers `count` made-up stations in 新昌县 through the gateway, 1,000 a batch (the listed
 * LoadStations, as a department:stations system sends it). Returns the batches refused.
 */
export async function registerTestStations(
  platform: ProcessPlatform,
  { count, firstNumber, purpose }: TestStations,
): Promise<number> {
  const token = await platform.token(['department:stations']);
  let refused = 0;
  for (let from = 0; from < count; from += 1000) {
    const input = Array.from({ length: Math.min(1000, count - from) }, (_, i) => ({
      code: `${COUNTY}${String(firstNumber + from + i)}`,
      name: `${purpose}派出所${from + i}`,
      divisionCode: COUNTY,
      address: `浙江省绍兴市新昌县${purpose}路`,
      creationStatus: 'IN_PROGRESS',
      officers: 30,
      population: 40000,
      socialOrganizations: 1,
    }));
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: listedOperation('LoadStations'), variables: { input } }),
    });
    const { errors } = (await response.json()) as { errors?: unknown[] };
    if (errors) refused += 1;
  }
  return refused;
}
