import { createHash } from 'node:crypto';
import type { DataSource, MigrationInterface, QueryRunner } from 'typeorm';
import { figureOrigins, NOT_WITHDRAWN, type FiguresSource, type Measure } from './figure-sources';

/**
 * The rollup of a department's figures: one row per station and calendar month holding every
 * declared figure summed over that month's records, so a whole month is one row instead of a
 * scan of its records (figures-query.ts reads whole months here and only the days of a partial
 * month from the records).
 *
 * Everything here is generated from the department's declaration (its `FiguresSource`s): the
 * table's columns are its figures, and each record table gets a statement-level trigger that
 * adds what a write changed, so a new figure needs no new code. Triggers rather than SQL in the
 * kit's writes, because they are exact under concurrency: a trigger's transition tables hold
 * the rows a statement really replaced and wrote, even a row another transaction inserted a
 * moment before (which the upsert's own snapshot cannot see), and they cover every writer (a
 * withdrawal, a restore, the demo seed, an operator's SQL). Each statement adds its change
 * with one `INSERT … ON CONFLICT DO UPDATE SET figure = figure + change`: concurrent writers of
 * one station and month wait for each other's row and add to the value the other committed,
 * and rows are written in (station, month) order, so they cannot deadlock.
 */
export const ROLLUP_TABLE = 'figure_rollup';

const quoted = (name: string) => `"${name}"`;

/**
 * The sum of bigints as a bigint, `int8pl` over the rows: PostgreSQL's own `sum(bigint)`
 * adds in numeric, which cost a province board's figures statement a fifth of its CPU, and
 * the rollup's triggers as much. Exact like it, and like it NULL over no rows; a total past
 * a bigint's range raises numeric_value_out_of_range (22003) rather than wrap. Created in
 * the department's own schema with its rollup (and fingerprinted with it), so the figures
 * statement and the triggers, which run on that schema's search_path, find it unqualified.
 */
export const FIGURE_SUM = 'figure_sum';

const CREATE_FIGURE_SUM = `CREATE AGGREGATE ${FIGURE_SUM}(bigint)
    (SFUNC = int8pl, STYPE = bigint, COMBINEFUNC = int8pl, PARALLEL = SAFE)`;

/** Every record table the sources read, once each. */
function tablesOf(sources: readonly FiguresSource<string>[]): string[] {
  return [...new Set(sources.map((s) => s.table))];
}

/** What one row adds to a figure: 1 or its summed column when it meets the measure, else 0. */
function contribution({ where, sum }: Measure): string {
  const value = sum ? `coalesce(r.${sum}, 0)` : '1';
  return where ? `CASE WHEN ${where} THEN ${value} ELSE 0 END` : value;
}

/**
 * The figures the rows of `rows` (a table or a transition table over `table`) add to each
 * station and month, times `sign`: one SELECT per source of that table, with every figure as
 * a column (0 for the other sources' figures). Rows without the source's date, withdrawn or
 * not meeting its condition add nothing, as the statistics never count them.
 */
function contributions(
  sources: readonly FiguresSource<string>[],
  table: string,
  rows: string,
  sign: 1 | -1,
): string[] {
  const names = [...figureOrigins(sources).keys()];
  return sources
    .filter((s) => s.table === table)
    .map((source) => {
      const figures = names.map((name) => {
        const measure = source.figures[name];
        const value = measure ? contribution(measure) : '0';
        return `${sign === 1 ? '' : '-'}(${value})::bigint AS ${quoted(name)}`;
      });
      const where = [
        `r.${source.dateColumn} IS NOT NULL`,
        `r.${NOT_WITHDRAWN}`,
        ...(source.where ? [`(${source.where})`] : []),
      ];
      return `SELECT r.station_code, date_trunc('month', r.${source.dateColumn})::date AS month,
             ${figures.join(', ')}
      FROM ${rows} r WHERE ${where.join(' AND ')}`;
    });
}

