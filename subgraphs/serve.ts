import './tracing';
import 'reflect-metadata';
import { authConfigFromEnv } from '../platform/auth';
import { intEnv, serviceEnvName } from '../platform/config';
import { seedFromEnv } from '../demo/seed-setting';
import { requiredEnv, stopOnSignals } from '../platform/lifecycle';
import { rootLogger, serviceLogger } from '../platform/log';
import { startSubgraph } from './kit/service/server';
import { subgraphNamed } from './subgraph-named';

/** `node dist/subgraphs/serve.js <name>`: one subgraph as its own service (`npm run start:<name>`). */
async function main(): Promise<void> {
  const definition = subgraphNamed(process.argv[2] ?? '');
  const logger = serviceLogger(definition.name);
  const service = await startSubgraph(definition, {
    port: intEnv(serviceEnvName(definition.name, 'PORT'), definition.port),
    databaseUrl: requiredEnv(
      'DATABASE_URL',
      'point it at PostgreSQL (`npm start` runs an embedded one and sets it for every service)',
    ),
    auth: authConfigFromEnv(),
    seed: seedFromEnv(),
  });
  logger.info({ url: service.url }, 'subgraph ready');
  stopOnSignals(logger, () => service.stop());
}

main().catch((error: unknown) => {
  rootLogger.fatal({ err: error }, 'subgraph failed to start');
  process.exit(1);
});
