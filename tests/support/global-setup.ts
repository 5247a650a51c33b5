import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres } from '../../scripts/embedded-postgres';
import { servePostgresControl } from './postgres-control';

/**
 * Tests talk to a real PostgreSQL: TEST_DATABASE_URL when set, else (as in CI) an embedded one
 * started for this run and removed after it. A test that needs
 * a server of its own (to restart it) gets one through POSTGRES_CONTROL_URL.
 */
export default async function globalSetup(): Promise<void> {
  const control = await servePostgresControl();
  process.env.POSTGRES_CONTROL_URL = control.url;
  const shared = globalThis as { postgresControl?: typeof control };
  shared.postgresControl = control;
  if (process.env.TEST_DATABASE_URL) return;
  const server = await startEmbeddedPostgres({
    dataDir: mkdtempSync(join(tmpdir(), 'fengqiao-test-pg-')),
    port: await freePort(),
    persistent: false,
  });
  process.env.TEST_DATABASE_URL = server.url;
  (globalThis as { embeddedPostgres?: typeof server }).embeddedPostgres = server;
}
