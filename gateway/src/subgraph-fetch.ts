import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { Counter, Histogram } from 'prom-client';
import { isProduction } from '../../platform/config';
import {
  GATEWAY_PROOF_HEADER,
  signGatewayProof,
  type ProofSecret,
} from '../../platform/gateway-proof';
import type { ErrorCode } from '../../platform/errors';
import { currentRequest } from '../../platform/request-scope';
import type { EntityFallback } from './entity-fallback';
import { httpFetcher } from './http-fetcher';
import { LATENCY_BUCKETS, type ServiceMetrics } from '../../platform/metrics';

type SubgraphResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/** The gateway's own series: how each subgraph answers it. */
export class SubgraphFetchMetrics {
  readonly duration: Histogram<'subgraph'>;
  readonly errors: Counter<'subgraph' | 'code'>;

  constructor(metrics: ServiceMetrics) {
    const registers = [metrics.registry];
    this.duration = new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Time a fetch from one subgraph took, answered or not, by subgraph',
      labelNames: ['subgraph'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: 'gateway_subgraph_fetch_errors_total',
      help: 'Fetches that got no GraphQL answer (timeout, unreachable, HTTP error), by subgraph and code',
      labelNames: ['subgraph', 'code'],
      registers,
    });
  }
}

export interface SubgraphFetchOptions {
  name: string;
  url: string;
  /** The deadline of one fetch, headers and body (SUBGRAPH_TIMEOUT_MS). */
  timeoutMs: number;
  metrics: SubgraphFetchMetrics;
  /** SUBGRAPH_SECRET: every request is signed with it, as the subgraph's proof that it was admitted. */
  proofSecret: ProofSecret;
  /** What an entity fetch answers when the subgraph is down; nothing by default. */
  fallback?: EntityFallback;
}

/** A failed fetch as the client sees it: a code to act on and the subgraph that failed. */
function fetchError(error: Error, subgraph: string, timeoutMs: number): GraphQLError {
  const coded = (code: ErrorCode, message: string) =>
    new GraphQLError(message, { extensions: { code, subgraph } });
  // Nothing aborts a fetch but its deadline (or a caller gone, who reads no answer): the
  // fetcher says AbortError.
  if (error.name === 'AbortError') {
    return coded(
      'SUBGRAPH_TIMEOUT',
      `subgraph "${subgraph}" did not answer within ${timeoutMs} ms`,
    );
  }
  if (error instanceof GraphQLError) {
    // An HTTP error answer (RemoteGraphQLDataSource.errorFromResponse); its `response` holds
    // the subgraph's URL and body, which are not the client's business.
    const { response, code, ...extensions } = error.extensions as {
      response?: { status?: number };
      code?: unknown;
    };
    if (typeof code === 'string') {
      return new GraphQLError(error.message, { extensions: { ...extensions, code, subgraph } });
    }
    return coded(
      'SUBGRAPH_UNAVAILABLE',
      `subgraph "${subgraph}" is unavailable (HTTP ${response?.status ?? '?'})`,
    );
  }
  const reason = (error as { code?: unknown }).code;
  // The socket's reason helps whoever runs the platform; in production it stays in the logs.
  const detail = isProduction() ? '' : ` (${typeof reason === 'string' ? reason : error.name})`;
  return coded('SUBGRAPH_UNAVAILABLE', `subgraph "${subgraph}" is unavailable${detail}`);
}

/**
 * How the gateway reaches one subgraph: every fetch has a deadline, so one slow subgraph cannot
 * hold a screen; every fetch is timed; a fetch that gets no GraphQL answer becomes an error
 * with a code (SUBGRAPH_TIMEOUT, SUBGRAPH_UNAVAILABLE, or the subgraph's own) and
 * `extensions.subgraph`. The gateway then answers what the other subgraphs gave, with that
 * error: the hook a screen (or the board's DEPARTMENT_UNAVAILABLE) builds on. Every request
 * carries the gateway's proof (platform/gateway-proof.ts) for the subgraph and the exact query.
 */
// The same bound as RemoteGraphQLDataSource's, which a context interface satisfies.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class SubgraphDataSource<C extends Record<string, any>> extends RemoteGraphQLDataSource<C> {
  private readonly subgraph: SubgraphFetchOptions;

  constructor(options: SubgraphFetchOptions) {
    super({ url: options.url });
    this.subgraph = options;
    // The fetch ends at its deadline, or as soon as the gateway's own caller has gone: either
    // way the subgraph sees the connection close and stops the work (its SQL included).
    this.fetcher = (url, init) => {
      const deadline = AbortSignal.timeout(options.timeoutMs);
      const caller = currentRequest()?.signal;
      const signal = caller ? AbortSignal.any([deadline, caller]) : deadline;
      return httpFetcher(url, { ...init, signal });
    };
  }

  /**
   * Signs the request: the proof names this subgraph and the query text sent, which nothing
   * changes after this hook (automatic persisted queries to subgraphs are off).
   */
  override async willSendRequest(options: GraphQLDataSourceProcessOptions<C>): Promise<void> {
    const { request } = options;
    const proof = await signGatewayProof(
      {
        subgraph: this.subgraph.name,
        query: request.query ?? '',
        requestId: currentRequest()?.requestId,
      },
      this.subgraph.proofSecret,
    );
    request.http?.headers.set(GATEWAY_PROOF_HEADER, proof);
  }

  override async process(options: GraphQLDataSourceProcessOptions<C>) {
    const { name, metrics, fallback } = this.subgraph;
    const end = metrics.duration.startTimer({ subgraph: name });
    try {
      return await super.process(options);
    } catch (error) {
      const coded = error instanceof GraphQLError ? error : null;
      const code = coded?.extensions.code;
      metrics.errors.inc({ subgraph: name, code: typeof code === 'string' ? code : 'UNKNOWN' });
      // Down or too slow: answer an entity fetch with nulls, so the rest of the plan runs.
      const data =
        code === 'SUBGRAPH_UNAVAILABLE' || code === 'SUBGRAPH_TIMEOUT'
          ? fallback?.(options.request.query, options.request.variables)
          : null;
      if (coded && data) return { data, errors: [coded.toJSON()] };
      throw error;
    } finally {
      end();
    }
  }

  /**
   * A subgraph refuses a request it cannot even start (a variable its scalar rejects, a bad
   * token) with an HTTP error whose body holds GraphQL errors: pass the first on with its code,
   * not Apollo's "400: Bad Request", which hides the reason.
   */
  override async errorFromResponse(response: SubgraphResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response);
    const [first] = (body as { errors?: GraphQLFormattedError[] } | null)?.errors ?? [];
    if (!first) return super.errorFromResponse(response);
    const { code = 'INTERNAL_SERVER_ERROR', ...details } = first.extensions ?? {};
    return new GraphQLError(first.message, { extensions: { ...details, code } });
  }

  override didEncounterError(error: Error): void {
    throw fetchError(error, this.subgraph.name, this.subgraph.timeoutMs);
  }
}
