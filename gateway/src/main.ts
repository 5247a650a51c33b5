import './tracing';
import { readFileSync } from 'node:fs';
import { authConfigFromEnv } from '../../platform/auth';
import { intEnv } from '../../platform/config';
import { stopOnSignals } from '../../platform/lifecycle';
import { serviceLogger } from '../../platform/log';
import { startGateway } from './gateway';
import { followOptionsFromEnv } from './supergraph-sources';

const logger = serviceLogger('gateway');

/**
 * `npm run start:gateway`: serves SUPERGRAPH_FILE (schema/supergraph.graphql) on PORT (default
 * 4000), and whatever supergraph that file, or SUPERGRAPH_URL, holds later.
 */
async function main(): Promise<void> {
  const follow = followOptionsFromEnv();
  const gateway = await startGateway({
    supergraphSdl: readFileSync(follow.supergraphFile, 'utf8'),
    follow,
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
