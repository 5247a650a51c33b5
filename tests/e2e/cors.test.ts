import type { RunningGateway } from '../../gateway/src/gateway';
import { listedOperation } from '../../platform/operations';
import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * CORS at the gateway: a frontend team's screen served from another origin calls the gateway
 * from the browser when CORS_ORIGINS lists that origin, and is refused, coded, when it does not.
 */
const SCREEN = 'https://screen.example.org';
const STRANGER = 'https://elsewhere.example.com';

let platform: Platform;
let listing: RunningGateway;

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  listing = await platform.startGateway({ CORS_ORIGINS: `${SCREEN}, http://localhost:5173` });
});
afterAll(() => platform.stop());

/** A browser's preflight before a POST with a token and JSON. */
const preflight = (url: string, origin: string) =>
  fetch(url, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'authorization, content-type',
    },
  });

/** The listed Station operation, as the page sends it after its preflight. */
async function post(url: string, origin: string) {
  return fetch(url, {
    method: 'POST',
    headers: {
      origin,
      'content-type': 'application/json',
      authorization: `Bearer ${await tokenFor('admin')}`,
    },
    body: JSON.stringify({
      query: listedOperation('Station'),
      variables: { code: '330681500001' },
    }),
  });
}

describe('CORS_ORIGINS', () => {
  it("answers a listed origin's preflight with what its page may send", async () => {
    const res = await preflight(listing.url, SCREEN);
    expect(res.status).toBe(204);
    expect(Object.fromEntries(res.headers)).toMatchObject({
      'access-control-allow-origin': SCREEN,
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': expect.stringContaining('authorization, content-type'),
      'access-control-max-age': '600',
      vary: 'origin',
    });
  });

  it("lets a listed origin's page read the answer", async () => {
    const res = await post(listing.url, SCREEN);
    expect(res.headers.get('access-control-allow-origin')).toBe(SCREEN);
    expect(res.headers.get('access-control-expose-headers')).toBe('x-request-id');
    const body = (await res.json()) as { data?: { station?: { code?: string } } };
    expect(body.data?.station?.code).toBe('330681500001');
  });

  it.each([
    ['an unlisted origin, on a gateway listing others', () => listing.url, STRANGER],
    ['any origin, on a gateway listing none (the default)', () => platform.gateway.url, SCREEN],
  ])(
    'refuses the preflight of %s, coded, and lets no page read an answer',
    async (_case, url, origin) => {
      const res = await preflight(url(), origin);
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(await res.json()).toEqual({
        errors: [
          {
            message: `pages of ${origin} may not call this service: CORS_ORIGINS lists the origins that may`,
            extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED' },
          },
        ],
      });
      const answer = await post(url(), origin);
      expect(answer.headers.get('access-control-allow-origin')).toBeNull();
    },
  );

  it.each(['*', 'https://screen.example.org/path', 'screen.example.org'])(
    'refuses to start on CORS_ORIGINS=%s',
    async (origins) => {
      await expect(platform.startGateway({ CORS_ORIGINS: origins })).rejects.toThrow(
        `CORS_ORIGINS: "${origins}" is not an origin`,
      );
    },
  );
});
