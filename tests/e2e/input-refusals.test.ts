import { signToken, claimsFromEnv } from '../../platform/auth';
import {
  postGraphQL,
  startPlatform,
  type GraphQLResponse,
  type Platform,
} from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

/**
 * Inputs that once reached PostgreSQL and came back as an internal error with its text (a NUL
 * byte, the year 0, a deduction above the table's bound, an empty token subject), text that
 * shows nothing, and records naming stations the registry does not hold: each refused with a
 * code, nothing written, through the gateway and straight to the subgraph.
 */

const S1 = '330624600201';
const UNKNOWN = '999999999999';
let platform: Platform;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  platform = await startPlatform();
  for (const role of ['admin', 'assessor', 'department:traffic', 'department:stations']) {
    tokens[role] = await tokenFor(role);
  }
  expect(await registerStations(platform, [registryStation(S1)])).toBe(1);
});
afterAll(() => platform.stop());

type Path = 'gateway' | 'subgraph';
const PATHS: Path[] = ['gateway', 'subgraph'];

function send(path: Path, subgraph: string, query: string, variables: object, token: string) {
  const url = path === 'gateway' ? platform.gateway.url : platform.service(subgraph).url;
  return postGraphQL(url, query, {
    token,
    variables: variables as Record<string, unknown>,
    ...(path === 'subgraph' ? { proofFor: subgraph } : {}),
  });
}

/** No word of PostgreSQL's: a constraint's or a table's name, an SQL state, its messages. */
function expectNoDatabaseText(res: GraphQLResponse) {
  const text = JSON.stringify(res.errors);
  expect(text).not.toMatch(
    /constraint|violates|invalid byte|out of range|0x00|relation|accident_|station_|scheme_/i,
  );
}

const ACCIDENTS = `mutation($input: [AccidentInput!]!) { recordAccidents(input: $input) { inserted } }`;
const STATIONS = `mutation($input: [StationInput!]!) { upsertStations(input: $input) { inserted } }`;
const PUBLISH = `mutation($input: AssessmentSchemeInput!) { publishAssessmentScheme(input: $input) { id } }`;

const accident = (externalId: string, extra: object = {}) => ({
  externalId,
  stationCode: S1,
  occurredOn: '2019-05-01',
  deaths: 0,
  injuries: 1,
  ...extra,
});

const scheme = (extra: object = {}) => ({
  name: 'refusal-test',
  title: '拒绝测试方案',
  indicators: [
    {
      key: 'traffic.deaths',
      department: 'TRAFFIC',
      weight: 100,
      method: 'YOY',
      direction: 'LOWER',
      fullAt: 0.1,
      zeroAt: -0.2,
    },
  ],
  ...extra,
});

interface Case {
  name: string;
  subgraph: string;
  table: string;
  token: string;
  query: string;
  variables: () => object;
  /** What the message must say (field and reason). */
  says: RegExp;
}

