import {
  ApolloGateway,
  RemoteGraphQLDataSource,
  type Experimental_DidResolveQueryPlanCallback,
  type GraphQLDataSourceProcessOptions,
} from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import type { IncomingMessage } from 'node:http';
import { requireViewerPlugin } from '../../subgraphs/kit/access';
import { createVerifier, type AuthConfig, type Viewer } from '../../subgraphs/kit/auth';
import { envVar, isProduction, serviceEnvName } from '../../subgraphs/kit/config';
import { errorFormatter } from '../../subgraphs/kit/errors';
import { serviceLogger } from '../../subgraphs/kit/log';
import { createHttpServer, listen, sendJson } from '../../subgraphs/kit/http';
import { requestId } from '../../subgraphs/kit/server';

export interface GatewayContext {
  requestId: string;
  viewer: Viewer | null;
  /** Forwarded as is: every subgraph verifies the token again itself. */
  authorization: string | undefined;
}

export interface GatewayOptions {
  supergraphSdl: string;
  port: number;
  auth: AuthConfig;
  /** Subgraph URLs by name; otherwise `<NAME>_URL`, otherwise the supergraph's own. */
  subgraphUrls?: Record<string, string>;
  /** Receives each operation's query plan before it runs: how tests see the gateway's joins. */
  onQueryPlan?: (plan: QueryPlan) => void;
}

export type QueryPlan = Parameters<Experimental_DidResolveQueryPlanCallback>[0]['queryPlan'];

export interface RunningGateway {
  port: number;
  url: string;
  /** The URL each subgraph is reached at, by name. */
  subgraphUrls: Record<string, string>;
  stop(): Promise<void>;
}

type SubgraphResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

class ForwardingDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  override willSendRequest(options: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    // Health checks and schema loads carry no request of ours; only operations are forwarded.
    if (!('incomingRequestContext' in options)) return;
    const { request, context } = options;
    request.http?.headers.set('x-request-id', context.requestId);
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
  }

  /**
   * A subgraph refuses a request it cannot even start (a variable its scalar rejects, a bad
   * token) with an HTTP error whose body holds GraphQL errors. Pass the first on with its code
   * instead of Apollo's "400: Bad Request", which hides the reason and shows the subgraph's URL.
   */
  override async errorFromResponse(response: SubgraphResponse): Promise<GraphQLError> {
    const body: unknown = await this.parseBody(response);
    const [first] = (body as { errors?: GraphQLFormattedError[] } | null)?.errors ?? [];
    if (!first) return super.errorFromResponse(response);
    const { code = 'INTERNAL_SERVER_ERROR', ...details } = first.extensions ?? {};
    return new GraphQLError(first.message, { extensions: { ...details, code } });
  }
}

/**
 * The gateway: @apollo/gateway planning over the checked-in supergraph (never introspection),
 * inside @apollo/server. It verifies the bearer token before planning and forwards it.
 */
export async function startGateway(options: GatewayOptions): Promise<RunningGateway> {
  const subgraphUrls: Record<string, string> = {};
  const { onQueryPlan } = options;
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    ...(onQueryPlan
      ? { experimental_didResolveQueryPlan: ({ queryPlan }) => onQueryPlan(queryPlan) }
      : {}),
    buildService: ({ name, url }) => {
      const resolved =
        options.subgraphUrls?.[name] ?? envVar(serviceEnvName(name, 'URL')) ?? url ?? '';
      subgraphUrls[name] = resolved;
      return new ForwardingDataSource({ url: resolved });
    },
  });
  const logger = serviceLogger('gateway');
  const verify = createVerifier(options.auth);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    formatError: errorFormatter(logger),
    includeStacktraceInErrorResponses: !isProduction(),
    introspection: !isProduction(),
    plugins: [ApolloServerPluginLandingPageDisabled(), requireViewerPlugin()],
  });
  const http = createHttpServer({
    apollo,
    logger,
    context: async (req: IncomingMessage) => ({
      requestId: requestId(req),
      viewer: await verify(req.headers.authorization),
      authorization: req.headers.authorization,
    }),
    routes: {
      '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: 'gateway' }),
      '/ready': async (_req, res) => {
        const checks = await Promise.all(
          Object.entries(subgraphUrls).map(async ([name, url]) => {
            const health = new URL('/health', url);
            const ok = await fetch(health, { signal: AbortSignal.timeout(2000) }).then(
              (r) => r.ok,
              () => false,
            );
            return [name, ok] as const;
          }),
        );
        const ready = checks.every(([, ok]) => ok);
        sendJson(res, ready ? 200 : 503, {
          status: ready ? 'ready' : 'unavailable',
          subgraphs: Object.fromEntries(checks),
        });
      },
    },
  });
  apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer: http }));
  await apollo.start();
  const port = await listen(http, options.port);
  return {
    port,
    url: `http://localhost:${port}/graphql`,
    subgraphUrls,
    stop: () => apollo.stop(),
  };
}
