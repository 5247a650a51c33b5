import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Route } from '../../platform/http';
import { PROJECT_ROOT } from '../../platform/paths';

/** What `npm run build` makes of web/ with Vite: GraphiQL's page and the 晾晒 screen. */
export const WEB_DIR = join(PROJECT_ROOT, 'dist', 'web');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
};

/**
 * What a page may load: its own scripts, styles, images and fonts, and requests to its own
 * origin, nothing else. No inline script and no eval: text that reaches a page (a station's
 * name, an error message) can never run as code. No page may be framed (clickjacking), and
 * `<base>` cannot redirect relative URLs. `styles` are the style sources it allows.
 */
function pagePolicy(styles: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src ${styles}`,
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/**
 * The screen's policy, sent with every file of dist/web/ but GraphiQL's page (a worker script
 * takes its policy from its own response).
 */
export const PAGE_POLICY = pagePolicy("'self'");

/**
 * GraphiQL's page: its editor (Monaco) writes `<style>` elements and style attributes as it
 * draws, so this page alone allows inline styles. Still no inline script; and the styles can
 * reach nothing beyond the gateway, since images, fonts and requests stay on its origin.
 */
export const GRAPHIQL_POLICY = pagePolicy("'self' 'unsafe-inline'");

/** GraphiQL's page, built from web/index.html. */
const GRAPHIQL_PAGE = '/index.html';

/** Text worth compressing; the gzip is made once, at start. */
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.json', '.svg']);

function serveFile(file: string, policy: string): Route {
  const body = readFileSync(file);
  const extension = extname(file);
  const gzipped = COMPRESSIBLE.has(extension) && body.length > 1024 ? gzipSync(body) : null;
  const headers = {
    'content-type': TYPES[extension] ?? 'application/octet-stream',
    // Vite names assets by their content's hash: they never change. A page names its assets, so
    // it is checked at every load, and a new build is seen at once.
    'cache-control': extension === '.html' ? 'no-cache' : 'public, max-age=31536000, immutable',
    vary: 'accept-encoding',
    'content-security-policy': policy,
  };
  return (req, res) => {
    const gzip = gzipped !== null && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
    const sent = gzip ? gzipped : body;
    res.writeHead(200, {
      ...headers,
      ...(gzip ? { 'content-encoding': 'gzip' } : {}),
      'content-length': sent.length,
    });
    res.end(sent);
  };
}

/** A page built from web/ is missing: said in words, rather than a bare 404. */
const notBuilt: Route = (_req, res) => {
  const text = 'The browser pages are not built: run `npm run build` (it runs Vite over web/).\n';
  res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
  res.end(text);
};

/**
 * The built pages at the paths they were built for: dist/web/index.html at /, screen/index.html
 * at /screen/ (and /screen), each asset at /assets/<name>. Everything is read once, at start, from
 * local files: nothing comes from a CDN.
 */
export function webRoutes(dir = WEB_DIR): Record<string, Route> {
  if (!existsSync(join(dir, 'index.html'))) return { '/': notBuilt, '/screen/': notBuilt };
  const routes: Record<string, Route> = {};
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  for (const name of files) {
    const path = `/${name.split('\\').join('/')}`;
    if (!(extname(path) in TYPES)) continue;
    const route = serveFile(
      join(dir, name),
      path === GRAPHIQL_PAGE ? GRAPHIQL_POLICY : PAGE_POLICY,
    );
    routes[path] = route;
    if (path.endsWith('/index.html')) routes[path.slice(0, -'index.html'.length)] = route;
  }
  // A page's relative asset URLs need the trailing slash: /screen is sent on to /screen/.
  routes['/screen'] = (req, res) => {
    const search = new URL(req.url ?? '/', 'http://localhost').search;
    res.writeHead(301, { location: `/screen/${search}` });
    res.end();
  };
  return routes;
}
