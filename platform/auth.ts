import { readFileSync } from 'node:fs';
import {
  createLocalJWKSet,
  decodeProtectedHeader,
  errors as joseErrors,
  jwtVerify,
  SignJWT,
  type JSONWebKeySet,
  type JWTVerifyOptions,
} from 'jose';
import { envVar, intEnv, isProduction } from './config';
import { codedError } from './errors';
import { hasControlCharacter, hasVisibleCharacter } from './text';

/**
 * Who is asking. Roles: `admin`, `assessor`, `department:<name>` (the stations registry's
 * keepers or a department of subgraphs/departments.ts) and `station:<12-digit code>`.
 */
export interface Viewer {
  sub: string;
  /** The person's name (the token's `name` claim), shown where a subject would be a bare id. */
  name?: string;
  roles: readonly string[];
}

export interface AuthConfig {
  /** HS256 secret (JWT_SECRET). */
  secret?: Uint8Array;
  /** RS256/ES256 public keys (JWT_JWKS_FILE). */
  jwks?: JSONWebKeySet;
  issuer?: string;
  audience?: string;
  /** The furthest ahead a token's `exp` may be, in seconds (JWT_MAX_LIFETIME_DAYS). */
  maxLifetimeS?: number;
}

/** 30 days: the longest-lived token a department system is issued (`npm run token -- --expires 30d`). */
const DEFAULT_MAX_TOKEN_LIFETIME_DAYS = 30;

export function authConfigFromEnv(): AuthConfig {
  const secret = envVar('JWT_SECRET');
  const jwksFile = envVar('JWT_JWKS_FILE');
  if (!secret && !jwksFile) {
    throw new Error(
      'Set JWT_SECRET (HS256) or JWT_JWKS_FILE (RS256/ES256) to verify bearer tokens' +
        (isProduction() ? '.' : '; `npm start` generates a secret for its session.'),
    );
  }
  return {
    ...(secret ? { secret: new TextEncoder().encode(secret) } : {}),
    ...(jwksFile ? { jwks: JSON.parse(readFileSync(jwksFile, 'utf8')) as JSONWebKeySet } : {}),
    ...claimsFromEnv(),
    maxLifetimeS: intEnv('JWT_MAX_LIFETIME_DAYS', DEFAULT_MAX_TOKEN_LIFETIME_DAYS) * 86_400,
  };
}

/** The issuer and audience the services check (JWT_ISSUER, JWT_AUDIENCE): a minted token carries them. */
export function claimsFromEnv(): { issuer?: string; audience?: string } {
  const issuer = envVar('JWT_ISSUER');
  const audience = envVar('JWT_AUDIENCE');
  return { ...(issuer ? { issuer } : {}), ...(audience ? { audience } : {}) };
}

const ASYMMETRIC = ['RS256', 'ES256'];
/** The longest token subject accepted: user ids and e-mail addresses fit well within it. */
const MAX_SUBJECT = 200;
/** The longest `name` claim accepted: a person's name with an office beside it fits well within it. */
const MAX_NAME = 100;

/**
 * How many verified tokens a service remembers. A viewer sends the same token with every request
 * (and the gateway forwards it with every fetch), so a service verifies each token once, not once
 * a request: HS256 through WebCrypto costs about 170 µs of CPU, a look-up nothing.
 */
const REMEMBERED_TOKENS = 1000;

/** A claim stored as who did something: a visible string within its bound, without control characters. */
function storableClaim(value: unknown, max: number): value is string {
  return (
    typeof value === 'string' &&
    value.length <= max &&
    !hasControlCharacter(value) &&
    hasVisibleCharacter(value)
  );
}

function unauthenticated(reason: string) {
  return codedError('UNAUTHENTICATED', `invalid bearer token: ${reason}`);
}

/**
 * Verifies `Authorization: Bearer <JWT>`. No header means an anonymous viewer (null); a header
 * that does not carry a valid, unexpired token signed by a configured key is UNAUTHENTICATED.
 * The key is chosen by the algorithm the configuration allows, never by the token alone, so an
 * HS256 token signed with a public RSA key (algorithm confusion) or `alg: none` fails.
 */
