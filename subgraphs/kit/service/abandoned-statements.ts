import pg, { Pool, type PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { currentRequest } from '../../../platform/request-scope';
import type { Logger } from '../../../platform/log';

/** Thrown instead of starting a statement for a request nobody waits for any more. */
class RequestAbandoned extends Error {
  override name = 'RequestAbandoned';
}

interface CancelOptions {
  /** The database URL: a cancel is sent on a connection of its own, outside the busy pool. */
  url: string;
  logger: Logger;
  connectTimeoutMs: number;
}

/**
 * Asks PostgreSQL to cancel what backend `pid` runs, on a short-lived connection of its own:
 * the pool may be full of the very work being cancelled. A user may cancel its own backends.
 */
async function cancelBackend(pid: number, options: CancelOptions): Promise<void> {
  const client = new pg.Client({
    connectionString: options.url,
    connectionTimeoutMillis: options.connectTimeoutMs,
    application_name: 'cancel',
  });
  try {
    await client.connect();
    await client.query('SELECT pg_cancel_backend($1)', [pid]);
  } catch (error) {
    options.logger.warn({ err: error, pid }, 'could not cancel an abandoned statement');
  } finally {
    await client.end().catch(() => undefined);
  }
}

const watched = new WeakSet<PoolClient>();

/**
 * Makes every statement of `db` stop with its request: a statement a request starts after its
 * caller has gone is not started (RequestAbandoned), and one running when the caller goes is
 * cancelled. The request is the one in scope (platform/request-scope.ts) when the statement is
 * sent, which the pg clients of TypeORM's pool see through AsyncLocalStorage.
 * A cancel sent just as the statement ends may reach the next one on that connection; it
 * fails with query_canceled, as a statement_timeout would, and its request is told so.
 */
export function stopStatementsWithTheirRequest(db: DataSource, options: CancelOptions): void {
  // TypeORM's PostgreSQL driver keeps its pg pool as `master`, recognized by its class.
  const { master } = db.driver as { master?: unknown };
  if (!(master instanceof Pool)) throw new Error('no pg pool behind the DataSource');
  master.on('acquire', (client) => {
    if (watched.has(client)) return;
    watched.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    // TypeORM calls query(text, parameters) and awaits the promise: only that form is watched.
    (client as { query: unknown }).query = (...args: unknown[]) => {
      const signal = currentRequest()?.signal;
      if (!signal || typeof args[args.length - 1] === 'function') return query(...args);
      if (signal.aborted) return Promise.reject(new RequestAbandoned('the caller has gone'));
      let running = true;
      const cancel = () => {
        const pid = (client as { processID?: number | null }).processID;
        if (running && pid) void cancelBackend(pid, options);
      };
      signal.addEventListener('abort', cancel, { once: true });
      return (query(...args) as Promise<unknown>).finally(() => {
        running = false;
        signal.removeEventListener('abort', cancel);
      });
    };
  });
}
