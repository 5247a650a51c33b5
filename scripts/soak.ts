import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { signToken } from '../platform/auth';
import { createLogger } from '../platform/log';
import { ensureDatabase, freePort, startEmbeddedPostgres } from './embedded-postgres';
import { startInProcess } from './in-process-platform';
import { drift, kindTable, minuteTable, MinuteStats } from './soak-stats';

/**
 * `npm run soak -- --minutes N [--concurrency C]`: holds a mixed read and ingest load against
 * the whole platform for N minutes (1 to 60), then reports errors (target 0), p99 drift from
 * the first minute to the last, RSS and heap growth (target: flat) and whether every
 * acknowledged ingestion is stored. It starts everything itself on loopback, in this
 * process: a fresh embedded PostgreSQL, the subgraphs with the city demo data, the gateway.
 * The load shares the process with the services, so its latencies include theirs.
 */
const MIX = [
  { weight: 40, name: 'county stations' },
  { weight: 20, name: 'one station' },
  { weight: 15, name: 'city divisions' },
  { weight: 15, name: 'city page' },
  { weight: 10, name: 'ingest 20 stations' },
] as const;

const QUERIES = {
  county:
    'query SoakCounty($scope: ID) { stations(scope: $scope) { totalCount edges { node { code name brand division { name } } } } }',
  station:
    'query SoakStation($code: ID!) { station(code: $code) { name officers division { name parent { name } } } }',
  divisions:
    'query SoakDivisions { division(code: "330600") { name children { code name stationCount } } }',
  page: 'query SoakPage($after: String) { stations(scope: "330600", first: 25, after: $after) { pageInfo { endCursor } edges { node { code } } } }',
  ingest:
    'mutation SoakIngest($input: [StationInput!]!) { upsertStations(input: $input) { inserted updated unchanged } }',
};

/** Soak stations live in 新昌县 under codes no demo station has. */
const INGEST_PREFIX = '3306249';
const INGEST_CODES = 2000;

