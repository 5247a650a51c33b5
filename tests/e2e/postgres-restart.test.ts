import { ownPostgres, type OwnPostgres } from '../support/postgres-control';
import { startPlatform, type GraphQLResponse, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

// This file restarts PostgreSQL, so it runs its own: the other test files' server is never
// touched. It is supervised as `npm start` supervises its embedded one.
let postgres: OwnPostgres;
let platform: Platform;
let registrar: string;

beforeAll(async () => {
  postgres = await ownPostgres({ supervised: true });
  platform = await startPlatform({ seed: 'city', serverUrl: postgres.url });
  registrar = await tokenFor('department:stations', 'assessor');
});
afterAll(async () => {
  await platform?.stop();
  await postgres?.remove();
});

const UPSERT = `mutation Ingest($input: [StationInput!]!) {
  upsertStations(input: $input) { inserted updated unchanged }
}`;
const READ = 'query Read { stations(scope: "330600", first: 20) { totalCount } }';

function station(code: string) {
  return {
    code,
    name: `重启测试派出所${code.slice(-4)}`,
    divisionCode: '330624',
    address: '浙江省绍兴市新昌县测试路1号',
    brand: null,
    creationStatus: 'IN_PROGRESS',
    officers: 20,
    population: 30000,
    socialOrganizations: 1,
  };
}

interface Outcome {
  started: number;
  ended: number;
  res: GraphQLResponse;
}

describe('PostgreSQL restarted under load', () => {
  it('fails requests only while it is down, with codes; reconnects by itself; loses no acknowledged write', async () => {
    const acknowledged: string[] = [];
    const outcomes: Outcome[] = [];
    let next = 0;
    let running = true;

    // Four clients, each alternating a batch of two new stations with a read, nonstop.
    const client = async () => {
      while (running) {
        const codes = [0, 1].map(() => `330624${String(800000 + next++)}`);
        for (const [query, variables] of [
          [UPSERT, { input: codes.map(station) }],
          [READ, {}],
        ] as const) {
          const started = Date.now();
          const res = await platform.query(query, { token: registrar, variables });
          outcomes.push({ started, ended: Date.now(), res });
          if (query === UPSERT && res.data?.upsertStations?.inserted === 2) {
            acknowledged.push(...codes);
          }
        }
      }
    };
    const clients = Array.from({ length: 4 }, client);

    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    // At least a second, and enough answers on each side to compare, however busy the machine.
    const answered = async (count: number, since: number) => {
      await pause(1000);
      while (outcomes.filter((o) => o.started > since).length < count) await pause(100);
    };
    await answered(12, 0);
    const downFrom = Date.now();
    await postgres.stop();
    // The subgraphs' processes answer, but not their database: the gateway is not ready.
    const readyWhileDown = await fetch(new URL('/ready', platform.gateway.url));
    await pause(1000);
    await postgres.start();
    const upAt = Date.now();
    await answered(12, upAt);
    running = false;
    await Promise.all(clients);

    const failed = outcomes.filter((o) => o.res.errors);
    const before = outcomes.filter((o) => o.ended < downFrom);
    const after = outcomes.filter((o) => o.started > upAt);
    expect(before.length).toBeGreaterThan(10);
    expect(after.length).toBeGreaterThan(10);
    expect(failed.length).toBeGreaterThan(0);
    for (const o of [...before, ...after]) expect(o.res.errors).toBeUndefined();
    for (const { res } of failed) {
      expect(res.status).toBe(200);
      for (const error of res.errors ?? []) {
        expect(error.extensions?.code).toBe('DATABASE_UNAVAILABLE');
        expect(error.extensions?.serviceName).toBe('stations');
      }
    }

    // Every batch acknowledged is there. (One whose answer was lost with the connection may
    // be there too: the client was never told it failed.)
    const rows = await platform.sql<{ code: string }>(
      'stations',
      `SELECT code FROM station WHERE code LIKE '3306248%' ORDER BY code`,
    );
    expect(rows.map((r) => r.code)).toEqual(expect.arrayContaining(acknowledged));
    expect(acknowledged.length).toBeGreaterThan(20);
    expect(readyWhileDown.status).toBe(503);
    expect(await readyWhileDown.json()).toMatchObject({
      status: 'unavailable',
      subgraphs: { stations: false, cases: false },
    });
    for (const name of ['gateway', 'stations']) {
      const url = name === 'gateway' ? platform.gateway.url : platform.service(name).url;
      expect((await fetch(new URL('/ready', url))).status).toBe(200);
    }
  });

  it('is restarted after kill -9 of its postmaster, after crash recovery, losing nothing', async () => {
    const killed = await postgres.pid();
    const codes = ['330624700001', '330624700002'];
    const written = await platform.query(UPSERT, {
      token: registrar,
      variables: { input: codes.map(station) },
    });
    expect(written.data?.upsertStations?.inserted).toBe(2);

    process.kill(killed, 'SIGKILL');
    const deadline = Date.now() + 30_000;
    let read = await platform.query(READ, { token: registrar });
    while (read.errors && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      read = await platform.query(READ, { token: registrar });
    }
    expect(read.errors).toBeUndefined();
    expect(await postgres.pid()).not.toBe(killed);
    const rows = await platform.sql<{ code: string }>(
      'stations',
      `SELECT code FROM station WHERE code = ANY($1) ORDER BY code`,
      [codes],
    );
    expect(rows.map((r) => r.code)).toEqual(codes);
  });
});
