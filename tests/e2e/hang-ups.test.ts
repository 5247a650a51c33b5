import pg from 'pg';
import { listedOperation } from '../../platform/operations';
import {
  proofHeaders,
  startPlatform,
  type GraphQLResponse,
  type Platform,
} from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * A cancel never hits a bystander. Clients that hang up mid-request make the subgraphs cancel
 * their statements (abandoned-work.test.ts); meanwhile clients that wait, on the same pools,
 * must get every answer whole. Each subgraph's pool is cut to two connections, so a connection
 * a cancelled request gives back is at once another request's: a cancel that arrived late
 * would hit that request's statement.
 */
// A station's figures from every department: several subgraphs' statements a request.
const DRILL_DOWN = listedOperation('StationDrillDown');
const variables = { code: '330681500001', period: '2019-H1' };
const LOOP_MS = 15_000;
const WAITING_CLIENTS = 6;
const HANGING_UP_CLIENTS = 4;

let platform: Platform;
let assessor: string;
let admin: string;

beforeAll(async () => {
  process.env.DB_POOL_MAX = '2';
  try {
    platform = await startPlatform({ seed: 'city' });
  } finally {
    delete process.env.DB_POOL_MAX;
  }
  assessor = await tokenFor('assessor');
  admin = await tokenFor('admin');
});
afterAll(() => platform.stop());

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A client of the test's own that holds an exclusive lock on `table` until `release()`. */
async function lockTable(table: string): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: platform.database.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query(`LOCK TABLE ${table} IN ACCESS EXCLUSIVE MODE`);
  return { release: () => client.query('ROLLBACK').then(() => client.end()) };
}

/** The stations subgraph's statements waiting on a lock now, seen from outside its pool. */
async function waitingOnLocks(): Promise<number> {
  const observer = new pg.Client({ connectionString: platform.database.url });
  await observer.connect();
  try {
    const { rows } = await observer.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'stations'
         AND wait_event_type = 'Lock'`,
    );
    return rows[0]?.n ?? 0;
  } finally {
    await observer.end();
  }
}

describe('a cancel that arrives after its statement has ended', () => {
  it("never stops the next request's statement on that connection", async () => {
    // Two connections (the fewest a subgraph starts with), both taken below: the request
    // after the abandoned one gets the abandoned one's backend.
    process.env.DB_POOL_MAX = '2';
    try {
      await platform.stopSubgraph('stations');
      await platform.restartSubgraph('stations');
    } finally {
      delete process.env.DB_POOL_MAX;
    }
    const stations = await lockTable('stations.station');
    const divisions = await lockTable('stations.division');
    const caller = new AbortController();
    const query = '{ station(code: "330681500001") { name } }';
    const abandoned = fetch(platform.service('stations').url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin}`,
        ...(await proofHeaders('stations', query)),
      },
      body: JSON.stringify({ query }),
      signal: caller.signal,
    }).catch(() => undefined);
    const divisionsOf = () =>
      platform.querySubgraph('stations', '{ divisions { code } }', { token: admin });
    const first = divisionsOf();
    while ((await waitingOnLocks()) < 2) await pause(20);
    const next = divisionsOf();
    await pause(200);
    // The caller hangs up just as its statement gets its lock and ends: the cancel, sent on a
    // connection of its own, arrives after. The next request's statement then waits on its
    // lock on that backend, where a late cancel would stop it.
    caller.abort();
    await stations.release();
    await pause(500);
    await divisions.release();
    await abandoned;
    for (const res of await Promise.all([first, next])) {
      expect(res.errors).toBeUndefined();
      expect(res.data?.divisions.length).toBeGreaterThan(0);
    }
  });
});

it(
  `0 of the waiting clients' requests are cancelled while others hang up (${LOOP_MS / 1000} s)`,
  async () => {
    const body = JSON.stringify({ query: DRILL_DOWN, variables });
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${assessor}` };
    const until = Date.now() + LOOP_MS;
    const answers: GraphQLResponse[] = [];
    let hangUps = 0;

    // How long an answer takes now: the clients hanging up do so anywhere within it.
    let typicalMs = 100;
    const waiting = async () => {
      while (Date.now() < until) {
        const started = Date.now();
        answers.push(await platform.query(DRILL_DOWN, { token: assessor, variables }));
        typicalMs = (typicalMs * 3 + Date.now() - started) / 4;
      }
    };
    const hangingUp = async (client: number) => {
      for (let i = 0; Date.now() < until; i += 1) {
        const share = ((client * 37 + i * 53) % 100) / 100;
        await fetch(platform.gateway.url, {
          method: 'POST',
          headers,
          body,
          signal: AbortSignal.timeout(Math.max(1, Math.round(typicalMs * share))),
        }).then(
          (response) => response.arrayBuffer(),
          () => (hangUps += 1),
        );
      }
    };
    await Promise.all([
      ...Array.from({ length: WAITING_CLIENTS }, waiting),
      ...Array.from({ length: HANGING_UP_CLIENTS }, (_, i) => hangingUp(i)),
    ]);
    // Cancels still travelling when the loop ended land now, or not at all.
    await pause(200);

    const codes = answers.flatMap((res) => res.errors?.map((e) => e.extensions?.code) ?? []);
    expect(codes).toEqual([]);
    // Enough of both, even on a busy machine, for the loop to have tested anything.
    expect(hangUps).toBeGreaterThan(10);
    expect(answers.length).toBeGreaterThan(10);
    for (const res of answers) expect(res.data?.station?.caseStats?.period).toBe('2019-H1');
  },
  LOOP_MS + 30_000,
);

describe('a write whose caller hangs up', () => {
  it('gives its connection back to the pool, wherever the hang-up falls', async () => {
    const record = `mutation($input: [CaseInput!]!) { recordCases(input: $input) { inserted } }`;
    const headers = { 'content-type': 'application/json', authorization: `Bearer ${admin}` };
    const cases = (i: number) => ({
      input: Array.from({ length: 50 }, (_, k) => ({
        externalId: `HANG-${i}-${k}`,
        stationCode: '330681500001',
        category: 'OTHER',
        filedOn: '2019-05-01',
      })),
    });
    const started = Date.now();
    await platform.query(record, { token: admin, variables: cases(-1) });
    const typicalMs = Date.now() - started;
    // Hang-ups spread over a whole write: some fall as it begins, between the request's
    // arrival and its START TRANSACTION, which the pool's two connections cannot survive twice.
    for (let i = 0; i < 40; i += 1) {
      await fetch(platform.gateway.url, {
        method: 'POST',
        headers,
        body: JSON.stringify({ query: record, variables: cases(i) }),
        signal: AbortSignal.timeout(1 + Math.round((typicalMs * (i % 20)) / 20)),
      }).then(
        (response) => response.arrayBuffer(),
        () => undefined,
      );
    }
    await pause(500);
    const answers = await Promise.all(
      [1, 2, 3].map(() => platform.query(DRILL_DOWN, { token: assessor, variables })),
    );
    for (const res of answers) {
      expect(res.errors).toBeUndefined();
      expect(res.data?.station?.caseStats?.period).toBe('2019-H1');
    }
  }, 60_000);
});
