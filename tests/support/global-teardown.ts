import type { EmbeddedDatabase } from '../../scripts/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  const shared = globalThis as {
    embeddedPostgres?: EmbeddedDatabase;
    postgresControl?: { close(): Promise<void> };
  };
  await shared.postgresControl?.close();
  await shared.embeddedPostgres?.stop();
}
