import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres } from '../../scripts/embedded-postgres';

/**
 * Tests talk to a real PostgreSQL: TEST_DATABASE_URL when set (CI points it at the machine's
 * server), else an embedded one started for this run and removed after it.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL) return;
  const server = await startEmbeddedPostgres({
    dataDir: mkdtempSync(join(tmpdir(), 'fengqiao-test-pg-')),
    port: await freePort(),
    persistent: false,
  });
  process.env.TEST_DATABASE_URL = server.url;
  (globalThis as { embeddedPostgres?: typeof server }).embeddedPostgres = server;
}
