import type { EmbeddedDatabase } from '../../scripts/embedded-postgres';

export default async function globalTeardown(): Promise<void> {
  await (globalThis as { embeddedPostgres?: EmbeddedDatabase }).embeddedPostgres?.stop();
}
