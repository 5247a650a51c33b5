import { readFileSync } from 'node:fs';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import type { AuthConfig } from '../../platform/auth';
import type { FollowOptions } from '../../gateway/src/supergraph-sources';
import type { DemoProfile } from '../../demo/profile';
import type { Logger } from '../../platform/log';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { freePort } from '../../scripts/embedded-postgres';
import { ProcessGroup, startOutside, type SubgraphProcess } from '../../scripts/processes';
import { OUTSIDE_DEPARTMENTS } from '../../subgraphs/departments';
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

/** The registry's departments that run as their own process, or elsewhere (a `url` entry). */
export interface OutsideDepartments {
  /** Each by name: its port, its URL and, when started here, its pid. */
  byName: ReadonlyMap<string, SubgraphProcess>;
  /** What each started one printed so far, line by line, by name. */
  output: ReadonlyMap<string, string[]>;
  stop(): Promise<void>;
}

export interface InProcessPlatform {
  gateway: RunningGateway;
  /** Every subgraph by name, in start order. */
  services: Map<string, RunningService>;
  /** How each subgraph was started (port included), to start it again the same way. */
  startOptions: Map<string, StartOptions>;
  outside: OutsideDepartments;
}

/** Where every subgraph answers, by name: those run in this process and the outside ones. */
export function subgraphUrls(
  services: ReadonlyMap<string, RunningService>,
  outside: OutsideDepartments,
): Record<string, string> {
  return Object.fromEntries([
    ...[...services].map(([name, s]) => [name, s.url]),
    ...[...outside.byName].map(([name, s]) => [name, s.url]),
  ]);
}

/**
 * A gateway on `port` (by default a free one) over the subgraphs at `urls`, serving the
 * supergraph of the registry in use (SUPERGRAPH_FILE), or following the sources `follow` names
 * from the supergraph its file holds.
 */
export function gatewayOver(
  urls: Record<string, string>,
  auth: AuthConfig,
  options: { logger?: Logger; follow?: FollowOptions; port?: number } = {},
): Promise<RunningGateway> {
  const { logger, follow, port = 0 } = options;
  return startGateway({
    supergraphSdl: readFileSync(follow?.supergraphFile ?? SUPERGRAPH_FILE, 'utf8'),
    follow,
    port,
    auth,
    subgraphUrls: urls,
    logger,
  });
}

/**
 * Starts the registry's departments that have a command of their own as `npm start` does
 * (scripts/processes.ts), each on a free port over `databaseUrl`, asking the graph at
 * `gatewayUrl`, and waits until each answers /health. A `url` entry is only routed to.
 */
async function startOutsideDepartments(options: {
  databaseUrl: string;
  gatewayUrl: string;
  logger?: Logger;
}): Promise<OutsideDepartments> {
  const group = new ProcessGroup((name, how) =>
    options.logger?.warn({ department: name, how }, 'an outside department exited'),
  );
  const byName = new Map<string, SubgraphProcess>();
  const output = new Map<string, string[]>();
  try {
    for (const department of OUTSIDE_DEPARTMENTS) {
      const lines: string[] = [];
      const started = startOutside(
        group,
        department,
        'url' in department.service ? department.port : await freePort(),
        { DATABASE_URL: options.databaseUrl, GATEWAY_URL: options.gatewayUrl },
        { onLine: (line) => lines.push(line) },
      );
      byName.set(department.name, started);
      if (started.pid === undefined) continue;
      output.set(department.name, lines);
      await group.waitHealthy(department.name, started.url, 60_000).catch((error: unknown) => {
        throw new Error(`${String(error)}; it printed:\n${lines.slice(-20).join('\n')}`);
      });
    }
  } catch (error) {
    await group.stopAll();
    throw error;
  }
  return { byName, output, stop: () => group.stopAll() };
}

/**
 * Every subgraph and the gateway in this process on free ports, the gateway serving the
 * supergraph of the registry in use (the checked-in one by default), and the registry's
 * departments that run as their own process started as such: what the tests talk to over HTTP.
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
  let outside: OutsideDepartments | undefined;
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
    // A department run as its own process is told where the gateway is when it starts: the
    // gateway's port is chosen first, the gateway started once the department's port is known.
    const gatewayPort = OUTSIDE_DEPARTMENTS.length > 0 ? await freePort() : 0;
    outside = await startOutsideDepartments({
      databaseUrl: options.databaseUrl,
      gatewayUrl: `http://localhost:${gatewayPort}/graphql`,
      logger: options.logger,
    });
    const gateway = await gatewayOver(subgraphUrls(services, outside), options.auth, {
      logger: options.logger,
      port: gatewayPort,
    });
    gatewayUrl = gateway.url;
    return { gateway, services, startOptions, outside };
  } catch (error) {
    await Promise.all([...services.values()].map((s) => s.stop()));
    await outside?.stop();
    throw error;
  }
}
