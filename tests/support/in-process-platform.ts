import { readFileSync } from 'node:fs';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import type { AuthConfig } from '../../platform/auth';
import type { FollowOptions } from '../../gateway/src/supergraph-sources';
import type { DemoProfile } from '../../demo/profile';
import type { Logger } from '../../platform/log';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import {
  startSubgraph,
  type RunningService,
  type StartOptions,
} from '../../subgraphs/kit/service/server';
import { SUBGRAPHS } from '../../subgraphs/list';

export interface InProcessOptions {
  databaseUrl: string;
  auth: AuthConfig;
  seed: DemoProfile | null;
  logger?: Logger;
}

export interface InProcessPlatform {
  gateway: RunningGateway;
  /** Every subgraph by name, in start order. */
  services: Map<string, RunningService>;
  /** How each subgraph was started (port included), to start it again the same way. */
  startOptions: Map<string, StartOptions>;
}

/**
 * A gateway on a free port over running subgraphs, serving the checked-in supergraph, or
 * following the sources `follow` names from the supergraph its file holds.
 */
export function gatewayOver(
  services: ReadonlyMap<string, RunningService>,
  auth: AuthConfig,
  logger?: Logger,
  follow?: FollowOptions,
): Promise<RunningGateway> {
  return startGateway({
    supergraphSdl: readFileSync(follow?.supergraphFile ?? SUPERGRAPH_FILE, 'utf8'),
    follow,
    port: 0,
    auth,
    subgraphUrls: Object.fromEntries([...services].map(([name, s]) => [name, s.url])),
    logger,
  });
}

/**
 * Every subgraph and the gateway in this process on free ports, the gateway serving the
 * checked-in supergraph: what the tests talk to over HTTP.
 */
export async function startInProcess(options: InProcessOptions): Promise<InProcessPlatform> {
  const services = new Map<string, RunningService>();
  const startOptions = new Map<string, StartOptions>();
  // The subgraphs ask the graph through the gateway, which starts last, on a port known then.
  let gatewayUrl: string | undefined;
  const gatewayUrlOf = () => {
    if (gatewayUrl === undefined) throw new Error('the gateway has not started yet');
    return gatewayUrl;
  };
  try {
    for (const definition of SUBGRAPHS) {
      const start: StartOptions = {
        port: 0,
        databaseUrl: options.databaseUrl,
        auth: options.auth,
        gatewayUrl: gatewayUrlOf,
        seed: options.seed,
        logger: options.logger,
      };
      const service = await startSubgraph(definition, start);
      services.set(definition.name, service);
      startOptions.set(definition.name, { ...start, port: service.port });
    }
    const gateway = await gatewayOver(services, options.auth, options.logger);
    gatewayUrl = gateway.url;
    return { gateway, services, startOptions };
  } catch (error) {
    await Promise.all([...services.values()].map((s) => s.stop()));
    throw error;
  }
}
