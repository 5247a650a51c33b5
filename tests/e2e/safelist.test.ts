import type { RunningGateway } from '../../gateway/src/gateway';
import { operationId } from '../../platform/operations';
import { startPlatform, type GraphQLResponse, type Platform } from '../support/platform';
import { listedOperation } from '../../platform/operations';
import { tokenFor } from '../support/tokens';
import { join } from 'node:path';
import { publishOperations } from '../../scripts/publish/client-operations';
import { DEFAULT_LIMITS } from '../../platform/limits';
import { schemaCopy } from '../support/schema-dir';

const FENGQIAO = '330681500001';

let platform: Platform;
let admin: string;
let safe: RunningGateway;

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  admin = await tokenFor('admin');
  safe = await platform.startGateway({ SAFELIST: 'on' });
});
afterAll(() => platform.stop());

/**
 * A request as an APQ client sends it: the operation's SHA-256 in the persistedQuery extension,
 * with or without its text. Also returns the SQL statements it cost: none means refused early.
 */
async function send(
  url: string,
  request: {
    query?: string;
    id?: string;
    operationName?: string;
    variables?: Record<string, unknown>;
  },
  token = admin,
): Promise<GraphQLResponse & { statements: number | undefined }> {
  const { id, ...body } = request;
  const { result, statements } = await platform.countStatements(async () => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        ...body,
        ...(id ? { extensions: { persistedQuery: { version: 1, sha256Hash: id } } } : {}),
      }),
    });
    return { status: response.status, ...((await response.json()) as object) };
  });
  return { ...result, statements: statements.stations };
}

const STATION = listedOperation('Station');
const fengqiao = { code: FENGQIAO };

describe('SAFELIST off, the default outside production', () => {
  it('runs any operation', async () => {
    const res = await send(platform.gateway.url, { query: '{ divisions { code } }' });
    expect(res.data).toEqual({ divisions: [{ code: '330000' }] });
  });

  it('keeps automatic persisted queries: unknown id, then registered with its text, then by id', async () => {
    const query = '{ station(code: "330681500001") { name } }';
    const id = operationId(query);
    const url = platform.gateway.url;
    const unknown = await send(url, { id });
    const registered = await send(url, { id, query });
    const byId = await send(url, { id });
    expect([unknown.errors?.[0]?.extensions?.code, registered.data, byId.data]).toEqual([
      'PERSISTED_QUERY_NOT_FOUND',
      { station: { name: '诸暨市公安局枫桥派出所' } },
      { station: { name: '诸暨市公安局枫桥派出所' } },
    ]);
  });
});

