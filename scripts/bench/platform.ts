import { join } from 'node:path';
import {
  GATEWAY_SCRIPT,
  ProcessGroup,
  startSubgraphs,
  subgraphUrlEnv,
  type SubgraphProcess,
} from '../processes';
import { HIVE_BIN, hiveArgs } from './hive';
import type { GatewayUnderTest } from './measure';
import { BENCH_DIR, BENCH_PORTS } from './ports';

export const LOG_DIR = join(BENCH_DIR, 'logs');
export const PROFILE_DIR = join(BENCH_DIR, 'profiles');

const logFile = (name: string) => ({ file: join(LOG_DIR, `${name}.log`) });

export interface PlatformOptions {
  databaseUrl: string;
  jwtSecret: string;
  /** Run our gateway under `node --cpu-prof`, its profile written to .bench/profiles at exit. */
  profile: boolean;
}

/**
 * What every service of the bench runs with: the bench database as it is (no seeding at
 * start), production settings, no telemetry.
 */
function sharedEnv(options: PlatformOptions): NodeJS.ProcessEnv {
  return {
    DATABASE_URL: options.databaseUrl,
    JWT_SECRET: options.jwtSecret,
    SEED: 'none',
    NODE_ENV: 'production',
    APOLLO_TELEMETRY_DISABLED: '1',
  };
}

/** Every subgraph as its own process on 4601 and up, logging to .bench/logs. */
export function startBenchSubgraphs(
  group: ProcessGroup,
  options: PlatformOptions,
): Promise<SubgraphProcess[]> {
  return startSubgraphs(group, {
    env: sharedEnv(options),
    portOf: (_name, index) => BENCH_PORTS.firstSubgraph + index,
    output: logFile,
    timeoutMs: 120_000,
  });
}

/** Our gateway (dist/gateway/src/main.js) on `port`, its subgraphs at `subgraphs`. */
export async function startOurGateway(
  group: ProcessGroup,
  options: PlatformOptions & { name: string; port: number; subgraphs: readonly SubgraphProcess[] },
): Promise<GatewayUnderTest> {
  const child = group.start({
    name: options.name,
    script: GATEWAY_SCRIPT,
    env: {
      ...sharedEnv(options),
      ...subgraphUrlEnv(options.subgraphs),
      PORT: String(options.port),
    },
    nodeArgs: options.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : [],
    output: logFile(options.name),
  });
  const url = `http://localhost:${options.port}/graphql`;
  await group.waitHealthy(options.name, url, 60_000);
  return { name: 'ours', url, pid: child.pid };
}

/** Hive Gateway on its port over the same subgraphs and supergraph. */
export async function startHive(
  group: ProcessGroup,
  subgraphs: readonly SubgraphProcess[],
): Promise<GatewayUnderTest> {
  const child = group.start({
    name: 'hive',
    script: HIVE_BIN,
    args: hiveArgs(subgraphs, BENCH_PORTS.hive),
    env: { NODE_ENV: 'production' },
    output: logFile('hive'),
  });
  const url = `http://localhost:${BENCH_PORTS.hive}/graphql`;
  await group.waitHealthy('hive', url, 60_000, '/healthcheck');
  return { name: 'Hive Gateway', url, pid: child.pid };
}
