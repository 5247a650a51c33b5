import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, print, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { listedOperation } from '../../platform/operations';
import { GATEWAY_PROOF_HEADER } from '../../platform/gateway-proof';
import { DEFAULT_LIMITS } from '../../platform/limits';
import { startProcessPlatform, type ProcessPlatform } from '../process-platform';
import { crowdACounty, historyProbes, representationProbes, resendCases } from './hostile';
import type { Probe } from './probe';
import { registerTestStations } from './test-stations';

/**
 * `npm run memory`: the most memory one request can make each service take. Starts every
 * service as its own process (city demo data), fills the province to the 1,200 stations the
 * cost estimate assumes, then sends, one at a time, the costliest requests the limits admit:
 * for each, every service's peak resident memory (Linux's VmHWM, reset before the request) is
 * read. Then the hostile shapes the operation's limits cannot see (./hostile.ts): representations
 * full of stations and a record's history after many re-sends (`--resends N`, 100 by default),
 * some sent straight to a subgraph, and the province board after an attempt to crowd a county
 * with 10,000 more stations (refused by the registry). The largest peak per service is the figure docs/security.md states.
 */
const PERIOD = '2019-Q2';
const PROVINCE = '330000';
const PROVINCE_STATIONS = 1200;
const REPEATS = 3;

function kib(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
    readFileSync(`/proc/${pid}/status`, 'utf8'),
  );
  return match ? Number(match[1]) : 0;
}

/** Resets a process's peak resident memory to its current one (Linux: clear_refs 5). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

/** The station selection of the drill-down screen, for 1,000 stations at once, 6 times. */
function statisticsOfAPage(): string {
  const document = parse(listedOperation('StationDrillDown'));
  const operation = document.definitions[0] as OperationDefinitionNode;
  const station = operation.selectionSet.selections[0] as FieldNode;
  const selection = station.selectionSet ? print(station.selectionSet) : '{ code }';
  // 36,001 each (a station's statistics weigh 10 a department): six fit under MAX_COST.
  const aliases = Array.from(
    { length: 6 },
    (_, i) => `p${i}: stations(scope: "${PROVINCE}", first: 1000) { edges { node ${selection} } }`,
  );
  return `query PageStatistics($period: String!) { ${aliases.join(' ')} }`;
}

const EVERY_STATION_FIELD =
  'code name divisionCode address brand creationStatus officers population socialOrganizations ' +
  'division { code name level parent { code name } }';

const provinceBoard = (name: string): Probe => ({
  name,
  role: 'assessor',
  query: listedOperation('AssessmentBoardScreen'),
  variables: { scope: PROVINCE, period: PERIOD },
});

function probes(): Probe[] {
  const board = listedOperation('AssessmentBoardScreen');
  const fragmentStart = board.indexOf('fragment ');
  const twoBoards =
    `query TwoBoards { a: assessmentBoard(scope: "${PROVINCE}", period: "${PERIOD}") { rows { ...AssessmentRowFields } } ` +
    `b: assessmentBoard(scope: "${PROVINCE}", period: "2019-Q1") { rows { ...AssessmentRowFields } } } ` +
    board.slice(fragmentStart);
  return [
    provinceBoard('the province board (listed)'),
    { name: 'two province boards', role: 'assessor', query: twoBoards, variables: {} },
    {
      name: '20 pages of 1,000 stations, every field',
      role: 'admin',
      query: `query Pages { ${Array.from(
        { length: 20 },
        (_, i) =>
          `p${i}: stations(scope: "${PROVINCE}", first: 1000) { totalCount edges { cursor node { ${EVERY_STATION_FIELD} } } }`,
      ).join(' ')} }`,
      variables: {},
    },
    {
      name: "6 pages of 1,000 stations' statistics",
      role: 'admin',
      query: statisticsOfAPage(),
      variables: { period: PERIOD },
    },
  ];
}

