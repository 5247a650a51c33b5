import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { startGateway } from '../../gateway/src/gateway';
import { authConfigFromEnv } from '../../platform/auth';
import { listen } from '../../platform/http';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { metricValue } from '../support/metrics';
import { postGraphQL, startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

let platform: Platform;
let admin: string;

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  admin = await tokenFor('admin');
});
afterAll(() => platform.stop());

// `__typename` is the gateway's own: it stays when the stations subgraph fails, which shows
// the answer is partial rather than refused.
const PARTIAL = 'query Partial { __typename station(code: "330681500001") { name } }';

describe('a subgraph down', () => {
  it('leaves the gateway up, answering with partial data and an error naming the subgraph; whole again soon after it returns', async () => {
    await platform.stopSubgraph('stations');
    const started = Date.now();
    const down = await platform.query(PARTIAL, { token: admin });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(down.status).toBe(200);
    expect(down.data).toEqual({ __typename: 'Query', station: null });
    expect(down.errors).toEqual([
      expect.objectContaining({
        message: expect.stringContaining('"stations"'),
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'stations' }),
      }),
    ]);
    const gatewayUrl = platform.gateway.url;
    expect((await fetch(new URL('/health', gatewayUrl))).status).toBe(200);
    const ready = await fetch(new URL('/ready', gatewayUrl));
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ subgraphs: { stations: false } });
    expect(
      metricValue(await platform.metrics(), 'gateway_subgraph_fetch_errors_total', {
        subgraph: 'stations',
        code: 'SUBGRAPH_UNAVAILABLE',
      }),
    ).toBe(1);

    await platform.restartSubgraph('stations');
    const returned = Date.now();
    let whole = await platform.query(PARTIAL, { token: admin });
    while (whole.errors && Date.now() - returned < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      whole = await platform.query(PARTIAL, { token: admin });
    }
    expect(whole.errors).toBeUndefined();
    expect(whole.data).toEqual({
      __typename: 'Query',
      station: { name: '诸暨市公安局枫桥派出所' },
    });
    expect(Date.now() - returned).toBeLessThan(5000);
    expect((await fetch(new URL('/ready', gatewayUrl))).status).toBe(200);
  });
});

describe('a slow subgraph', () => {
  let slow: Server;
  let slowUrl: string;
  const held: string[] = [];

  beforeAll(async () => {
    // Takes every request and never answers it.
    slow = createServer((req) => held.push(req.url ?? ''));
    slowUrl = `http://127.0.0.1:${await listen(slow, 0, '127.0.0.1')}/graphql`;
  });
  afterAll(() => {
    slow.closeAllConnections();
    slow.close();
  });

  it('is cut off at SUBGRAPH_TIMEOUT_MS with SUBGRAPH_TIMEOUT naming it', async () => {
    process.env.SUBGRAPH_TIMEOUT_MS = '300';
    const gateway = await startGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
      port: 0,
      auth: authConfigFromEnv(),
      subgraphUrls: { stations: slowUrl },
    }).finally(() => delete process.env.SUBGRAPH_TIMEOUT_MS);
    try {
      const started = Date.now();
      const res = await postGraphQL(gateway.url, PARTIAL, { token: admin });
      const took = Date.now() - started;
      // The response cache asked its data version first, and ran the query when it had none.
      expect(held).toEqual(['/data-version', '/graphql']);
      expect(took).toBeGreaterThanOrEqual(300);
      expect(took).toBeLessThan(2000);
      expect(res.data).toEqual({ __typename: 'Query', station: null });
      expect(res.errors).toEqual([
        expect.objectContaining({
          message: 'subgraph "stations" did not answer within 300 ms',
          extensions: expect.objectContaining({ code: 'SUBGRAPH_TIMEOUT', subgraph: 'stations' }),
        }),
      ]);
      const metrics = await (await fetch(new URL('/metrics', gateway.url))).text();
      expect(
        metricValue(metrics, 'gateway_subgraph_fetch_errors_total', { code: 'SUBGRAPH_TIMEOUT' }),
      ).toBe(1);
    } finally {
      await gateway.stop();
    }
  });
});
