import { exampleOperations } from '../../gateway/src/graphiql';
import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

let platform: Platform;
let base: URL;

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  base = new URL('/', platform.gateway.url);
});
afterAll(() => platform.stop());

const TYPES: Record<string, string> = {
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

describe('GraphiQL at GET /', () => {
  it('serves the page and every file it needs from the gateway itself', async () => {
    const page = await fetch(base);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const html = await page.text();
    const referenced = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
    // Nothing from the internet: these machines have none.
    expect(referenced.filter((ref) => /^(https?:)?\/\//.test(ref))).toEqual([]);
    // The page script fetches the operations itself.
    const assets = [...referenced, 'graphiql/operations.json'];
    expect(assets).toHaveLength(7);
    for (const asset of assets) {
      const response = await fetch(new URL(asset, base));
      expect([asset, response.status]).toEqual([asset, 200]);
      const type = TYPES[asset.split('.').pop() ?? ''];
      expect([asset, response.headers.get('content-type')]).toEqual([asset, type]);
      expect((await response.arrayBuffer()).byteLength).toBeGreaterThan(50);
    }
  });

  it('preloads every operation of schema/operations/examples/, each of which runs as it is', async () => {
    const served = await (await fetch(new URL('graphiql/operations.json', base))).json();
    const operations = exampleOperations();
    expect(served).toEqual(operations);
    expect(operations.map((o) => o.name)).toEqual([
      '1-stations-of-a-county',
      '2-counties-of-a-city',
      '3-paging-through-a-city',
      '4-upsert-stations',
      '5-assessment-board',
      '6-city-report',
      '7-records-behind-a-figure',
    ]);
    const admin = await tokenFor('admin');
    for (const { name, query, variables } of operations) {
      const res = await platform.query(query, {
        token: admin,
        variables: variables ? JSON.parse(variables) : {},
      });
      expect([name, res.errors]).toEqual([name, undefined]);
    }
  });
});
