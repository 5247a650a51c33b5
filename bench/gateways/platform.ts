import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import {
  GATEWAY_SCRIPT,
  ProcessGroup,
  startSubgraphs,
  subgraphUrlEnv,
  type SubgraphProcess,
} from '../../scripts/processes';
import { HIVE_BIN, hiveArgs, type Peer } from './hive';
import type { GatewayUnderTest } from './measure';
import { BENCH_DIR, BENCH_PORTS } from './ports';

export const LOG_DIR = join(BENCH_DIR, 'logs');
export const PROFILE_DIR = join(BENCH_DIR, 'profiles');

const logFile = (name: string) => ({ file: join(LOG_DIR, `${name}.log`) });

export interface PlatformOptions {
  databaseUrl: string;
  jwtSecret: string;
  /** SUBGRAPH_SECRET: what the gateways sign their subgraph requests with, and the replay too. */
  subgraphSecret: string;
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
    SUBGRAPH_SECRET: options.subgraphSecret,
    SEED: 'none',
    NODE_ENV: 'production',
  };
}

/** Every subgraph as its own process on 4601 and up, logging to .bench/logs. */
export function startBenchSubgraphs(
  group: ProcessGroup,
  options: PlatformOptions,
): Promise<SubgraphProcess[]> {
  return startSubgraphs(group, {
    // The departments ask the graph (registry, schemes) through our gateway.
    env: { ...sharedEnv(options), GATEWAY_URL: `http://localhost:${BENCH_PORTS.ours}/graphql` },
    portOf: (_name, index) => BENCH_PORTS.firstSubgraph + index,
    output: logFile,
    timeoutMs: 120_000,
  });
}

/**
 * Our gateway (dist/gateway/src/main.js) on `port`, its subgraphs at `subgraphs`, with any
 * `nodeArgs` given to node.
 */
export async function startOurGateway(
  group: ProcessGroup,
  options: PlatformOptions & {
    name: string;
    port: number;
    subgraphs: readonly SubgraphProcess[];
    nodeArgs?: string[];
  },
): Promise<GatewayUnderTest> {
  const extra = options.nodeArgs ?? [];
  const child = group.start({
    name: options.name,
    script: GATEWAY_SCRIPT,
    env: {
      ...sharedEnv(options),
      ...subgraphUrlEnv(options.subgraphs),
      PORT: String(options.port),
    },
    nodeArgs: [
      ...extra,
      ...(options.profile ? ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`] : []),
    ],
    output: logFile(options.name),
  });
  const url = `http://localhost:${options.port}/graphql`;
  await group.waitHealthy(options.name, url, 60_000);
  return { name: ['ours', ...extra].join(' '), url, pid: child.pid };
}

/** The last error a peer logged (Hive Gateway logs a failure to load a supergraph, then exits). */
function peerError(peer: Peer): string {
  const lines = stripVTControlCharacters(readFileSync(logFile(peer.id).file, 'utf8')).split('\n');
  const line = lines.reverse().find((l) => /^\s*message:/.test(l));
  const message = line?.replace(/^\s*message:\s*/, '');
  if (!message) return `see .bench/logs/${peer.id}.log`;
  try {
    // Logged as a JSON string, quotes escaped.
    return String(JSON.parse(message));
  } catch {
    return message;
  }
}

/**
 * A peer (Hive Gateway) on its port over the same subgraphs and supergraph, in a group of its
 * own: if it cannot serve the supergraph, the run goes on without it and says why (the error
 * it logged).
 */
export async function startPeer(
  peer: Peer,
  subgraphs: readonly SubgraphProcess[],
  options: PlatformOptions,
): Promise<{ gateway: GatewayUnderTest; stop: () => Promise<void> } | { failure: string }> {
  let exited = false;
  const group = new ProcessGroup(() => {
    exited = true;
  });
  const child = group.start({
    name: peer.id,
    script: HIVE_BIN,
    args: hiveArgs(subgraphs, peer),
    // It signs its subgraph requests as ours does (the configuration's plugin).
    env: { NODE_ENV: 'production', SUBGRAPH_SECRET: options.subgraphSecret },
    output: logFile(peer.id),
  });
  const url = `http://localhost:${peer.port}/graphql`;
  try {
    await group.waitHealthy(peer.id, url, 60_000, '/healthcheck');
  } catch (error) {
    await group.stopAll();
    return { failure: exited ? peerError(peer) : String(error) };
  }
  return { gateway: { name: peer.name, url, pid: child.pid }, stop: () => group.stopAll() };
}
