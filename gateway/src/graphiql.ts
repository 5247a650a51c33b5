import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Route } from '../../platform/http';
import { OPERATIONS_DIR, PROJECT_ROOT } from '../../platform/paths';

/** The page, its script and style (gateway/graphiql/). */
const PAGE_DIR = join(PROJECT_ROOT, 'gateway', 'graphiql');
/**
 * The operations GraphiQL opens as tabs, in file-name order: `<name>.graphql`, with its
 * variables in `<name>.variables.json` when it takes any. Add a file to add a tab. They are
 * listed in the safelist like every operation under schema/operations/, so they also run in
 * production.
 */
export const EXAMPLES_DIR = join(OPERATIONS_DIR, 'examples');

const TYPES = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  json: 'application/json; charset=utf-8',
} as const;

/** GraphiQL's browser bundle needs React 18's UMD builds (React 19 ships none). */
const PACKAGE_FILES: Record<string, [string, string]> = {
  'react.js': ['react', 'umd/react.production.min.js'],
  'react-dom.js': ['react-dom', 'umd/react-dom.production.min.js'],
  'graphiql.js': ['graphiql', 'graphiql.min.js'],
  'graphiql.css': ['graphiql', 'graphiql.min.css'],
};

function packageFile(name: string, file: string): string {
  return join(dirname(require.resolve(`${name}/package.json`)), file);
}

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

function serve(body: string | Buffer, type: string): Route {
  return (_req, res) => {
    res.writeHead(200, { 'content-type': type, 'content-length': Buffer.byteLength(body) });
    res.end(body);
  };
}

/**
 * GraphiQL at GET /, entirely from local files: these machines, and many government networks,
 * have no internet, so nothing comes from a CDN. The files are read once, at start.
 */
export function graphiqlRoutes(): Record<string, Route> {
  const routes: Record<string, Route> = {
    '/': serve(readFileSync(join(PAGE_DIR, 'index.html')), TYPES.html),
    '/graphiql/setup.js': serve(readFileSync(join(PAGE_DIR, 'setup.js')), TYPES.js),
    '/graphiql/page.css': serve(readFileSync(join(PAGE_DIR, 'page.css')), TYPES.css),
    '/graphiql/operations.json': serve(JSON.stringify(exampleOperations()), TYPES.json),
  };
  for (const [asset, [name, file]] of Object.entries(PACKAGE_FILES)) {
    const type = asset.endsWith('.css') ? TYPES.css : TYPES.js;
    routes[`/graphiql/${asset}`] = serve(readFileSync(packageFile(name, file)), type);
  }
  return routes;
}
