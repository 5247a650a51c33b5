import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, print, type FieldNode, type OperationDefinitionNode } from 'graphql';
import { listedOperation } from '../../platform/operations';
import { DEFAULT_LIMITS } from '../../platform/limits';
import { startProcessPlatform, type ProcessPlatform } from '../process-platform';

/**
 * `npm run memory`: the most memory one request can make each service take. Starts every
 * service as its own process (city demo data), fills the province to the 1,200 stations the
 * cost estimate assumes, then sends, one at a time, the costliest requests the limits admit:
 * for each, every service's peak resident memory (Linux's VmHWM, reset before the request) is
 * read. The largest peak per service is the figure docs/security.md states.
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

interface Probe {
  name: string;
  role: string;
  query: string;
  variables: Record<string, unknown>;
}

function probes(): Probe[] {
  const board = listedOperation('AssessmentBoardScreen');
  const fragmentStart = board.indexOf('fragment ');
  const twoBoards =
    `query TwoBoards { a: assessmentBoard(scope: "${PROVINCE}", period: "${PERIOD}") { rows { ...AssessmentRowFields } } ` +
    `b: assessmentBoard(scope: "${PROVINCE}", period: "2019-Q1") { rows { ...AssessmentRowFields } } } ` +
    board.slice(fragmentStart);
  return [
    {
      name: 'the province board (listed)',
      role: 'assessor',
      query: board,
      variables: { scope: PROVINCE, period: PERIOD },
    },
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
  const response = await fetch(platform.gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${await platform.token([probe.role])}`,
    },
    body: JSON.stringify({ query: probe.query, variables: probe.variables }),
  });
  const text = await response.text();
  const { errors } = JSON.parse(text) as { errors?: { message: string }[] };
  return {
    ms: performance.now() - started,
    bytes: text.length,
    error: errors?.[0]?.message ?? (response.ok ? null : `HTTP ${response.status}`),
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
  for (let from = 0; from < missing; from += 1000) {
    const input = Array.from({ length: Math.min(1000, missing - from) }, (_, i) => ({
      code: `330624${String(900000 + from + i)}`,
      name: `内存测试派出所${from + i}`,
      divisionCode: '330624',
      address: '浙江省绍兴市新昌县测试路1号',
      creationStatus: 'IN_PROGRESS',
      officers: 30,
      population: 40000,
      socialOrganizations: 1,
    }));
    await fetch(platform.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: listedOperation('LoadStations'),
        variables: { input },
      }),
    });
  }
  return count();
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
    for (const probe of probes()) {
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
    }
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
