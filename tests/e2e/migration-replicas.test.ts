import { authConfigFromEnv } from '../../platform/auth';
import { startSubgraph, type RunningService } from '../../subgraphs/kit/service/server';
import { SUBGRAPHS } from '../../subgraphs/list';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { postGraphQL } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * Replicas of a subgraph start together on an empty database, as a deployment rolls them out:
 * each must become ready, and each migration must be applied exactly once.
 */
describe.each(SUBGRAPHS.map((s) => [s.name, s] as const))(
  'three replicas of %s',
  (_name, subgraph) => {
    let database: TestDatabase;
    let replicas: RunningService[] = [];

    beforeAll(async () => {
      database = await createTestDatabase();
    });

    afterAll(async () => {
      await Promise.all(replicas.map((r) => r.stop()));
      await database.drop();
    });

    it('start at once, all ready, every migration applied once', async () => {
      const options = { port: 0, databaseUrl: database.url, auth: authConfigFromEnv(), seed: null };
      const started = await Promise.allSettled(
        [1, 2, 3].map(() => startSubgraph(subgraph, options)),
      );
      replicas = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      expect(started.map((s) => (s.status === 'rejected' ? String(s.reason) : 'ready'))).toEqual([
        'ready',
        'ready',
        'ready',
      ]);

      for (const replica of replicas) {
        const ready = await fetch(new URL('/ready', replica.url));
        expect(ready.status).toBe(200);
        const answer = await postGraphQL(replica.url, '{ __typename }', {
          token: await tokenFor('admin'),
          proofFor: subgraph.name,
        });
        expect(answer.errors).toBeUndefined();
      }

      const applied = await replicas[0].db.query<{ name: string; times: string }[]>(
        `SELECT name, count(*)::text AS times FROM "${subgraph.name}".migrations GROUP BY name ORDER BY name`,
      );
      expect(applied.map((m) => m.name).sort()).toEqual(
        (subgraph.migrations as (new () => { name: string })[]).map((M) => new M().name).sort(),
      );
      expect(applied.every((m) => m.times === '1')).toBe(true);
    });
  },
);
