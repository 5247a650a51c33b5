import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

// A DATE is a calendar day, not an instant: kept as its YYYY-MM-DD text.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

const MIGRATIONS = new URL('../migrations/', import.meta.url);

/**
 * The fire service's own PostgreSQL schema (`fire`), migrated at start: each file of
 * migrations/ once, in name order, under an advisory lock so that replicas starting together
 * apply it once.
 */
export async function openDatabase(url) {
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    // Never block the service: a statement longer than this is cancelled.
    options: '-c search_path=fire -c statement_timeout=30000',
  });
  const client = await pool.connect();
  try {
    await client.query("SELECT pg_advisory_lock(hashtext('fire-department migrations'))");
    await client.query('CREATE SCHEMA IF NOT EXISTS fire');
    await client.query(
      'CREATE TABLE IF NOT EXISTS fire.migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const { rows } = await client.query('SELECT name FROM fire.migrations');
    const applied = new Set(rows.map((row) => row.name));
    for (const name of readdirSync(MIGRATIONS)
      .filter((f) => f.endsWith('.sql'))
      .sort()) {
      if (applied.has(name)) continue;
      await client.query('BEGIN');
      try {
        await client.query(readFileSync(new URL(name, MIGRATIONS), 'utf8'));
        await client.query('INSERT INTO fire.migrations (name) VALUES ($1)', [name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
  } finally {
    await client
      .query("SELECT pg_advisory_unlock(hashtext('fire-department migrations'))")
      .catch(() => undefined);
    client.release();
  }
  return pool;
}
