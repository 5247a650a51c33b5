import 'reflect-metadata';
import pg from 'pg';
import {
  drift,
  kindTable,
  memoryTable,
  minuteTable,
  MinuteStats,
  type MemorySample,
} from './stats';
import { SOAK_MIX, SOAK_STATIONS, soakStation } from './mix';
import type { SoakAnswer, SoakContext } from './soak-kind';
import { startProcessPlatform } from '../process-platform';
import { listedOperation } from '../../platform/operations';
import { GATEWAY_PROOF_HEADER } from '../../platform/gateway-proof';

/**
 * `npm run soak -- --minutes N [--concurrency C]`: holds what users do against the whole
 * platform for N minutes (1 to 60): the registry, county and city boards, a station's
 * statistics, record loads, with a share of hostile requests (a cost attack, a 900 KB
 * argument, a bad batch, clients hanging up, …, bench/soak/mix.ts). Then it reports errors of
 * the well-behaved requests (target 0), hostile ones not refused as they should be (target 0),
 * p99 drift from the first minute to the last, each service's memory (target: flat) and
 * whether every acknowledged write is stored. Every service runs as its own process, as under
 * `npm start` (city demo data, a fresh embedded PostgreSQL), so each one's memory is its own.
 */
function argument(name: string, fallback: number, max: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`--${name} must be an integer from 1 to ${max}`);
    process.exit(2);
  }
  return value;
}

/** A service's resident memory and V8 heap in use, from its /metrics, in MB. */
async function memoryOf(url: string): Promise<MemorySample> {
  const text = await (await fetch(new URL('/metrics', url))).text();
  const read = (name: string) =>
    Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(text)?.[1] ?? 0) / 2 ** 20;
  return { rss: read('process_resident_memory_bytes'), heap: read('nodejs_heap_size_used_bytes') };
}

