import pg from 'pg';
import { postGraphQL, proofHeaders, startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * Work stops when nobody waits: a statement the stations subgraph runs for a request whose
 * caller has gone (the gateway past its deadline, a client hanging up) is cancelled, and no
 * statement runs past STATEMENT_TIMEOUT_MS. The statements are made slow by a lock this test
 * holds on the registry's table, so they wait where the test can see them (pg_stat_activity).
 */
let platform: Platform;
let admin: string;
let locker: pg.Client;
let observer: pg.Client;

beforeAll(async () => {
  platform = await startPlatform();
  admin = await tokenFor('admin');
  locker = new pg.Client({ connectionString: platform.database.url });
  observer = new pg.Client({ connectionString: platform.database.url });
  await Promise.all([locker.connect(), observer.connect()]);
});
afterAll(async () => {
  await Promise.all([locker.end(), observer.end()]);
  await platform.stop();
});

const QUERY = '{ station(code: "330681500001") { name } }';

async function lockRegistry(): Promise<void> {
  await locker.query('BEGIN');
  await locker.query('LOCK TABLE stations.station IN ACCESS EXCLUSIVE MODE');
}

const releaseRegistry = () => locker.query('ROLLBACK');

/** The stations subgraph's statements waiting on the lock now. */
async function waiting(): Promise<number> {
  const { rows } = await observer.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM pg_stat_activity
     WHERE datname = current_database() AND application_name = 'stations'
       AND wait_event_type = 'Lock'`,
  );
  return rows[0]?.n ?? 0;
}

/** Polls `waiting()` until it is `expected` or `ms` have passed; returns what it saw last. */
async function waitingBecomes(expected: number, ms: number): Promise<number> {
  const deadline = Date.now() + ms;
  let seen = await waiting();
  while (seen !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await waiting();
  }
  return seen;
}

describe('a statement whose caller has gone is cancelled', () => {
  afterEach(releaseRegistry);

  it('when the gateway gives up on the fetch (SUBGRAPH_TIMEOUT)', async () => {
    const impatient = await platform.startGateway({ SUBGRAPH_TIMEOUT_MS: '500' });
    await lockRegistry();
    const res = await postGraphQL(impatient.url, QUERY, { token: admin });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'SUBGRAPH_TIMEOUT',
      subgraph: 'stations',
    });
    // The lock is still held: only a cancel ends the statement now.
    expect(await waitingBecomes(0, 3000)).toBe(0);
  });

  it('when a client sent straight to the subgraph hangs up', async () => {
    await lockRegistry();
    const hungUp = fetch(platform.service('stations').url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${admin}`,
        ...(await proofHeaders('stations', QUERY)),
      },
      body: JSON.stringify({ query: QUERY }),
      signal: AbortSignal.timeout(500),
    });
    await expect(hungUp).rejects.toThrow();
    expect(await waitingBecomes(0, 3000)).toBe(0);
  });

  it("when a client hangs up on the gateway: its fetches close, and the subgraph's work stops", async () => {
    await lockRegistry();
    const hungUp = fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${admin}` },
      body: JSON.stringify({ query: QUERY }),
      signal: AbortSignal.timeout(500),
    });
    await expect(hungUp).rejects.toThrow();
    expect(await waitingBecomes(0, 3000)).toBe(0);
  });

  it('while a caller that waits keeps its statement, and gets its answer', async () => {
    await lockRegistry();
    const answer = postGraphQL(platform.gateway.url, QUERY, { token: admin });
    expect(await waitingBecomes(1, 3000)).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await waiting()).toBe(1);
    await releaseRegistry();
    await lockRegistry().then(releaseRegistry);
    const res = await answer;
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ station: null });
  });
});

describe('a statement_timeout bounds any statement', () => {
  afterEach(releaseRegistry);

  it('refuses with STATEMENT_CANCELLED what runs past STATEMENT_TIMEOUT_MS', async () => {
    process.env.STATEMENT_TIMEOUT_MS = '300';
    try {
      await platform.stopSubgraph('stations');
      await platform.restartSubgraph('stations');
    } finally {
      delete process.env.STATEMENT_TIMEOUT_MS;
    }
    await lockRegistry();
    const started = Date.now();
    const res = await platform.querySubgraph('stations', QUERY, { token: admin });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(res.errors?.[0]?.extensions?.code).toBe('STATEMENT_CANCELLED');
    expect(res.errors?.[0]?.message).not.toMatch(/canceling statement/);
  });
});
