import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import type { SubgraphProcess } from '../processes';
import { BENCH_DIR } from './ports';

/**
 * The peer gateway: Hive Gateway, pinned. It is ~500 MB installed, so it lives in .bench/hive
 * (git-ignored), installed by the bench on first use, never in the project's dependencies.
 *
 * @graphql-tools/stitch, under Hive Gateway, marks the return type of every `@requires` field
 * canonical in its own subgraph, so it refused a supergraph where three departments returned
 * one shared type ("Multiple canonical definitions"): each department has its own now. Should
 * the peer still fail to start, the bench reports why and measures our gateway alone.
 */
export const HIVE_VERSION = '2.15.1';
/** How the tables name it. */
export const PEER_NAME = 'Hive Gateway';
const HIVE_DIR = join(BENCH_DIR, 'hive');
const PACKAGE_DIR = join(HIVE_DIR, 'node_modules', '@graphql-hive', 'gateway');
export const HIVE_BIN = join(PACKAGE_DIR, 'dist', 'bin.js');

function installedVersion(): string | undefined {
  const file = join(PACKAGE_DIR, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
}

/**
 * Installs Hive Gateway into .bench/hive unless that version is there. Install scripts stay
 * off (npm 11's default, said explicitly): Hive Gateway needs none to run.
 */
export async function ensureHive(log: (message: string) => void): Promise<void> {
  if (installedVersion() === HIVE_VERSION) return;
  log(`installing @graphql-hive/gateway@${HIVE_VERSION} into .bench/hive (once, ~500 MB)`);
  mkdirSync(HIVE_DIR, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  await promisify(execFile)(
    npm,
    [
      'install',
      '--prefix',
      HIVE_DIR,
      '--ignore-scripts',
      '--save-exact',
      '--no-audit',
      '--no-fund',
      `@graphql-hive/gateway@${HIVE_VERSION}`,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  if (installedVersion() !== HIVE_VERSION) throw new Error('Hive Gateway did not install');
}

/**
 * The checked-in supergraph with each subgraph's URL pointed at the bench's subgraph: what
 * our gateway gets through `<NAME>_URL`, Hive Gateway gets in its file.
 */
function benchSupergraph(subgraphs: readonly SubgraphProcess[]): string {
  let sdl = readFileSync(SUPERGRAPH_FILE, 'utf8');
  for (const { name, url } of subgraphs) {
    const pattern = new RegExp(`(@join__graph\\(name: "${name}", url: )"[^"]*"`);
    if (!pattern.test(sdl)) throw new Error(`the supergraph has no join__graph "${name}"`);
    sdl = sdl.replace(pattern, `$1"${url}"`);
  }
  return sdl;
}

/**
 * Its configuration, made as like ours as it allows: the client's Authorization (and request
 * id) forwarded to every subgraph, which check the token themselves; in-flight deduplication
 * of identical subgraph requests off, since ours has none and it would answer concurrent
 * identical requests from one fetch.
 */
const CONFIG = `// Written by npm run bench (scripts/bench/hive.ts).
const forwarded = ['authorization', 'x-request-id'];
export const gatewayConfig = {
  propagateHeaders: {
    fromClientToSubgraphs({ request }) {
      const headers = {};
      for (const name of forwarded) {
        const value = request.headers.get(name);
        if (value) headers[name] = value;
      }
      return headers;
    },
  },
  transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } },
};
`;

/** Writes the supergraph and configuration Hive Gateway runs with; returns its arguments. */
export function hiveArgs(subgraphs: readonly SubgraphProcess[], port: number): string[] {
  const supergraph = join(HIVE_DIR, 'supergraph.graphql');
  const config = join(HIVE_DIR, 'gateway.config.mjs');
  writeFileSync(supergraph, benchSupergraph(subgraphs));
  writeFileSync(config, CONFIG);
  // One process, like ours: --fork 1 runs no cluster workers.
  return ['supergraph', supergraph, '--port', String(port), '--fork', '1', '--config-path', config];
}
