import './tracing';
import { readFileSync } from 'node:fs';
import { authConfigFromEnv } from '../../platform/auth';
import { intEnv } from '../../platform/config';
import { stopOnSignals } from '../../platform/lifecycle';
import { serviceLogger } from '../../platform/log';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { startGateway } from './gateway';

const logger = serviceLogger('gateway');

/** `npm run start:gateway`: serves schema/supergraph.graphql on PORT (default 4000). */
async function main(): Promise<void> {
  const gateway = await startGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    port: intEnv('PORT', 4000),
    auth: authConfigFromEnv(),
  });
  logger.info({ url: gateway.url, subgraphs: gateway.subgraphUrls }, 'gateway ready');
  stopOnSignals(logger, () => gateway.stop());
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'gateway failed to start');
  process.exit(1);
});
