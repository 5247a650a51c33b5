import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  freePort,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from '../../scripts/embedded-postgres';
import { listen } from '../../platform/http';
import { restartPolicyFromEnv, superviseDatabase } from '../../scripts/supervisor';

/**
 * Test files cannot load embedded-postgres themselves: it is an ES module, and jest's VM
 * refuses import() without an experimental flag. The global setup can, so it serves this
 * loopback endpoint, through which a test starts and stops PostgreSQL servers of its own
 * (POST /start?dir=&port=, with &supervised=1 under `npm start`'s supervision; POST /stop?port=)
 * and reads a server's postmaster pid (POST /pid?port=). Whatever is left running is stopped at
 * teardown.
 */
export async function servePostgresControl(): Promise<{ url: string; close(): Promise<void> }> {
  const running = new Map<number, EmbeddedDatabase>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const port = Number(url.searchParams.get('port'));
    const dataDir = url.searchParams.get('dir') ?? '';
    const act = async (): Promise<string> => {
      if (url.pathname === '/start') {
        const db = await startEmbeddedPostgres({ dataDir, port, persistent: true });
        running.set(port, db);
        if (url.searchParams.get('supervised') === '1') {
          superviseDatabase(db, {
            policy: restartPolicyFromEnv(),
            log: () => {},
            giveUp: () => {},
          });
        }
      } else if (url.pathname === '/pid') {
        return String(running.get(port)?.pid() ?? '');
      } else {
        await running.get(port)?.stop();
        running.delete(port);
      }
      return '';
    };
    act().then(
      (text) => res.writeHead(text ? 200 : 204).end(text),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  const port = await listen(server, 0, '127.0.0.1');
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      server.close();
      await Promise.all([...running.values()].map((db) => db.stop()));
    },
  };
}

export interface OwnPostgres {
  /** Connection URL of its `postgres` database. */
  url: string;
  start(): Promise<void>;
  /** A fast shutdown: open connections are cut. */
  stop(): Promise<void>;
  /** Stops it and deletes its data. */
  remove(): Promise<void>;
  /** The postmaster's process id. */
  pid(): Promise<number>;
}

/**
 * A PostgreSQL server for one test file, on a free port over a temporary data directory;
 * `supervised`, it is restarted when it dies unasked, as `npm start` restarts its own.
 */
export async function ownPostgres(options: { supervised?: boolean } = {}): Promise<OwnPostgres> {
  const control = process.env.POSTGRES_CONTROL_URL;
  if (!control) throw new Error('POSTGRES_CONTROL_URL is not set (the global setup sets it)');
  const dataDir = mkdtempSync(join(tmpdir(), 'fengqiao-own-pg-'));
  const port = await freePort();
  const call = async (action: 'start' | 'stop' | 'pid') => {
    const query = new URLSearchParams({
      dir: dataDir,
      port: String(port),
      supervised: options.supervised ? '1' : '0',
    });
    const response = await fetch(`${control}/${action}?${query.toString()}`, { method: 'POST' });
    const text = await response.text();
    if (!response.ok) throw new Error(`${action} PostgreSQL: ${text}`);
    return text;
  };
  const own: OwnPostgres = {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    start: () => call('start').then(() => undefined),
    stop: () => call('stop').then(() => undefined),
    pid: () => call('pid').then(Number),
    async remove() {
      await call('stop');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await own.start();
  return own;
}
