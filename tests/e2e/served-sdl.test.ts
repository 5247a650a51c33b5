import { composeServices } from '@apollo/composition';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { SUBGRAPHS } from '../../subgraphs/list';
import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * The subgraphs' library (@apollo/subgraph) is newer than the gateway's composition, which
 * stops at 2.14.4: what each running subgraph answers to `{ _service { sdl } }`, as a router
 * that composes from live subgraphs would ask, must compose with the gateway's composition into
 * the supergraph the gateway serves.
 */
let platform: Platform;

beforeAll(async () => {
  platform = await startPlatform({ seed: null });
});
afterAll(() => platform.stop());

it('composes what every subgraph serves into schema/supergraph.graphql', async () => {
  const token = await tokenFor('admin');
  const services = await Promise.all(
    SUBGRAPHS.map(async ({ name, port }) => {
      const res = await platform.querySubgraph(name, '{ _service { sdl } }', { token });
      expect([name, res.errors]).toEqual([name, undefined]);
      const sdl = (res.data as { _service: { sdl: string } })._service.sdl;
      return { name, typeDefs: parse(sdl), url: `http://localhost:${port}/graphql` };
    }),
  );
  const composed = composeServices(services);
  expect(composed.errors).toBeUndefined();
  expect(`${composed.supergraphSdl ?? ''}\n`).toBe(readFileSync(SUPERGRAPH_FILE, 'utf8'));
});
