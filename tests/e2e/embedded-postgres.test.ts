import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { PROJECT_ROOT } from '../../platform/paths';

/**
 * The embedded PostgreSQL that `npm start` runs, and the tests in CI: the release
 * docker-compose.yml runs, and UTF-8 even when the shell that starts it has no locale (as a bare
 * CI runner's has none), since the data is Chinese. Started by the compiled code in a process of
 * its own, whose environment holds nothing but PATH and HOME.
 */
let dataDir: string;

beforeAll(() => {
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
    {
      cwd: PROJECT_ROOT,
    },
  );
  // As root, PostgreSQL runs as user postgres, who must be able to reach its data folder.
  dataDir = mkdtempSync(join(tmpdir(), 'embedded-pg-'));
  chmodSync(dataDir, 0o755);
}, 120_000);

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const SCRIPT = `
const pg = require('pg');
const { freePort, startEmbeddedPostgres } = require(${JSON.stringify(join(PROJECT_ROOT, 'dist', 'scripts', 'embedded-postgres.js'))});
(async () => {
  const server = await startEmbeddedPostgres({ dataDir: process.argv[1], port: await freePort(), persistent: false });
  const client = new pg.Client({ connectionString: server.url });
  await client.connect();
  const { rows } = await client.query(
    "SELECT current_setting('server_version') AS version, pg_encoding_to_char(encoding) AS encoding," +
      " length('枫桥派出所') AS characters FROM pg_database WHERE datname = current_database()");
  console.log(JSON.stringify(rows[0]));
  await client.end();
  await server.stop();
})();`;

it('is the release docker-compose.yml pins, UTF-8 in a shell without a locale', () => {
  const output = execFileSync(process.execPath, ['-e', SCRIPT, join(dataDir, 'pg')], {
    cwd: PROJECT_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
    encoding: 'utf8',
  });
  const server = JSON.parse(output.trim().split('\n').at(-1) ?? '{}') as {
    version: string;
    encoding: string;
    characters: number;
  };
  const compose = parse(readFileSync(join(PROJECT_ROOT, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as { services: { postgres: { image: string } } };
  expect(compose.services.postgres.image).toBe(`postgres:${server.version}-trixie`);
  expect(server).toMatchObject({ encoding: 'UTF8', characters: 5 });
});
