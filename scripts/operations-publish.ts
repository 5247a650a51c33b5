import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { intEnv } from '../platform/config';
import { DEFAULT_LIMITS } from '../platform/limits';
import { PROJECT_ROOT } from '../platform/paths';
import { publishOperations } from './publish/client-operations';

/**
 * `npm run operations:publish -- --client <name> [--dry-run] [--schema-dir <dir>] <files…>`
 *
 * Lists a team's operations in the gateway's safelist (schema/operations.json) under the
 * client's name: validated against the served supergraph's API schema, costed against MAX_COST,
 * refused when a name or text is another client's. Prints each operation's id (the SHA-256 of
 * its listed text) for the client to send; exits 1 when refused. Gateways that follow the
 * manifest (SAFELIST_FILE) take the new list without a restart. docs/schema-delivery.md says more.
 */
const USAGE =
  'usage: npm run operations:publish -- --client <name> [--dry-run] [--schema-dir <dir>] <files…>';

function main(): number {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      client: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'schema-dir': { type: 'string' },
    },
  });
  if (!values.client || positionals.length === 0) {
    console.error(USAGE);
    return 2;
  }
  const result = publishOperations({
    client: values.client,
    sources: positionals.map((file) => ({ file, text: readFileSync(file, 'utf8') })),
    schemaDir: values['schema-dir'] ?? join(PROJECT_ROOT, 'schema'),
    maxCost: intEnv('MAX_COST', DEFAULT_LIMITS.cost),
    dryRun: values['dry-run'],
  });
  console.log(result.text);
  return result.problems.length > 0 ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
