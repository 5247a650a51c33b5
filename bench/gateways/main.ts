import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { signToken } from '../../platform/auth';
import { gatewaySchema } from '../../scripts/import/kinds';
import { ProcessGroup, type SubgraphProcess } from '../../scripts/processes';
import { capture } from './capture-run';
import { benchDatabase, type BenchDatabase } from './database';
import { compareAnswers } from './compare';
import { ensureHive, PEERS } from './hive';
import { removeIngested, profileStations } from './ingested';
import { measureScenario, type GatewayUnderTest } from './measure';
import { machine, commit } from './machine';
import { parseOptions, type BenchOptions } from './options';
import { prepareScenarios } from './prepare';
import {
  LOG_DIR,
  PROFILE_DIR,
  startBenchSubgraphs,
  startPeer,
  startOurGateway,
  type PlatformOptions,
} from './platform';
import { BENCH_PORTS } from './ports';
import { summarizeProfiles } from './profile-summary';
import { measureRenders, type RenderResult } from './first-render';
import { markdown, writeResults, type ScenarioResult } from './report';
import { renderScenarios } from './render-scenarios';
import { scenarios as allScenarios } from './scenarios';
import { targetsTable } from './targets';

/**
 * `npm run bench [-- --scenario <id>] [--duration s] [--profile] [--no-hive] [--stitching]`: the
 * platform's benchmark. It prints figures; it asserts nothing. `-- --compare-answers` measures
 * nothing: it checks that the peers answer every listed operation as ours does (compare.ts).
 */
const log = (message: string) => console.log(`[bench] ${message}`);
let database: BenchDatabase | undefined;
const stopPeers: (() => Promise<void>)[] = [];
const stopPeer = () => Promise.all(stopPeers.map((stop) => stop()));

async function shutdown(code: number): Promise<never> {
  await Promise.all([group.stopAll(), stopPeer()]);
  await database?.stop();
  process.exit(code);
}

const group = new ProcessGroup((name, how) => {
  console.error(`[bench] ${name} exited (${how}); see .bench/logs/${name}.log`);
  void shutdown(1);
});

/** Our gateway, and the peers chosen unless one cannot serve the supergraph. */
async function startGateways(
  options: BenchOptions,
  platform: PlatformOptions,
  subgraphs: readonly SubgraphProcess[],
): Promise<{
  gateways: GatewayUnderTest[];
  peerFailures: { name: string; failure: string }[];
}> {
  const ours = await startOurGateway(group, {
    ...platform,
    name: 'gateway',
    port: BENCH_PORTS.ours,
    subgraphs,
  });
  const gateways = [ours];
  if (options.variant.length > 0) {
    gateways.push(
      await startOurGateway(group, {
        ...platform,
        profile: false,
        name: 'gateway-variant',
        port: BENCH_PORTS.variant,
        subgraphs,
        nodeArgs: options.variant,
      }),
    );
  }
  const peerFailures: { name: string; failure: string }[] = [];
  for (const peer of PEERS.filter((p) => options.peers.includes(p.id))) {
    const started = await startPeer(peer, subgraphs, platform);
    if ('failure' in started) {
      log(`${peer.name} could not serve the supergraph: ${started.failure}`);
      peerFailures.push({ name: peer.name, failure: started.failure });
      continue;
    }
    stopPeers.push(started.stop);
    gateways.push(started.gateway);
  }
  return { gateways, peerFailures };
}

