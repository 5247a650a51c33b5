import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The checkout's root, whether the code runs from its TypeScript sources or from dist/. */
export const PROJECT_ROOT = findProjectRoot(__dirname);

export const SUPERGRAPH_FILE = join(PROJECT_ROOT, 'schema', 'supergraph.graphql');

/** The clients' operations (*.graphql), from which the safelist manifest is generated. */
export const OPERATIONS_DIR = join(PROJECT_ROOT, 'schema', 'operations');

/** The safelist: every operation of schema/operations/, checked against the supergraph. */
export const OPERATIONS_FILE = join(PROJECT_ROOT, 'schema', 'operations.json');