describe('SAFELIST=on', () => {
  it.each([
    ['its exact text', { query: STATION }],
    ['its id alone', { id: operationId(STATION) }],
    ['its text and id, as an APQ client retries', { query: STATION, id: operationId(STATION) }],
    [
      'its text laid out otherwise, with a comment, as a file holds it',
      { query: `# a station\n${STATION.replace(/\n\s*/g, ' ')}` },
    ],
  ])('runs a listed operation sent as %s', async (_case, request) => {
    const res = await send(safe.url, { ...request, variables: fengqiao });
    expect(res.errors).toBeUndefined();
    expect(res.data.station).toMatchObject({ code: FENGQIAO, division: { name: '诸暨市' } });
  });

  const NOT_LISTED = "is not in the gateway's safelist";

  it.each([
    ['an unlisted operation', { query: '{ divisions { code } }' }, `operation ${NOT_LISTED}`],
    [
      'an unlisted operation by its name',
      { query: 'query Sneaky { divisions { code } }', operationName: 'Sneaky' },
      `operation Sneaky ${NOT_LISTED}`,
    ],
    ['a listed one with a field more', { query: STATION.replace('name', 'name name') }, NOT_LISTED],
    [
      'a text over the token limit, never parsed whole',
      { query: `query Long { ${'__typename '.repeat(6000)}}`, operationName: 'Long' },
      `operation Long ${NOT_LISTED}`,
    ],
    [
      'an invalid one unvalidated, so no error describes the schema',
      { query: STATION.replace('parent {', 'parent { secretField') },
      NOT_LISTED,
    ],
  ])('refuses %s before any subgraph is asked', async (_case, request, message) => {
    const res = await send(safe.url, { ...request, variables: fengqiao });
    expect(res).toMatchObject({
      status: 400,
      errors: [
        {
          message: expect.stringContaining(message),
          extensions: { code: 'OPERATION_NOT_IN_SAFELIST' },
        },
      ],
      statements: 0,
    });
  });

  it("lets GraphiQL's docs pane ask the schema about itself where introspection is on", async () => {
    const res = await send(safe.url, { query: '{ __schema { queryType { name } } }' });
    expect(res.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    const mixed = await send(safe.url, {
      query: '{ __schema { queryType { name } } divisions { code } }',
    });
    expect(mixed.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_IN_SAFELIST');
  });

  it('answers an unknown id with PERSISTED_QUERY_NOT_FOUND', async () => {
    const res = await send(safe.url, { id: operationId('{ divisions { code } }') });
    expect(res.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect(res.status).toBe(200);
    expect(res.statements).toBe(0);
  });

  it('lets no one add an operation by registering it as an APQ', async () => {
    const query = '{ divisions { code name } }';
    const register = await send(safe.url, { id: operationId(query), query });
    const afterwards = await send(safe.url, { id: operationId(query) });
    expect([
      register.errors?.[0]?.extensions?.code,
      afterwards.errors?.[0]?.extensions?.code,
    ]).toEqual(['OPERATION_NOT_IN_SAFELIST', 'PERSISTED_QUERY_NOT_FOUND']);
  });

  it("still applies the roles to a listed operation: a station's user cannot upsert", async () => {
    const input = [
      {
        code: '330624600090',
        name: '安全测试派出所',
        divisionCode: '330624',
        address: '浙江省绍兴市新昌县测试路9号',
        creationStatus: 'IN_PROGRESS',
        officers: 1,
        population: 1,
        socialOrganizations: 0,
      },
    ];
    const upsert = { id: operationId(listedOperation('UpsertStations')), variables: { input } };
    const station = await send(safe.url, upsert, await tokenFor(`station:${FENGQIAO}`));
    const registrar = await send(safe.url, upsert, await tokenFor('department:stations'));
    expect([station.errors?.[0]?.extensions?.code, registrar.data]).toEqual([
      'FORBIDDEN',
      { upsertStations: { inserted: 1, updated: 0, unchanged: 0 } },
    ]);
  });

  it('refuses to start on a SAFELIST that is neither on nor off', async () => {
    await expect(platform.startGateway({ SAFELIST: 'yes please' })).rejects.toThrow(
      'SAFELIST must be on or off, got "yes please"',
    );
  });

  it("takes a client's published operations while running, without a restart", async () => {
    const dir = schemaCopy();
    const following = await platform.startGateway(
      { SAFELIST: 'on' },
      { safelistFile: join(dir, 'operations.json'), fileIntervalMs: 100, urlIntervalMs: 60_000 },
    );
    const query = '# the counties\nquery CountyNames { divisions { code name } }';
    const before = await send(following.url, { query });
    expect(before.errors?.[0]?.extensions?.code).toBe('OPERATION_NOT_IN_SAFELIST');
    const published = publishOperations({
      client: 'county-screen',
      sources: [{ file: 'counties.graphql', text: query }],
      schemaDir: dir,
      maxCost: DEFAULT_LIMITS.cost,
      dryRun: false,
    });
    expect(published.problems).toEqual([]);
    const start = Date.now();
    let after = await send(following.url, { query });
    while (after.errors && Date.now() - start < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await send(following.url, { query });
    }
    console.log(`published operation answered ${Date.now() - start} ms after publication`);
    expect(after.data).toEqual({ divisions: [{ code: '330000', name: '浙江省' }] });
    // And by the id operations:publish printed, as a client sends it once it knows it.
    const byId = await send(following.url, { id: published.operations[0]?.id });
    expect(byId.data).toEqual(after.data);
  });
});
