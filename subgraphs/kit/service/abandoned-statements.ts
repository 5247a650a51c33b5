import pg, { Pool, type PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { currentRequest } from '../../../platform/request-scope';
import type { Logger } from '../../../platform/log';
import { requestBudget, type AnswerBudget, type AnswerBudgetLimits } from './answer-budget';

/** Thrown instead of starting a statement for a request nobody waits for any more. */
class RequestAbandoned extends Error {
  override name = 'RequestAbandoned';
}

interface WatchOptions {
  /** The database URL: a cancel is sent on a connection of its own, outside the busy pool. */
  url: string;
  logger: Logger;
  connectTimeoutMs: number;
  /** What one request may read (answer-budget.ts). */
  budget: AnswerBudgetLimits;
}

/**
 * Asks PostgreSQL to cancel what backend `pid` runs, on a short-lived connection of its own:
 * the pool may be full of the very work being cancelled. A user may cancel its own backends.
 * Resolves once the server has signalled the backend (or the attempt failed).
 */
async function cancelBackend(pid: number, options: WatchOptions): Promise<void> {
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

type Query = (...args: unknown[]) => unknown;

/** What one pooled connection is doing for the request watching it. */
interface Connection {
  /** The statement in flight for a request, and how to stop it. */
  current?: { budget: AnswerBudget | undefined; stop: () => void };
  /**
   * A cancel sent for this connection and not yet delivered. No statement starts on the
   * connection until it is: a cancel that arrives after its statement has ended finds the
   * backend idle, where PostgreSQL drops it, and never the next request's statement.
   */
  cancelling?: Promise<void>;
}

const watched = new WeakMap<PoolClient, Connection>();

/** A transaction's end passes even for a request that is gone: the connection goes back clean. */
const ENDS_TRANSACTION = /^\s*ROLLBACK\b/i;

/**
 * Makes every statement of `db` stop with its request: a statement a request starts after its
 * caller has gone is not started (RequestAbandoned), and one running when the caller goes is
 * cancelled. A statement that reads past the request's answer budget is cancelled the same way
 * and refused with ANSWER_TOO_LARGE, as is every later one of that request. The request is the
 * one in scope (platform/request-scope.ts) when the statement is sent, which the pg clients of
 * TypeORM's pool see through AsyncLocalStorage.
 */
export function stopStatementsWithTheirRequest(db: DataSource, options: WatchOptions): void {
  // TypeORM's PostgreSQL driver keeps its pg pool as `master`, recognized by its class.
  const { master } = db.driver as { master?: unknown };
  if (!(master instanceof Pool)) throw new Error('no pg pool behind the DataSource');
  master.on('acquire', (client) => {
    if (!watched.has(client)) watch(client, options);
  });
}

function watch(client: PoolClient, options: WatchOptions): void {
  const connection: Connection = {};
  watched.set(client, connection);

  const cancel = () => {
    const pid = (client as { processID?: number | null }).processID;
    if (!pid || connection.cancelling) return;
    connection.cancelling = cancelBackend(pid, options).finally(() => {
      connection.cancelling = undefined;
    });
  };

  // Every row the server sends counts against the budget of the statement's request; the
  // row past it stops the statement there, before the rest is read or anything is built.
  const { connection: wire } = client as unknown as {
    connection: { on(event: 'dataRow', listener: (message: { length: number }) => void): void };
  };
  wire.on('dataRow', (message) => {
    const current = connection.current;
    if (current?.budget && !current.budget.take(message.length)) current.stop();
  });

  const query = client.query.bind(client) as Query;
  const send = (args: unknown[]): unknown => {
    const scope = currentRequest();
    // TypeORM calls query(text, parameters) and awaits the promise: only that form is watched.
    if (!scope || typeof args[args.length - 1] === 'function') return query(...args);
    const { signal } = scope;
    const budget = requestBudget(options.budget);
    const ending = typeof args[0] === 'string' && ENDS_TRANSACTION.test(args[0]);
    if (!ending) {
      if (signal.aborted) return Promise.reject(new RequestAbandoned('the caller has gone'));
      if (budget?.exceeded) return Promise.reject(budget.refusal());
    }
    connection.current = { budget: ending ? undefined : budget, stop: cancel };
    signal.addEventListener('abort', cancel, { once: true });
    return (query(...args) as Promise<unknown>)
      .catch((error: unknown) => {
        // The statement stopped because its request read too much: say that, not "cancelled".
        throw budget?.exceeded ? budget.refusal() : error;
      })
      .then((result) => {
        if (budget?.exceeded && !ending) throw budget.refusal();
        return result;
      })
      .finally(() => {
        connection.current = undefined;
        signal.removeEventListener('abort', cancel);
      });
  };

  (client as { query: unknown }).query = (...args: unknown[]) => {
    const pending = connection.cancelling;
    return pending ? pending.then(() => send(args)) : send(args);
  };
}