/**
 * Adds the given contributions to the rollup, summed per station and month, in (station,
 * month) order; a station and month whose figures did not change is not touched (an edit of a
 * column no figure reads writes nothing here).
 */
function addToRollup(sources: readonly FiguresSource<string>[], parts: string[]): string {
  const names = [...figureOrigins(sources).keys()].map(quoted);
  return `INSERT INTO ${ROLLUP_TABLE} AS t (station_code, month, ${names.join(', ')})
    SELECT station_code, month, ${names.map((n) => `${FIGURE_SUM}(${n})`).join(', ')}
    FROM (${parts.join('\n      UNION ALL ')}) c
    GROUP BY station_code, month
    HAVING ${names.map((n) => `${FIGURE_SUM}(${n}) <> 0`).join(' OR ')}
    ORDER BY station_code, month
    ON CONFLICT (station_code, month) DO UPDATE
      SET ${names.map((n) => `${n} = t.${n} + excluded.${n}`).join(', ')}`;
}

/**
 * The trigger function of one record table: an insert adds its new rows, a delete takes its
 * old rows away, an update (a move to another station or month, a withdrawal, a restore, any
 * edit) does both; a TRUNCATE leaves no row of the table, so its figures are 0 everywhere.
 */
function triggerFunction(sources: readonly FiguresSource<string>[], table: string): string {
  const own = sources.filter((s) => s.table === table);
  const cleared = [...figureOrigins(own).keys()].map((n) => `${quoted(n)} = 0`);
  const added = contributions(sources, table, 'new_rows', 1);
  const removed = contributions(sources, table, 'old_rows', -1);
  // The subgraph's schema, pinned: a writer with another search_path (an operator's session,
  // schema-qualified SQL) still finds the rollup.
  return `CREATE FUNCTION ${table}_rollup() RETURNS trigger LANGUAGE plpgsql
    SET search_path FROM CURRENT AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        ${addToRollup(sources, added)};
      ELSIF TG_OP = 'UPDATE' THEN
        ${addToRollup(sources, [...added, ...removed])};
      ELSIF TG_OP = 'DELETE' THEN
        ${addToRollup(sources, removed)};
      ELSE
        UPDATE ${ROLLUP_TABLE} SET ${cleared.join(', ')};
      END IF;
      RETURN NULL;
    END $$`;
}

/** The statement-level triggers of one record table (a transition table allows one event each). */
function triggers(table: string): string[] {
  const run = `FOR EACH STATEMENT EXECUTE FUNCTION ${table}_rollup()`;
  return [
    `CREATE TRIGGER ${table}_rollup_insert AFTER INSERT ON ${table}
     REFERENCING NEW TABLE AS new_rows ${run}`,
    `CREATE TRIGGER ${table}_rollup_update AFTER UPDATE ON ${table}
     REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows ${run}`,
    `CREATE TRIGGER ${table}_rollup_delete AFTER DELETE ON ${table}
     REFERENCING OLD TABLE AS old_rows ${run}`,
    `CREATE TRIGGER ${table}_rollup_truncate AFTER TRUNCATE ON ${table} ${run}`,
  ];
}

/**
 * The statements that create a department's rollup and fill it from the records already
 * stored: the table (its figures as bigint columns), each record table's triggers, and one
 * pass over the records. In one transaction, the fill sees every write committed before it,
 * and creating the triggers locks the record tables against writes until the commit, which
 * sees them with the triggers in place: no write is counted twice or missed. The filled table
 * is analyzed at once: until autovacuum gets to it, the planner would take the province's
 * tens of thousands of rows for an empty table's guess, and plan the first boards after a
 * rebuild for that.
 */
function createRollups(sources: readonly FiguresSource<string>[]): string[] {
  const statements = rollupStatements(sources);
  return [
    ...statements,
    `COMMENT ON TABLE ${ROLLUP_TABLE} IS '${fingerprint(statements)}'`,
    `ANALYZE ${ROLLUP_TABLE}`,
  ];
}

