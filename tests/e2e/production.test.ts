import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { startGateway, type RunningGateway } from '../../gateway/src/gateway';
import { authConfigFromEnv } from '../../platform/auth';
import { PROJECT_ROOT, SUPERGRAPH_FILE } from '../../platform/paths';
import { postGraphQL, startPlatform, UNCACHED, type Platform } from '../support/platform';
import { listedOperation } from '../../platform/operations';
import { tokenFor } from '../support/tokens';

const STATION = listedOperation('Station');

let platform: Platform;
let admin: string;
/** The production gateway with the safelist switched off, to reach what the list would stop. */
let unlisted: RunningGateway;

beforeAll(async () => {
  // Every service of this file runs as in production.
  process.env.NODE_ENV = 'production';
  platform = await startPlatform();
  admin = await tokenFor('admin');
  unlisted = await platform.startGateway({ SAFELIST: 'off' });
});
afterAll(() => platform.stop());

/** Whatever would tell an attacker how the platform is built. */
const LEAKS = [
  /stacktrace/i,
  /\bat .*\.(js|ts):\d+/,
  /\bSELECT\b|\bFROM\b|QueryFailedError|does not exist/,
  /localhost|127\.0\.0\.1|ECONNREFUSED/i,
  new RegExp(hostname()),
];

function leaksIn(body: unknown): string[] {
  const text = JSON.stringify(body);
  return LEAKS.filter((leak) => leak.test(text)).map(String);
}

describe('NODE_ENV=production', () => {
  it('runs only listed operations at the gateway', async () => {
    const listed = await platform.query(STATION, {
      token: admin,
      variables: { code: '330681500001' },
    });
    const other = await platform.query('{ divisions { code } }', { token: admin });
    expect([listed.errors, other.errors?.[0]?.extensions?.code]).toEqual([
      undefined,
      'OPERATION_NOT_IN_SAFELIST',
    ]);
  });

  it.each([
    ['the gateway', () => unlisted.url, undefined],
    ['the stations subgraph', () => platform.service('stations').url, 'stations'],
  ])('%s refuses introspection, signed in or not', async (_target, url, proofFor) => {
    const query = '{ __schema { types { name } } }';
    const answers = await Promise.all([
      postGraphQL(url(), query, { token: admin, proofFor }),
      postGraphQL(url(), query, { proofFor }),
    ]);
    expect(answers.map((a) => [a.data, a.errors?.[0]?.extensions?.code])).toEqual([
      [undefined, 'GRAPHQL_VALIDATION_FAILED'],
      [undefined, 'GRAPHQL_VALIDATION_FAILED'],
    ]);
  });

  it.each([
    ['the gateway', () => unlisted.url, undefined],
    ['the stations subgraph', () => platform.service('stations').url, 'stations'],
  ])('%s names no field the client did not ask for ("Did you mean")', async (_t, url, proofFor) => {
    const res = await postGraphQL(url(), '{ divisons { code } }', { token: admin, proofFor });
    expect(res.errors?.[0]).toEqual({
      message: 'Cannot query field "divisons" on type "Query".',
      locations: [{ line: 1, column: 3 }],
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  });

  it('answers a database failure with no stack, SQL or host, through the gateway and directly', async () => {
    await platform.sql('stations', 'ALTER TABLE station RENAME COLUMN address TO moved_address');
    try {
      // Renaming a column is no data write: the response cache would rightly answer the same
      // query from memory, so this one asks past it to reach the failing database.
      const options = { token: admin, variables: { code: '330681500001' }, headers: UNCACHED };
      const answers = await Promise.all([
        platform.query(STATION, options),
        platform.querySubgraph('stations', STATION, options),
      ]);
      const masked = {
        status: 200,
        data: { station: null },
        error: {
          message: 'internal server error',
          code: 'INTERNAL_SERVER_ERROR',
          path: ['station'],
        },
        leaks: [],
      };
      expect(
        answers.map(({ status, data, errors: [error] = [], ...rest }) => ({
          status,
          data,
          error: { message: error?.message, code: error?.extensions?.code, path: error?.path },
          leaks: leaksIn({ data, error, ...rest }),
        })),
      ).toEqual([masked, masked]);
    } finally {
      await platform.sql('stations', 'ALTER TABLE station RENAME COLUMN moved_address TO address');
    }
  });

  it('answers for a subgraph it cannot reach without naming where it is', async () => {
    const stranded = await startGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
      port: 0,
      auth: authConfigFromEnv(),
      subgraphUrls: { stations: 'http://127.0.0.1:9/graphql' },
    });
    try {
      const res = await postGraphQL(stranded.url, STATION, {
        token: admin,
        variables: { code: '330681500001' },
      });
      expect({ code: res.errors?.[0]?.extensions?.code, leaks: leaksIn(res) }).toEqual({
        code: 'SUBGRAPH_UNAVAILABLE',
        leaks: [],
      });
      expect(res.errors?.[0]?.message).toBe('subgraph "stations" is unavailable');
    } finally {
      await stranded.stop();
    }
  });

  it('refuses a bad token without a stack', async () => {
    const res = await platform.query(STATION, { token: 'not-a-jwt' });
    expect({ status: res.status, errors: res.errors, leaks: leaksIn(res) }).toEqual({
      status: 401,
      errors: [
        { message: 'invalid bearer token: not a JWT', extensions: { code: 'UNAUTHENTICATED' } },
      ],
      leaks: [],
    });
  });
});

describe('npm start with NODE_ENV=production', () => {
  it.each([
    [
      'neither JWT_SECRET nor JWT_JWKS_FILE',
      ['JWT_SECRET', 'JWT_JWKS_FILE'],
      'NODE_ENV=production needs JWT_SECRET or JWT_JWKS_FILE: refusing to start.',
    ],
    [
      'no SUBGRAPH_SECRET',
      ['SUBGRAPH_SECRET'],
      'NODE_ENV=production needs SUBGRAPH_SECRET: refusing to start.',
    ],
  ])(
    'stops at once, saying why, when %s is set',
    async (_case, unset, reason) => {
      const env = { ...process.env };
      for (const name of [...unset, 'DATABASE_URL']) delete env[name];
      const child = spawn('npm', ['start'], {
        cwd: PROJECT_ROOT,
        // Ports apart from a platform someone may be running, should the refusal ever fail.
        env: { ...env, NODE_ENV: 'production', PORT: '4190', EMBEDDED_PG_PORT: '54390' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      const lines = output.trim().split('\n');
      expect({
        code,
        last: lines.at(-1),
        started: lines.filter((l) => l.includes('[platform]')),
      }).toEqual({
        code: 2,
        last: reason,
        started: [],
      });
      // `npm start` builds first: a minute or more on a busy machine.
    },
    180_000,
  );
});
