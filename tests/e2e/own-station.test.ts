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

describe('a malformed representation is BAD_USER_INPUT, not an internal error', () => {
  // A code of the wrong type is refused before the operation runs (400); a missing one when
  // the entity is resolved, the operation under way (200).
  it.each([
    ['an array', { code: [OWN] }, 400],
    ['an object', { code: { code: OWN } }, 400],
    ['a number', { code: 330624500001 }, 400],
    ['missing', {}, 200],
  ])(
    'a Station whose code is %s, straight to stations and cases',
    async (_case, fields, status) => {
      const admin = await tokenFor('admin');
      const answers = await Promise.all(
        [
          ['stations', '... on Station { code name }'],
          ['cases', '... on Station { code caseStats(period: "2024") { period } }'],
        ].map(([name, selection]) =>
          platform.querySubgraph(
            name ?? '',
            `query ($r: [_Any!]!) { _entities(representations: $r) { ${selection} } }`,
            { token: admin, variables: { r: [{ __typename: 'Station', ...fields }] } },
          ),
        ),
      );
      expect(answers.map((res) => [res.status, res.errors?.[0]?.extensions?.code])).toEqual([
        [status, 'BAD_USER_INPUT'],
        [status, 'BAD_USER_INPUT'],
      ]);
    },
  );
});