/**
 * A fingerprint of the statements a rollup was built with, kept as its table's comment: a
 * department whose declaration (a figure added, a measure changed) or whose generated SQL
 * changed since finds another one, and rebuilds it (syncRollups).
 */
function fingerprint(statements: readonly string[]): string {
  return createHash('sha256').update(statements.join(';')).digest('hex').slice(0, 16);
}

function rollupStatements(sources: readonly FiguresSource<string>[]): string[] {
  const names = [...figureOrigins(sources).keys()].map(quoted);
  const tables = tablesOf(sources);
  return [
    CREATE_FIGURE_SUM,
    `CREATE TABLE ${ROLLUP_TABLE} (
      station_code text NOT NULL,
      month date NOT NULL CHECK (month = date_trunc('month', month)::date),
      ${names.map((n) => `${n} bigint NOT NULL DEFAULT 0`).join(',\n      ')},
      PRIMARY KEY (station_code, month)
    )`,
    // A board reads a few months of every station: those months' rows, not every month's.
    `CREATE INDEX ${ROLLUP_TABLE}_month ON ${ROLLUP_TABLE} (month)`,
    ...tables.flatMap((table) => [triggerFunction(sources, table), ...triggers(table)]),
    addToRollup(
      sources,
      tables.flatMap((table) => contributions(sources, table, table, 1)),
    ),
  ];
}

/**
 * The statements that remove a rollup built over `tables`: each table's trigger function with
 * its triggers, then the rollup table and its aggregate.
 */
function dropRollups(tables: readonly string[]): string[] {
  return [
    ...tables.map((table) => `DROP FUNCTION IF EXISTS ${table}_rollup() CASCADE`),
    `DROP TABLE IF EXISTS ${ROLLUP_TABLE}`,
    `DROP AGGREGATE IF EXISTS ${FIGURE_SUM}(bigint)`,
  ];
}

/**
 * A department's migration that builds its rollup from its declaration (named as TypeORM wants,
 * `<Name><timestamp>`), and whose `down` removes it.
 */
export function rollupMigration(
  name: string,
  sources: readonly FiguresSource<string>[],
): new () => MigrationInterface {
  const run = async (db: QueryRunner, statements: string[]) => {
    for (const sql of statements) await db.query(sql);
  };
  return class RollupMigration implements MigrationInterface {
    name = name;
    up = (db: QueryRunner) => run(db, createRollups(sources));
    down = (db: QueryRunner) => run(db, dropRollups(tablesOf(sources)));
  };
}

/**
 * Rebuilds a department's rollup when its declaration changed since it was built (a figure
 * added, a measure changed), in one transaction: every rollup trigger function of the schema
 * goes, whatever table it served, and the rollup is created and filled anew. Run after the
 * migrations, under their lock (service/database.ts), so replicas starting together rebuild once.
 */
export async function syncRollups(
  db: DataSource,
  sources: readonly FiguresSource<string>[],
): Promise<void> {
  const [built] = await db.query<[{ fingerprint: string | null }?]>(
    `SELECT obj_description(to_regclass($1), 'pg_class') AS fingerprint`,
    [ROLLUP_TABLE],
  );
  if (built?.fingerprint === fingerprint(rollupStatements(sources))) return;
  const functions = await db.query<{ name: string }[]>(
    `SELECT p.proname AS name FROM pg_proc p
     WHERE p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = current_schema()) AND p.proname LIKE '%\\_rollup'
       AND p.prorettype = 'trigger'::regtype`,
  );
  await db.transaction(async (manager) => {
    const tables = functions.map((f) => f.name.replace(/_rollup$/, ''));
    for (const sql of [...dropRollups(tables), ...createRollups(sources)]) {
      await manager.query(sql);
    }
  });
}
