import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { PROJECT_ROOT, SCHEMA_DIR } from '../../platform/paths';
import { generateSchemaFiles } from '../../scripts/schema-files';

/** The outside department: its own package, installed apart from the platform's. */
const FIRE_DIR = join(PROJECT_ROOT, 'examples', 'fire-department');

/** A gateway proof secret for the tests' subgraphs (at least 32 bytes, as the spec asks). */
export const TEST_SUBGRAPH_SECRET = 'test-subgraph-secret-not-for-production-0123';

export interface RunningFire {
  url: string;
  /** Its log lines so far, parsed (one JSON object each). */
  logs: Record<string, unknown>[];
  stop(): Promise<void>;
}

/**
 * Installs the fire department's own dependencies from its lockfile when they are missing
 * (`npm ci --prefix examples/fire-department`), as a vendor's CI would.
 */
export function installFireDepartment(): void {
  if (existsSync(join(FIRE_DIR, 'node_modules', '@apollo', 'subgraph'))) return;
  execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--prefix', FIRE_DIR], {
    stdio: 'ignore',
    timeout: 300_000,
  });
}

/**
 * Writes the schema files of the registry in use into SCHEMA_DIR, as `npm run schema` does with
 * DEPARTMENTS_FILE and SCHEMA_DIR set (tests/support/fire-registered.ts sets them): every
 * subgraph's SDL, their supergraph and the manifest the services read.
 */
export async function composeRegistrySchema(): Promise<void> {
  const generated = await generateSchemaFiles();
  if (generated.errors.length > 0) throw new Error(generated.errors.join('\n'));
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [file, text] of generated.files) writeFileSync(file, text);
}

/**
 * Starts the fire department as its own process (`node src/main.js`) on a free port, over
 * `databaseUrl` (it makes its own schema there), asking the graph at `gatewayUrl`.
 */
export async function startFireDepartment(options: {
  databaseUrl: string;
  gatewayUrl: string;
  env?: Record<string, string>;
}): Promise<RunningFire> {
  installFireDepartment();
  const child = spawn(process.execPath, [join(FIRE_DIR, 'src', 'main.js')], {
    cwd: FIRE_DIR,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: options.databaseUrl,
      GATEWAY_URL: options.gatewayUrl,
      JWT_SECRET: process.env.JWT_SECRET ?? '',
      SUBGRAPH_SECRET: TEST_SUBGRAPH_SECRET,
      FIRE_PORT: '0',
      ...(process.env.PLATFORM_TODAY ? { PLATFORM_TODAY: process.env.PLATFORM_TODAY } : {}),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the fire department did not start')), 30_000);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fire department exited with ${code}: ${stderr}`));
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const entry = JSON.parse(line) as Record<string, unknown>;
      logs.push(entry);
      if (entry.msg === 'listening') {
        clearTimeout(timer);
        resolve(entry.url as string);
      }
    });
  });
  return {
    url,
    logs,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
