import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { envVar, intEnv, isProduction, serviceEnvName } from '../platform/config';
import { PROJECT_ROOT } from '../platform/paths';
import { listedOperation } from '../platform/operations';
import {
  ensureDatabase,
  serverVersion,
  startEmbeddedPostgres,
  type EmbeddedDatabase,
} from './embedded-postgres';
import {
  GATEWAY_SCRIPT,
  ProcessGroup,
  startSubgraphs,
  subgraphUrlEnv,
  type Output,
} from './processes';
import { sampleTokens } from './sample-tokens';
import { publishDemoBoards } from './demo-boards';
import { screenLink } from './screen-link';
import { seedFromEnv } from '../demo/seed-setting';
import { restartPolicyFromEnv, superviseDatabase, Supervisor } from './supervisor';

/**
 * `npm start`: the whole platform on this machine. PostgreSQL (DATABASE_URL, or an embedded
 * one whose data stays in .data/), every subgraph and the gateway as separate processes with
 * prefixed logs. Once up, a service that dies is restarted (scripts/supervisor.ts); Ctrl-C, or
 * a service that keeps crashing, stops them all.
 */
/** GraphiQL's first tab, sent as the safelist lists it so it also runs in production. */
const SAMPLE_QUERY = listedOperation('StationsOfACounty');
const COLORS = [36, 33, 35, 32, 34, 31];
/** What the screen's link opens: the 绍兴 board of the demo's half-year. */
const SCREEN_VIEW = { scope: '330600', period: '2019-H1' };

const started = Date.now();
/** Where each service answers /health, once started: what a restart waits for. */
const serviceUrls = new Map<string, string>();
const group = new ProcessGroup((name, how) => supervisor.crashed(name, how));
const supervisor = new Supervisor({
  group,
  policy: restartPolicyFromEnv(),
  log,
  healthUrl: (name) => serviceUrls.get(name) ?? '',
  giveUp: () => void shutdown(1),
});
let embedded: EmbeddedDatabase | undefined;
let stopping = false;

function log(message: string): void {
  console.log(`\x1b[1m[platform]\x1b[0m ${message}`);
}

const LEVELS: Record<number, string> = {
  20: 'debug',
  30: 'info',
  40: 'WARN',
  50: 'ERROR',
  60: 'FATAL',
};

