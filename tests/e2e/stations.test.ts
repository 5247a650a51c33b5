import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

const FENGQIAO = '330681500001';
let platform: Platform;
let admin: string;
let registrar: string;

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  admin = await tokenFor('admin');
  registrar = await tokenFor('department:stations');
});
afterAll(() => platform.stop());

const STATIONS = `query Stations($scope: ID, $first: Int, $after: String) {
  stations(scope: $scope, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { code name divisionCode division { code name level } brand creationStatus } }
  }
}`;

function stationsIn(scope: string | null, first = 1000, after?: string) {
  return platform.query(STATIONS, { token: admin, variables: { scope, first, after } });
}

describe('reading the registry through the gateway', () => {
  it('answers the sample query with 诸暨市 and its brands', async () => {
    const res = await platform.query(
      '{ stations(scope: "330681") { edges { node { code name division { name } brand } } } }',
      { token: admin },
    );
    expect(res.errors).toBeUndefined();
    const nodes = res.data.stations.edges.map((e: { node: unknown }) => e.node);
    expect(nodes).toHaveLength(18);
    expect(nodes).toContainEqual({
      code: FENGQIAO,
      name: '诸暨市公安局枫桥派出所',
      division: { name: '诸暨市' },
      brand: '老杨调解中心',
    });
  });

  it.each([
    ['330000', 92],
    ['330600', 92],
    ['330681', 18],
    ['330100', 0],
    [FENGQIAO, 1],
  ])('scope %s holds %i stations', async (scope, count) => {
    const res = await stationsIn(scope);
    expect(res.errors).toBeUndefined();
    expect(res.data.stations.totalCount).toBe(count);
    expect(res.data.stations.edges).toHaveLength(count);
  });

  it('places a station by its stored county, not by its code prefix', async () => {
    const res = await stationsIn('330603');
    const codes: string[] = res.data.stations.edges.map(
      (e: { node: { code: string } }) => e.node.code,
    );
    expect(codes).toHaveLength(16);
    // 柯桥区 stations issued under 绍兴县 keep the old 330621 prefix.
    expect(codes.filter((c) => c.startsWith('330621'))).toHaveLength(8);
    expect(
      new Set(
        res.data.stations.edges.map((e: { node: { divisionCode: string } }) => e.node.divisionCode),
      ),
    ).toEqual(new Set(['330603']));
  });

  it.each(['3306', 'abc', '33068', '3306810000011', ''])(
    'refuses the malformed scope %j',
    async (scope) => {
      const res = await stationsIn(scope);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toContain(JSON.stringify(scope));
    },
  );

  it.each(['990000', '330699', '330681999999'])('refuses the unknown scope %s', async (scope) => {
    const res = await stationsIn(scope);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(scope);
  });

  it('pages through a city in stable code order', async () => {
    const seen: string[] = [];
    let after: string | undefined;
    for (let page = 0; page < 20; page += 1) {
      const res = await stationsIn('330600', 25, after);
      expect(res.errors).toBeUndefined();
      const { edges, pageInfo, totalCount } = res.data.stations;
      expect(totalCount).toBe(92);
      expect(pageInfo.hasPreviousPage).toBe(after !== undefined);
      seen.push(...edges.map((e: { node: { code: string } }) => e.node.code));
      if (!pageInfo.hasNextPage) break;
      expect(pageInfo.endCursor).toBe(edges.at(-1).cursor);
      after = pageInfo.endCursor;
    }
    expect(seen).toHaveLength(92);
    expect(seen).toEqual([...seen].sort());
    expect(new Set(seen).size).toBe(92);
  });

  it.each([
    [{ first: 0 }, 'first'],
    [{ first: 1001 }, 'first'],
    [{ first: 10, after: 'bm90LWEtY3Vyc29y' }, 'after'],
  ])('refuses paging arguments %j', async (args, field) => {
    const res = await platform.query(STATIONS, {
      token: admin,
      variables: { scope: '330600', ...args },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('finds one station, null for an unknown one, and refuses a malformed code', async () => {
    const query =
      'query($code: ID!) { station(code: $code) { name division { name parent { name } } } }';
    const found = await platform.query(query, { token: admin, variables: { code: FENGQIAO } });
    expect(found.data.station).toEqual({
      name: '诸暨市公安局枫桥派出所',
      division: { name: '诸暨市', parent: { name: '绍兴市' } },
    });
    const missing = await platform.query(query, {
      token: admin,
      variables: { code: '330681999999' },
    });
    expect(missing.errors).toBeUndefined();
    expect(missing.data.station).toBeNull();
    const malformed = await platform.query(query, {
      token: admin,
      variables: { code: '33068150000' },
    });
    expect(malformed.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(malformed.errors?.[0]?.message).toContain('"33068150000"');
  });

  it('walks the division tree with station counts', async () => {
    const res = await platform.query(
      `{ divisions { code name level }
         shaoxing: division(code: "330600") { name level stationCount parent { code }
           children { code name level stationCount } }
         zhejiang: division(code: "330000") { stationCount children { code } } }`,
      { token: admin },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.divisions).toEqual([{ code: '330000', name: '浙江省', level: 'PROVINCE' }]);
    expect(res.data.zhejiang.stationCount).toBe(92);
    expect(res.data.zhejiang.children).toHaveLength(11);
    const { shaoxing } = res.data;
    expect(shaoxing).toMatchObject({
      name: '绍兴市',
      level: 'CITY',
      stationCount: 92,
      parent: { code: '330000' },
    });
    expect(shaoxing.children).toEqual([
      { code: '330602', name: '越城区', level: 'COUNTY', stationCount: 15 },
      { code: '330603', name: '柯桥区', level: 'COUNTY', stationCount: 16 },
      { code: '330604', name: '上虞区', level: 'COUNTY', stationCount: 16 },
      { code: '330624', name: '新昌县', level: 'COUNTY', stationCount: 13 },
      { code: '330681', name: '诸暨市', level: 'COUNTY', stationCount: 18 },
      { code: '330683', name: '嵊州市', level: 'COUNTY', stationCount: 14 },
    ]);
  });
});

const UPSERT = `mutation($input: [StationInput!]!) { upsertStations(input: $input) { inserted updated unchanged } }`;

function station(code: string, overrides: Record<string, unknown> = {}) {
  return {
    code,
    name: `测试派出所${code.slice(-3)}`,
    divisionCode: '330624',
    address: '浙江省绍兴市新昌县测试路1号',
    brand: null,
    creationStatus: 'IN_PROGRESS',
    officers: 30,
    population: 40000,
    socialOrganizations: 2,
    ...overrides,
  };
}

const registryFingerprint = () => platform.fingerprint('stations', 'station');

describe('upsertStations', () => {
  it('inserts, leaves identical stations alone and updates changed ones', async () => {
    const first = [station('330624600001'), station('330624600002')];
    const inserted = await platform.query(UPSERT, {
      token: registrar,
      variables: { input: first },
    });
    expect(inserted.errors).toBeUndefined();
    expect(inserted.data.upsertStations).toEqual({ inserted: 2, updated: 0, unchanged: 0 });

    const again = await platform.query(UPSERT, { token: registrar, variables: { input: first } });
    expect(again.data.upsertStations).toEqual({ inserted: 0, updated: 0, unchanged: 2 });

    const changed = [
      station('330624600001', { officers: 31, brand: '新警务' }),
      station('330624600002'),
    ];
    const updated = await platform.query(UPSERT, {
      token: registrar,
      variables: { input: changed },
    });
    expect(updated.data.upsertStations).toEqual({ inserted: 0, updated: 1, unchanged: 1 });

    const read = await platform.query(
      '{ station(code: "330624600001") { officers brand division { name } } }',
      {
        token: admin,
      },
    );
    expect(read.data.station).toEqual({
      officers: 31,
      brand: '新警务',
      division: { name: '新昌县' },
    });
  });

  const good = station('330624600010');
  it.each([
    [
      'a malformed code',
      [station('33062460001')],
      'code "33062460001" is not a 12-digit station code',
    ],
    [
      'an unknown county',
      [station('330624600011', { divisionCode: '330699' })],
      'divisionCode "330699" is not a county',
    ],
    [
      'a code of no division',
      [station('000000000000')],
      'code "000000000000" was issued in no city of the registry (000000)',
    ],
    [
      'a code whose prefix is no registered division',
      [station('999999500001')],
      'code "999999500001" was issued in no city of the registry (999900)',
    ],
    [
      'a code issued in no city of the registry',
      [station('339924600001')],
      'code "339924600001" was issued in no city of the registry (339900)',
    ],
    [
      'a city as division',
      [station('330624600012', { divisionCode: '330600' })],
      'divisionCode "330600" is not a county',
    ],
    [
      'negative officers',
      [station('330624600013', { officers: -1 })],
      'officers -1 must be between 0 and 10000',
    ],
    [
      'negative population',
      [station('330624600014', { population: -5 })],
      'population -5 must be between 0 and 10000000',
    ],
    ['a blank name', [station('330624600015', { name: '  ' })], 'name "  " must not be blank'],
    [
      'a code twice',
      [good, station('330624600010', { officers: 1 })],
      'code "330624600010" repeats input[0]',
    ],
    ['one bad among good ones', [good, station('330624600016', { population: -1 })], 'input[1]'],
    ['an empty batch', [], 'input has 0 records; one call takes 1 to 1,000'],
    [
      'an oversized batch',
      Array.from({ length: 1001 }, (_, i) => station(`330624${String(700000 + i)}`)),
      'input has 1001 records',
    ],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, input, message) => {
    const before = await registryFingerprint();
    const res = await platform.query(UPSERT, { token: registrar, variables: { input } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(message);
    expect(res.data ?? null).toBeNull();
    expect(await registryFingerprint()).toBe(before);
  });

  it('refuses an unknown creation status before anything runs', async () => {
    const before = await registryFingerprint();
    const res = await platform.query(UPSERT, {
      token: registrar,
      variables: { input: [station('330624600020', { creationStatus: 'FAMOUS' })] },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain('FAMOUS');
    expect(await registryFingerprint()).toBe(before);
  });

  it('is closed to other departments and to anonymous callers', async () => {
    const before = await registryFingerprint();
    const input = [station('330624600030')];
    const cases = await platform.query(UPSERT, {
      token: await tokenFor('department:cases'),
      variables: { input },
    });
    expect(cases.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const anonymous = await platform.query(UPSERT, { variables: { input } });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await registryFingerprint()).toBe(before);
  });

  it('is enforced by the table too: no path stores a station outside a county', async () => {
    await expect(
      platform.sql(
        'stations',
        `INSERT INTO station (code, name, division_code, address, creation_status, officers, population, social_organizations)
         VALUES ('330600600099', 'x', '330600', 'y', 'NOT_STARTED', 1, 1, 1)`,
      ),
    ).rejects.toThrow(/foreign key|check constraint/);
    await expect(
      platform.sql(
        'stations',
        `INSERT INTO station (code, name, division_code, address, creation_status, officers, population, social_organizations)
         VALUES ('330624600099', 'x', '330624', 'y', 'NOT_STARTED', -1, 1, 1)`,
      ),
    ).rejects.toThrow(/check constraint/);
  });
});

describe('batched reference resolution', () => {
  it('resolves 50 _entities representations with one SQL statement', async () => {
    const listing = await stationsIn('330600', 50);
    const codes: string[] = listing.data.stations.edges.map(
      (e: { node: { code: string } }) => e.node.code,
    );
    expect(codes).toHaveLength(50);
    const { result, statements } = await platform.countStatements(() =>
      platform.querySubgraph(
        'stations',
        'query($r: [_Any!]!) { _entities(representations: $r) { ... on Station { code name } } }',
        { token: admin, variables: { r: codes.map((code) => ({ __typename: 'Station', code })) } },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data._entities.map((s: { code: string }) => s.code)).toEqual(codes);
    expect(statements.stations).toBe(1);
  });

  it('lists a city or the province with divisions in the same few statements', async () => {
    const counts: number[] = [];
    for (const scope of ['330600', '330000']) {
      const { statements } = await platform.countStatements(() => stationsIn(scope));
      counts.push(statements.stations ?? -1);
    }
    expect(counts[0]).toBe(counts[1]);
    expect(counts[0]).toBeLessThanOrEqual(4);
  });
});
