import { openDatabase } from '../subgraphs/kit/service/database';
import type { SubgraphDefinition } from '../subgraphs/kit/service/definition';
import type { DemoProfile } from '../demo/profile';

/**
 * Migrates each subgraph's schema in the database at `url` and loads the demo profile into
 * its empty tables, all subgraphs at once; `onLoaded` hears how long each took. Shared by
 * `npm run seed` and `npm run bench`, which builds the province profile it runs on.
 */
export async function loadProfile(
  url: string,
  profile: DemoProfile,
  subgraphs: readonly SubgraphDefinition[],
  onLoaded: (subgraph: string, seconds: number) => void | Promise<void>,
): Promise<void> {
  await Promise.all(
    subgraphs
      .filter((s) => s.seed !== undefined)
      .map(async (subgraph) => {
        const db = await openDatabase({
          url,
          schema: subgraph.name,
          entities: subgraph.entities,
          migrations: subgraph.migrations,
          afterMigrations: subgraph.syncDerived?.bind(subgraph),
        });
        try {
          const begun = Date.now();
          await subgraph.seed?.(db, profile);
          await onLoaded(subgraph.name, (Date.now() - begun) / 1000);
        } finally {
          await db.destroy();
        }
      }),
  );
}
