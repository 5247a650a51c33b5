import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { envVar, intEnv } from '../platform/config';
import { DEFAULT_LIMITS } from '../platform/limits';
import { PROJECT_ROOT } from '../platform/paths';
import { publishSubgraph, serviceSdl } from './publish/publish';

/**
 * `npm run schema:publish -- --name <department> (--url <subgraph url> | --sdl <file>)
 *  [--dry-run] [--author <who>] [--reason <why>] [--routing-url <url>] [--schema-dir <dir>]`
 *
 * Reads the subgraph's SDL (`_service { sdl }` from the running service, or a file), composes
 * it with the other subgraphs' SDL in schema/, checks the candidate supergraph and, unless it
 * is refused or a dry run, writes schema/<name>.graphql and schema/supergraph.graphql (which
 * running gateways follow) and records it in schema/history/. Prints a summary for reviewers;
 * exits 1 when refused. With --url, PUBLISH_TOKEN is the bearer token the subgraph is asked
 * with (`npm run token`). docs/schema-delivery.md says more.
 */
const USAGE =
  'usage: npm run schema:publish -- --name <department> (--url <subgraph url> | --sdl <file>) ' +
  '[--dry-run] [--author <who>] [--reason <why>] [--routing-url <url>] [--schema-dir <dir>]';

function gitAuthor(): string {
  try {
    return execFileSync('git', ['config', 'user.name'], { encoding: 'utf8' }).trim();
  } catch {
    return process.env.USER ?? 'unknown';
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      name: { type: 'string' },
      url: { type: 'string' },
      sdl: { type: 'string' },
      'routing-url': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      author: { type: 'string' },
      reason: { type: 'string' },
      'schema-dir': { type: 'string' },
    },
  });
  const { name, url, sdl: sdlFile } = values;
  if (!name || (url === undefined) === (sdlFile === undefined)) {
    console.error(USAGE);
    return 2;
  }
  const token = envVar('PUBLISH_TOKEN');
  if (url && !token) {
    console.error('--url reads the running subgraph: set PUBLISH_TOKEN to a token it accepts');
    return 2;
  }
  const sdl = url ? await serviceSdl(name, url, token ?? '') : readFileSync(sdlFile ?? '', 'utf8');
  const result = await publishSubgraph({
    name,
    sdl,
    url: values['routing-url'] ?? url,
    schemaDir: values['schema-dir'] ?? join(PROJECT_ROOT, 'schema'),
    maxCost: intEnv('MAX_COST', DEFAULT_LIMITS.cost),
    dryRun: values['dry-run'],
    author: values.author ?? gitAuthor(),
    reason: values.reason ?? 'no reason given',
  });
  console.log(result.text);
  if (result.entry) {
    console.log(`\nPublished supergraph ${result.entry.hash} (history/${result.entry.file}).`);
  } else if (result.report && result.report.verdict !== 'refuse') {
    console.log(values['dry-run'] ? '\nDry run: nothing written.' : '\nNothing to publish.');
  }
  return result.report && result.report.verdict !== 'refuse' ? 0 : 1;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  },
);