async function main(): Promise<number> {
  const options = parseOptions(process.argv.slice(2));
  const started = new Date();
  const loadAtStart = loadavg()[0] ?? 0;
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  if (options.profile) mkdirSync(PROFILE_DIR, { recursive: true });
  database = await benchDatabase(log);
  const { url } = database;
  await removeIngested(url);
  const picked = (s: { id: string }) =>
    options.scenarios.length === 0 || options.scenarios.includes(s.id);
  const stations = await profileStations(url);
  const runId = Date.now().toString(36);
  const chosen = allScenarios(gatewaySchema(), stations, runId).filter(picked);
  const renders = renderScenarios(gatewaySchema(), stations, runId).filter(picked);
  const runnable = chosen.filter((s) => !s.skipped);
  // The peers serve no screen: a run of the screen's renders alone neither installs nor starts them.
  if (runnable.length === 0 && !options.compareAnswers) options.peers = [];
  if (options.peers.length > 0) await ensureHive(log);
  const platform: PlatformOptions = {
    databaseUrl: url,
    jwtSecret: randomBytes(32).toString('base64url'),
    subgraphSecret: randomBytes(32).toString('base64url'),
    profile: options.profile,
  };
  const token = (role: string) =>
    signToken(platform.jwtSecret, { sub: `bench-${role}`, roles: [role] });

  log('starting the subgraphs, our gateway and the peers');
  const subgraphs = await startBenchSubgraphs(group, platform);
  if (options.compareAnswers) {
    const { gateways, peerFailures } = await startGateways(options, platform, subgraphs);
    const [ours, ...peers] = gateways;
    if (!ours || peers.length === 0) throw new Error('no peer to compare answers with');
    // The published boards the operations read, so that they compare boards and not nulls.
    await prepareScenarios(ours.url, runnable, token);
    log(
      `answers of every listed operation, ${peers.map((p) => p.name).join(' and ')} against ours`,
    );
    const differing = await compareAnswers(ours, peers, chosen, token, console.log);
    return differing > 0 || peerFailures.length > 0 ? 1 : 0;
  }
  // Before the capture: publishing a board (to read it, or as a scenario) reads the live one
  // through our gateway.
  const { gateways, peerFailures } = await startGateways(options, platform, subgraphs);
  const [ours] = gateways;
  const rendered = renders.filter((s) => !s.skipped);
  if (ours) await prepareScenarios(ours.url, [...runnable, ...rendered], token);
  const fetches = await capture(group, platform, subgraphs, runnable, token);
  const results = new Map<string, ScenarioResult>();
  for (const scenario of chosen) {
    if (scenario.skipped) {
      log(`${scenario.name}: skipped (${scenario.skipped})`);
      results.set(scenario.id, { scenario, gateways: [] });
      continue;
    }
    log(`${scenario.name}: ${gateways.map((g) => g.name).join(' and ')} in turn`);
    const { figures, criticalPath } = await measureScenario({
      gateways,
      scenario,
      token: await token(scenario.role),
      subgraphs,
      fetches: fetches.get(scenario.id) ?? [],
      subgraphSecret: new TextEncoder().encode(platform.subgraphSecret),
      seconds: options.seconds,
      // Writes start from the same tables for each gateway and for the fetches alone.
      reset: () => (scenario.fresh ? removeIngested(url) : Promise.resolve()),
    });
    const answers = new Set(figures.map((f) => f.answer));
    results.set(scenario.id, {
      scenario,
      gateways: figures,
      criticalPath,
      ...(figures.length > 1 && !scenario.fresh ? { sameAnswers: answers.size === 1 } : {}),
    });
  }
  const renderResults = new Map<string, RenderResult>(
    ours && renders.length > 0
      ? (await measureRenders(ours.url, renders, await token('assessor'), log)).map((r) => [
          r.scenario.id,
          r,
        ])
      : [],
  );
  // Our gateway writes its CPU profile as it exits.
  await Promise.all([group.stopAll(), stopPeer()]);
  await removeIngested(url);

  const report = markdown(
    {
      date: started,
      machine: machine(),
      command: [
        'npm run bench',
        ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : []),
      ].join(' '),
      commit: commit(),
      seconds: options.seconds,
      load: [loadAtStart, loadavg()[0] ?? 0],
      ...(peerFailures.length > 0 ? { peerFailures } : {}),
    },
    [...results.values()],
    [...renderResults.values()],
    targetsTable(results, renderResults),
  );
  console.log(`\n${report}`);
  log(`written to ${writeResults(report, started).join(' and ')}`);
  if (options.profile) console.log(summarizeProfiles(PROFILE_DIR));
  return 0;
}

process.on('SIGINT', () => void shutdown(130));

main().then(
  (code) => shutdown(code),
  (error: unknown) => {
    console.error(error);
    return shutdown(1);
  },
);
