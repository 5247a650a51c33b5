import { createHash, createHmac } from 'node:crypto';
import { errors as joseErrors, jwtVerify } from 'jose';
import { envVar, isProduction } from './config';
import { codedError } from './errors';

/**
 * The gateway's proof (docs/security.md, "Subgraphs answer only the gateway"): a short-lived
 * HS256 JWT the gateway signs for every request it sends a subgraph, naming the subgraph (`aud`)
 * and the exact query it admitted (`qh`). A subgraph runs nothing without one, so the limits,
 * the safelist and the cost estimate the gateway applied cannot be stepped around by calling a
 * subgraph directly. The user's own token is still forwarded and verified besides.
 */
export const GATEWAY_PROOF_HEADER = 'x-gateway-proof';
export const GATEWAY_PROOF_ISSUER = 'fengqiao-gateway';
/** How long a proof is good for: one fetch, with time to spare. */
export const GATEWAY_PROOF_LIFETIME_S = 60;
/** The clock skew a subgraph allows between the gateway's clock and its own. */
const GATEWAY_PROOF_SKEW_S = 5;
/** SUBGRAPH_SECRET's shortest length: HS256's key is 256 bits. */
const MIN_SUBGRAPH_SECRET_BYTES = 32;

export type ProofSecret = Uint8Array;

/** SUBGRAPH_SECRET, checked: every service that sends to or serves a subgraph needs it. */
export function subgraphSecretFromEnv(): ProofSecret {
  const secret = envVar('SUBGRAPH_SECRET');
  if (!secret) {
    throw new Error(
      'Set SUBGRAPH_SECRET, the secret the gateway signs its requests to subgraphs with' +
        (isProduction() ? '.' : '; `npm start` generates one for its session.'),
    );
  }
  const bytes = new TextEncoder().encode(secret);
  if (bytes.length < MIN_SUBGRAPH_SECRET_BYTES) {
    throw new Error(`SUBGRAPH_SECRET must be at least ${MIN_SUBGRAPH_SECRET_BYTES} bytes`);
  }
  return bytes;
}

/** base64url(SHA-256(query)): the `qh` claim, binding a proof to one query text. */
export function queryHash(query: string): string {
  return createHash('sha256').update(query, 'utf8').digest('base64url');
}

export interface ProofRequest {
  /** The subgraph's name as the supergraph names it: the proof's audience. */
  subgraph: string;
  /** The exact `query` string of the body sent. */
  query: string;
  /** The request id, for the logs (`rid`). */
  requestId?: string;
}

const base64url = (json: object) => Buffer.from(JSON.stringify(json)).toString('base64url');
const PROOF_HEADER = base64url({ alg: 'HS256', typ: 'JWT' });

/**
 * Mints the proof for one request to one subgraph (the gateway, and tools that call subgraphs).
 * A plain HS256 JWS, signed with node:crypto's HMAC: the gateway mints one for every fetch,
 * and jose's WebCrypto signing costs some 150 µs of CPU a proof against 3. A promise, as it was
 * when jose signed it.
 */
export function signGatewayProof(
  request: ProofRequest,
  secret: ProofSecret = subgraphSecretFromEnv(),
): Promise<string> {
  const iat = Math.floor(Date.now() / 1000);
  const payload = base64url({
    qh: queryHash(request.query),
    rid: request.requestId ?? '',
    iss: GATEWAY_PROOF_ISSUER,
    aud: request.subgraph,
    iat,
    exp: iat + GATEWAY_PROOF_LIFETIME_S,
  });
  const signed = `${PROOF_HEADER}.${payload}`;
  return Promise.resolve(
    `${signed}.${createHmac('sha256', secret).update(signed).digest('base64url')}`,
  );
}

function refused(reason: string) {
  return codedError('UNAUTHENTICATED', `no valid gateway proof: ${reason}`);
}

/**
 * Checks the proof a subgraph was sent: signed with SUBGRAPH_SECRET by the gateway, for this
 * subgraph, unexpired, living no longer than a proof may, and minted for exactly this query.
 * Any failure is UNAUTHENTICATED (HTTP 401), saying why but never echoing the proof.
 */
export async function verifyGatewayProof(
  header: string | string[] | undefined,
  expected: { subgraph: string; query: string | undefined },
  secret: ProofSecret,
): Promise<void> {
  if (typeof header !== 'string' || header === '') {
    throw refused(`send the gateway's ${GATEWAY_PROOF_HEADER} header`);
  }
  let payload;
  try {
    ({ payload } = await jwtVerify(header, secret, {
      algorithms: ['HS256'],
      issuer: GATEWAY_PROOF_ISSUER,
      audience: expected.subgraph,
      clockTolerance: GATEWAY_PROOF_SKEW_S,
      requiredClaims: ['iat', 'exp', 'qh'],
    }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw refused('expired');
    if (error instanceof joseErrors.JOSEError) throw refused(error.message);
    throw error;
  }
  const { iat = 0, exp = 0, qh } = payload;
  // A proof minted to live longer than a fetch is not the gateway's.
  if (exp - iat > GATEWAY_PROOF_LIFETIME_S) {
    throw refused(`a proof lives at most ${GATEWAY_PROOF_LIFETIME_S} s`);
  }
  if (iat > Date.now() / 1000 + GATEWAY_PROOF_SKEW_S) throw refused('issued in the future');
  if (expected.query === undefined || qh !== queryHash(expected.query)) {
    throw refused('it was minted for another query');
  }
}
