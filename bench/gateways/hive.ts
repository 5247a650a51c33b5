import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  GATEWAY_PROOF_HEADER,
  GATEWAY_PROOF_ISSUER,
  GATEWAY_PROOF_LIFETIME_S,
} from '../../platform/gateway-proof';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import type { SubgraphProcess } from '../../scripts/processes';
import { BENCH_DIR, BENCH_PORTS } from './ports';

/**
 * The peer gateway: Hive Gateway, pinned, with its Rust query planner (the Hive Router
 * runtime). It is ~500 MB installed, so it lives in .bench/hive (git-ignored), installed by the
 * bench on first use, never in the project's dependencies.
 *
 * Two peers run from it: the Rust planner, which plans like @apollo/gateway and so is the fair
 * comparison, and the default stitching planner, which mis-plans a @requires with more than
 * one sub-selected field (bench/peer-bugs/hive-stitching-requires.md): kept as a second peer so a
 * router-portability regression of ours shows up against it too.
 *
 * @graphql-tools/stitch, under Hive Gateway, marks the return type of every `@requires` field
 * canonical in its own subgraph, so it refused a supergraph where three departments returned
 * one shared type ("Multiple canonical definitions"): each department has its own now. Should
 * a peer still fail to start, the bench reports why and measures without it.
 */
export const HIVE_VERSION = '2.15.1';
const ROUTER_RUNTIME_VERSION = '1.4.23';

export interface Peer {
  /** What --peer and the logs call it. */
  id: 'hive' | 'hive-stitching';
  /** How the tables name it. */
  name: string;
  port: number;
  /** Hive Gateway's options that make this peer. */
  flags: string[];
}

export const PEERS: readonly Peer[] = [
  {
    id: 'hive',
    name: 'Hive Gateway (Rust planner)',
    port: BENCH_PORTS.hive,
    flags: ['--hive-router-runtime'],
  },
  {
    id: 'hive-stitching',
    name: 'Hive Gateway (stitching)',
    port: BENCH_PORTS.hiveStitching,
    flags: [],
  },
];

/** The peer the targets compare with. */
export const PEER_NAME = PEERS[0]?.name ?? '';

const HIVE_DIR = join(BENCH_DIR, 'hive');
const PACKAGES = {
  '@graphql-hive/gateway': HIVE_VERSION,
  '@graphql-hive/router-runtime': ROUTER_RUNTIME_VERSION,
};
export const HIVE_BIN = join(
  HIVE_DIR,
  'node_modules',
  '@graphql-hive',
  'gateway',
  'dist',
  'bin.js',
);

function installedVersion(name: string): string | undefined {
  const file = join(HIVE_DIR, 'node_modules', name, 'package.json');
  if (!existsSync(file)) return undefined;
  return (JSON.parse(readFileSync(file, 'utf8')) as { version?: string }).version;
}

const installed = () =>
  Object.entries(PACKAGES).every(([name, version]) => installedVersion(name) === version);

/**
 * Installs Hive Gateway and its Rust planner into .bench/hive unless those versions are there.
 * Install scripts stay off (npm 11's default, said explicitly): neither needs one to run (the
 * planner's native binary comes as an npm package of its own).
 */
export async function ensureHive(log: (message: string) => void): Promise<void> {
  if (installed()) return;
  const specs = Object.entries(PACKAGES).map(([name, version]) => `${name}@${version}`);
  log(`installing ${specs.join(' and ')} into .bench/hive (once, ~500 MB)`);
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
      ...specs,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  if (!installed()) throw new Error('Hive Gateway did not install');
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
 * id) forwarded to every subgraph, which check the token themselves; every subgraph request
 * signed with the gateway's proof (docs/security.md), minted from SUBGRAPH_SECRET as ours
 * mints it, the subgraph named by its URL; in-flight deduplication of identical subgraph
 * requests off, since ours has none and it would answer concurrent identical requests from
 * one fetch.
 */
function configOf(subgraphs: readonly SubgraphProcess[]): string {
  const names = Object.fromEntries(subgraphs.map((s) => [s.url, s.name]));
  return `// Written by npm run bench (bench/gateways/hive.ts).
import { createHash, createHmac } from 'node:crypto';
const forwarded = ['authorization', 'x-request-id'];
const subgraphByUrl = ${JSON.stringify(names)};
const secret = process.env.SUBGRAPH_SECRET ?? '';
const part = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
function proof(aud, query) {
  const iat = Math.floor(Date.now() / 1000);
  const qh = createHash('sha256').update(query, 'utf8').digest('base64url');
  const signed = part({ alg: 'HS256', typ: 'JWT' }) + '.' +
    part({ iss: '${GATEWAY_PROOF_ISSUER}', aud, iat, exp: iat + ${GATEWAY_PROOF_LIFETIME_S}, qh, rid: '' });
  return signed + '.' + createHmac('sha256', secret).update(signed).digest('base64url');
}
export const gatewayConfig = {
  plugins: () => [
    {
      onFetch({ url, options, setOptions }) {
        const aud = subgraphByUrl[url];
        if (!aud || typeof options.body !== 'string') return;
        const { query } = JSON.parse(options.body);
        setOptions({ ...options, headers: { ...options.headers, '${GATEWAY_PROOF_HEADER}': proof(aud, query) } });
      },
    },
  ],
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
}

/** Writes the supergraph and configuration Hive Gateway runs with; returns a peer's arguments. */
export function hiveArgs(subgraphs: readonly SubgraphProcess[], peer: Peer): string[] {
  const supergraph = join(HIVE_DIR, 'supergraph.graphql');
  const config = join(HIVE_DIR, 'gateway.config.mjs');
  writeFileSync(supergraph, benchSupergraph(subgraphs));
  writeFileSync(config, configOf(subgraphs));
  // One process, like ours: --fork 1 runs no cluster workers.
  return [
    'supergraph',
    supergraph,
    '--port',
    String(peer.port),
    '--fork',
    '1',
    '--config-path',
    config,
    ...peer.flags,
  ];
}
