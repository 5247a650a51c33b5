import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

/**
 * A station's token reads its own station's figures and records, and no other's, whatever a
 * representation sent straight to a department carries beside the key.
 */
let platform: Platform;
let own: string;

const OWN = '330624500001';
const OTHER = '330624500002';

beforeAll(async () => {
  platform = await startPlatform();
  await registerStations(platform, [registryStation(OWN), registryStation(OTHER)]);
  own = await tokenFor(`station:${OWN}`);
});
afterAll(() => platform.stop());

const DEPARTMENTS = [
  ['cases', 'caseStats', 'caseRecords'],
  ['traffic', 'trafficStats', 'trafficRecords'],
  ['surveys', 'surveyStats', 'surveyRecords'],
] as const;

function entities(stats: string, records: string) {
  return `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Station {
    code ${stats}(period: "2024") { period } ${records}(period: "2024") { totalCount } } } }`;
}

describe.each(DEPARTMENTS)('straight to %s, with the gateway proof', (name, stats, records) => {
  async function ask(representation: Record<string, unknown>) {
    const res = await platform.querySubgraph(name, entities(stats, records), {
      token: own,
      variables: { r: [{ __typename: 'Station', ...representation }] },
    });
    const [entity] = (res.data?._entities ?? []) as Record<string, unknown>[];
    return {
      stats: entity?.[stats] ?? null,
      records: entity?.[records] ?? null,
      codes: [...new Set(res.errors?.map((e) => e.extensions?.code))],
    };
  }

  it("refuses another station's figures and records, whatever stationCode says", async () => {
    expect(await ask({ code: OTHER, stationCode: OWN })).toEqual({
      stats: null,
      records: null,
      codes: ['FORBIDDEN'],
    });
  });

  it("answers the station's own, whatever stationCode says", async () => {
    expect(await ask({ code: OWN, stationCode: OTHER })).toEqual({
      stats: { period: '2024' },
      records: { totalCount: 0 },
      codes: [],
    });
  });
});

it("refuses another station's figures through the gateway too", async () => {
  const res = await platform.query(
    `{ station(code: "${OTHER}") { caseStats(period: "2024") { period } } }`,
    { token: own },
  );
  expect(res.data?.station).toEqual({ caseStats: null });
  expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
});
