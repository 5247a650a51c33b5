import type { DataSource } from 'typeorm';
import type { Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * The subgraph's data version (docs/live-cache.md): a number that grows in the transaction of
 * every write to any of its tables, so that a reader who sees the same number twice knows no
 * write committed in between. The gateway's response cache compares it before answering from
 * memory.
 *
 * One row per server process (backend) that ever wrote, each counting that backend's writing
 * transactions; the version is their sum. A backend runs one transaction at a time, so writers
 * never wait on each other's row, where a single shared counter would serialise every write
 * transaction of the subgraph from its first write to its commit. A sequence would not do: it
 * advances before the commit, and a reader could tag an answer without the write with the new
 * number.
 */
const TABLE = 'data_version';

/** The tables whose writes change nothing an answer shows: this one and TypeORM's own. */
const UNVERSIONED = [TABLE, 'migrations'];

/**
 * Named with the schema throughout: a trigger runs with the writing session's search_path,
 * which need not be the subgraph's (a migration, an operator's psql).
 */
const advance = (schema: string) =>
  `INSERT INTO ${schema}.${TABLE} AS v (backend, version) VALUES (pg_backend_pid(), 1)
     ON CONFLICT (backend) DO UPDATE SET version = v.version + 1`;

const create = (schema: string) => [
  `CREATE TABLE IF NOT EXISTS ${schema}.${TABLE} (
     backend integer PRIMARY KEY,
     version bigint NOT NULL
   )`,
  // Once a transaction: the statement-level trigger fires for every writing statement (the
  // rollups' own included), and a transaction-local setting remembers it has counted.
  `CREATE OR REPLACE FUNCTION ${schema}.bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     IF current_setting('data_version.counted', true) IS DISTINCT FROM 'on' THEN
       ${advance(schema)};
       PERFORM set_config('data_version.counted', 'on', true);
     END IF;
     RETURN NULL;
   END $$`,
];

/**
 * Creates the version table and puts the trigger that advances it on every table of the
 * subgraph's schema, whichever migration made it: run after the migrations on every start, so a
 * table added later is versioned without anyone declaring it. The start itself advances it too:
 * new code or new settings (a limit) may answer the same data differently.
 */
export async function versionEveryTable(db: DataSource, schema: string): Promise<void> {
  const quoted = `"${schema}"`;
  for (const statement of create(quoted)) await db.query(statement);
  const tables = await db.query<{ name: string }[]>(
    `SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT (c.relname = ANY($2))`,
    [schema, UNVERSIONED],
  );
  for (const { name } of tables) {
    await db.query(
      `CREATE OR REPLACE TRIGGER data_version
         AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${quoted}."${name}"
         FOR EACH STATEMENT EXECUTE FUNCTION ${quoted}.bump_data_version()`,
    );
  }
  await db.query(advance(quoted));
}

/**
 * Reads the version in one statement straight on the pool: it is the gateway's check, not part
 * of the request it checks for, so it is not in the statement count tests and the bench read.
 */
export async function readDataVersion(db: DataSource): Promise<string> {
  const pool = (db.driver as PostgresDriver).master as Pool;
  // Named: each connection parses and plans it once, as it runs on every cached read.
  const { rows } = await pool.query<{ version: string }>({
    name: 'data-version',
    text: `SELECT coalesce(sum(version), 0)::text AS version FROM ${TABLE}`,
  });
  return rows[0]?.version ?? '0';
}