export function createVerifier(config: AuthConfig) {
  const jwks = config.jwks ? createLocalJWKSet(config.jwks) : undefined;
  const claims: JWTVerifyOptions = {
    requiredClaims: ['exp', 'sub'],
    ...(config.issuer ? { issuer: config.issuer } : {}),
    ...(config.audience ? { audience: config.audience } : {}),
  };

  async function verifyToken(token: string) {
    let alg: string | undefined;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthenticated('not a JWT');
    }
    if (alg === 'HS256' && config.secret) {
      return jwtVerify(token, config.secret, { ...claims, algorithms: ['HS256'] });
    }
    if (alg !== undefined && ASYMMETRIC.includes(alg) && jwks) {
      return jwtVerify(token, jwks, { ...claims, algorithms: ASYMMETRIC });
    }
    throw unauthenticated(`algorithm ${alg ?? 'none'} is not accepted`);
  }

  // Only tokens that passed: their verdict can change only when they expire, which is checked on
  // every use as jose checks it. A not-yet-valid token (nbf) fails and is not kept; the lifetime
  // bound only loosens as time passes; the keys, issuer and audience are fixed at start.
  const verified = new Map<string, { viewer: Viewer; exp: number }>();
  // Frozen: every request of the token's holder is handed the same viewer.
  const remember = (token: string, { viewer, exp }: { viewer: Viewer; exp: number }) => {
    const kept = Object.freeze({ ...viewer, roles: Object.freeze([...viewer.roles]) });
    if (verified.size >= REMEMBERED_TOKENS) {
      for (const oldest of verified.keys()) {
        verified.delete(oldest);
        break;
      }
    }
    verified.set(token, { viewer: kept, exp });
    return kept;
  };

  return async function verify(authorization: string | undefined): Promise<Viewer | null> {
    if (authorization === undefined || authorization === '') return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match?.[1]) throw unauthenticated('expected "Authorization: Bearer <JWT>"');
    const token = match[1];
    const known = verified.get(token);
    if (known) {
      if (known.exp > Math.floor(Date.now() / 1000)) return known.viewer;
      verified.delete(token);
    }
    return remember(token, await verifyViewer(token));
  };

  /** The token's viewer, and when the token expires (a required claim). */
  async function verifyViewer(token: string): Promise<{ viewer: Viewer; exp: number }> {
    try {
      const { payload } = await verifyToken(token);
      const roles = payload.roles;
      if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
        throw unauthenticated('the roles claim must be an array of strings');
      }
      // A token that never ends, or ends in year 9999, is a leaked credential waiting to happen.
      const maxLifetimeS = config.maxLifetimeS ?? DEFAULT_MAX_TOKEN_LIFETIME_DAYS * 86_400;
      if (payload.exp !== undefined && payload.exp > Date.now() / 1000 + maxLifetimeS) {
        throw unauthenticated(
          `exp is more than ${Math.round(maxLifetimeS / 86_400)} days ahead (JWT_MAX_LIFETIME_DAYS)`,
        );
      }
      const { sub, name, exp = 0 } = payload;
      // The subject names the viewer in errors and is stored as a scheme's publisher.
      if (!storableClaim(sub, MAX_SUBJECT)) {
        throw unauthenticated(
          `the sub claim must be a string of 1 to ${MAX_SUBJECT} characters, visible, without control characters`,
        );
      }
      if (name === undefined) return { viewer: { sub, roles }, exp };
      // Optional; stored beside the subject as the name a board's publisher is shown by.
      if (!storableClaim(name, MAX_NAME)) {
        throw unauthenticated(
          `the name claim, when given, must be a string of 1 to ${MAX_NAME} characters, visible, without control characters`,
        );
      }
      return { viewer: { sub, name: name.trim(), roles }, exp };
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired) throw unauthenticated('expired');
      if (error instanceof joseErrors.JOSEError) throw unauthenticated(error.message);
      throw error;
    }
  }
}

/** Mints an HS256 token: for `npm start`'s sample tokens, the tests and the import tool. */
export async function signToken(
  secret: string,
  viewer: Viewer,
  options: { expiresIn?: string; issuer?: string; audience?: string } = {},
): Promise<string> {
  const claims = { roles: [...viewer.roles], ...(viewer.name ? { name: viewer.name } : {}) };
  let jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(viewer.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h');
  if (options.issuer) jwt = jwt.setIssuer(options.issuer);
  if (options.audience) jwt = jwt.setAudience(options.audience);
  return jwt.sign(new TextEncoder().encode(secret));
}
