import {
  ApolloGateway,
  type Experimental_DidResolveQueryPlanCallback,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { buildSchema, parse } from 'graphql';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { IncomingMessage } from 'node:http';
import { requireViewerPlugin } from '../../platform/access';
import { createVerifier, type AuthConfig, type Viewer } from '../../platform/auth';
import { envVar, flagEnv, intEnv, isProduction, serviceEnvName } from '../../platform/config';
import { errorFormatter } from '../../platform/errors';
import { stringifyResult } from '../../platform/json-answer';
import { serviceLogger, type Logger } from '../../platform/log';
import { corsFromEnv } from '../../platform/cors';
import { createHttpServer, listen, sendJson } from '../../platform/http';
import { ServiceMetrics } from '../../platform/metrics';
import { observeRequestsPlugin } from '../../platform/observe-requests';
import { requestId } from '../../platform/request-scope';
import { subgraphSecretFromEnv } from '../../platform/gateway-proof';
import { entityFallback } from './entity-fallback';
import { graphiqlRoutes } from './graphiql';
import { costDirectives } from '../../platform/cost';
import { costLimitPlugin, limitOptions, limitsFromEnv } from '../../platform/limits';
import { responseCache, responseCacheOptionsFromEnv } from './response-cache';
import { dataVersionReader } from './data-versions';
import { resolveOperationPlugin } from './resolve-operation';
import { safelistFromEnv } from './safelist';
import { SubgraphDataSource, SubgraphFetchMetrics } from './subgraph-fetch';
import { webRoutes } from './web';
import { LiveSupergraph } from './live-supergraph';
import { followSources, type FollowOptions } from './supergraph-sources';

interface GatewayContext {
  requestId: string;
  viewer: Viewer | null;
  /** Forwarded as is: every subgraph verifies the token again itself. */
  authorization: string | undefined;
}

export interface GatewayOptions {
  /** The supergraph served first. */
  supergraphSdl: string;
  /** Where newer supergraphs and safelists come from; without it, the gateway serves one. */
  follow?: FollowOptions;
  port: number;
  auth: AuthConfig;
  /** Subgraph URLs by name; otherwise `<NAME>_URL`, otherwise the supergraph's own. */
  subgraphUrls?: Record<string, string>;
  /** The logger the gateway's own is made from; by default the root one. */
  logger?: Logger;
  /** Receives each operation's query plan before it runs: how tests see the gateway's joins. */
  onQueryPlan?: (plan: QueryPlan) => void;
}

export type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];

export interface RunningGateway {
  port: number;
  url: string;
  /** The URL each subgraph is reached at, by name. */
  subgraphUrls: Record<string, string>;
  /** The supergraph served now, and how to offer another (as a followed source does). */
  supergraph: LiveSupergraph;
  stop(): Promise<void>;
}

class ForwardingDataSource extends SubgraphDataSource<GatewayContext> {
  override async willSendRequest(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): Promise<void> {
    await super.willSendRequest(options);
    // Health checks and schema loads carry no request of ours; only operations are forwarded.
    if (!('incomingRequestContext' in options)) return;
    const { request, context } = options;
    request.http?.headers.set('x-request-id', context.requestId);
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }
}

