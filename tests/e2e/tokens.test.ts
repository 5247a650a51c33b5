import {
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importJWK,
  SignJWT,
  type CryptoKey,
  type GenerateKeyPairResult,
  type JWTPayload,
  type JWTHeaderParameters,
} from 'jose';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { proofHeaders, startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

// Every service of this file accepts HS256 tokens signed with JWT_SECRET and RS256/ES256 tokens
// signed with a key of the JWKS file written below, from this issuer for this audience.
const ISSUER = 'https://auth.example.gov.cn';
const AUDIENCE = 'fengqiao-assessment';
const SECRET = new TextEncoder().encode(process.env.JWT_SECRET);
const QUERY = '{ divisions { code } }';

let platform: Platform;
let rsa: GenerateKeyPairResult;
let ec: GenerateKeyPairResult;
let strangerRsa: CryptoKey;
/** rsa's private key for RS512: a Web Crypto key is bound to the one algorithm it was made for. */
let rsaForRs512: CryptoKey | Uint8Array;

beforeAll(async () => {
  rsa = await generateKeyPair('RS256', { extractable: true });
  rsaForRs512 = await importJWK(await exportJWK(rsa.privateKey), 'RS512');
  ec = await generateKeyPair('ES256');
  strangerRsa = (await generateKeyPair('RS256')).privateKey;
  const keys = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  const file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
  writeFileSync(file, JSON.stringify({ keys }));
  Object.assign(process.env, { JWT_JWKS_FILE: file, JWT_ISSUER: ISSUER, JWT_AUDIENCE: AUDIENCE });
  platform = await startPlatform();
});
afterAll(() => platform.stop());

const now = () => Math.floor(Date.now() / 1000);

function claims(overrides: JWTPayload = {}): JWTPayload {
  return {
    sub: 'tester',
    roles: ['admin'],
    iss: ISSUER,
    aud: AUDIENCE,
    iat: now(),
    exp: now() + 600,
    ...overrides,
  };
}

function sign(
  key: CryptoKey | Uint8Array,
  header: JWTHeaderParameters,
  payload: JWTPayload = claims(),
): Promise<string> {
  return new SignJWT(payload).setProtectedHeader(header).sign(key);
}

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** The answer through the gateway and straight from the stations subgraph, side by side. */
async function bothAnswers(authorization: string) {
  const ask = async (url: string, proof: Record<string, string> = {}) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, ...proof },
      body: JSON.stringify({ query: QUERY }),
    });
    const body = (await response.json()) as {
      data?: unknown;
      errors?: { message: string; extensions: { code: string } }[];
    };
    const [error] = body.errors ?? [];
    return error
      ? { status: response.status, code: error.extensions.code, message: error.message }
      : { status: response.status, data: body.data };
  };
  const [gateway, stations] = await Promise.all([
    ask(platform.gateway.url),
    ask(platform.service('stations').url, await proofHeaders('stations', QUERY)),
  ]);
  return { gateway, stations };
}

