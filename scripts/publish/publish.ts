import { Supergraph } from '@apollo/federation-internals';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { GATEWAY_PROOF_HEADER, signGatewayProof } from '../../platform/gateway-proof';
import { supergraphHash } from '../../gateway/src/live-supergraph';
import type { OperationManifest } from '../../platform/operations';
import { checkCandidate, type CandidateReport } from './checks';
import { compose, type SubgraphSdl } from './compose';
import { record, type HistoryEntry } from './history';
import { summary } from './summary';

export interface PublishOptions {
  /** The subgraph published: a department's name, as in schema/<name>.graphql. */
  name: string;
  sdl: string;
  /** Where the gateway reaches it; by default where the served supergraph says it is. */
  url?: string;
  /** The folder holding the subgraphs' SDL, the supergraph, the manifest and history/. */
  schemaDir: string;
  maxCost: number;
  dryRun: boolean;
  author: string;
  reason: string;
  /** The moment recorded; now by default. */
  now?: Date;
}

export interface PublishResult {
  published: boolean;
  report: CandidateReport | null;
  compositionErrors: string[];
  /** The summary printed for a reviewer. */
  text: string;
  entry?: HistoryEntry;
}

const paths = (dir: string) => ({
  supergraph: join(dir, 'supergraph.graphql'),
  manifest: join(dir, 'operations.json'),
  subgraph: (name: string) => join(dir, `${name}.graphql`),
});

/** Writes `text` beside `file` and renames it over: a gateway never reads half a file. */
export function replaceFile(file: string, text: string): void {
  const next = `${file}.${process.pid}.next`;
  writeFileSync(next, text);
  renameSync(next, file);
}

/**
 * A running subgraph's SDL, with its federation directives, as it answers `_service { sdl }`:
 * a subgraph answers only the gateway and a signed-in user, that field included, so the request
 * carries the gateway's proof (SUBGRAPH_SECRET) for the subgraph named and the user's token.
 */
export async function serviceSdl(name: string, url: string, token: string): Promise<string> {
  const query = '{ _service { sdl } }';
  const proof = await signGatewayProof({ subgraph: name, query });
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      [GATEWAY_PROOF_HEADER]: proof,
    },
    body: JSON.stringify({ query }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json()) as { data?: { _service?: { sdl?: string } } };
  const sdl = body.data?._service?.sdl;
  if (!sdl) throw new Error(`${url} answered no _service { sdl } (HTTP ${response.status})`);
  return sdl;
}

/** The subgraphs of the served supergraph, each with its SDL in the folder and its URL. */
export function servedSubgraphs(dir: string, supergraphSdl: string): SubgraphSdl[] {
  return Supergraph.build(supergraphSdl)
    .subgraphsMetadata()
    .map(({ name, url }) => ({ name, url, sdl: readFileSync(paths(dir).subgraph(name), 'utf8') }));
}

/**
 * Publishes one subgraph's SDL: composes it with the others' current SDL, checks the candidate
 * supergraph (scripts/publish/checks.ts) and, unless refused or a dry run, writes the subgraph's
 * SDL and the supergraph (the gateway follows the file) and records it in history/.
 */
export async function publishSubgraph(options: PublishOptions): Promise<PublishResult> {
  const file = paths(options.schemaDir);
  const current = existsSync(file.supergraph) ? readFileSync(file.supergraph, 'utf8') : null;
  const served = current ? servedSubgraphs(options.schemaDir, current) : [];
  const url =
    options.url ?? served.find((s) => s.name === options.name)?.url ?? 'http://localhost/graphql';
  const subgraphs = [
    ...served.filter((s) => s.name !== options.name),
    { name: options.name, sdl: options.sdl, url },
  ].sort((a, b) => a.name.localeCompare(b.name));
  const composition = compose(subgraphs);
  const manifest = JSON.parse(readFileSync(file.manifest, 'utf8')) as OperationManifest;
  const { operations } = manifest;
  if (!('supergraphSdl' in composition)) {
    const text = summary(options.name, null, composition.errors, operations.length);
    return { published: false, report: null, compositionErrors: composition.errors, text };
  }
  const candidate = composition.supergraphSdl;
  const report = await checkCandidate(current, candidate, operations, options.maxCost);
  const text = summary(options.name, report, [], operations.length);
  const result = { report, compositionErrors: [], text };
  if (report.verdict === 'refuse' || options.dryRun || candidate === current) {
    return { ...result, published: false };
  }
  const header =
    `# Published by \`npm run schema:publish\` (${options.author}, ` +
    `${(options.now ?? new Date()).toISOString()}): ${options.reason}\n`;
  writeFileSync(file.subgraph(options.name), header + options.sdl.replace(/^(#.*\n)+/, ''));
  const entry = record(options.schemaDir, candidate, {
    hash: supergraphHash(candidate),
    publishedAt: (options.now ?? new Date()).toISOString(),
    author: options.author,
    reason: options.reason,
    subgraph: options.name,
  });
  replaceFile(file.supergraph, candidate);
  return { ...result, published: true, entry };
}
