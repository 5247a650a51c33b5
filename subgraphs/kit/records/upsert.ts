import type { DataSource, EntityManager } from 'typeorm';
import { journaledUpsert, type Journal } from './journal';

/** What a write of a batch did, row by row: new, changed, or identical to what was stored. */
export interface UpsertCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

export interface UpsertColumn<Row> {
  /** The column's name in SQL. */
  name: string;
  /** Its PostgreSQL type, e.g. `text`, `date`, `integer`, `boolean`. */
  type: string;
  value: (row: Row) => string | number | boolean | null;
}

export interface UpsertTable<Row> {
  table: string;
  /** The unique key that makes a repeated row an update. */
  key: readonly string[];
  columns: readonly UpsertColumn<Row>[];
}

/**
 * Writes a batch in one statement: the rows arrive as one array per column (`unnest`), so a
 * batch of 5,000 costs one round trip. A row whose values equal the stored ones is not
 * rewritten (`IS DISTINCT FROM`), which is what makes it `unchanged`; `xmax = 0` tells an
 * inserted row from an updated one. The table keeps `updated_at` itself. Rows are written in
 * key order, so concurrent batches over the same rows cannot deadlock.
 *
 * With a `journal` (department records), the same statement also restores withdrawn records
 * it is sent again (an update even when nothing else changed) and appends one change-log entry
 * per row written: set-based, so logging costs no round trip.
 */
export async function upsertRows<Row>(
  manager: EntityManager,
  spec: UpsertTable<Row>,
  rows: readonly Row[],
  journal?: Journal,
): Promise<UpsertCounts> {
  const names = spec.columns.map((c) => c.name);
  const values = spec.columns.filter((c) => !spec.key.includes(c.name)).map((c) => c.name);
  const unnest = spec.columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(', ');
  const changed = `(${values.map((n) => `t.${n}`).join(', ')})
          IS DISTINCT FROM (${values.map((n) => `excluded.${n}`).join(', ')})`;
  const sql = journal
    ? journaledUpsert(spec, unnest, changed, spec.columns.length)
    : `
    WITH written AS (
      INSERT INTO ${spec.table} AS t (${names.join(', ')})
      SELECT * FROM unnest(${unnest})
      ON CONFLICT (${spec.key.join(', ')}) DO UPDATE
        SET ${values.map((n) => `${n} = excluded.${n}`).join(', ')}, updated_at = now()
        WHERE ${changed}
      RETURNING (xmax = 0) AS inserted
    )
    SELECT count(*) FILTER (WHERE inserted)::int AS inserted,
           count(*) FILTER (WHERE NOT inserted)::int AS updated
    FROM written`;
  // In key order: two batches over the same rows then lock them in the same order, and one
  // waits for the other instead of both deadlocking.
  const keyColumns = spec.columns.filter((c) => spec.key.includes(c.name));
  const keyOf = (row: Row) => JSON.stringify(keyColumns.map((c) => c.value(row)));
  const ordered = rows
    .map((row) => ({ row, key: keyOf(row) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ row }) => row);
  const params: unknown[] = spec.columns.map((c) => ordered.map(c.value));
  if (journal) {
    const { author, reason } = journal;
    params.push(author.sub, author.role, author.requestId, reason);
  }
  const [counts] = await manager.query<[{ inserted: number; updated: number }]>(sql, params);
  return { ...counts, unchanged: rows.length - counts.inserted - counts.updated };
}

export const DRY_RUN_ARG = {
  defaultValue: false,
  description:
    '试运行 Check and count the batch without storing it: the write runs whole, then is rolled back.',
};

/**
 * Writes a batch in one transaction, or with `dryRun` writes it and rolls back: the counts and
 * the table's own checks are then exactly those of a real write, and no change-log entry stays.
 * A row the tables refuse (a rule the API does not see, such as a date after the database's
 * today) rolls the whole batch back; the service's error formatter answers it as BAD_USER_INPUT
 * (platform/errors.ts).
 *
 * A real write is one statement (upsertRows), and a statement is a transaction of its own: it
 * runs without START TRANSACTION and COMMIT, two round trips fewer, and it commits the moment it
 * ends, instead of holding its rows (and its rollup rows, which concurrent batches wait for)
 * until this process, busy with other requests, gets round to sending COMMIT.
 */
export async function writeBatch<Row>(
  db: DataSource,
  spec: UpsertTable<Row>,
  rows: readonly Row[],
  dryRun: boolean,
  journal?: Journal,
): Promise<DryRunAnswer<UpsertCounts>> {
  if (!dryRun) return { ...(await upsertRows(db.manager, spec, rows, journal)), dryRun };
  return inWriteTransaction(db, dryRun, (manager) => upsertRows(manager, spec, rows, journal));
}

/** A write's answer: what it did, or on a dry run what it would have done, and which it was. */
export type DryRunAnswer<T> = T & { dryRun: boolean };

/**
 * Runs `work` in one transaction and commits it, or with `dryRun` rolls it back after it ran
 * whole: every write of the API (a batch, a withdrawal) is all or nothing, and its dry run
 * answers what the real write would, saying that it was one.
 */
export async function inWriteTransaction<T extends object>(
  db: DataSource,
  dryRun: boolean,
  work: (manager: EntityManager) => Promise<T>,
): Promise<DryRunAnswer<T>> {
  const runner = db.createQueryRunner();
  // The connection goes back to the pool whatever fails, its start too: a caller that hangs up
  // as the write begins has START TRANSACTION refused (abandoned-statements.ts), and a runner
  // not released then kept its connection for good, until the pool had none left.
  try {
    await runner.connect();
    await runner.startTransaction();
    const result = await work(runner.manager);
    if (dryRun) await runner.rollbackTransaction();
    else await runner.commitTransaction();
    return { ...result, dryRun };
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}
