import { startPlatform, type Platform } from '../support/platform';
import { registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

/**
 * The registry holds at most 1,200 stations in a county, a city and a province: the size every
 * list of a scope's stations is priced at. The station that would pass a bound is refused at
 * write, with its whole batch, and nothing is written.
 */
let platform: Platform;
let registrar: string;

beforeAll(async () => {
  platform = await startPlatform({ seed: null });
  registrar = await tokenFor('department:stations');
});
afterAll(() => platform.stop());

const UPSERT = `mutation($input: [StationInput!]!) { upsertStations(input: $input) { inserted updated unchanged } }`;

/** `count` stations of `county`, numbered from `first` after the county's code. */
function stations(county: string, first: number, count: number) {
  return Array.from({ length: count }, (_, i) =>
    registryStation(`${county}${String(first + i)}`, county),
  );
}

const upsert = (input: ReturnType<typeof registryStation>[]) =>
  platform.query(UPSERT, { token: registrar, variables: { input } });

const registryFingerprint = () => platform.fingerprint('stations', 'station');

async function expectRefused(
  input: ReturnType<typeof registryStation>[],
  limit: string,
  scope: string,
) {
  const before = await registryFingerprint();
  const res = await upsert(input);
  expect(res.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    limit,
    max: 1200,
    found: 1201,
    value: scope,
  });
  expect(res.data ?? null).toBeNull();
  expect(await registryFingerprint()).toBe(before);
}

it('lets one of two batches that each fit alone, but not together, fill a county', async () => {
  const results = await Promise.all([
    upsert(stations('330624', 100000, 700)),
    upsert(stations('330624', 200000, 700)),
  ]);
  const codes = results.map((r) => r.errors?.[0]?.extensions?.code ?? 'written').sort();
  expect(codes).toEqual(['BAD_USER_INPUT', 'written']);
  const [row] = await platform.sql<{ n: number }>(
    'stations',
    "SELECT count(*)::int AS n FROM station WHERE division_code = '330624'",
  );
  expect(row?.n).toBe(700);
});

it('takes a county to 1,200 stations, and changes in a full one', async () => {
  const counted = await platform.sql<{ n: number }>(
    'stations',
    "SELECT count(*)::int AS n FROM station WHERE division_code = '330624'",
  );
  const written = counted[0]?.n ?? 0;
  const res = await upsert(stations('330624', 300000, 1200 - written));
  expect(res.errors).toBeUndefined();
  const renamed = { ...registryStation('330624300000'), name: '改名派出所' };
  const changed = await upsert([renamed]);
  expect(changed.data.upsertStations).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
});

it("refuses a full county's 1,201st station", () =>
  expectRefused(stations('330624', 400000, 1), 'MAX_STATIONS_PER_COUNTY', '330624'));

it('refuses, in another county, the station that would pass its full city', () =>
  expectRefused(stations('330602', 400000, 1), 'MAX_STATIONS_PER_CITY', '330600'));

it('refuses, in another city, the station that would pass its full province', () =>
  expectRefused(stations('330102', 400000, 1), 'MAX_STATIONS_PER_PROVINCE', '330000'));

it('refuses in a dry run what it would refuse in a write', async () => {
  // Room for one in 新昌县 (and so in the city and the province): the dry run asks for two.
  const moved = { ...registryStation('330624300001'), divisionCode: '330602' };
  expect((await upsert([moved])).errors).toBeUndefined();
  const before = await registryFingerprint();
  const dryRun = await platform.query(
    `mutation($input: [StationInput!]!) { upsertStations(input: $input, dryRun: true) { inserted } }`,
    { token: registrar, variables: { input: stations('330624', 500000, 2) } },
  );
  expect(dryRun.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    limit: 'MAX_STATIONS_PER_COUNTY',
    found: 1201,
  });
  expect(await registryFingerprint()).toBe(before);
});
