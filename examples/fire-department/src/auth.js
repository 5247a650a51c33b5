import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { coded } from './errors.js';
import { DEPARTMENT } from './figures.js';

const unauthenticated = (message) => coded('UNAUTHENTICATED', message);

/**
 * The user's bearer token, verified as every service of the platform verifies it: HS256 with
 * JWT_SECRET or RS256/ES256 against JWT_JWKS_FILE, the key chosen by what is configured and
 * never by the token (no `alg: none`, no HS256 signed with a public key); `exp` and `sub`
 * required; JWT_ISSUER and JWT_AUDIENCE checked when set.
 */
export function bearerVerifier(env) {
  const secret = env.JWT_SECRET ? new TextEncoder().encode(env.JWT_SECRET) : undefined;
  const jwks = env.JWT_JWKS_FILE
    ? createLocalJWKSet(JSON.parse(readFileSync(env.JWT_JWKS_FILE, 'utf8')))
    : undefined;
  if (!secret && !jwks) throw new Error('set JWT_SECRET or JWT_JWKS_FILE to verify bearer tokens');
  const claims = {
    requiredClaims: ['exp', 'sub'],
    ...(env.JWT_ISSUER ? { issuer: env.JWT_ISSUER } : {}),
    ...(env.JWT_AUDIENCE ? { audience: env.JWT_AUDIENCE } : {}),
  };

  async function verify(token) {
    let alg;
    try {
      alg = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthenticated('invalid bearer token: not a JWT');
    }
    if (alg === 'HS256' && secret)
      return jwtVerify(token, secret, { ...claims, algorithms: ['HS256'] });
    if ((alg === 'RS256' || alg === 'ES256') && jwks) {
      return jwtVerify(token, jwks, { ...claims, algorithms: ['RS256', 'ES256'] });
    }
    throw unauthenticated(`invalid bearer token: algorithm ${alg ?? 'none'} is not accepted`);
  }

  /** The viewer `{ sub, roles }`, null without a header, or UNAUTHENTICATED. */
  return async function viewerOf(authorization) {
    if (!authorization) return null;
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match)
      throw unauthenticated('invalid bearer token: expected "Authorization: Bearer <JWT>"');
    let payload;
    try {
      ({ payload } = await verify(match[1]));
    } catch (error) {
      if (error.extensions?.code) throw error;
      throw unauthenticated(`invalid bearer token: ${error.code ?? 'not verified'}`);
    }
    const { sub, roles } = payload;
    if (typeof sub !== 'string' || sub.length < 1 || sub.length > 200) {
      throw unauthenticated('invalid bearer token: sub must be a string of 1 to 200 characters');
    }
    if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
      throw unauthenticated('invalid bearer token: the roles claim must be an array of strings');
    }
    return { sub, roles };
  };
}

const PROOF_ISSUER = 'fengqiao-gateway';
const PROOF_LIFETIME_S = 60;
const SKEW_S = 5;

/**
 * The gateway's proof (`x-gateway-proof`): an HS256 JWT signed with SUBGRAPH_SECRET, issued
 * by the gateway for this subgraph (`aud`), at most 60 s long, naming the exact query sent
 * (`qh`: base64url SHA-256 of the body's `query`). Anything else is UNAUTHENTICATED.
 */
export function proofVerifier(env) {
  const secret = env.SUBGRAPH_SECRET ?? '';
  if (Buffer.byteLength(secret) < 32) {
    throw new Error('set SUBGRAPH_SECRET (at least 32 bytes): the gateway signs its proof with it');
  }
  const key = new TextEncoder().encode(secret);
  return async function verifyProof(header, query) {
    if (!header)
      throw unauthenticated('this subgraph answers the gateway only: no x-gateway-proof');
    let payload;
    try {
      ({ payload } = await jwtVerify(header, key, {
        algorithms: ['HS256'],
        issuer: PROOF_ISSUER,
        audience: DEPARTMENT,
        clockTolerance: SKEW_S,
        requiredClaims: ['iat', 'exp', 'qh'],
      }));
    } catch (error) {
      throw unauthenticated(`invalid gateway proof: ${error.code ?? 'not verified'}`);
    }
    if (payload.exp - payload.iat > PROOF_LIFETIME_S) {
      throw unauthenticated(`invalid gateway proof: valid for more than ${PROOF_LIFETIME_S} s`);
    }
    const hash = createHash('sha256')
      .update(String(query ?? ''), 'utf8')
      .digest('base64url');
    if (payload.qh !== hash) throw unauthenticated('invalid gateway proof: it names another query');
    return { requestId: typeof payload.rid === 'string' ? payload.rid : null };
  };
}

const has = (viewer, role) => viewer.roles.includes(role);

/** Reads of the department's own: statistics, records, division sums. */
function readsAll(viewer) {
  return has(viewer, 'admin') || has(viewer, 'assessor') || has(viewer, `department:${DEPARTMENT}`);
}

function forbidden(viewer, field) {
  return coded(
    'FORBIDDEN',
    `${field} is not open to ${viewer.sub} (roles: ${viewer.roles.join(', ') || 'none'})`,
    {
      field,
    },
  );
}

/** Any signed-in user (the board, the catalog). Anonymous operations never reach a resolver. */
export function signedIn(viewer) {
  if (!viewer) throw unauthenticated('this field needs a bearer token');
}

/**
 * A station's statistics and records: the department's readers, or the station itself. The
 * station checked is the one resolved, `code`, never another field of the representation.
 */
export function mayReadStation(viewer, code, field) {
  signedIn(viewer);
  if (readsAll(viewer) || has(viewer, `station:${code}`)) return;
  throw forbidden(viewer, field);
}

/** A division's sums: not open to a station, which reads its own figures only. */
export function mayReadDivision(viewer, field) {
  signedIn(viewer);
  if (!readsAll(viewer)) throw forbidden(viewer, field);
}

/** Writes: the department's own systems (and admin). Returns the role it writes with. */
export function mayWrite(viewer, field) {
  signedIn(viewer);
  const role = ['admin', `department:${DEPARTMENT}`].find((r) => has(viewer, r));
  if (!role) throw forbidden(viewer, field);
  return role;
}
