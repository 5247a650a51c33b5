import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { envVar } from './config';

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The checkout's root, whether the code runs from its TypeScript sources or from dist/. */
export const PROJECT_ROOT = findProjectRoot(__dirname);

/** The committed schema files, composed from the default registry of departments. */
export const DEFAULT_SCHEMA_DIR = join(PROJECT_ROOT, 'schema');

/**
 * Where the schema files composed from the registry in use are: schema/, or the folder
 * SCHEMA_DIR names (relative to the root) for another registry (DEPARTMENTS_FILE), so that a
 * platform run with another registry leaves the committed files as they are.
 */
export const SCHEMA_DIR = ((named = envVar('SCHEMA_DIR')) =>
  named === undefined
    ? DEFAULT_SCHEMA_DIR
    : isAbsolute(named)
      ? named
      : join(PROJECT_ROOT, named))();

export const SUPERGRAPH_FILE = join(SCHEMA_DIR, 'supergraph.graphql');

/** The clients' operations (*.graphql), from which the safelist manifest is generated. */
export const OPERATIONS_DIR = join(DEFAULT_SCHEMA_DIR, 'operations');

/** The safelist: every operation of schema/operations/, checked against the supergraph. */
export const OPERATIONS_FILE = join(SCHEMA_DIR, 'operations.json');
