import type { DataSource } from 'typeorm';
import { serviceLogger } from '../platform/log';
import type { Author } from '../subgraphs/kit/records/journal';
import { upsertRows, type UpsertTable } from '../subgraphs/kit/records/upsert';

const CHUNK = 20_000;

/** Who wrote the demo's department records, as their change logs say. */
export const DEMO_AUTHOR: Author = { sub: 'demo', role: 'seed', requestId: null };

/**
 * Loads demo rows into an empty table, in chunks of multi-row inserts
 * within one transaction: all of the demo or none of it. A table that holds anything is left
 * alone, so a restart never duplicates or overwrites real records. Department records pass
 * `journal` (DEMO_AUTHOR), so that every record's history starts with its insert.
 */
export async function loadDemoRows<T>(
  db: DataSource,
  service: string,
  table: UpsertTable<T>,
  rows: readonly T[],
  journal?: Author,
): Promise<void> {
  const [{ exists }] = await db.query<[{ exists: boolean }]>(
    `SELECT EXISTS (SELECT FROM ${table.table}) AS exists`,
  );
  if (exists) return;
  const started = Date.now();
  await db.transaction(async (manager) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      const logged = journal && { author: journal, reason: null };
      await upsertRows(manager, table, rows.slice(i, i + CHUNK), logged);
    }
  });
  // Statistics for the planner now, not whenever autovacuum gets there (never, where it is
  // off): a freshly loaded table without them is read by sequential scans, 5x slower.
  await db.query(`ANALYZE ${table.table}`);
  serviceLogger(service).info(
    { table: table.table, rows: rows.length, ms: Date.now() - started },
    'loaded demo rows',
  );
}
