import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';

/** An error as a GraphQL answer carries it. */
export interface AnswerError {
  message: string;
  extensions?: { code?: unknown; [key: string]: unknown };
}

/** An answer's data: objects of the shapes the suite asked for, read as plain records. */
export type Fields = Record<string, unknown>;

export interface Answer {
  status: number;
  data?: Fields | null;
  errors?: AnswerError[];
}

/** The first entity of an `_entities` answer, or undefined. */
export function firstEntity<T = Fields>(answer: Answer): T | undefined {
  return entitiesOf<T>(answer)[0];
}

export function entitiesOf<T = Fields>(answer: Answer): T[] {
  const entities = answer.data?._entities;
  return Array.isArray(entities) ? (entities as T[]) : [];
}

/**
 * How a request proves it comes through the gateway (docs/department-contract.md, "The
 * gateway's proof"): a valid proof, none, or one broken in one way the subgraph must refuse.
 */
type Proof =
  | 'valid'
  | 'none'
  | 'wrong-audience'
  | 'expired'
  | { hashOf: string /* the query the proof names instead of the one sent */ };

export interface Call {
  token?: string;
  variables?: Record<string, unknown>;
  /** By default a valid proof whenever the suite has the proof's secret. */
  proof?: Proof;
}

const ISSUER = 'fengqiao-gateway';
const LIFETIME_S = 60;

/** base64url(SHA-256(query)): the `qh` claim binding a proof to the query it admitted. */
function queryHash(query: string): string {
  return createHash('sha256').update(query, 'utf8').digest('base64url');
}

/** A gateway proof per the spec, signed with SUBGRAPH_SECRET; `proof` says how to break it. */
async function mintProof(
  secret: Uint8Array,
  audience: string,
  query: string,
  proof: Exclude<Proof, 'none'>,
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  // Past the 5 s of skew a subgraph allows.
  const issuedAt = proof === 'expired' ? now - LIFETIME_S - 30 : now;
  return new SignJWT({
    qh: queryHash(typeof proof === 'object' ? proof.hashOf : query),
    rid: `conformance-${randomUUID()}`,
  })
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(ISSUER)
    .setAudience(proof === 'wrong-audience' ? `not-${audience}` : audience)
    .setIssuedAt(issuedAt)
    .setExpirationTime(issuedAt + LIFETIME_S)
    .sign(secret);
}

/**
 * The suite's client of the subgraph under test: GraphQL over HTTP straight to it, as the
 * gateway would send it, keeping every error it is answered so that the last check can read
 * them all (codes, no SQL text).
 */
export class SubgraphClient {
  readonly seen: AnswerError[] = [];
  private readonly secret: Uint8Array | undefined;

  constructor(
    readonly url: string,
    /** The subgraph's name as the supergraph names it: the proof's audience. */
    readonly name: string,
    proofSecret: string | undefined,
  ) {
    this.secret = proofSecret ? new TextEncoder().encode(proofSecret) : undefined;
  }

  /** Whether the suite can sign proofs (SUBGRAPH_SECRET set). */
  get signsProofs(): boolean {
    return this.secret !== undefined;
  }

  async post(query: string, call: Call = {}): Promise<Answer> {
    const proof = call.proof ?? (this.secret ? 'valid' : 'none');
    if (proof !== 'none' && !this.secret) {
      throw new Error('a gateway proof needs SUBGRAPH_SECRET');
    }
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (call.token) headers.authorization = `Bearer ${call.token}`;
    if (proof !== 'none' && this.secret) {
      headers['x-gateway-proof'] = await mintProof(this.secret, this.name, query, proof);
    }
    const response = await fetch(this.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables: call.variables ?? {} }),
    });
    const text = await response.text();
    let body: Omit<Answer, 'status'>;
    try {
      body = JSON.parse(text) as Omit<Answer, 'status'>;
    } catch {
      // Kept as an error without a code: the last check then fails on it, quoting it.
      body = { errors: [{ message: `HTTP ${response.status}, not JSON: ${text.slice(0, 200)}` }] };
    }
    this.seen.push(...(body.errors ?? []));
    return { status: response.status, ...body };
  }

  /** GET a route beside /graphql (/health, /ready), without a token or a proof. */
  async route(path: string): Promise<number> {
    const response = await fetch(new URL(path, this.url));
    await response.arrayBuffer();
    return response.status;
  }
}