function argument(name: string, fallback: number, max: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index === -1 ? fallback : Number(process.argv[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    console.error(`--${name} must be an integer from 1 to ${max}`);
    process.exit(2);
  }
  return value;
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

function soakStation(n: number) {
  return {
    code: `${INGEST_PREFIX}${String(n).padStart(5, '0')}`,
    name: `压测派出所${n}`,
    divisionCode: '330624',
    address: '浙江省绍兴市新昌县压测路1号',
    brand: null,
    creationStatus: 'IN_PROGRESS',
    officers: Math.floor(Math.random() * 100),
    population: 10000 + Math.floor(Math.random() * 90000),
    socialOrganizations: Math.floor(Math.random() * 10),
  };
}

const requestCount = (stats: MinuteStats[]) =>
  stats.reduce((sum, m) => sum + m.latencies.length, 0);

async function main(): Promise<void> {
  const minutes = argument('minutes', 1, 60);
  const concurrency = argument('concurrency', 8, 64);
  const log = (message: string) => console.log(`[soak] ${message}`);

  log('starting an embedded PostgreSQL, the subgraphs (city demo data) and the gateway');
  const postgres = await startEmbeddedPostgres({
    dataDir: mkdtempSync(join(tmpdir(), 'fengqiao-soak-pg-')),
    port: await freePort(),
    persistent: false,
  });
  const secret = randomBytes(32).toString('base64url');
  // The services log every request as usual, to nowhere: the cost is in, the noise is not.
  const logger = createLogger({ level: 'info', destination: pino.destination('/dev/null') });
  const platform = await startInProcess({
    databaseUrl: await ensureDatabase(postgres.url, 'soak'),
    auth: { secret: new TextEncoder().encode(secret) },
    seed: 'city',
    logger,
  });
  const token = await signToken(secret, { sub: 'soak', roles: ['admin'] });
  const gatewayUrl = platform.gateway.url;

  async function post(query: string, variables: Record<string, unknown> = {}) {
    const response = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
    if (response.status !== 200 || body.errors) {
      throw new Error(`HTTP ${response.status}: ${JSON.stringify(body.errors).slice(0, 300)}`);
    }
    return body.data ?? {};
  }

  const listing = (await post(
    'query { stations(scope: "330600", first: 1000) { edges { node { code divisionCode } } } }',
  )) as { stations: { edges: { node: { code: string; divisionCode: string } }[] } };
  const stationCodes = listing.stations.edges.map((e) => e.node.code);
  const counties = [...new Set(listing.stations.edges.map((e) => e.node.divisionCode))];
  // The soak stations exist before the clock starts, so every read covers the same data from
  // the first minute to the last: upserts then change values, as departments re-sending do.
  for (let n = 0; n < INGEST_CODES; n += 1000) {
    await post(QUERIES.ingest, {
      input: Array.from({ length: 1000 }, (_, i) => soakStation(n + i)),
    });
  }
  const cursors: string[] = [];
  const acknowledged = new Set<string>();
  const errorSamples: string[] = [];

  async function oneRequest(kind: (typeof MIX)[number]['name']): Promise<void> {
    switch (kind) {
      case 'county stations':
        await post(QUERIES.county, { scope: pick(counties) });
        return;
      case 'one station':
        await post(QUERIES.station, { code: pick(stationCodes) });
        return;
      case 'city divisions':
        await post(QUERIES.divisions);
        return;
      case 'city page': {
        const data = (await post(QUERIES.page, {
          after: cursors.length ? pick(cursors) : null,
        })) as {
          stations: { pageInfo: { endCursor: string | null } };
        };
        const cursor = data.stations.pageInfo.endCursor;
        if (cursor && cursors.length < 10) cursors.push(cursor);
        return;
      }
      case 'ingest 20 stations': {
        const start = Math.floor(Math.random() * (INGEST_CODES - 20));
        const input = Array.from({ length: 20 }, (_, i) => soakStation(start + i));
        await post(QUERIES.ingest, { input });
        for (const s of input) acknowledged.add(s.code);
        return;
      }
    }
  }

  const totalWeight = MIX.reduce((sum, m) => sum + m.weight, 0);
  const chooseKind = () => {
    let roll = Math.random() * totalWeight;
    for (const m of MIX) if ((roll -= m.weight) < 0) return m.name;
    return MIX[0].name;
  };

  const stats = Array.from({ length: minutes }, () => new MinuteStats());
  const started = Date.now();
  const deadline = started + minutes * 60_000;
  log(
    `load: ${concurrency} clients for ${minutes} min; mix ${MIX.map((m) => `${m.weight}% ${m.name}`).join(', ')}`,
  );

  const sampleMemory = (minute: MinuteStats) => {
    // A full collection first (node --expose-gc), so heap and RSS show what is kept, not garbage.
    (globalThis as { gc?: () => void }).gc?.();
    const { rss, heapUsed } = process.memoryUsage();
    minute.rssMb = rss / 2 ** 20;
    minute.heapMb = heapUsed / 2 ** 20;
  };
  const timers = stats.map((minute, i) =>
    setTimeout(
      () => {
        sampleMemory(minute);
        log(
          `minute ${i + 1}: ${minute.latencies.length} requests, ${minute.errors} errors, p99 ${minute.percentile(99).toFixed(1)} ms`,
        );
      },
      (i + 1) * 60_000 - 50,
    ),
  );

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < deadline) {
        const kind = chooseKind();
        const begun = performance.now();
        let failed = false;
        try {
          await oneRequest(kind);
        } catch (error) {
          failed = true;
          if (errorSamples.length < 5) errorSamples.push(`${kind}: ${String(error)}`);
        }
        const minute = stats[Math.min(minutes - 1, Math.floor((Date.now() - started) / 60_000))];
        minute?.record(kind, performance.now() - begun, failed);
      }
    }),
  );
  timers.forEach(clearTimeout);
  const last = stats[minutes - 1];
  if (last.rssMb === 0) sampleMemory(last);

  // Every acknowledged soak station must be stored.
  const registry = platform.services.get('stations');
  if (!registry) throw new Error('no stations subgraph');
  const [{ stored }] = await registry.db.query<[{ stored: number }]>(
    'SELECT count(*)::int AS stored FROM station WHERE code = ANY($1)',
    [[...acknowledged]],
  );
  const statements: string[] = [];
  for (const [name, service] of platform.services) {
    const text = await (await fetch(new URL('/metrics', service.url))).text();
    const count = Number(/^db_statements_total\{[^}]*\} (\S+)$/m.exec(text)?.[1] ?? 0);
    statements.push(`${name} ${count} (${(count / requestCount(stats)).toFixed(2)} per request)`);
  }

  await platform.gateway.stop();
  await Promise.all([...platform.services.values()].map((s) => s.stop()));
  await postgres.stop();

  const first = stats[0];
  const requests = requestCount(stats);
  const errors = stats.reduce((sum, m) => sum + m.errors, 0);
  console.log(`\n${minuteTable(stats)}\n`);
  console.log(`requests     ${requests} (${(requests / (minutes * 60)).toFixed(1)}/s)`);
  console.log(
    `errors       ${errors}${errors ? `  e.g. ${errorSamples.join(' | ')}` : ''}  (target 0)`,
  );
  console.log(
    `p99 drift    ${drift(first.percentile(99), last.percentile(99))}  (minute 1 ${first.percentile(99).toFixed(1)} ms -> minute ${minutes} ${last.percentile(99).toFixed(1)} ms)`,
  );
  console.log(kindTable(first, last));
  console.log(
    `rss growth   ${drift(first.rssMb, last.rssMb)}  (${first.rssMb.toFixed(0)} -> ${last.rssMb.toFixed(0)} MB, after a full GC each minute)`,
  );
  console.log(
    `heap growth  ${drift(first.heapMb, last.heapMb)}  (${first.heapMb.toFixed(0)} -> ${last.heapMb.toFixed(0)} MB)`,
  );
  console.log(
    `ingested     ${acknowledged.size} distinct stations acknowledged, ${stored} stored${stored === acknowledged.size ? '' : '  LOST'}`,
  );
  console.log(`SQL sent     ${statements.join(', ')}; seeding included`);
  process.exit(errors === 0 && stored === acknowledged.size ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
