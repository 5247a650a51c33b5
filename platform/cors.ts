import type { IncomingMessage, ServerResponse } from 'node:http';
import { envVar } from './config';

/**
 * Which browser origins may call a service from their own pages (CORS). None by default: the
 * gateway's own pages (GraphiQL, the screen) are same-origin and need no CORS at all; a frontend
 * team serving its screen from another origin is listed in CORS_ORIGINS.
 */
export interface CorsPolicy {
  origins: ReadonlySet<string>;
}

/** What a listed origin's page may send: the token, JSON, and Apollo's CSRF-proof header. */
const ALLOWED_HEADERS = 'authorization, content-type, apollo-require-preflight, x-request-id';

/** How long a browser may reuse a preflight's answer, in seconds. */
const PREFLIGHT_MAX_AGE = '600';

/**
 * CORS_ORIGINS: a comma-separated list of origins (`https://screen.example.org`, scheme, host and
 * port only). `*` is refused: the answers carry what a token may read, and which pages may ask
 * for them with a user's token is a decision taken origin by origin.
 */
export function corsFromEnv(): CorsPolicy {
  const listed = (envVar('CORS_ORIGINS') ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter((origin) => origin !== '');
  for (const origin of listed) {
    let parsed: URL | null = null;
    try {
      parsed = new URL(origin);
    } catch {
      // Reported below, with every other malformed entry's reason.
    }
    if (!parsed || parsed.origin !== origin || !/^https?:$/.test(parsed.protocol)) {
      throw new Error(
        `CORS_ORIGINS: "${origin}" is not an origin (scheme://host[:port], no path, no *)`,
      );
    }
  }
  return { origins: new Set(listed) };
}

function refuse(res: ServerResponse, origin: string): void {
  const body = JSON.stringify({
    errors: [
      {
        message: `pages of ${origin} may not call this service: CORS_ORIGINS lists the origins that may`,
        extensions: { code: 'CORS_ORIGIN_NOT_ALLOWED' },
      },
    ],
  });
  res.writeHead(403, { 'content-type': 'application/json; charset=utf-8', vary: 'origin' });
  res.end(body);
}

/**
 * Applies `policy` to a request: answers a preflight (OPTIONS with Access-Control-Request-Method)
 * itself, 204 for a listed origin and 403 CORS_ORIGIN_NOT_ALLOWED for any other, and returns true
 * when it did. A listed origin's other requests get the headers that let its page read the answer;
 * an unlisted origin's get none, so its page cannot read it (and Apollo's CSRF prevention has
 * already refused any request a page could send without a preflight).
 */
export function answerCors(policy: CorsPolicy, req: IncomingMessage, res: ServerResponse): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) return false;
  const listed = policy.origins.has(origin);
  const preflight =
    req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;
  if (preflight && !listed) {
    refuse(res, origin);
    return true;
  }
  if (!listed) return false;
  res.setHeader('access-control-allow-origin', origin);
  res.setHeader('vary', 'origin');
  if (!preflight) {
    res.setHeader('access-control-expose-headers', 'x-request-id');
    return false;
  }
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, POST',
    'access-control-allow-headers': ALLOWED_HEADERS,
    'access-control-max-age': PREFLIGHT_MAX_AGE,
  });
  res.end();
  return true;
}
