import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readManifest, type ListedOperation } from '../../platform/operations';
import { apiSchema } from '../api-schema';
import { listedOperationCosts } from '../operation-costs';
import { clashes, listedOperations, manifestText, type OperationSource } from '../operations';
import { replaceFile } from './publish';

export interface OperationsPublication {
  /** The team publishing: one lower-case word or several joined by dashes, e.g. `city-screen`. */
  client: string;
  /** Its operation files, fragments beside the operations that use them. */
  sources: readonly OperationSource[];
  /** The folder holding the served supergraph and the manifest (operations.json). */
  schemaDir: string;
  maxCost: number;
  dryRun: boolean;
}

interface OperationsResult {
  published: boolean;
  /** Each operation as it would be listed, with its estimated cost. */
  operations: (ListedOperation & { cost: number })[];
  /** What refused the publication; empty when it passed. */
  problems: string[];
  /** The summary printed for a reviewer. */
  text: string;
}

const CLIENT = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;

function summary(options: OperationsPublication, result: Omit<OperationsResult, 'text'>): string {
  const verdict =
    result.problems.length > 0
      ? 'REFUSED: nothing listed'
      : result.published
        ? 'PUBLISHED: the gateways running the safelist take these operations now'
        : 'DRY RUN: these would be listed';
  const lines = [`## Operations of client \`${options.client}\``, '', `**${verdict}**`, ''];
  if (result.operations.length > 0) {
    lines.push('| operation | type | id (SHA-256 of the listed text) | estimated cost |');
    lines.push('| --- | --- | --- | ---: |');
    for (const { name, type, id, cost } of result.operations) {
      lines.push(`| ${name} | ${type} | \`${id}\` | ${cost} |`);
    }
  }
  if (result.problems.length > 0) lines.push('', ...result.problems.map((p) => `- ${p}`));
  return lines.join('\n');
}

/**
 * Lists a client's operations in the safelist's manifest: each validated against the served
 * supergraph's API schema and the gateway's limits, costed against `maxCost`, and refused when
 * its name or text is another client's (or the repository's). A client's operation of the same
 * name as one it published before replaces it. The manifest is replaced whole, by a rename, so
 * a gateway following it never reads half of it; `npm run schema` keeps what clients published.
 */
export function publishOperations(options: OperationsPublication): OperationsResult {
  const supergraphSdl = readFileSync(join(options.schemaDir, 'supergraph.graphql'), 'utf8');
  const manifestFile = join(options.schemaDir, 'operations.json');
  const manifest = readManifest(manifestFile);
  const problems: string[] = [];
  if (!CLIENT.test(options.client)) {
    problems.push(`--client must be lower-case words joined by dashes, got "${options.client}"`);
  }
  const candidates = listedOperations(options.sources, apiSchema(supergraphSdl), problems).map(
    (operation) => ({ ...operation, client: options.client }),
  );
  if (candidates.length === 0 && problems.length === 0) problems.push('no operation to list');
  problems.push(...clashes(manifest.operations, candidates, options.client));
  const costs = listedOperationCosts(supergraphSdl, { ...manifest, operations: candidates });
  const operations = candidates.map((operation, i) => ({
    ...operation,
    cost: costs[i]?.cost ?? 0,
  }));
  for (const { name, cost } of operations) {
    if (cost > options.maxCost) {
      problems.push(`${name}: estimated to cost ${cost}, more than MAX_COST (${options.maxCost})`);
    }
  }
  const published = problems.length === 0 && !options.dryRun;
  if (published) {
    const names = new Set(candidates.map((c) => c.name));
    const kept = manifest.operations.filter(
      (o) => !(o.client === options.client && names.has(o.name)),
    );
    replaceFile(manifestFile, manifestText([...kept, ...candidates]));
  }
  const result = { published, operations, problems };
  return { ...result, text: summary(options, result) };
}
