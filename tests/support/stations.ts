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
  platform: Pick<Platform, 'query'>,
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

/**
 * Registers the crowd, then lists a screen of 20 stations (嵊州市) and one of 202 (the city),
 * each station with `selection`: both answers, with the SQL statements each subgraph sent.
 */
export async function screensOfTwoSizes(platform: Platform, token: string, selection: string) {
  if ((await registerStations(platform, crowdOfStations())) !== 200) {
    throw new Error('the crowd of stations was registered before');
  }
  const list = (scope: string) =>
    platform.query(
      `query($scope: ID!) { stations(scope: $scope, first: 1000) { edges { node { code ${selection} } } } }`,
      { token, variables: { scope } },
    );
  const small = await platform.countStatements(() => list('330683'));
  const large = await platform.countStatements(() => list('330600'));
  for (const [screen, size] of [
    [small, 20],
    [large, 202],
  ] as const) {
    if (screen.result.errors || screen.result.data?.stations.edges.length !== size) {
      throw new Error(`the ${size}-station screen failed: ${JSON.stringify(screen.result.errors)}`);
    }
  }
  return { small, large };
}
