import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import pg from 'pg';
import { freePort } from '../../scripts/embedded-postgres';
import { authConfigFromEnv } from '../../platform/auth';
import { PROJECT_ROOT } from '../../platform/paths';
import { startSubgraph, type RunningService } from '../../subgraphs/kit/service/server';
import { stations } from '../../subgraphs/stations';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { postGraphQL, type GraphQLResponse } from '../support/platform';
import { tokenFor } from '../support/tokens';

let database: TestDatabase;
let subgraph: RunningService;
let admin: string;

beforeAll(async () => {
  // The services run as `npm run start:*` runs them: compiled, in a process of their own.
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
    {
      cwd: PROJECT_ROOT,
    },
  );
  database = await createTestDatabase();
  // Migrates the schema for the spawned services; the gateway's case goes through it.
  subgraph = await startSubgraph(stations, {
    port: 0,
    databaseUrl: database.url,
    auth: authConfigFromEnv(),
    seed: null,
  });
  admin = await tokenFor('admin');
});
afterAll(async () => {
  await subgraph.stop();
  await database.drop();
});

/** Starts a built service and resolves once it logs that it is ready. */
async function spawnService(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', script), ...args], {
    env: { ...process.env, LOG_LEVEL: 'info', SEED: 'none', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const messages: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before ready`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      const { msg } = JSON.parse(line) as { msg: string };
      messages.push(msg);
      if (msg.endsWith('ready')) resolve();
    });
  });
  await ready;
  return { child, messages };
}

/** Holds the station table locked, so a request that reads it waits until released. */
async function lockStations(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  await client.query('BEGIN');
  await client.query('LOCK TABLE stations.station IN ACCESS EXCLUSIVE MODE');
  return client;
}

async function waitForBlockedQuery(lock: pg.Client): Promise<void> {
  for (;;) {
    const { rowCount } = await lock.query(
      `SELECT 1 FROM pg_stat_activity WHERE datname = current_database()
         AND application_name = 'stations' AND wait_event_type = 'Lock'`,
    );
    if (rowCount) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const SLOW = 'query Slow { stations(scope: "330624") { totalCount } }';

interface Case {
  script: string;
  args: string[];
  env: () => Record<string, string>;
  /** The subgraph a request sent straight to it proves the gateway's admission to. */
  proofFor?: string;
}

const CASES: [string, Case][] = [
  [
    'a subgraph',
    { script: 'subgraphs/serve.js', args: ['stations'], env: () => ({}), proofFor: 'stations' },
  ],
  // The gateway's request waits in the in-process subgraph behind it.
  [
    'the gateway',
    { script: 'gateway/src/main.js', args: [], env: () => ({ STATIONS_URL: subgraph.url }) },
  ],
];

describe('SIGTERM', () => {
  it.each(CASES)(
    'lets %s finish the request in flight, then closes and exits 0',
    async (_name, { script, args, env, proofFor }) => {
      const port = await freePort();
      const { child, messages } = await spawnService(script, args, {
        DATABASE_URL: database.url,
        // Each service reads its own; the other is ignored.
        PORT: String(port),
        STATIONS_PORT: String(port),
        ...env(),
      });
      const url = `http://127.0.0.1:${port}/graphql`;
      const exited = once(child as ChildProcess, 'exit');
      const lock = await lockStations();
      try {
        const inFlight = postGraphQL(url, SLOW, { token: admin, proofFor });
        await waitForBlockedQuery(lock);
        child.kill('SIGTERM');
        // Draining: it no longer takes connections, and still holds the one in flight.
        while (!messages.includes('draining, then stopping')) {
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        await expect(fetch(new URL('/health', url))).rejects.toThrow();
        expect(child.exitCode).toBeNull();
        await lock.query('COMMIT');
        const answer: GraphQLResponse = await inFlight;
        expect(answer.errors).toBeUndefined();
        expect(answer.data).toEqual({ stations: { totalCount: 0 } });
      } finally {
        await lock.end();
      }
      const [code, signal] = await exited;
      expect({ code, signal }).toEqual({ code: 0, signal: null });
    },
  );
});
