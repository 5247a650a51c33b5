import { getIntrospectionQuery } from 'graphql';
import { DEFAULT_MAX_BODY_BYTES } from '../../platform/http';
import { DEFAULT_LIMITS } from '../../platform/limits';
import { postGraphQL, proofHeaders, startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

let platform: Platform;
let admin: string;

beforeAll(async () => {
  platform = await startPlatform();
  admin = await tokenFor('admin');
});
afterAll(() => platform.stop());

// The tests run with the defaults, so they check the limits operators get unless they set one.
const { depth, aliases, rootFields, tokens, cost } = DEFAULT_LIMITS;

/** `{ divisions { children { … { code } } } }`, `levels` fields deep. */
function nested(levels: number): string {
  return `{ divisions { ${'children { '.repeat(levels - 2)}code${' }'.repeat(levels - 1)} }`;
}

/** `{ division { parent { … { code } } } }`, `levels` fields deep: deep, but one object a level. */
function upward(levels: number): string {
  return `{ division(code: "330681") { ${'parent { '.repeat(levels - 2)}code${' }'.repeat(levels - 1)} }`;
}

/** `division(code:)` walked `children { parent { … } }`, `levels` deep: the attack's shape. */
function cyclicWalk(levels: number, code = '330000'): string {
  let inner = 'code';
  for (let level = levels - 2; level >= 1; level -= 1) {
    inner = `${level % 2 === 1 ? 'children' : 'parent'} { code ${inner} }`;
  }
  return `division(code: "${code}") { code ${inner} }`;
}

function repeat(count: number, field: (i: number) => string): string {
  return Array.from({ length: count }, (_, i) => field(i)).join(' ');
}

/** A query and the SQL statements it cost the subgraphs: none means no plan ever ran. */
async function ask(query: string, url = platform.gateway.url) {
  const { result, statements } = await platform.countStatements(() =>
    postGraphQL(url, query, { token: admin }),
  );
  return { ...result, statements: statements.stations };
}

describe('operation shape limits, checked by the gateway before planning', () => {
  it('answers an operation at every limit', async () => {
    for (const query of [
      upward(depth),
      `{ divisions { ${repeat(aliases, (i) => `a${i}: code`)} } }`,
      `{ ${repeat(rootFields, (i) => `r${i}: __typename`)} }`,
    ]) {
      const res = await ask(query);
      expect(res.errors).toBeUndefined();
    }
  });

  it.each([
    ['too deep', nested(depth + 1), 'MAX_QUERY_DEPTH', `is ${depth + 1} levels deep`],
    [
      'too deep through a fragment',
      `{ divisions { ...Deep } } fragment Deep on Division ${nested(depth + 1).slice('{ divisions '.length, -2)}`,
      'MAX_QUERY_DEPTH',
      `is ${depth + 1} levels deep`,
    ],
    [
      'too many aliases',
      `query Wide { divisions { ${repeat(aliases + 1, (i) => `a${i}: code`)} } }`,
      'MAX_ALIASES',
      `Operation Wide has ${aliases + 1} aliases`,
    ],
    [
      'aliases multiplied by fragment spreads',
      `{ divisions { ${repeat(6, () => '...Ten')} } }
       fragment Ten on Division { ${repeat(10, (i) => `a${i}: code`)} }`,
      'MAX_ALIASES',
      'has 60 aliases',
    ],
    [
      'too many root fields',
      `{ ${repeat(rootFields + 1, (i) => `r${i}: __typename`)} }`,
      'MAX_ROOT_FIELDS',
      `has ${rootFields + 1} root fields`,
    ],
  ])('refuses an operation %s', async (_case, query, variable, message) => {
    const res = await ask(query);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: variable,
    });
    expect(res.errors?.[0]?.message).toContain(message);
    expect(res.statements).toBe(0);
  });

  it(`refuses a document of more than ${tokens} tokens while parsing it`, async () => {
    const res = await ask(`{ divisions { ${'code '.repeat(tokens)}} }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.errors?.[0]?.message).toContain(`more that ${tokens} tokens`);
    expect(res.statements).toBe(0);
  });

  it('refuses a fragment bomb: 12 short fragments that expand to 4,096 selections', async () => {
    const fragments = repeat(11, (i) => `fragment F${i} on Division { ...F${i + 1} ...F${i + 1} }`);
    const res = await ask(`{ divisions { ...F0 } } ${fragments} fragment F11 on Division { code }`);
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/recursively requests too many selections/);
    expect(res.statements).toBe(0);
  });

  it('refuses a fragment cycle without overflowing the stack', async () => {
    const res = await ask(
      '{ divisions { ...Loop } } fragment Loop on Division { children { ...Loop } }',
    );
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.map((e) => e.message).join('\n')).toContain('Cannot spread fragment "Loop"');
  });

  it("lets GraphiQL's introspection query through outside production, even anonymously", async () => {
    const res = await platform.query(getIntrospectionQuery());
    expect(res.errors).toBeUndefined();
    expect(res.data.__schema.queryType.name).toBe('Query');
  });

  it('takes each limit from its environment variable', async () => {
    const strict = await platform.startGateway({
      MAX_QUERY_DEPTH: '3',
      MAX_ALIASES: '1',
      MAX_ROOT_FIELDS: '1',
      MAX_TOKENS: '15',
      MAX_SELECTIONS: '6',
    });
    const limitOf = async (query: string) => {
      const res = await ask(query, strict.url);
      return res.errors?.map((e) => e.extensions?.limit ?? e.extensions?.code) ?? [];
    };
    expect({
      depth: await limitOf(nested(4)),
      aliases: await limitOf('{ divisions { a: code b: code } }'),
      rootFields: await limitOf('{ __typename divisions { code } }'),
      tokens: await limitOf('query Tokens($p: ID) { divisions(parentCode: $p) { code } }'),
      selections: await limitOf('{ divisions { code name level parentCode children { code } } }'),
      within: await limitOf('{ divisions { code } }'),
    }).toEqual({
      depth: ['MAX_QUERY_DEPTH'],
      aliases: ['MAX_ALIASES'],
      rootFields: ['MAX_ROOT_FIELDS'],
      tokens: ['GRAPHQL_PARSE_FAILED'],
      selections: ['GRAPHQL_VALIDATION_FAILED'],
      within: [],
    });
  });

  it.each([
    [{ MAX_QUERY_DEPTH: 'deep' }, 'MAX_QUERY_DEPTH must be a non-negative integer, got "deep"'],
    [{ MAX_ALIASES: '0' }, 'MAX_ALIASES must be at least 1, got 0'],
    [{ ALLOW_BATCHED_HTTP: 'maybe' }, 'ALLOW_BATCHED_HTTP must be on or off, got "maybe"'],
  ])('refuses to start with %j', async (env, message) => {
    await expect(platform.startGateway(env)).rejects.toThrow(message);
  });
});

describe('operation cost, estimated by the gateway before planning', () => {
  const attack = `query Attack { ${repeat(rootFields, (i) => `d${i}: ${cyclicWalk(depth)}`)} }`;

  it('refuses 20 aliased cyclic walks of the divisions, 12 deep, that took the registry down', async () => {
    const res = await ask(attack);
    expect(res.status).toBe(400);
    expect(res.errors).toHaveLength(1);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'COST_ESTIMATED_TOO_EXPENSIVE',
      limit: 'MAX_COST',
      max: cost,
    });
    expect(res.errors?.[0]?.extensions?.found).toBeGreaterThan(cost);
    expect(res.errors?.[0]?.message).toMatch(
      new RegExp(
        `^Operation Attack is estimated to cost \\d+; the gateway allows at most ${cost} \\(MAX_COST\\)`,
      ),
    );
    expect(res.statements).toBe(0);
  });

  it.each([
    ['one walk alone', `{ ${cyclicWalk(depth)} }`],
    [
      'the walk in a fragment, spread under aliases',
      `{ a: division(code: "330000") { ...Walk } b: division(code: "330600") { ...Walk } }
       fragment Walk on Division { children { parent { children { parent { children { parent { children { parent { children { code } } } } } } } } } }`,
    ],
    [
      'a walk through inline fragments',
      `{ division(code: "330000") { ... on Division { children { ... on Division { children { children { children { children { code } } } } } } } } }`,
    ],
    [
      'another cyclic path: pages of stations up to their divisions and down again',
      '{ stations(first: 1000) { edges { node { division { parent { children { children { children { stationCount } } } } } } } } }',
    ],
    [
      'a page size given as a variable',
      'query ($n: Int) { stations(first: $n) { edges { node { division { children { children { children { code } } } } } } } }',
    ],
  ])('refuses %s', async (_case, query) => {
    const res = await platform.countStatements(() =>
      postGraphQL(platform.gateway.url, query, { token: admin, variables: { n: 1000 } }),
    );
    expect(res.result.status).toBe(400);
    expect(res.result.errors?.[0]?.extensions).toMatchObject({
      code: 'COST_ESTIMATED_TOO_EXPENSIVE',
      limit: 'MAX_COST',
    });
    expect(Object.values(res.statements).reduce((a, b) => a + b, 0)).toBe(0);
  });

  it('answers the same walk when it asks for little: one division, three levels', async () => {
    const res = await ask(`{ ${cyclicWalk(3, '330600')} }`);
    expect(res.errors).toBeUndefined();
    expect(res.data.division.children.length).toBeGreaterThan(0);
  });

  it.each(['stations', 'assessment'])(
    'the %s subgraph refuses the same costs when sent them directly',
    async (name) => {
      const query =
        name === 'stations'
          ? attack
          : `{ _entities(representations: [${repeat(
              300,
              () =>
                '{ __typename: "AssessmentBoard", scope: "330000", period: "2024", schemeId: "x" }',
            )}]) { ... on AssessmentBoard { rows { station { code } indicators { key } } } } }`;
      const res = await platform.querySubgraph(name, query, { token: admin });
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions).toMatchObject({
        code: 'COST_ESTIMATED_TOO_EXPENSIVE',
        limit: 'MAX_COST',
        max: cost,
      });
      expect(res.errors?.[0]?.message).toContain(`the ${name} subgraph allows at most ${cost}`);
    },
  );

  it('a subgraph refuses an operation deeper than the gateway allows, sent directly', async () => {
    const res = await platform.querySubgraph('stations', upward(depth + 1), { token: admin });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'MAX_QUERY_DEPTH',
    });
  });

  it('takes the limit from MAX_COST', async () => {
    const strict = await platform.startGateway({ MAX_COST: '20' });
    const page = (first: number) => `{ stations(first: ${first}) { edges { node { code } } } }`;
    const within = await ask(page(9), strict.url);
    const over = await ask(page(10), strict.url);
    expect(within.errors).toBeUndefined();
    expect(over.errors?.[0]?.extensions).toMatchObject({ limit: 'MAX_COST', max: 20, found: 21 });
  });
});

describe('HTTP defences', () => {
  async function send(url: string, init: RequestInit) {
    const response = await fetch(url, init);
    return { status: response.status, body: await response.json() };
  }

  const json = (token: string) => ({
    'content-type': 'application/json',
    authorization: `Bearer ${token}`,
  });

  const LIMIT = DEFAULT_MAX_BODY_BYTES;
  /** A request body of exactly `bytes` bytes: a small query and a padding variable. */
  function bodyOf(bytes: number): string {
    const empty = JSON.stringify({ query: '{ __typename }', variables: { pad: '' } });
    return JSON.stringify({
      query: '{ __typename }',
      variables: { pad: 'x'.repeat(bytes - empty.length) },
    });
  }

  it.each(['gateway', 'stations'])(
    'the %s takes a body of 4 MiB and refuses one byte more with 413',
    async (target) => {
      const url = target === 'gateway' ? platform.gateway.url : platform.service(target).url;
      const proof = target === 'gateway' ? {} : await proofHeaders(target, '{ __typename }');
      const headers = { ...json(admin), ...proof };
      const fits = await send(url, { method: 'POST', headers, body: bodyOf(LIMIT) });
      const over = await send(url, { method: 'POST', headers, body: bodyOf(LIMIT + 1) });
      expect([fits, over]).toEqual([
        { status: 200, body: { data: { __typename: 'Query' } } },
        {
          status: 413,
          body: {
            errors: [
              {
                message: `request body over ${LIMIT} bytes`,
                extensions: { code: 'PAYLOAD_TOO_LARGE' },
              },
            ],
          },
        },
      ]);
    },
  );

  const batch = JSON.stringify([{ query: '{ a: __typename }' }, { query: '{ b: __typename }' }]);

  it('refuses a batch of operations in one request', async () => {
    const res = await send(platform.gateway.url, {
      method: 'POST',
      headers: json(admin),
      body: batch,
    });
    expect(res).toMatchObject({
      status: 400,
      body: {
        errors: [{ message: 'Operation batching disabled.', extensions: { code: 'BAD_REQUEST' } }],
      },
    });
  });

  it('answers a batch when ALLOW_BATCHED_HTTP is on', async () => {
    const batching = await platform.startGateway({ ALLOW_BATCHED_HTTP: 'on' });
    const res = await send(batching.url, { method: 'POST', headers: json(admin), body: batch });
    expect(res).toEqual({
      status: 200,
      body: [{ data: { a: 'Query' } }, { data: { b: 'Query' } }],
    });
  });

  const auth = () => ({ authorization: `Bearer ${admin}` });
  const search = `?query=${encodeURIComponent('{ __typename }')}`;

  it.each([
    ['a GET', () => ({ method: 'GET', headers: auth() })],
    [
      'a form post',
      () => ({
        method: 'POST',
        headers: { ...auth(), 'content-type': 'application/x-www-form-urlencoded' },
        body: 'query=%7B__typename%7D',
      }),
    ],
    [
      'a text/plain post',
      () => ({
        method: 'POST',
        headers: { ...auth(), 'content-type': 'text/plain' },
        body: JSON.stringify({ query: '{ __typename }' }),
      }),
    ],
  ])(
    'refuses %s a browser could send cross-site without a preflight (CSRF)',
    async (_case, init) => {
      const res = await send(platform.gateway.url + search, init());
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({
        errors: [
          {
            message: expect.stringContaining('Cross-Site Request Forgery') as string,
            extensions: { code: 'BAD_REQUEST' },
          },
        ],
      });
    },
  );

  it('answers a GET that carries a header forcing a preflight', async () => {
    const res = await send(platform.gateway.url + search, {
      headers: { ...auth(), 'apollo-require-preflight': 'true' },
    });
    expect(res).toEqual({ status: 200, body: { data: { __typename: 'Query' } } });
  });
});
