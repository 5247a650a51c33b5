import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('web/', import.meta.url));
const manifestFile = fileURLToPath(new URL('schema/operations.json', import.meta.url));

/** The screen's operations are the ones whose names start with this. */
const SCREEN_PREFIX = 'Screen';
const VIRTUAL = 'virtual:screen-operations';

/**
 * `virtual:screen-operations`: the id and text of each of the screen's operations, read from the
 * safelist manifest (schema/operations.json) at build time. The screen sends the id alone, which
 * the gateway runs with SAFELIST=on; only the screen's few operations enter the bundle.
 */
function screenOperations(): Plugin {
  return {
    name: 'screen-operations',
    resolveId: (id) => (id === VIRTUAL ? `\0${VIRTUAL}` : null),
    load(id) {
      if (id !== `\0${VIRTUAL}`) return null;
      this.addWatchFile(manifestFile);
      const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
        operations: { id: string; name: string; body: string }[];
      };
      const listed = manifest.operations
        .filter(({ name }) => name.startsWith(SCREEN_PREFIX))
        .map(({ id, name, body }) => [name, { id, body }] as const);
      return `export default ${JSON.stringify(Object.fromEntries(listed))};`;
    },
  };
}

/**
 * The gateway's browser pages, built into dist/web/ and served from there: GraphiQL at / and
 * the 晾晒 screen at /screen/. Relative URLs, so they also work behind a path prefix.
 */
export default defineConfig({
  root,
  base: './',
  publicDir: false,
  logLevel: 'warn',
  plugins: [screenOperations()],
  build: {
    outDir: fileURLToPath(new URL('dist/web/', import.meta.url)),
    emptyOutDir: true,
    // GraphiQL's editor (Monaco) alone is 2.8 MB minified, past Vite's 500 kB warning; the
    // screen's budget is checked by its test.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: {
      input: { graphiql: `${root}index.html`, screen: `${root}screen/index.html` },
      onwarn(warning, warn) {
        // GraphiQL's dependencies mark modules "use client" for React servers; a browser bundle has none.
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
