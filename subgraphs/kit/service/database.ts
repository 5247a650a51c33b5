import pg from 'pg';
import type { ClassType } from 'type-graphql';
import { DataSource, type Logger as TypeOrmLogger, type MixedList } from 'typeorm';
import { intEnv } from '../../../platform/config';
import { serviceLogger, type Logger } from '../../../platform/log';
import { stopStatementsWithTheirRequest } from './abandoned-statements';
import { answerBudgetFromEnv } from './answer-budget';
import { versionEveryTable } from './data-version';

export interface DatabaseOptions {
  url: string;
  /** The subgraph's own PostgreSQL schema: its tables, its migrations table, its search_path. */
  schema: string;
  entities: MixedList<ClassType>;
  migrations: MixedList<ClassType>;
  /** Where SQL failures and migrations are logged; by default the schema's service logger. */
  logger?: Logger;
  /** Brings what is derived from the code up to date, after the migrations and under their lock. */
  afterMigrations?: (db: DataSource) => Promise<void>;
}

/**
 * How long a request waits for a new connection when PostgreSQL does not answer (down, or
 * unreachable): long enough for a busy server, short enough that a request fails with
 * DATABASE_UNAVAILABLE before the gateway's deadline, instead of hanging.
 */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * The longest any statement may run (STATEMENT_TIMEOUT_MS): three times the gateway's deadline
 * for a whole fetch (SUBGRAPH_TIMEOUT_MS, 10 s), so no statement outlives its reader for long
 * even when no one cancels it; migrations and demo seeding stay well within it.
 */
const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/**
 * Counts the SQL statements a DataSource sends. The "no N+1" promise is tested (and benchmarked)
 * by reading this counter around a request, so it sees every statement, transactions included.
 */
class StatementCounter implements TypeOrmLogger {
  count = 0;
  constructor(private readonly logger: Logger) {}
  logQuery(): void {
    this.count += 1;
  }
  logQueryError(error: string | Error, query: string): void {
    this.logger.error({ err: error, sql: query.slice(0, 500) }, 'SQL statement failed');
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.info(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}

// Business dates stay YYYY-MM-DD strings: parsed into a JS Date they would shift by the
// process's time zone.
const DATE_OID = 1082;
pg.types.setTypeParser(DATE_OID, (value) => value);

const counters = new WeakMap<DataSource, StatementCounter>();

/** The number of SQL statements `db` has sent since it opened. */
export function statementCount(db: DataSource): number {
  return counters.get(db)?.count ?? 0;
}

function quoteIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe schema name "${name}"`);
  return `"${name}"`;
}

/**
 * Opens the subgraph's pool on its own schema and brings the schema up to date with its
 * migrations (each in its own transaction, all under one advisory lock), then versions every
 * table (data-version.ts). Nothing is ever synchronized from entities.
 */
export async function openDatabase(options: DatabaseOptions): Promise<DataSource> {
  const counter = new StatementCounter(options.logger ?? serviceLogger(options.schema));
  const db = new DataSource({
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    logger: counter,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    extra: {
      max: intEnv('DB_POOL_MAX', 10),
      // Unqualified names in raw SQL resolve to the subgraph's own tables. No JIT: compiling
      // costs 20-30 ms whenever a statement's estimate passes jit_above_cost (a province
      // board's statistics statement does), and every statement here runs in milliseconds.
      // A statement_timeout bounds any statement, whoever waits for it.
      options:
        `-c search_path=${quoteIdent(options.schema)} -c jit=off ` +
        `-c statement_timeout=${intEnv('STATEMENT_TIMEOUT_MS', DEFAULT_STATEMENT_TIMEOUT_MS)}`,
      application_name: options.schema,
    },
  });
  counters.set(db, counter);
  await db.initialize();
  stopStatementsWithTheirRequest(db, {
    url: options.url,
    logger: options.logger ?? serviceLogger(options.schema),
    connectTimeoutMs: CONNECT_TIMEOUT_MS,
    budget: answerBudgetFromEnv(),
  });
  try {
    await migrateUnderLock(db, options.schema, options.afterMigrations);
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

/**
 * Creates the schema and runs the migrations while holding a session-level advisory lock
 * named for the schema. Replicas of one subgraph starting together would otherwise race:
 * both see a migration as pending, and the second fails on the first's tables (or on the
 * migrations table itself). The one that waits finds nothing left to do.
 */
async function migrateUnderLock(
  db: DataSource,
  schema: string,
  afterMigrations?: (db: DataSource) => Promise<void>,
): Promise<void> {
  const lock = db.createQueryRunner();
  await lock.connect();
  try {
    await lock.query(`SELECT pg_advisory_lock(hashtext($1))`, [`migrations:${schema}`]);
    try {
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await db.runMigrations();
      await afterMigrations?.(db);
      await versionEveryTable(db, schema);
    } finally {
      await lock.query(`SELECT pg_advisory_unlock(hashtext($1))`, [`migrations:${schema}`]);
    }
  } finally {
    await lock.release();
  }
}