/**
 * The gateway: @apollo/gateway planning over the checked-in supergraph (never introspection),
 * inside @apollo/server. It verifies the bearer token before planning and forwards it.
 * GraphiQL is at GET /, the 晾晒 screen at /screen/, Prometheus metrics at /metrics.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  // The gateway calls no one but its subgraphs. @apollo/gateway reads this switch when it is
  // constructed and otherwise reports anonymous usage to Apollo hourly; set here, it holds for
  // every gateway this code starts (npm start, a container, the soak's, the tests').
  process.env.APOLLO_TELEMETRY_DISABLED = '1';
  const subgraphUrls: Record<string, string> = {};
  const metrics = new ServiceMetrics('gateway');
  const fetchMetrics = new SubgraphFetchMetrics(metrics);
  // A subgraph fetch's deadline: one slow subgraph must not hold a screen.
  const timeoutMs = intEnv('SUBGRAPH_TIMEOUT_MS', 10_000);
  const proofSecret = subgraphSecretFromEnv();
  const { onQueryPlan } = options;
  const logger = serviceLogger('gateway', options.logger);
  const supergraph = new LiveSupergraph(options.supergraphSdl, metrics, logger);
  // The supergraph as graphql-js reads it: its types and fields, with the join directives.
  let fallback = entityFallback(buildSchema(options.supergraphSdl));
  supergraph.follow((sdl) => {
    const next = entityFallback(buildSchema(sdl));
    return () => (fallback = next);
  });
  let directives = costDirectives(parse(options.supergraphSdl));
  supergraph.follow((sdl) => {
    const next = costDirectives(parse(sdl));
    return () => (directives = next);
  });
  const cacheOptions = responseCacheOptionsFromEnv();
  const cache =
    cacheOptions.maxBytes > 0 && cacheOptions.maxEntries > 0
      ? responseCache(
          supergraph,
          cacheOptions,
          metrics,
          () => Object.keys(subgraphUrls),
          dataVersionReader(() => subgraphUrls, metrics),
        )
      : null;
  const gateway = new ApolloGateway({
    supergraphSdl: supergraph.hook,
    // LiveSupergraph has validated every supergraph it hands over, in production too.
    validateSupergraph: false,
    experimental_didResolveQueryPlan: ({ queryPlan, requestContext }) => {
      // The cache checks the versions of the subgraphs the plan fetches from.
      if (requestContext.document) cache?.notePlan(requestContext.document, queryPlan);
      onQueryPlan?.(queryPlan);
    },
    buildService: ({ name, url }) => {
      const resolved =
        options.subgraphUrls?.[name] ?? envVar(serviceEnvName(name, 'URL')) ?? url ?? '';
      subgraphUrls[name] = resolved;
      return new ForwardingDataSource({
        name,
        url: resolved,
        timeoutMs,
        metrics: fetchMetrics,
        proofSecret,
        fallback: (query, variables) => fallback(query, variables),
      });
    },
  });
  const verify = createVerifier(options.auth);
  // Read before anything starts: a malformed list stops the gateway rather than allow too much.
  const cors = corsFromEnv();
  const limits = limitsFromEnv();
  const introspection = !isProduction();
  const safelist = safelistFromEnv(
    { maxTokens: limits.tokens, introspection },
    options.follow?.safelistFile,
  );
  if (safelist) {
    // A publication may have listed operations for the new supergraph's fields.
    supergraph.follow(() => () => safelist.reload(logger));
  }
  if (options.follow) followSources(options.follow, supergraph, safelist, logger);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: errorFormatter(logger),
    stringifyResult,
    includeStacktraceInErrorResponses: !isProduction(),
    introspection,
    // No "Did you mean …?" in production: with introspection off, it would spell the schema out.
    hideSchemaDetailsFromClientErrors: isProduction(),
    ...limitOptions(limits),
    // A JSON array of operations multiplies the work of one request past every limit above.
    allowBatchedHttpRequests: flagEnv('ALLOW_BATCHED_HTTP', false),
    // Apollo's default, stated so no one turns it off unawares: a GET or form post without a
    // preflight-forcing header is refused, so a browser cannot be made to send one cross-site.
    csrfPrevention: true,
    // With the safelist on, it is the only store of operations: APQ would let clients add theirs.
    ...(safelist ? { persistedQueries: false } : {}),
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      requireViewerPlugin(),
      resolveOperationPlugin(),
      observeRequestsPlugin(metrics, logger),
      ...(safelist ? [safelist.plugin] : []),
      costLimitPlugin(limits, () => directives),
      // A repeated read is answered from memory while no write has changed its subgraphs.
      ...(cache ? [cache.plugin] : []),
    ],
  });
  const http = createHttpServer({
    apollo,
    logger,
    cors,
    context: async (req: IncomingMessage) => ({
      requestId: requestId(req),
      viewer: await verify(req.headers.authorization),
      authorization: req.headers.authorization,
    }),
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
      // Ready when every subgraph is: its own /ready checks its database too, where /health
      // says only that the process answers.
      '/ready': async (_req, res) => {
        const checks = await Promise.all(
          Object.entries(subgraphUrls).map(async ([name, url]) => {
            const ready = new URL('/ready', url);
            const ok = await fetch(ready, { signal: AbortSignal.timeout(2000) }).then(
              (r) => r.ok,
              () => false,
            );
            return [name, ok] as const;
          }),
        );
        const ready = checks.every(([, ok]) => ok);
        const { hash, loadedAt } = supergraph.current;
        sendJson(res, ready ? 200 : 503, {
          status: ready ? 'ready' : 'unavailable',
          subgraphs: Object.fromEntries(checks),
          supergraph: { hash, loadedAt: loadedAt.toISOString() },
        });
      },
      '/metrics': metrics.serve,
      ...webRoutes(),
      ...graphiqlRoutes(),
    },
  });
  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer: http }));
  await apollo.start();
  const port = await listen(http, options.port);
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    subgraphUrls,
    supergraph,
    stop: () => apollo.stop(),
  };
}