async function main(): Promise<void> {
  const minutes = argument('minutes', 1, 60);
  const concurrency = argument('concurrency', 8, 64);
  const log = (message: string) => console.log(`[soak] ${message}`);

  log('starting an embedded PostgreSQL, the subgraphs (city demo data) and the gateway');
  let crashed = '';
  const platform = await startProcessPlatform((name, how) => {
    crashed ||= `${name} exited (${how})`;
    log(`${name} exited (${how})`);
  });
  const admin = await platform.token(['admin']);

  /** Sends one request to `url` and reads the answer's status, size, data and codes. */
  async function send(
    url: string,
    body: Record<string, unknown>,
    headers: Record<string, string>,
    signal?: AbortSignal,
  ): Promise<SoakAnswer> {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
      ...(signal ? { signal } : {}),
    });
    const text = await response.text();
    let parsed: { data?: Record<string, unknown>; errors?: { extensions?: { code?: string } }[] };
    try {
      parsed = JSON.parse(text) as typeof parsed;
    } catch {
      parsed = { errors: [{}] };
    }
    return {
      status: response.status,
      bytes: text.length,
      ...(parsed.data ? { data: parsed.data } : {}),
      codes: (parsed.errors ?? []).map((e) => e.extensions?.code ?? 'UNCODED'),
    };
  }

  const bearer = (token: string | null): Record<string, string> =>
    token ? { authorization: `Bearer ${token}` } : {};

  function post(
    query: string,
    variables: Record<string, unknown> = {},
    options: { token?: string | null; operationName?: string; signal?: AbortSignal } = {},
  ) {
    const token = options.token === undefined ? admin : options.token;
    return send(
      platform.gatewayUrl,
      { query, variables, operationName: options.operationName },
      bearer(token),
      options.signal,
    );
  }

  async function postSubgraph(
    subgraph: string,
    query: string,
    variables: Record<string, unknown>,
    options: { token?: string; proof?: boolean } = {},
  ) {
    const url = platform.services.find((s) => s.name === subgraph)?.url;
    if (!url) throw new Error(`no subgraph ${subgraph}`);
    const proof: Record<string, string> =
      options.proof === false
        ? {}
        : { [GATEWAY_PROOF_HEADER]: await platform.proof(subgraph, query) };
    return send(url, { query, variables }, { ...bearer(options.token ?? admin), ...proof });
  }

  const tokens = new Map<string, Promise<string>>();
  const token = (role: string) => {
    let known = tokens.get(role);
    if (!known) tokens.set(role, (known = platform.token([role])));
    return known;
  };

  const listing = await post(
    '{ stations(scope: "330600", first: 1000) { edges { node { code divisionCode } } } }',
  );
  const edges = (
    listing.data?.stations as { edges: { node: { code: string; divisionCode: string } }[] }
  ).edges;
  let counter = 1_000_000;
  const context: SoakContext = {
    post,
    postSubgraph,
    token,
    stations: edges.map((e) => e.node.code),
    counties: [...new Set(edges.map((e) => e.node.divisionCode))],
    acknowledgedStations: new Set(),
    acknowledgedCases: new Set(),
    next: () => (counter += 1),
  };
  // The soak stations exist before the clock starts, so every read covers the same data from
  // the first minute to the last: loads then change values, as departments re-sending do.
  for (let n = 0; n < SOAK_STATIONS; n += 1000) {
    const input = Array.from({ length: 1000 }, (_, i) => soakStation(n + i));
    await post(listedOperation('LoadStations'), { input });
  }

  const errorSamples: string[] = [];
  const totalWeight = SOAK_MIX.reduce((sum, m) => sum + m.weight, 0);
  const chooseKind = () => {
    let roll = Math.random() * totalWeight;
    for (const m of SOAK_MIX) if ((roll -= m.weight) < 0) return m;
    return SOAK_MIX[0];
  };
  const hostileShare = SOAK_MIX.filter((m) => m.hostile).reduce((s, m) => s + m.weight, 0);

  const stats = Array.from({ length: minutes }, () => new MinuteStats());
  const sampleMemory = async () =>
    new Map(
      await Promise.all(
        platform.services.map(async (s) => [s.name, await memoryOf(s.url)] as const),
      ),
    );
  // Memory as the load begins (demo data seeded, soak stations loaded), then after each minute.
  const before = await sampleMemory();
  const memory: (Map<string, MemorySample> | undefined)[] = [];
  const started = Date.now();
  const deadline = started + minutes * 60_000;
  log(
    `load: ${concurrency} clients for ${minutes} min; ${SOAK_MIX.length} kinds of request, ` +
      `${((hostileShare / totalWeight) * 100).toFixed(0)} % of them hostile`,
  );
  const timers = stats.map((minute, i) =>
    setTimeout(
      () => {
        void sampleMemory().then((sample) => (memory[i] = sample));
        log(
          `minute ${i + 1}: ${minute.latencies.length} requests, ${minute.errors} errors, ` +
            `${minute.hostileMissed} hostile not refused, p99 ${minute.percentile(99).toFixed(1)} ms`,
        );
      },
      (i + 1) * 60_000 - 500,
    ),
  );

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const kind = chooseKind();
        const begun = performance.now();
        let problem: string | null;
        try {
          problem = await kind.run(context);
        } catch (error) {
          problem = String(error);
        }
        if (problem && errorSamples.length < 8) errorSamples.push(`${kind.name}: ${problem}`);
        const minute = stats[Math.min(minutes - 1, Math.floor((Date.now() - started) / 60_000))];
        minute?.record(kind.name, performance.now() - begun, problem !== null, kind.hostile);
      }
    }),
  );
  timers.forEach(clearTimeout);
  await new Promise((resolve) => setTimeout(resolve, 1000));
  if (!memory[minutes - 1]) {
    memory[minutes - 1] = await sampleMemory();
  }

  // Every acknowledged write must be stored.
  const db = new pg.Client({ connectionString: platform.databaseUrl });
  await db.connect();
  const count = async (sql: string, values: string[]) =>
    (await db.query<{ n: number }>(sql, [values])).rows[0]?.n ?? 0;
  const storedStations = await count(
    'SELECT count(*)::int AS n FROM stations.station WHERE code = ANY($1)',
    [...context.acknowledgedStations],
  );
  const storedCases = await count(
    `SELECT count(*)::int AS n FROM cases.criminal_case WHERE external_id = ANY($1)`,
    [...context.acknowledgedCases],
  );
  await db.end();
  const statements: string[] = [];
  for (const service of platform.services.filter((s) => s.name !== 'gateway')) {
    const text = await (await fetch(new URL('/metrics', service.url))).text();
    const n = Number(/^db_statements_total\{[^}]*\} (\S+)$/m.exec(text)?.[1] ?? 0);
    statements.push(`${service.name} ${n}`);
  }
  await platform.stop();

  const first = stats[0];
  const last = stats[minutes - 1];
  const requests = stats.reduce((sum, m) => sum + m.latencies.length, 0);
  const errors = stats.reduce((sum, m) => sum + m.errors, 0);
  const missed = stats.reduce((sum, m) => sum + m.hostileMissed, 0);
  console.log(`\n${minuteTable(stats)}\n`);
  console.log(`requests     ${requests} (${(requests / (minutes * 60)).toFixed(1)}/s)`);
  console.log(`errors       ${errors} of the well-behaved requests  (target 0)`);
  console.log(`hostile      ${missed} not refused as they should be  (target 0)`);
  if (errorSamples.length) console.log(`  e.g. ${errorSamples.join('\n       ')}`);
  console.log(
    `p99 drift    ${drift(first.percentile(99), last.percentile(99))}  (minute 1 ${first.percentile(99).toFixed(1)} ms -> minute ${minutes} ${last.percentile(99).toFixed(1)} ms)`,
  );
  console.log(kindTable(first, last));
  console.log(
    memoryTable(
      platform.services.map((s) => s.name),
      before,
      memory,
    ),
  );
  const ack = context.acknowledgedStations.size + context.acknowledgedCases.size;
  console.log(
    `written      ${context.acknowledgedStations.size} stations and ${context.acknowledgedCases.size} cases acknowledged, ` +
      `${storedStations} and ${storedCases} stored${storedStations + storedCases === ack ? '' : '  LOST'}`,
  );
  console.log(`SQL sent     ${statements.join(', ')} statements; seeding included`);
  if (crashed) console.log(`CRASHED      ${crashed}`);
  const ok = errors === 0 && missed === 0 && !crashed && storedStations + storedCases === ack;
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
