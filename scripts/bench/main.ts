import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { signToken } from '../../subgraphs/kit/auth';
import { gatewaySchema } from '../import/kinds';
import { ProcessGroup } from '../processes';
import { capture } from './capture-run';
import { benchDatabase, type BenchDatabase } from './database';
import { ensureHive } from './hive';
import { removeIngested, profileStations } from './ingested';
import { measureScenario, type GatewayUnderTest } from './measure';
import { machine, commit } from './machine';
import { parseOptions } from './options';
import { LOG_DIR, PROFILE_DIR, startBenchSubgraphs, startHive, startOurGateway } from './platform';
import { BENCH_DIR, BENCH_PORTS } from './ports';
import { summarizeProfiles } from './profile-summary';
import { markdown, type ScenarioResult } from './report';
import { scenarios as allScenarios } from './scenarios';
import { targetsTable } from './targets';

/**
 * `npm run bench [-- --scenario <id>] [--duration s] [--profile] [--no-hive]`: the platform's
 * benchmark (issue 6). It prints figures; it asserts nothing.
 */
const log = (message: string) => console.log(`[bench] ${message}`);
let database: BenchDatabase | undefined;

async function shutdown(code: number): Promise<never> {
  await group.stopAll();
  await database?.stop();
  process.exit(code);
}

const group = new ProcessGroup((name, how) => {
  console.error(`[bench] ${name} exited (${how}); see .bench/logs/${name}.log`);
  void shutdown(1);
});

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  const started = new Date();
  const loadAtStart = loadavg()[0] ?? 0;
  rmSync(LOG_DIR, { recursive: true, force: true });
  mkdirSync(LOG_DIR, { recursive: true });
  if (options.profile) mkdirSync(PROFILE_DIR, { recursive: true });
  database = await benchDatabase(log);
  const { url } = database;
  try {
    if (options.hive) await ensureHive(log);
    const stations = await profileStations(url);
    await removeIngested(url);
    const runId = Date.now().toString(36);
    const chosen = allScenarios(gatewaySchema(), stations, runId).filter(
      (s) => options.scenarios.length === 0 || options.scenarios.includes(s.id),
    );
    const platformOptions = {
      databaseUrl: url,
      jwtSecret: randomBytes(32).toString('base64url'),
      profile: options.profile,
    };
    log('starting the subgraphs, our gateway and the peer');
    const subgraphs = await startBenchSubgraphs(group, platformOptions);
    const token = (role: string) =>
      signToken(platformOptions.jwtSecret, { sub: `bench-${role}`, roles: [role] });
    const runnable = chosen.filter((s) => !s.skipped);
    const fetches = await capture(group, platformOptions, subgraphs, runnable, token);
    const gateways: GatewayUnderTest[] = [
      await startOurGateway(group, {
        ...platformOptions,
        name: 'gateway',
        port: BENCH_PORTS.ours,
        subgraphs,
      }),
    ];
    if (options.hive) gateways.push(await startHive(group, subgraphs));

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
    await group.stopAll();
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
      },
      [...results.values()],
      targetsTable(results),
    );
    mkdirSync(join(BENCH_DIR, 'results'), { recursive: true });
    writeFileSync(join(BENCH_DIR, 'results.md'), report);
    const stamp = started.toISOString().slice(0, 16).replace(/[:T]/g, '-');
    writeFileSync(join(BENCH_DIR, 'results', `${stamp}.md`), report);
    console.log(`\n${report}`);
    log(`written to .bench/results.md and .bench/results/${stamp}.md`);
    if (options.profile) console.log(summarizeProfiles(PROFILE_DIR));
  } finally {
    await group.stopAll();
  }
}

process.on('SIGINT', () => void shutdown(130));

main().then(
  () => shutdown(0),
  (error: unknown) => {
    console.error(error);
    return shutdown(1);
  },
);