/** The services log JSON lines (for machines); shown here as `level message key=value`. */
function readable(line: string): string {
  if (!line.startsWith('{')) return line;
  try {
    const {
      level,
      msg,
      time: _time,
      pid: _pid,
      service: _service,
      hostname: _host,
      ...rest
    } = JSON.parse(line) as Record<string, unknown>;
    const fields = Object.entries(rest).map(
      ([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`,
    );
    return [
      LEVELS[Number(level)] ?? String(level),
      typeof msg === 'string' ? msg : '',
      ...fields,
    ].join(' ');
  } catch {
    return line;
  }
}

let nextColor = 0;

/** Each service's lines, readable and prefixed with its name in a color of its own. */
function prefixed(name: string, color = COLORS[nextColor++ % COLORS.length] ?? 0): Output {
  const prefix = `\x1b[${color}m[${name}]\x1b[0m `;
  return { onLine: (line) => console.log(prefix + readable(line)) };
}

async function shutdown(code: number): Promise<never> {
  // A second Ctrl-C while stopping changes nothing: the first is already stopping everything.
  if (stopping) return new Promise<never>(() => {});
  stopping = true;
  await group.stopAll();
  if (embedded) await embedded.stop();
  process.exit(code);
}

async function database(): Promise<string> {
  const url = envVar('DATABASE_URL') ?? (await embeddedDatabase());
  log(`PostgreSQL ${await serverVersion(url)}`);
  return url;
}

async function embeddedDatabase(): Promise<string> {
  const port = intEnv('EMBEDDED_PG_PORT', 54329);
  const dataDir = envVar('EMBEDDED_PG_DIR') ?? join(PROJECT_ROOT, '.data', 'postgres');
  log(`no DATABASE_URL: starting the embedded PostgreSQL on port ${port} (data in ${dataDir})`);
  embedded = await startEmbeddedPostgres({
    dataDir,
    port,
    persistent: true,
  });
  // Supervised from the start: the services wait for it, and a service's start fails on a
  // database that is down, which the services' own supervision does not retry.
  superviseDatabase(embedded, {
    policy: restartPolicyFromEnv(),
    log,
    giveUp: () => void shutdown(1),
  });
  return ensureDatabase(embedded.url, 'fengqiao');
}

function jwtSecret(): string {
  const given = envVar('JWT_SECRET');
  if (given || envVar('JWT_JWKS_FILE')) return given ?? '';
  if (isProduction()) {
    console.error('NODE_ENV=production needs JWT_SECRET or JWT_JWKS_FILE: refusing to start.');
    process.exit(2);
  }
  log('no JWT_SECRET: generated one for this session (tokens below stop working at restart)');
  return randomBytes(32).toString('base64url');
}

/** SUBGRAPH_SECRET, the key of the gateway's proof: given, or made for the session. */
function subgraphSecret(): string {
  const given = envVar('SUBGRAPH_SECRET');
  if (given) return given;
  if (isProduction()) {
    console.error('NODE_ENV=production needs SUBGRAPH_SECRET: refusing to start.');
    process.exit(2);
  }
  log('no SUBGRAPH_SECRET: generated one for this session (subgraphs answer only this gateway)');
  return randomBytes(32).toString('base64url');
}

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // Before the database: a start that is refused for want of a secret leaves nothing running.
  const secret = jwtSecret();
  const proofSecret = subgraphSecret();
  const databaseUrl = await database();
  const shared = { DATABASE_URL: databaseUrl, JWT_SECRET: secret, SUBGRAPH_SECRET: proofSecret };
  const gatewayPort = intEnv('PORT', 4000);
  const gatewayUrl = `http://localhost:${gatewayPort}/graphql`;
  const subgraphs = await startSubgraphs(group, {
    // The subgraphs ask the graph (the registry, schemes) through the gateway, as their callers.
    env: { ...shared, GATEWAY_URL: gatewayUrl },
    portOf: (name, _index, defaultPort) => intEnv(serviceEnvName(name, 'PORT'), defaultPort),
    output: prefixed,
    // Seeding the province profile takes a while; the city profile a few seconds.
    timeoutMs: 300_000,
  });
  const gateway = group.start({
    name: 'gateway',
    script: GATEWAY_SCRIPT,
    env: { ...shared, ...subgraphUrlEnv(subgraphs), PORT: String(gatewayPort) },
    output: prefixed('gateway', 37),
  });
  await group.waitHealthy('gateway', gatewayUrl, 60_000);
  for (const subgraph of subgraphs) serviceUrls.set(subgraph.name, subgraph.url);
  serviceUrls.set('gateway', gatewayUrl);
  supervisor.supervise();
  log(
    'supervising: ' +
      [
        ...subgraphs.map((s) => `${s.name} pid ${s.pid ?? '?'}`),
        `gateway pid ${gateway.pid ?? '?'}`,
      ].join(', '),
  );

  const tokens = secret ? await sampleTokens(secret) : [];
  const admin = tokens.find((t) => t.role === 'admin');
  const answer = await fetch(gatewayUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(admin ? { authorization: `Bearer ${admin.token}` } : {}),
    },
    body: JSON.stringify({ query: SAMPLE_QUERY }),
  }).then((r) => r.json() as Promise<{ data?: { stations?: { edges: unknown[] } } }>);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  log(
    `gateway ready at ${gatewayUrl}; first query answered ${seconds} s after start ` +
      `(${answer.data?.stations?.edges.length ?? 0} stations of 诸暨市)`,
  );
  if (tokens.length > 0) {
    log('bearer tokens for this session (Authorization: Bearer <token>), one per role:');
    for (const { role, token } of tokens) console.log(`  ${role.padEnd(20)} ${token}`);
  }
  const assessor = tokens.find((t) => t.role === 'assessor');
  if (assessor && seedFromEnv()) {
    try {
      const published = await publishDemoBoards(gatewayUrl, assessor.token);
      if (published.length > 0) {
        log(`published the demo's official results of 绍兴: ${published.join(', ')}`);
      }
    } catch (error) {
      log(`the demo's boards were not published: ${(error as Error).message}`);
    }
  }
  if (assessor) {
    const screen = screenLink(gatewayUrl, assessor.token, SCREEN_VIEW);
    log(`the 晾晒 screen, signed in as the demo assessor:\n  ${screen}`);
  }
  log(
    `try it:\n  curl -s ${gatewayUrl} -H 'content-type: application/json' \\\n` +
      `    -H 'authorization: Bearer ${admin?.token ?? '<token>'}' \\\n` +
      `    -d '${JSON.stringify({ query: SAMPLE_QUERY })}'`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  void shutdown(1);
});