const CASES: Case[] = [
  {
    name: 'a NUL in an externalId',
    subgraph: 'traffic',
    table: 'accident',
    token: 'department:traffic',
    query: ACCIDENTS,
    variables: () => ({ input: [accident('A\u0000')] }),
    says: /externalId .* must not hold control characters/,
  },
  {
    name: 'a NUL in a station name',
    subgraph: 'stations',
    table: 'station',
    token: 'department:stations',
    query: STATIONS,
    variables: () => ({
      input: [{ ...registryStation('330624600202'), name: '枫桥\u0000派出所' }],
    }),
    says: /name .* must not hold control characters/,
  },
  {
    name: 'a line break in an address',
    subgraph: 'stations',
    table: 'station',
    token: 'department:stations',
    query: STATIONS,
    variables: () => ({ input: [{ ...registryStation('330624600202'), address: '测试路\n1号' }] }),
    says: /address .* must not hold control characters/,
  },
  {
    name: 'a NUL in a scheme title',
    subgraph: 'assessment',
    table: 'scheme',
    token: 'assessor',
    query: PUBLISH,
    variables: () => ({ input: scheme({ title: '方案\u0000' }) }),
    says: /input\.title .* must not hold control characters/,
  },
  {
    name: 'a station name of U+200B alone',
    subgraph: 'stations',
    table: 'station',
    token: 'department:stations',
    query: STATIONS,
    variables: () => ({ input: [{ ...registryStation('330624600202'), name: '\u200b' }] }),
    says: /name "\u200b" must hold a visible character/,
  },
  {
    name: 'an address of U+200B alone',
    subgraph: 'stations',
    table: 'station',
    token: 'department:stations',
    query: STATIONS,
    variables: () => ({
      input: [{ ...registryStation('330624600202'), address: '\u200b\u200b' }],
    }),
    says: /address .* must hold a visible character/,
  },
  {
    name: 'a scheme title of U+200B alone',
    subgraph: 'assessment',
    table: 'scheme',
    token: 'assessor',
    query: PUBLISH,
    variables: () => ({ input: scheme({ title: '\u200b' }) }),
    says: /input\.title .* must hold a visible character/,
  },
  {
    name: 'the date 0000-01-01',
    subgraph: 'traffic',
    table: 'accident',
    token: 'department:traffic',
    query: ACCIDENTS,
    variables: () => ({ input: [accident('D0', { occurredOn: '0000-01-01' })] }),
    says: /occurredOn "0000-01-01" is before 1949-10-01/,
  },
  {
    name: 'a date the day before 1949-10-01',
    subgraph: 'traffic',
    table: 'accident',
    token: 'department:traffic',
    query: ACCIDENTS,
    variables: () => ({ input: [accident('D1', { occurredOn: '1949-09-30' })] }),
    says: /occurredOn "1949-09-30" is before 1949-10-01/,
  },
  {
    name: 'deaths: 2147483647',
    subgraph: 'traffic',
    table: 'accident',
    token: 'department:traffic',
    query: ACCIDENTS,
    variables: () => ({ input: [accident('X', { deaths: 2147483647 })] }),
    says: /deaths 2147483647 must be between 0 and 1000/,
  },
  {
    name: 'population beyond any county',
    subgraph: 'stations',
    table: 'station',
    token: 'department:stations',
    query: STATIONS,
    variables: () => ({
      input: [{ ...registryStation('330624600202'), population: 10_000_001 }],
    }),
    says: /population 10000001 must be between 0 and 10000000/,
  },
  {
    name: 'a deduction of 101 points',
    subgraph: 'assessment',
    table: 'scheme',
    token: 'assessor',
    query: PUBLISH,
    variables: () => ({
      input: scheme({
        deductions: [{ key: 'traffic.majorAccidents', department: 'TRAFFIC', pointsEach: 101 }],
      }),
    }),
    says: /pointsEach 101 must be more than 0 and at most 100/,
  },
  {
    name: 'a YOY line of +1001%',
    subgraph: 'assessment',
    table: 'scheme',
    token: 'assessor',
    query: PUBLISH,
    variables: () => ({
      input: scheme({
        indicators: [{ ...scheme().indicators[0], fullAt: 10.01 }],
      }),
    }),
    says: /fullAt 10.01 must be between -10 and 10/,
  },
  {
    name: 'a record of a station the registry does not hold',
    subgraph: 'traffic',
    table: 'accident',
    token: 'department:traffic',
    query: ACCIDENTS,
    variables: () => ({
      input: [accident('R0'), accident('R1', { stationCode: UNKNOWN }), accident('R2')],
    }),
    says: /^input\[1\] \(externalId "R1"\): stationCode "999999999999" is not a station in the registry$/,
  },
];

