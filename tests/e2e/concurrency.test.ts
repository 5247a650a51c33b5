import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

let platform: Platform;
let registrar: string;

beforeAll(async () => {
  platform = await startPlatform({ seed: null });
  registrar = await tokenFor('department:stations');
});
afterAll(() => platform.stop());

const UPSERT = `mutation Upsert($input: [StationInput!]!) {
  upsertStations(input: $input) { inserted updated unchanged }
}`;

function station(code: string, officers = 10) {
  return {
    code,
    name: `并发测试派出所${code.slice(-3)}`,
    divisionCode: '330624',
    address: '浙江省绍兴市新昌县测试路1号',
    brand: null,
    creationStatus: 'NOT_STARTED',
    officers,
    population: 10000,
    socialOrganizations: 0,
  };
}

async function upsert(input: ReturnType<typeof station>[]) {
  const res = await platform.query(UPSERT, { token: registrar, variables: { input } });
  expect(res.errors).toBeUndefined();
  return res.data.upsertStations as { inserted: number; updated: number; unchanged: number };
}

function officersOf(prefix: string) {
  return platform.sql<{ code: string; officers: number }>(
    'stations',
    'SELECT code, officers FROM station WHERE code LIKE $1 ORDER BY code',
    [`${prefix}%`],
  );
}

/** A different order of the same records for each client. */
function shuffled<T>(items: T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i -= 1) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

describe('upsertStations under concurrency', () => {
  it('stores one row per code when 4 clients send the same batch at once, counting each once', async () => {
    const batch = Array.from({ length: 200 }, (_, i) =>
      station(`330624610${String(i).padStart(3, '0')}`),
    );
    const results = await Promise.all(Array.from({ length: 4 }, () => upsert(batch)));
    for (const r of results) expect(r.inserted + r.updated + r.unchanged).toBe(200);
    expect(results.reduce((sum, r) => sum + r.inserted, 0)).toBe(200);
    expect(results.reduce((sum, r) => sum + r.updated, 0)).toBe(0);
    const rows = await officersOf('330624610');
    expect(rows).toHaveLength(200);
    expect(new Set(rows.map((r) => r.code)).size).toBe(200);
  });

  it('leaves the last acknowledged value when 4 clients update the same records in turn, in different orders', async () => {
    const codes = Array.from({ length: 30 }, (_, i) => `330624620${String(i).padStart(3, '0')}`);
    await upsert(codes.map((code) => station(code)));
    const ROUNDS = 8;

    // Overlapping: each client writes every record, round after round, with a value of its
    // own, while the others do the same in other orders. No write may fail (deadlock) and
    // each batch lands whole: every record ends with the value of one client's last round.
    await Promise.all(
      [1, 2, 3, 4].map(async (client) => {
        for (let round = 1; round <= ROUNDS; round += 1) {
          const input = shuffled(codes, client * 100 + round).map((code) =>
            station(code, client * 100 + round),
          );
          expect(await upsert(input)).toEqual({ inserted: 0, updated: 30, unchanged: 0 });
        }
      }),
    );
    const values = new Set((await officersOf('330624620')).map((r) => r.officers));
    expect(values.size).toBe(1);
    expect([108, 208, 308, 408]).toContain([...values][0]);

    // In turn: client after client, each waiting for the one before to be acknowledged.
    let last = 0;
    for (let turn = 0; turn < 8; turn += 1) {
      last = 1000 + turn;
      await upsert(shuffled(codes, turn).map((code) => station(code, last)));
    }
    expect((await officersOf('330624620')).map((r) => r.officers)).toEqual(codes.map(() => last));
  });
});
