import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { envVar, intEnv, isProduction, serviceEnvName } from '../subgraphs/kit/config';
import { PROJECT_ROOT } from '../subgraphs/kit/paths';
import { listedOperation } from '../gateway/src/safelist';
import { SUBGRAPHS } from '../subgraphs/list';
import { ensureDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from './embedded-postgres';
import { sampleTokens } from './sample-tokens';

/**
 * `npm start`: the whole platform on this machine. PostgreSQL (DATABASE_URL, or an embedded
 * one whose data stays in .data/), every subgraph and the gateway as separate processes with
 * prefixed logs. Ctrl-C, or any service dying, stops them all.
 */
/** GraphiQL's first tab, sent as the safelist lists it so it also runs in production. */
const SAMPLE_QUERY = listedOperation('StationsOfACounty');
const COLORS = [36, 33, 35, 32, 34, 31];

const started = Date.now();
const children = new Map<string, ChildProcess>();
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

function spawnService(
  name: string,
  script: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  color: number,
) {
  const child = spawn(process.execPath, [join(PROJECT_ROOT, 'dist', script), ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = `\x1b[${color}m[${name}]\x1b[0m `;
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => console.log(prefix + readable(line)));
  }
  child.on('exit', (code, signal) => {
    children.delete(name);
    if (!stopping) {
      log(`${name} exited (${signal ?? `code ${code}`}); stopping the platform`);
      void shutdown(1);
    }
  });
  children.set(name, child);
}

async function waitHealthy(name: string, url: string, timeoutMs: number): Promise<void> {
  const health = new URL('/health', url);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (stopping) throw new Error('stopping');
    const ok = await fetch(health).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(
    `${name} did not become healthy at ${health.toString()} within ${timeoutMs / 1000} s`,
  );
}

async function shutdown(code: number): Promise<never> {
  stopping = true;
  const exits = [...children.values()].map(
    (child) => new Promise((resolve) => child.once('exit', resolve)),
  );
  for (const child of children.values()) child.kill('SIGTERM');
  await Promise.race([Promise.all(exits), new Promise((resolve) => setTimeout(resolve, 10_000))]);
  for (const child of children.values()) child.kill('SIGKILL');
  if (embedded) await embedded.stop();
  process.exit(code);
}

async function database(): Promise<string> {
  const given = envVar('DATABASE_URL');
  if (given) return given;
  const port = intEnv('EMBEDDED_PG_PORT', 54329);
  const dataDir = envVar('EMBEDDED_PG_DIR') ?? join(PROJECT_ROOT, '.data', 'postgres');
  log(`no DATABASE_URL: starting the embedded PostgreSQL on port ${port} (data in ${dataDir})`);
  embedded = await startEmbeddedPostgres({
    dataDir,
    port,
    persistent: true,
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

async function main(): Promise<void> {
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));
  // Before the database: a start that is refused for want of a secret leaves nothing running.
  const secret = jwtSecret();
  const databaseUrl = await database();
  const shared = { DATABASE_URL: databaseUrl, JWT_SECRET: secret, APOLLO_TELEMETRY_DISABLED: '1' };
  const urls: Record<string, string> = {};
  SUBGRAPHS.forEach((subgraph, i) => {
    const port = intEnv(serviceEnvName(subgraph.name, 'PORT'), subgraph.port);
    urls[serviceEnvName(subgraph.name, 'URL')] = `http://localhost:${port}/graphql`;
    spawnService(
      subgraph.name,
      'subgraphs/serve.js',
      [subgraph.name],
      { ...shared, [serviceEnvName(subgraph.name, 'PORT')]: String(port) },
      COLORS[i % COLORS.length] ?? 0,
    );
  });
  // Seeding the province profile takes a while; the city profile a few seconds.
  await Promise.all(
    SUBGRAPHS.map((s) => waitHealthy(s.name, urls[serviceEnvName(s.name, 'URL')] ?? '', 300_000)),
  );
  const gatewayPort = intEnv('PORT', 4000);
  const gatewayUrl = `http://localhost:${gatewayPort}/graphql`;
  spawnService(
    'gateway',
    'gateway/src/main.js',
    [],
    { ...shared, ...urls, PORT: String(gatewayPort) },
    37,
  );
  await waitHealthy('gateway', gatewayUrl, 60_000);

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
