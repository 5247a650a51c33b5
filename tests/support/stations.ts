import type { Platform } from './platform';
import { tokenFor } from './tokens';

/** A registry entry for a test station: the department tests need only its code and county. */
export function registryStation(code: string, divisionCode = '330624') {
  return {
    code,
    name: `测试派出所${code.slice(-3)}`,
    divisionCode,
    address: '浙江省绍兴市测试路1号',
    creationStatus: 'IN_PROGRESS',
    officers: 30,
    population: 40000,
    socialOrganizations: 1,
  };
}

/** Registers stations through the gateway as the registry department; returns how many were new. */
export async function registerStations(
  platform: Platform,
  stations: ReturnType<typeof registryStation>[],
): Promise<number> {
  const res = await platform.query(
    `mutation($input: [StationInput!]!) { upsertStations(input: $input) { inserted } }`,
    { token: await tokenFor('department:stations'), variables: { input: stations } },
  );
  if (res.errors) throw new Error(`registering stations failed: ${res.errors[0]?.message}`);
  return (res.data as { upsertStations: { inserted: number } }).upsertStations.inserted;
}

/**
 * 180 stations in 新昌县 (330624) and 20 in 嵊州市 (330683): for screens of 20 stations (嵊州市)
 * and of 200 more than a test's own (the city, 330600), to count statements at both sizes.
 */
export function crowdOfStations(): ReturnType<typeof registryStation>[] {
  return [
    ...Array.from({ length: 180 }, (_, i) => registryStation(`330624${700000 + i}`)),
    ...Array.from({ length: 20 }, (_, i) => registryStation(`330683${700000 + i}`, '330683')),
  ];
}
