import { statementCount } from '../../subgraphs/kit/service/database';
import { metricValue, samples } from '../support/metrics';
import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

let platform: Platform;
let admin: string;

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  admin = await tokenFor('admin');
});
afterAll(() => platform.stop());

const ZHUJI = 'query Zhuji { stations(scope: "330681") { totalCount } }';
const BAD_SCOPE = 'query BadScope { stations(scope: "3306") { totalCount } }';

describe('GET /metrics', () => {
  it.each(['gateway', 'stations'])('serves Prometheus text on %s', async (name) => {
    const url = name === 'gateway' ? platform.gateway.url : platform.service(name).url;
    const response = await fetch(new URL('/metrics', url));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const text = await response.text();
    expect(text).toContain('# TYPE graphql_request_duration_seconds histogram');
    expect(metricValue(text, 'process_resident_memory_bytes', { service: name })).toBeGreaterThan(
      0,
    );
  });

  it('counts requests, errors by code and latency by operation name, on every service', async () => {
    const [gatewayBefore, stationsBefore] = await Promise.all([
      platform.metrics(),
      platform.metrics('stations'),
    ]);
    expect((await platform.query(ZHUJI, { token: admin })).errors).toBeUndefined();
    expect((await platform.query(BAD_SCOPE, { token: admin })).errors?.[0]?.extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    const [gateway, stations] = await Promise.all([
      platform.metrics(),
      platform.metrics('stations'),
    ]);
    const delta = (after: string, before: string, name: string, labels: Record<string, string>) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);

    for (const operation of ['Zhuji', 'BadScope']) {
      const labels = { service: 'gateway', operation };
      expect(delta(gateway, gatewayBefore, 'graphql_requests_total', labels)).toBe(1);
      expect(delta(gateway, gatewayBefore, 'graphql_request_duration_seconds_count', labels)).toBe(
        1,
      );
    }
    expect(
      delta(gateway, gatewayBefore, 'graphql_errors_total', {
        operation: 'BadScope',
        code: 'BAD_USER_INPUT',
      }),
    ).toBe(1);
    expect(delta(gateway, gatewayBefore, 'graphql_errors_total', { operation: 'Zhuji' })).toBe(0);
    // The gateway names each subgraph operation after the client's.
    expect(
      delta(stations, stationsBefore, 'graphql_requests_total', {
        service: 'stations',
        operation: 'Zhuji__stations__0',
      }),
    ).toBe(1);
    expect(
      delta(stations, stationsBefore, 'graphql_errors_total', { code: 'BAD_USER_INPUT' }),
    ).toBe(1);
    expect(
      delta(gateway, gatewayBefore, 'gateway_subgraph_fetch_duration_seconds_count', {
        subgraph: 'stations',
      }),
    ).toBe(2);
    expect(
      delta(gateway, gatewayBefore, 'gateway_subgraph_fetch_errors_total', {
        subgraph: 'stations',
      }),
    ).toBe(0);
  });

  it('counts requests refused before they run, by their code', async () => {
    const before = await platform.metrics();
    const res = await platform.query(ZHUJI, { headers: { authorization: 'Bearer not-a-jwt' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const malformed = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ variables: {} }),
    });
    expect(malformed.status).toBe(400);
    const after = await platform.metrics();
    for (const code of ['UNAUTHENTICATED', 'BAD_REQUEST']) {
      const labels = { operation: 'anonymous', code };
      expect(
        metricValue(after, 'graphql_errors_total', labels) -
          metricValue(before, 'graphql_errors_total', labels),
      ).toBe(1);
    }
  });

  it("exposes a subgraph's pool and the SQL statements it sent", async () => {
    const text = await platform.metrics('stations');
    const db = platform.service('stations').db;
    expect(metricValue(text, 'db_statements_total')).toBe(statementCount(db));
    expect(metricValue(text, 'db_pool_max')).toBe(10);
    expect(metricValue(text, 'db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(metricValue(text, 'db_pool_connections', { state: 'waiting' })).toBe(0);

    const { statements } = await platform.countStatements(() =>
      platform.query(ZHUJI, { token: admin }),
    );
    const after = await platform.metrics('stations');
    expect(
      metricValue(after, 'db_statements_total') - metricValue(text, 'db_statements_total'),
    ).toBe(statements.stations);
  });

  it('keeps operation names bounded: past 100 distinct ones they count as "other"', async () => {
    for (let i = 0; i < 120; i += 1) {
      const res = await platform.query(`query Name${i} { __typename }`);
      expect(res.data).toEqual({ __typename: 'Query' });
    }
    const operations = samples(await platform.metrics(), 'graphql_requests_total').map(
      (s) => s.labels.operation,
    );
    expect(operations.length).toBeLessThanOrEqual(102);
    expect(operations).toContain('other');
    expect(operations).not.toContain('Name119');
  });
});