async function post(platform: ProcessPlatform, probe: Probe) {
  const started = performance.now();
  const target = probe.subgraph
    ? platform.services.find((s) => s.name === probe.subgraph)?.url
    : platform.gatewayUrl;
  const response = await fetch(target ?? platform.gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await platform.token([probe.role])}`,
      ...(probe.subgraph
        ? { [GATEWAY_PROOF_HEADER]: await platform.proof(probe.subgraph, probe.query) }
        : {}),
    },
    body: JSON.stringify({ query: probe.query, variables: probe.variables }),
  });
  const text = await response.text();
  let errors: { message: string; extensions?: { code?: string } }[] | undefined;
  try {
    ({ errors } = JSON.parse(text) as { errors?: typeof errors });
  } catch {
    errors = [{ message: text.slice(0, 200) }];
  }
  const first = errors?.[0];
  return {
    ms: performance.now() - started,
    bytes: text.length,
    error: first
      ? `${first.extensions?.code ?? ''} ${first.message.slice(0, 120)}`
      : response.ok
        ? null
        : `HTTP ${response.status}`,
  };
}

/** Registers stations in 新昌县 until the province holds the 1,200 the estimate assumes. */
async function fillProvince(platform: ProcessPlatform): Promise<number> {
  const token = await platform.token(['department:stations']);
  const count = async () => {
    const response = await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `{ stations(scope: "${PROVINCE}", first: 1) { totalCount } }`,
      }),
    });
    return ((await response.json()) as { data: { stations: { totalCount: number } } }).data.stations
      .totalCount;
  };
  const missing = PROVINCE_STATIONS - (await count());
  if (missing > 0) {
    await registerTestStations(platform, {
      count: missing,
      firstNumber: 900000,
      purpose: '内存测试',
    });
  }
  return count();
}

function resendsFromArgs(): number {
  const at = process.argv.indexOf('--resends');
  const given = at >= 0 ? Number(process.argv[at + 1]) : 100;
  if (!Number.isInteger(given) || given < 1) throw new Error('--resends takes a whole number');
  return given;
}

async function main(): Promise<void> {
  const log = (message: string) => console.log(`[memory] ${message}`);
  log('starting every service as its own process over a fresh embedded PostgreSQL');
  const platform = await startProcessPlatform((name, how) => {
    console.error(`${name} exited (${how}) during the measurement`);
    process.exit(1);
  });
  try {
    log(`the province now holds ${await fillProvince(platform)} stations`);
    const services = platform.services.filter((s) => s.pid !== undefined);
    const idle = new Map(services.map((s) => [s.name, kib(s.pid ?? 0, 'VmRSS') / 1024]));
    const worst = new Map(services.map((s) => [s.name, { mb: 0, probe: '' }]));
    console.log(`\nMAX_COST ${DEFAULT_LIMITS.cost}; each request sent ${REPEATS} times, alone\n`);
    const measure = async (probe: Probe) => {
      const peaks = new Map<string, number>();
      let last = { ms: 0, bytes: 0, error: null as string | null };
      for (let i = 0; i < REPEATS; i += 1) {
        for (const s of services) resetPeak(s.pid ?? 0);
        last = await post(platform, probe);
        for (const s of services) {
          const mb = kib(s.pid ?? 0, 'VmHWM') / 1024;
          peaks.set(s.name, Math.max(peaks.get(s.name) ?? 0, mb));
        }
      }
      console.log(
        `${probe.name}: ${last.error ? `REFUSED ${last.error}` : `${(last.bytes / 2 ** 20).toFixed(1)} MB answer in ${last.ms.toFixed(0)} ms`}`,
      );
      for (const [name, mb] of peaks) {
        console.log(`  ${name.padEnd(11)} peak ${mb.toFixed(0).padStart(5)} MB`);
        const known = worst.get(name);
        if (known && mb > known.mb) worst.set(name, { mb, probe: probe.name });
      }
    };
    for (const probe of probes()) await measure(probe);
    const resends = resendsFromArgs();
    log(
      `re-sending 1,000 cases ${resends} times (${await resendCases(platform, resends)} refused)`,
    );
    for (const probe of historyProbes(resends)) await measure(probe);
    log(
      `10,000 more stations in 新昌县: ${await crowdACounty(platform, 10_000)} of 10 batches refused`,
    );
    await measure(provinceBoard('the province board, 10,000 more stations in one county'));
    for (const probe of representationProbes()) await measure(probe);
    console.log('\nservice      idle MB  worst peak MB  reached by');
    for (const [name, { mb, probe }] of worst) {
      console.log(
        `${name.padEnd(11)} ${(idle.get(name) ?? 0).toFixed(0).padStart(8)} ${mb.toFixed(0).padStart(14)}  ${probe}`,
      );
    }
  } finally {
    await platform.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