describe.each(PATHS)('refused with BAD_USER_INPUT, nothing written, through the %s', (path) => {
  it.each(CASES.map((c) => [c.name, c]))('%s', async (_name, c) => {
    const before = await platform.fingerprint(c.subgraph, c.table);
    const res = await send(path, c.subgraph, c.query, c.variables(), tokens[c.token] ?? '');
    expect(res.status).toBeLessThan(500);
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(res.errors?.[0]?.message).toMatch(c.says);
    expectNoDatabaseText(res);
    expect(await platform.fingerprint(c.subgraph, c.table)).toBe(before);
  });
});

describe('a token whose subject shows nothing', () => {
  it.each(['', '\u200b', ' ', 'a\u0000b', 'x'.repeat(201)])(
    'sub %j is UNAUTHENTICATED, nothing written',
    async (sub) => {
      const token = await signToken(
        process.env.JWT_SECRET ?? '',
        { sub, roles: ['assessor'] },
        claimsFromEnv(),
      );
      const before = await platform.fingerprint('assessment', 'scheme');
      for (const path of PATHS) {
        const res = await send(path, 'assessment', PUBLISH, { input: scheme() }, token);
        expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
        expectNoDatabaseText(res);
      }
      expect(await platform.fingerprint('assessment', 'scheme')).toBe(before);
    },
  );
});

describe('a value only the database refuses', () => {
  it("is BAD_USER_INPUT without its words: a date after the database's today", async () => {
    // The API judges dates by PLATFORM_TODAY; the table's trigger by the real clock.
    process.env.PLATFORM_TODAY = '2199-12-31';
    try {
      const before = await platform.fingerprint('traffic', 'accident');
      const res = await platform.query(ACCIDENTS, {
        token: tokens['department:traffic'],
        variables: { input: [accident('F1', { occurredOn: '2199-01-01' })] },
      });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
      expect(res.errors?.[0]?.extensions).not.toHaveProperty('constraint');
      expectNoDatabaseText(res);
      expect(JSON.stringify(res.errors)).not.toContain('2199');
      expect(await platform.fingerprint('traffic', 'accident')).toBe(before);
    } finally {
      delete process.env.PLATFORM_TODAY;
    }
  });
});

describe('the registry', () => {
  it('lets a batch of registered stations through, asked once for the batch', async () => {
    const input = Array.from({ length: 50 }, (_, i) => accident(`OK${i}`));
    const res = await platform.query(ACCIDENTS, {
      token: tokens['department:traffic'],
      variables: { input },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.recordAccidents).toEqual({ inserted: 50 });
  });

  it('names every unregistered record, whole batch refused', async () => {
    const before = await platform.fingerprint('traffic', 'accident');
    const res = await platform.query(ACCIDENTS, {
      token: tokens['department:traffic'],
      variables: {
        input: [
          accident('U0', { stationCode: UNKNOWN }),
          accident('U1', { stationCode: '110101000001' }),
        ],
      },
    });
    expect(res.errors?.[0]?.extensions?.problems).toEqual([
      {
        index: 0,
        id: 'U0',
        field: 'stationCode',
        value: UNKNOWN,
        reason: 'is not a station in the registry',
      },
      {
        index: 1,
        id: 'U1',
        field: 'stationCode',
        value: '110101000001',
        reason: 'is not a station in the registry',
      },
    ]);
    expect(await platform.fingerprint('traffic', 'accident')).toBe(before);
  });

  it.each(PATHS)(
    'unavailable: a coded error naming it, nothing written (through the %s)',
    async (path) => {
      await platform.stopSubgraph('stations');
      try {
        const before = await platform.fingerprint('traffic', 'accident');
        const res = await send(
          path,
          'traffic',
          ACCIDENTS,
          { input: [accident('DOWN1')] },
          tokens['department:traffic'] ?? '',
        );
        expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['SUBGRAPH_UNAVAILABLE']);
        expect(res.errors?.[0]?.extensions?.subgraph).toBe('stations');
        expect(await platform.fingerprint('traffic', 'accident')).toBe(before);
      } finally {
        await platform.restartSubgraph('stations');
      }
    },
  );
});
