import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Route } from '../../platform/http';
import { OPERATIONS_DIR } from '../../platform/paths';

/**
 * The operations GraphiQL opens as tabs, in file-name order: `<name>.graphql`, with its
 * variables in `<name>.variables.json` when it takes any. Add a file to add a tab. They are
 * listed in the safelist like every operation under schema/operations/, so they also run in
 * production.
 */
const EXAMPLES_DIR = join(OPERATIONS_DIR, 'examples');

export interface ExampleOperation {
  name: string;
  query: string;
  variables?: string;
}

export function exampleOperations(): ExampleOperation[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith('.graphql'))
    .sort()
    .map((file) => {
      const name = file.slice(0, -'.graphql'.length);
      const variablesFile = join(EXAMPLES_DIR, `${name}.variables.json`);
      return {
        name,
        query: readFileSync(join(EXAMPLES_DIR, file), 'utf8'),
        ...(existsSync(variablesFile) ? { variables: readFileSync(variablesFile, 'utf8') } : {}),
      };
    });
}

/**
 * The example operations GraphiQL's page (web/index.html, built into dist/web/ and served by
 * webRoutes) fetches to open as tabs. Read once, at start.
 */
export function graphiqlRoutes(): Record<string, Route> {
  const body = JSON.stringify(exampleOperations());
  return {
    '/graphiql/operations.json': (_req, res) => {
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
      });
      res.end(body);
    },
  };
}
