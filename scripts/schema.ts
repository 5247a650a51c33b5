import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { relative } from 'node:path';
import { PROJECT_ROOT, SCHEMA_DIR, SUPERGRAPH_FILE } from '../platform/paths';
import { apiSchema } from './api-schema';
import { describeChanges, schemaChanges, type SchemaChange } from './schema-changes';
import { generateSchemaFiles, type Generated } from './schema-files';

/**
 * `npm run schema` writes schema/<name>.graphql (each subgraph's SDL with its federation
 * directives), schema/supergraph.graphql (their composition), schema/operations.json (the
 * gateway's safelist, from schema/operations/*.graphql) and the typed clients' generated types
 * of their operations (./operation-types.ts). It refuses a change that
 * would break a client unless given --allow-breaking.
 * `npm run schema:check` regenerates in memory and fails on composition errors, on a file that
 * differs from what the code prints (showing the diff), and on a breaking change.
 * Both list each change to the API schema as breaking, dangerous or safe (scripts/schema-changes).
 *
 * With another registry of departments (DEPARTMENTS_FILE), SCHEMA_DIR names the folder both
 * work in instead of schema/, and only the schema files are written (scripts/schema-files.ts).
 *
 * Both write and check compose as `npm run schema:publish` does (scripts/publish/compose.ts:
 * @apollo/composition and The Guild's composition, either failing fails the run).
 */
/** What the generated supergraph changes for clients of the gateway, against the committed one. */
async function clientChanges(generated: Generated): Promise<SchemaChange[]> {
  const next = generated.files.get(SUPERGRAPH_FILE);
  if (!next || !existsSync(SUPERGRAPH_FILE)) return [];
  return schemaChanges(apiSchema(readFileSync(SUPERGRAPH_FILE, 'utf8')), apiSchema(next));
}

/** The folder written and checked, as the messages name it (schema, unless SCHEMA_DIR). */
const folder = relative(PROJECT_ROOT, SCHEMA_DIR);

async function main(mode: string, flags: string[]): Promise<number> {
  const generated = await generateSchemaFiles();
  for (const warning of generated.warnings) console.warn(`warning: ${warning}`);
  if (generated.errors.length > 0) {
    console.error(
      'Composition or the safelist failed:\n' + generated.errors.map((e) => `  - ${e}`).join('\n'),
    );
    return 1;
  }
  const changes = await clientChanges(generated);
  const breaking = changes.filter((c) => c.severity === 'breaking');
  if (changes.length > 0) {
    (breaking.length > 0 ? console.error : console.log)(
      'Changes for clients of the gateway:\n' + describeChanges(changes),
    );
  }
  const stale = [...generated.files].filter(
    ([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text,
  );
  if (mode === 'check') {
    for (const [file, text] of stale) {
      const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
      const name = file.slice(PROJECT_ROOT.length + 1);
      console.error(`${name} is not what the code prints:`);
      console.error(
        createTwoFilesPatch(name, name, before, text, 'committed', 'printed', {
          context: 2,
          headerOptions: FILE_HEADERS_ONLY,
        }),
      );
    }
    if (stale.length > 0) console.error('Run `npm run schema` and commit the files it writes.');
    else
      console.log(
        `${SCHEMA_DIR.slice(PROJECT_ROOT.length + 1)}/ is current (${generated.files.size} files).`,
      );
    return stale.length > 0 || breaking.length > 0 ? 1 : 0;
  }
  if (breaking.length > 0 && !flags.includes('--allow-breaking')) {
    console.error('Nothing written. Add --allow-breaking if the clients have moved on.');
    return 1;
  }
  // Another registry's folder may not be there yet.
  mkdirSync(SCHEMA_DIR, { recursive: true });
  for (const [file, text] of stale) {
    writeFileSync(file, text);
    console.log(`wrote ${file.slice(PROJECT_ROOT.length + 1)}`);
  }
  if (stale.length === 0) console.log(`${folder}/ is already current.`);
  return 0;
}

const [mode = 'check', ...flags] = process.argv.slice(2);
main(mode, flags).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
