import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../platform/paths';
import { freePort } from '../../scripts/embedded-postgres';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { installFireDepartment } from '../support/fire-department';
import { listening, platformPorts, startLauncher, type Launcher } from '../support/launcher';
import { postGraphQL } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * `npm start` (the compiled launcher; in this tier because it needs the build) with
 * examples/fire-department/departments.json as its registry: the fire entry's command started
 * as a supervised process of the platform, on the port the launcher gives it, and the gateway
 * routed to it over the supergraph `npm run schema` composed for that registry.
 */
let launcher: Launcher;
let database: TestDatabase;
let gatewayPort = 0;
let firePort = 0;

beforeAll(async () => {
  installFireDepartment();
  execFileSync('npm', ['run', '-s', 'build'], { cwd: PROJECT_ROOT });
  database = await createTestDatabase();
  const ports = await platformPorts();
  gatewayPort = Number(ports.PORT);
  firePort = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...ports,
    DEPARTMENTS_FILE: 'examples/fire-department/departments.json',
    SCHEMA_DIR: mkdtempSync(join(tmpdir(), 'fengqiao-fire-schema-')),
    FIRE_PORT: String(firePort),
    DATABASE_URL: database.url,
    SEED: 'none',
  };
  delete env.JEST_WORKER_ID;
  execFileSync(process.execPath, [join(PROJECT_ROOT, 'dist', 'scripts', 'schema.js'), 'write'], {
    cwd: PROJECT_ROOT,
    env,
    stdio: 'ignore',
  });
  launcher = startLauncher(env);
}, 180_000);

afterAll(async () => {
  if (launcher?.child.exitCode === null) launcher.child.kill('SIGKILL');
  await database?.drop();
});

describe('npm start with fire registered', () => {
  it('starts the entry’s command as a service of the platform, on the port it gives', async () => {
    await launcher.waitFor(/gateway ready at/, 120_000);
    await launcher.waitFor(new RegExp(`\\[fire\\] info listening port=${firePort} `), 1_000);
    await launcher.waitFor(/supervising: .*fire pid \d+/, 1_000);
  }, 130_000);

  it('routes the gateway to it: the registry names it, its catalog answers from it', async () => {
    const res = await postGraphQL(
      `http://localhost:${gatewayPort}/graphql`,
      `{ departments { department label }
         fireIndicatorCatalog { department indicators { key label } } }`,
      { token: await tokenFor('admin') },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.departments.at(-1)).toEqual({ department: 'FIRE', label: '消防' });
    expect(res.data.fireIndicatorCatalog.indicators).toEqual([
      { key: 'fire.fires', label: '火灾起数' },
      { key: 'fire.deaths', label: '火灾死亡人数' },
    ]);
  });

  it('stops fire with the rest on Ctrl-C', async () => {
    const exited = new Promise<number | null>((resolve) => launcher.child.once('exit', resolve));
    launcher.child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(await listening(firePort)).toBe(false);
    expect(await listening(gatewayPort)).toBe(false);
  }, 30_000);
});
