import { join } from 'node:path';
import pg from 'pg';
import { envVar } from '../../platform/config';
import { SUBGRAPHS } from '../../subgraphs/list';
import {
  ensureDatabase,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../../scripts/embedded-postgres';
import { loadProfile } from '../../scripts/load-profile';
import { BENCH_DIR, BENCH_PORTS } from './ports';

export interface BenchDatabase {
  url: string;
  stop(): Promise<void>;
}

const NAME = 'fengqiao_bench';

/**
 * Which subgraphs' share of the province profile is loaded, recorded only once a load has
 * finished: a subgraph that lands on main later (or a load cut short) is loaded next run.
 */
const LOADED_TABLE = 'public.bench_profile_loaded';

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function ensureProvinceProfile(url: string, log: (message: string) => void): Promise<void> {
  const loaded = await withClient(url, async (client) => {
    await client.query(
      `CREATE TABLE IF NOT EXISTS ${LOADED_TABLE} (subgraph text PRIMARY KEY, loaded_at timestamptz NOT NULL DEFAULT now())`,
    );
    const rows = await client.query<{ subgraph: string }>(`SELECT subgraph FROM ${LOADED_TABLE}`);
    return new Set(rows.rows.map((r) => r.subgraph));
  });
  const missing = SUBGRAPHS.filter((s) => s.seed !== undefined && !loaded.has(s.name));
  if (missing.length === 0) return;
  log(`loading the province profile for ${missing.map((s) => s.name).join(', ')} (once)`);
  await loadProfile(url, 'province', missing, async (name, seconds) => {
    log(`  ${name}: ${seconds.toFixed(1)} s`);
    await withClient(url, (client) =>
      client.query(`INSERT INTO ${LOADED_TABLE} (subgraph) VALUES ($1)`, [name]),
    );
  });
}

/**
 * The bench's own database, `fengqiao_bench`: on DATABASE_URL's server when set, else on an
 * embedded PostgreSQL whose data stays in .bench/postgres. It holds the province profile,
 * built on first use with the seed script's code.
 */
export async function benchDatabase(log: (message: string) => void): Promise<BenchDatabase> {
  const given = envVar('DATABASE_URL');
  let embedded: EmbeddedDatabase | undefined;
  if (!given) {
    log(
      `no DATABASE_URL: embedded PostgreSQL on port ${BENCH_PORTS.embeddedPostgres} (.bench/postgres)`,
    );
    embedded = await startEmbeddedPostgres({
      dataDir: join(BENCH_DIR, 'postgres'),
      port: BENCH_PORTS.embeddedPostgres,
      persistent: true,
    });
  }
  try {
    const url = await ensureDatabase(given ?? embedded?.url ?? '', NAME);
    await ensureProvinceProfile(url, log);
    return { url, stop: async () => embedded?.stop() };
  } catch (error) {
    await embedded?.stop();
    throw error;
  }
}
