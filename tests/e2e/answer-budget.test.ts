import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * A request may read only so much from PostgreSQL (MAX_ANSWER_ROWS, MAX_ANSWER_BYTES), all its
 * statements together: past that, its answer is refused whole with ANSWER_TOO_LARGE, and the
 * statement that went past it is stopped there. Here the registry's budget is cut to 150 rows:
 * 绍兴's 92 stations fit once, not twice.
 */
let platform: Platform;
let admin: string;

async function restartStations(env: Record<string, string>): Promise<void> {
  Object.assign(process.env, env);
  try {
    await platform.stopSubgraph('stations');
    await platform.restartSubgraph('stations');
  } finally {
    for (const name of Object.keys(env)) delete process.env[name];
  }
}

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  admin = await tokenFor('admin');
  await restartStations({ MAX_ANSWER_ROWS: '150' });
});
afterAll(() => platform.stop());

const page = (alias: string) =>
  `${alias}: stations(scope: "330600", first: 100) { totalCount edges { node { code name } } }`;

describe('the answer budget', () => {
  it('answers what fits', async () => {
    const res = await platform.query(`{ ${page('a')} }`, { token: admin });
    expect(res.errors).toBeUndefined();
    expect(res.data?.a.edges).toHaveLength(92);
  });

  it('refuses whole, through the gateway, what reads past it across fields', async () => {
    const res = await platform.query(`{ ${page('a')} ${page('b')} }`, { token: admin });
    expect(res.data).toBeNull();
    expect(res.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({
          code: 'ANSWER_TOO_LARGE',
          limit: 'MAX_ANSWER_ROWS',
          max: 150,
        }),
      }),
    ]);
  });

  it('refuses it straight from the subgraph too, with no partial answer', async () => {
    const res = await platform.querySubgraph('stations', `{ ${page('a')} ${page('b')} }`, {
      token: admin,
    });
    expect(res).toEqual({
      status: 200,
      data: null,
      errors: [
        {
          message: expect.stringContaining('MAX_ANSWER_ROWS'),
          extensions: { code: 'ANSWER_TOO_LARGE', limit: 'MAX_ANSWER_ROWS', max: 150 },
        },
      ],
    });
  });

  it('counts the bytes read too (MAX_ANSWER_BYTES)', async () => {
    await restartStations({ MAX_ANSWER_BYTES: '4096' });
    const res = await platform.query(`{ ${page('a')} }`, { token: admin });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'ANSWER_TOO_LARGE',
      limit: 'MAX_ANSWER_BYTES',
      max: 4096,
    });
    const small = await platform.query('{ station(code: "330681500001") { name } }', {
      token: admin,
    });
    expect(small.errors).toBeUndefined();
  });
});
