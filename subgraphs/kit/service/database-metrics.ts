import { Pool } from 'pg';
import { Counter, Gauge } from 'prom-client';
import type { DataSource } from 'typeorm';
import { statementCount } from './database';
import type { ServiceMetrics } from '../../../platform/metrics';

/**
 * A subgraph's database in its metrics, read when scraped: the pg pool behind TypeORM
 * (connections open, idle, and requests waiting for one) and the SQL statements sent, so a
 * benchmark can divide statements by requests per subgraph.
 */
export function watchDatabase(metrics: ServiceMetrics, db: DataSource): void {
  const registers = [metrics.registry];
  // TypeORM's PostgreSQL driver keeps its pg pool as `master`; its public type (Driver) does not
  // say so, so the pool is recognized by its class rather than cast to an internal type.
  const pool = (): Pool | undefined => {
    const { master } = db.driver as { master?: unknown };
    return master instanceof Pool ? master : undefined;
  };
  new Gauge({
    name: 'db_pool_connections',
    help: 'PostgreSQL pool: connections open (total), of them idle, and requests waiting for one',
    labelNames: ['state'],
    registers,
    collect() {
      const current = pool();
      this.set({ state: 'total' }, current?.totalCount ?? 0);
      this.set({ state: 'idle' }, current?.idleCount ?? 0);
      this.set({ state: 'waiting' }, current?.waitingCount ?? 0);
    },
  });
  new Gauge({
    name: 'db_pool_max',
    help: 'PostgreSQL pool: the most connections it opens (DB_POOL_MAX)',
    registers,
    collect() {
      this.set(pool()?.options.max ?? 0);
    },
  });
  new Counter({
    name: 'db_statements_total',
    help: 'SQL statements sent since the service started, transactions included',
    registers,
    collect() {
      // The count lives with the DataSource (database.ts); a counter cannot be set, so it is
      // rebuilt from that count at each scrape.
      this.reset();
      this.inc(statementCount(db));
    },
  });
}
