import { listedOperation } from '../../platform/operations';
import { DEFAULT_MAX_BODY_BYTES } from '../../platform/http';
import { proofHeaders, startPlatform, type Platform } from '../support/platform';
import { registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

let platform: Platform;
let admin: string;

beforeAll(async () => {
  platform = await startPlatform();
  admin = await tokenFor('admin');
});
afterAll(() => platform.stop());

/**
 * POSTs a raw JSON body: the shapes a GraphQL client library would never send. Sent straight to
 * `subgraph`, it carries the gateway's proof for its query.
 */
async function post(url: string, body: unknown, text = JSON.stringify(body), subgraph?: string) {
  const query = (body as { query?: string }).query ?? '';
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${admin}`,
      ...(subgraph ? await proofHeaders(subgraph, query) : {}),
    },
    body: text,
  });
  const raw = await response.text();
  const parsed = JSON.parse(raw) as {
    data?: unknown;
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  return { status: response.status, bytes: raw.length, ...parsed };
}

describe('the gateway codes what it cannot run', () => {
  it.each([
    ['two operations and no operationName', {}, 'holds 2 operations: send operationName'],
    ['an operationName none of them has', { operationName: 'C' }, 'no operation named "C"'],
  ])('refuses %s with 400 OPERATION_RESOLUTION_FAILURE', async (_case, extra, message) => {
    const query = 'query A { __typename } query B { divisions { code } }';
    const res = await platform.countStatements(() =>
      post(platform.gateway.url, { query, ...extra }),
    );
    expect(res.result.status).toBe(400);
    expect(res.result.errors).toEqual([
      {
        message: expect.stringContaining(message) as string,
        extensions: expect.objectContaining({ code: 'OPERATION_RESOLUTION_FAILURE' }) as object,
      },
    ]);
    expect(Object.values(res.statements).every((n) => n === 0)).toBe(true);
  });

  it('runs the operation operationName names', async () => {
    const query = 'query A { __typename } query B { divisions { code } }';
    const res = await post(platform.gateway.url, { query, operationName: 'B' });
    expect(res).toMatchObject({ status: 200, data: { divisions: [{ code: '330000' }] } });
  });

  it.each([
    ['an unsupported version', { version: 2, sha256Hash: 'ab'.repeat(32) }],
    ['a persisted query that is not an object', 'x'],
  ])('refuses a persisted query with %s as BAD_REQUEST', async (_case, persistedQuery) => {
    const res = await post(platform.gateway.url, { extensions: { persistedQuery } });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('refuses a hash that is not the text’s as BAD_REQUEST', async () => {
    const res = await post(platform.gateway.url, {
      query: '{ __typename }',
      extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } },
    });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('with the safelist on, answers an unknown hash as Apollo does: 200, PERSISTED_QUERY_NOT_FOUND', async () => {
    const safe = await platform.startGateway({ SAFELIST: 'on' });
    const res = await post(safe.url, {
      extensions: { persistedQuery: { version: 1, sha256Hash: 'ab'.repeat(32) } },
    });
    expect(res.status).toBe(200);
    expect(res.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });
});

describe('an error quotes a short excerpt of a value, never the value', () => {
  const huge = 'x'.repeat(900_000);
  const stationQuery = 'query ($code: ID!) { station(code: $code) { code } }';

  it.each([
    ['a variable the resolver refuses', stationQuery, { code: huge }],
    ['an argument the resolver refuses', `{ station(code: "${huge}") { code } }`, {}],
    [
      'a variable its type refuses',
      'query ($n: Int!) { stations(first: $n) { totalCount } }',
      { n: huge },
    ],
    [
      'a record of a batch',
      'mutation ($input: [StationInput!]!) { upsertStations(input: $input) { inserted } }',
      { input: [{ ...registryStation('330624700001'), name: huge }] },
    ],
    ['a document that does not parse', `{ station(code: ${huge}) { code } }`, {}],
  ])('%s, through the gateway and straight to the subgraph', async (_case, query, variables) => {
    for (const [url, subgraph] of [
      [platform.gateway.url, undefined],
      [platform.service('stations').url, 'stations'],
    ] as const) {
      const res = await post(url, { query, variables }, undefined, subgraph);
      expect(res.errors?.[0]?.extensions?.code).toEqual(expect.any(String));
      expect(res.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
      expect(res.errors?.[0]?.message).toContain('xxxxxxxx');
      // The message, the stack trace (outside production) and the extensions: a few KB at most.
      expect(res.bytes).toBeLessThan(8_000);
    }
  });
});

describe('the body limit holds the largest documented batches, pretty-printed', () => {
  const longest = (text: string, length: number) => text.repeat(length).slice(0, length);
  const stations = Array.from({ length: 1000 }, (_, i) => ({
    ...registryStation(`330624${String(800000 + i)}`),
    name: longest('枫桥派出所', 100),
    address: longest('浙江省绍兴市诸暨市枫桥镇', 200),
    brand: longest('枫桥经验', 100),
  }));
  const disputes = Array.from({ length: 5000 }, (_, i) => ({
    externalId: `${String(i).padStart(6, '0')}-${'d'.repeat(57)}`,
    stationCode: stations[i % stations.length]?.code,
    receivedOn: '2024-03-01',
    channel: 'ADMINISTRATIVE',
    outcome: 'REFERRED',
    closedOn: '2024-03-02',
  }));

  it.each([
    ['1,000 stations', 'LoadStations', 'department:stations', stations, 'upsertStations'],
    ['5,000 disputes', 'LoadDisputes', 'department:cases', disputes, 'recordDisputes'],
  ])('takes %s indented by two spaces', async (_case, name, role, input, field) => {
    const body = JSON.stringify(
      { query: listedOperation(name), variables: { input, dryRun: false } },
      null,
      2,
    );
    expect(Buffer.byteLength(body)).toBeGreaterThan(1024 * 1024);
    expect(Buffer.byteLength(body)).toBeLessThan(DEFAULT_MAX_BODY_BYTES / 2);
    const response = await fetch(platform.gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await tokenFor(role)}`,
      },
      body,
    });
    const res = (await response.json()) as { data?: Record<string, { inserted: number }> };
    expect(response.status).toBe(200);
    expect(res.data?.[field]?.inserted).toBe(input.length);
  });
});
