import { SignJWT } from 'jose';
import {
  GATEWAY_PROOF_HEADER,
  GATEWAY_PROOF_ISSUER,
  queryHash,
} from '../../platform/gateway-proof';
import { postGraphQL, proofHeaders, startPlatform, type Platform } from '../support/platform';
import { registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';
import { SUBGRAPHS } from '../../subgraphs/list';

/**
 * Subgraphs answer only the gateway (docs/security.md): a request sent straight to one runs
 * only with the gateway's proof for that subgraph and that exact query.
 */
let platform: Platform;
let registrar: string;

beforeAll(async () => {
  platform = await startPlatform();
  registrar = await tokenFor('department:stations');
});
afterAll(() => platform.stop());

const UPSERT = 'mutation ($input: [StationInput!]!) { upsertStations(input: $input) { inserted } }';
const input = { input: [registryStation('330624500077')] };
const SECRET = () => new TextEncoder().encode(process.env.SUBGRAPH_SECRET);

/** A proof as anyone holding the secret could mint it, with any claims. */
function mint(claims: Record<string, unknown>, secret = SECRET()): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: GATEWAY_PROOF_ISSUER,
    aud: 'stations',
    iat,
    exp: iat + 60,
    qh: queryHash(UPSERT),
    ...claims,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .sign(secret);
}

/** The upsert straight to the registry with `proof`: its answer, the SQL it ran, the table after. */
async function upsertWith(proof: string | undefined) {
  const before = await platform.fingerprint('stations', 'station');
  const { result, statements } = await platform.countStatements(() =>
    postGraphQL(platform.service('stations').url, UPSERT, {
      token: registrar,
      variables: input,
      headers: proof === undefined ? {} : { [GATEWAY_PROOF_HEADER]: proof },
    }),
  );
  return {
    status: result.status,
    code: result.errors?.[0]?.extensions?.code,
    message: result.errors?.[0]?.message,
    statements: statements.stations,
    unchanged: (await platform.fingerprint('stations', 'station')) === before,
  };
}

const refused = (reason: string) => ({
  status: 401,
  code: 'UNAUTHENTICATED',
  message: expect.stringContaining(reason) as string,
  statements: 0,
  unchanged: true,
});

describe('a subgraph refuses a request without a valid proof: 401, nothing run', () => {
  it.each<[string, () => Promise<string | undefined>, string]>([
    ['no proof', () => Promise.resolve(undefined), 'x-gateway-proof'],
    ['an empty proof', () => Promise.resolve(''), 'x-gateway-proof'],
    ['not a JWT', () => Promise.resolve('not-a-jwt'), 'no valid gateway proof'],
    ['a proof for another subgraph', () => mint({ aud: 'cases' }), '"aud"'],
    [
      'an expired proof',
      () =>
        mint({ iat: Math.floor(Date.now() / 1000) - 120, exp: Math.floor(Date.now() / 1000) - 60 }),
      'expired',
    ],
    ['a proof for another query', () => mint({ qh: queryHash('{ __typename }') }), 'another query'],
    ['a proof without qh', () => mint({ qh: undefined }), '"qh"'],
    ['a proof from another issuer', () => mint({ iss: 'someone' }), '"iss"'],
    [
      'a proof signed with another secret',
      () => mint({}, new TextEncoder().encode('x'.repeat(32))),
      'signature',
    ],
    [
      'a proof minted to live an hour',
      () => mint({ exp: Math.floor(Date.now() / 1000) + 3600 }),
      'at most 60 s',
    ],
    [
      'a proof issued in the future',
      () =>
        mint({ iat: Math.floor(Date.now() / 1000) + 30, exp: Math.floor(Date.now() / 1000) + 60 }),
      'future',
    ],
  ])('%s', async (_case, proof, reason) => {
    expect(await upsertWith(await proof())).toEqual(refused(reason));
  });

  it('runs the same request with the proof, and the bearer token still decides', async () => {
    const proof = await mint({});
    const asStation = await postGraphQL(platform.service('stations').url, UPSERT, {
      token: await tokenFor('station:330624500001'),
      variables: input,
      headers: { [GATEWAY_PROOF_HEADER]: proof },
    });
    expect(asStation.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await upsertWith(proof)).toMatchObject({
      status: 200,
      code: undefined,
      unchanged: false,
    });
  });

  it('tolerates 5 s of clock skew', async () => {
    const now = Math.floor(Date.now() / 1000);
    expect(await upsertWith(await mint({ iat: now - 63, exp: now - 3 }))).toMatchObject({
      status: 200,
      code: undefined,
    });
  });

  it.each(SUBGRAPHS.map((s) => s.name))('%s refuses without a proof', async (name) => {
    const query = '{ __typename }';
    const url = platform.service(name).url;
    const [without, other, valid] = await Promise.all([
      postGraphQL(url, query),
      postGraphQL(url, query, { proofFor: name === 'stations' ? 'cases' : 'stations' }),
      postGraphQL(url, query, { proofFor: name }),
    ]);
    expect([without, other, valid].map((r) => [r.status, r.errors?.[0]?.extensions?.code])).toEqual(
      [
        [401, 'UNAUTHENTICATED'],
        [401, 'UNAUTHENTICATED'],
        [200, undefined],
      ],
    );
  });

  it('checks a GET against the query in its URL', async () => {
    const query = '{ __typename }';
    const url = new URL(platform.service('stations').url);
    url.searchParams.set('query', query);
    const get = async (proofQuery: string) => {
      const response = await fetch(url, {
        headers: {
          'apollo-require-preflight': 'true',
          ...(await proofHeaders('stations', proofQuery)),
        },
      });
      return response.status;
    };
    expect([await get(query), await get('{ other: __typename }')]).toEqual([200, 401]);
  });

  it('refuses a batch, which holds no single query to prove', async () => {
    const response = await fetch(platform.service('stations').url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(await proofHeaders('stations', '')) },
      body: JSON.stringify([{ query: '{ __typename }' }]),
    });
    expect(response.status).toBe(401);
  });
});

describe('what needs no proof', () => {
  it.each(['/health', '/ready', '/metrics'])('%s answers without one', async (path) => {
    for (const { name } of SUBGRAPHS) {
      const response = await fetch(new URL(path, platform.service(name).url));
      expect([name, path, response.status]).toEqual([name, path, 200]);
    }
  });
});

describe('the gateway signs every subgraph request', () => {
  it('answers across every subgraph', async () => {
    const res = await platform.query(
      '{ station(code: "330624500077") { code caseStats(period: "2024") { period } } }',
      { token: await tokenFor('admin') },
    );
    expect(res.errors).toBeUndefined();
  });

  it('is refused by the subgraphs when it signs with another secret', async () => {
    const stranger = await platform.startGateway({ SUBGRAPH_SECRET: 'y'.repeat(32) });
    const res = await postGraphQL(stranger.url, '{ divisions { code } }', {
      token: await tokenFor('admin'),
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'UNAUTHENTICATED',
      subgraph: 'stations',
    });
    expect(res.data ?? null).toBeNull();
  });
});
