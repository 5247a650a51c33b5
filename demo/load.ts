import type { DataSource } from 'typeorm';
import { serviceLogger } from '../platform/log';
import { upsertRows, type UpsertTable } from '../subgraphs/kit/upsert';

const CHUNK = 20_000;

/**
 * Loads demo rows into an empty table, in chunks of multi-row inserts
 * within one transaction: all of the demo or none of it. A table that holds anything is left
 * alone, so a restart never duplicates or overwrites real records.
 */
export async function loadDemoRows<T>(
  db: DataSource,
  service: string,
  table: UpsertTable<T>,
  rows: readonly T[],
): Promise<void> {
  const [{ exists }] = await db.query<[{ exists: boolean }]>(
    `SELECT EXISTS (SELECT FROM ${table.table}) AS exists`,
  );
  if (exists) return;
  const started = Date.now();
  await db.transaction(async (manager) => {
    for (let i = 0; i < rows.length; i += CHUNK) {
      await upsertRows(manager, table, rows.slice(i, i + CHUNK));
    }
  });
  serviceLogger(service).info(
    { table: table.table, rows: rows.length, ms: Date.now() - started },
    'loaded demo rows',
  );
}
