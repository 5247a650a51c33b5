import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { DataSource } from 'typeorm';
import { requireViewerPlugin } from '../../../platform/access';
import { createVerifier, type AuthConfig } from '../../../platform/auth';
import { today } from '../figures/clock';
import { isProduction } from '../../../platform/config';
import type { Context } from './context';
import { openDatabase } from './database';
import { readDataVersion } from './data-version';
import { DATA_VERSION_PATH } from '../../../platform/data-version';
import type { DemoProfile, SubgraphDefinition } from './definition';
import { errorFormatter } from '../../../platform/errors';
import { watchDatabase } from './database-metrics';
import { serviceLogger, type Logger } from '../../../platform/log';
import { createHttpServer, listen, sendJson } from '../../../platform/http';
import { ServiceMetrics } from '../../../platform/metrics';
import { observeRequestsPlugin } from '../../../platform/observe-requests';
import { requestId } from '../../../platform/request-scope';
import { gatewayUrlFromEnv, gatewayClientFor, type GatewayUrl } from './gateway-client';
import { buildFederatedSchema } from './federated-schema';
import { answerBudgetPlugin } from './answer-budget';
import { stringifyAnswer } from './byte-answer';
import { compiledEntityFetches } from './compiled-execution';
import { representationBoundsPlugin } from './representation-bounds';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { costDirectives } from '../../../platform/cost';
import { costLimitPlugin, limitsFromEnv, shapeLimitRule } from '../../../platform/limits';
import {
  GATEWAY_PROOF_HEADER,
  subgraphSecretFromEnv,
  verifyGatewayProof,
} from '../../../platform/gateway-proof';

export interface StartOptions {
  /** 0 picks a free port (tests). */
  port: number;
  databaseUrl: string;
  auth: AuthConfig;
  /** The demo profile to load into empty tables, or null to leave the tables alone. */
  seed: DemoProfile | null;
  /**
   * Where the gateway serves the federated graph, which the subgraph asks as its callers; by
   * default GATEWAY_URL, else the gateway's default address.
   */
  gatewayUrl?: GatewayUrl;
  /** The logger the service's own is made from (`service` added); by default the root one. */
  logger?: Logger;
}

export interface RunningService {
  name: string;
  port: number;
  url: string;
  db: DataSource;
  /** Drains in-flight requests, then closes the pool. */
  stop(): Promise<void>;
}

/**
 * Runs one subgraph as a service: migrates its schema, seeds it when asked, and serves its
 * federated schema at /graphql with /health, /ready and /metrics beside it.
 */
export async function startSubgraph(
  definition: SubgraphDefinition,
  options: StartOptions,
): Promise<RunningService> {
  const logger = serviceLogger(definition.name, options.logger);
  const proofSecret = subgraphSecretFromEnv();
  const db = await openDatabase({
    url: options.databaseUrl,
    schema: definition.name,
    entities: definition.entities,
    migrations: definition.migrations,
    logger,
    afterMigrations: definition.syncDerived?.bind(definition),
  });
  try {
    const metrics = new ServiceMetrics(definition.name);
    watchDatabase(metrics, db);
    if (options.seed && definition.seed) await definition.seed(db, options.seed);
    const verify = createVerifier(options.auth);
    const schema = buildFederatedSchema(definition);
    // The gateway's depth and cost limits hold for whatever is sent here directly too; the
    // subgraph prices `_entities` by the representations it is sent.
    const limits = limitsFromEnv();
    const directives = costDirectives(parse(printSubgraphSchema(schema)));
    const who = `the ${definition.name} subgraph`;
    const apollo = new ApolloServer<Context>({
      ...(definition.compileEntityFetches
        ? { gateway: compiledEntityFetches(schema, new Set(definition.checkedLeafTypes)) }
        : { schema }),
      validationRules: [shapeLimitRule(limits, who, ['depth'])],
      formatError: errorFormatter(logger),
      // Bare JSON, as the gateway answers (platform/json-answer.ts); a compiled fetch's answer is
      // made as its bytes.
      stringifyResult: stringifyAnswer,
      includeStacktraceInErrorResponses: !isProduction(),
      introspection: !isProduction(),
      // No "Did you mean …?" in production: with introspection off, it would spell the schema out.
      hideSchemaDetailsFromClientErrors: isProduction(),
      plugins: [
        // No field sets a cache hint, and the hook that looks for them wraps every resolver.
        ApolloServerPluginCacheControlDisabled(),
        ApolloServerPluginInlineTraceDisabled(),
        ApolloServerPluginLandingPageDisabled(),
        requireViewerPlugin(),
        observeRequestsPlugin(metrics, logger),
        // The lists inside representations are bounded first, then the whole is priced.
        representationBoundsPlugin(schema, directives),
        costLimitPlugin(limits, directives, who),
        answerBudgetPlugin(),
      ],
    });
    const http = createHttpServer({
      apollo,
      logger,
      maxBodyBytes: definition.maxBodyBytes,
      // Only the gateway is answered: it applied the limits, the safelist and the cost estimate.
      admit: (req, query) =>
        verifyGatewayProof(
          req.headers[GATEWAY_PROOF_HEADER],
          { subgraph: definition.name, query },
          proofSecret,
        ),
      context: async (req) => ({
        requestId: requestId(req),
        viewer: await verify(req.headers.authorization),
        graph: gatewayClientFor(options.gatewayUrl ?? gatewayUrlFromEnv, {
          authorization: req.headers.authorization,
          requestId: requestId(req),
        }),
        today: today(),
        db,
        loaders: definition.createLoaders(db),
      }),
      routes: {
        '/health': (_req, res) => sendJson(res, 200, { status: 'ok', service: definition.name }),
        '/ready': async (_req, res) => {
          try {
            await db.query('SELECT 1');
            sendJson(res, 200, { status: 'ready', service: definition.name });
          } catch (error) {
            sendJson(res, 503, { status: 'unavailable', reason: String(error) });
          }
        },
        // What the gateway's response cache compares (docs/live-cache.md): the day answers are
        // judged against and the data version. Like /ready, open: it tells when data changed,
        // nothing of what.
        [DATA_VERSION_PATH]: async (_req, res) => {
          sendJson(res, 200, { today: today(), version: await readDataVersion(db) });
        },
        '/metrics': metrics.serve,
      },
    });
    apollo.addPlugin(ApolloServerPluginDrainHttpServer({ httpServer: http }));
    await apollo.start();
    const port = await listen(http, options.port);
    return {
      name: definition.name,
      port,
      url: `http://localhost:${port}/graphql`,
      db,
      async stop() {
        await apollo.stop();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