describe('tokens the gateway and every subgraph refuse with 401 UNAUTHENTICATED', () => {
  it.each<[string, () => Promise<string>, string]>([
    [
      'a forged signature',
      () => sign(new TextEncoder().encode('not-the-secret'), { alg: 'HS256' }),
      'signature verification failed',
    ],
    [
      'a station token whose roles were changed to admin after signing',
      async () => {
        const [header, , signature] = (await tokenFor('station:330681500001')).split('.');
        return `${header}.${base64url(claims())}.${signature}`;
      },
      'signature verification failed',
    ],
    [
      'alg: none',
      () => Promise.resolve(`${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims())}.`),
      'algorithm none is not accepted',
    ],
    [
      'HS256 signed with the RSA public key of the JWKS (algorithm confusion)',
      async () => sign(new TextEncoder().encode(await exportSPKI(rsa.publicKey)), { alg: 'HS256' }),
      'signature verification failed',
    ],
    [
      'RS512 signed with the RSA key of the JWKS (an algorithm not configured)',
      () => sign(rsaForRs512, { alg: 'RS512', kid: 'rsa-1' }),
      'algorithm RS512 is not accepted',
    ],
    [
      'HS512 signed with the secret (an algorithm not configured)',
      () => sign(SECRET, { alg: 'HS512' }),
      'algorithm HS512 is not accepted',
    ],
    [
      'RS256 signed by a key the JWKS does not hold',
      () => sign(strangerRsa, { alg: 'RS256', kid: 'rsa-1' }),
      'signature verification failed',
    ],
    [
      'ES256 naming a key id the JWKS does not hold',
      () => sign(ec.privateKey, { alg: 'ES256', kid: 'ec-2' }),
      'no applicable key found',
    ],
    [
      'an expired token',
      () => sign(SECRET, { alg: 'HS256' }, claims({ iat: now() - 7200, exp: now() - 3600 })),
      'invalid bearer token: expired',
    ],
    [
      'a token not valid yet',
      () => sign(SECRET, { alg: 'HS256' }, claims({ nbf: now() + 3600 })),
      '"nbf" claim timestamp check failed',
    ],
    [
      'a token without expiry',
      () => sign(SECRET, { alg: 'HS256' }, claims({ exp: undefined })),
      'missing required "exp" claim',
    ],
    [
      'a token without subject',
      () => sign(SECRET, { alg: 'HS256' }, claims({ sub: undefined })),
      'missing required "sub" claim',
    ],
    [
      'a wrong audience',
      () => sign(SECRET, { alg: 'HS256' }, claims({ aud: 'another-platform' })),
      'unexpected "aud" claim value',
    ],
    [
      'a wrong issuer',
      () => sign(SECRET, { alg: 'HS256' }, claims({ iss: 'https://evil.example' })),
      'unexpected "iss" claim value',
    ],
    [
      'roles as a string',
      () => sign(SECRET, { alg: 'HS256' }, claims({ roles: 'admin' })),
      'the roles claim must be an array of strings',
    ],
    [
      'roles holding a number',
      () => sign(SECRET, { alg: 'HS256' }, claims({ roles: ['admin', 1] })),
      'the roles claim must be an array of strings',
    ],
    [
      'no roles claim',
      () => sign(SECRET, { alg: 'HS256' }, claims({ roles: undefined })),
      'the roles claim must be an array of strings',
    ],
    [
      'sub as a number',
      () => sign(SECRET, { alg: 'HS256' }, claims({ sub: 42 as unknown as string })),
      'the sub claim must be a string',
    ],
    [
      'sub as an object',
      () => sign(SECRET, { alg: 'HS256' }, claims({ sub: { id: 1 } as unknown as string })),
      'the sub claim must be a string',
    ],
    [
      'name as a number',
      () => sign(SECRET, { alg: 'HS256' }, claims({ name: 7 })),
      'the name claim, when given, must be a string',
    ],
    [
      'name of only spaces',
      () => sign(SECRET, { alg: 'HS256' }, claims({ name: '   ' })),
      'the name claim, when given, must be a string',
    ],
    [
      'name of 101 characters',
      () => sign(SECRET, { alg: 'HS256' }, claims({ name: '张'.repeat(101) })),
      'the name claim, when given, must be a string of 1 to 100 characters',
    ],
    [
      'exp in year 9999',
      () => sign(SECRET, { alg: 'HS256' }, claims({ exp: 253_402_300_799 })),
      'exp is more than 30 days ahead',
    ],
    [
      'exp 31 days ahead',
      () => sign(SECRET, { alg: 'HS256' }, claims({ exp: now() + 31 * 86_400 })),
      'exp is more than 30 days ahead',
    ],
    [
      'a token that is no JWT',
      () => Promise.resolve('not-a-jwt'),
      'invalid bearer token: not a JWT',
    ],
  ])('%s', async (_case, token, message) => {
    const refused = {
      status: 401,
      code: 'UNAUTHENTICATED',
      message: expect.stringContaining(message),
    };
    expect(await bothAnswers(`Bearer ${await token()}`)).toEqual({
      gateway: refused,
      stations: refused,
    });
  });

  it.each(['Bearer', 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer two tokens', 'token-without-scheme'])(
    'the malformed header "Authorization: %s"',
    async (authorization) => {
      const refused = {
        status: 401,
        code: 'UNAUTHENTICATED',
        message: 'invalid bearer token: expected "Authorization: Bearer <JWT>"',
      };
      expect(await bothAnswers(authorization)).toEqual({ gateway: refused, stations: refused });
    },
  );

  it('HS256 signed with the RSA public key, where only the JWKS is configured', async () => {
    const jwksOnly = await platform.startGateway({ JWT_SECRET: '' });
    const token = await sign(new TextEncoder().encode(await exportSPKI(rsa.publicKey)), {
      alg: 'HS256',
    });
    const response = await fetch(jwksOnly.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: QUERY }),
    });
    expect({ status: response.status, body: await response.json() }).toMatchObject({
      status: 401,
      body: {
        errors: [
          {
            message: 'invalid bearer token: algorithm HS256 is not accepted',
            extensions: { code: 'UNAUTHENTICATED' },
          },
        ],
      },
    });
  });
});

describe('tokens every service accepts', () => {
  it.each<[string, () => Promise<string>]>([
    [
      'RS256 signed with a key of the JWKS',
      () => sign(rsa.privateKey, { alg: 'RS256', kid: 'rsa-1' }),
    ],
    ['RS256 without a key id', () => sign(rsa.privateKey, { alg: 'RS256' })],
    [
      'ES256 signed with a key of the JWKS',
      () => sign(ec.privateKey, { alg: 'ES256', kid: 'ec-1' }),
    ],
    ['HS256 signed with the secret', () => tokenFor('admin')],
  ])('%s', async (_case, token) => {
    const answered = { status: 200, data: { divisions: [{ code: '330000' }] } };
    expect(await bothAnswers(`Bearer ${await token()}`)).toEqual({
      gateway: answered,
      stations: answered,
    });
  });
});
