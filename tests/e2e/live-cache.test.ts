import type { RunningGateway } from '../../gateway/src/gateway';
import { listedOperation } from '../../platform/operations';
import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { accident } from '../support/records';
import { tokenFor } from '../support/tokens';

process.env.PLATFORM_TODAY = '2019-08-15';

/** Three stations of 越城区 with a road accident or two: a live board that moves with each write. */
const S1 = '330602600001';
const S2 = '330602600002';
const S3 = '330602600003';
const COUNTY = '330602';
const BOARD = listedOperation('AssessmentBoardScreen');
const STATION = listedOperation('Station');
const board = { scope: COUNTY, period: '2019-Q2' };

let platform: Platform;
/** A second gateway over the same subgraphs: another replica, with a cache of its own. */
let replica: RunningGateway;
let assessor: string;
let traffic: string;

interface Read {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: { data?: any; errors?: unknown[] };
  /** The answer as sent, byte for byte. */
  text: string;
  /** hit, miss, bypass or unchecked; null when the cache did not look (a mutation, cache off). */
  cache: string | null;
  statements: Record<string, number>;
}

/** A read through `gateway` with the SQL statements it cost and whether memory answered it. */
async function read(
  gateway: RunningGateway,
  options: { query?: string; variables?: object; token?: string; noCache?: boolean } = {},
): Promise<Read> {
  const { result, statements } = await platform.countStatements(async () => {
    const response = await fetch(gateway.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${options.token ?? assessor}`,
        ...(options.noCache ? { 'cache-control': 'no-cache' } : {}),
      },
      body: JSON.stringify({
        query: options.query ?? BOARD,
        variables: options.variables ?? board,
      }),
    });
    const text = await response.text();
    return {
      body: JSON.parse(text) as Read['body'],
      text,
      cache: response.headers.get('x-response-cache'),
    };
  });
  expect(result.body.errors).toBeUndefined();
  return { ...result, statements };
}

const NONE = { stations: 0, cases: 0, traffic: 0, surveys: 0, assessment: 0 };
const sent = (r: Read) => Object.values(r.statements).reduce((a, b) => a + b, 0);

async function write(
  query: string,
  variables: Record<string, unknown>,
  token = traffic,
): Promise<void> {
  const res = await platform.query(query, { token, variables });
  expect(res.errors).toBeUndefined();
}

/** A gauge of the response cache, from the gateway's /metrics. */
async function cacheMetric(gateway: RunningGateway, name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', gateway.url))).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name}{`));
  return Number(line?.split(' ').at(-1));
}

async function versionOf(subgraph: string): Promise<string> {
  const url = new URL('/data-version', platform.service(subgraph).url);
  return ((await (await fetch(url)).json()) as { version: string }).version;
}

beforeAll(async () => {
  platform = await startPlatform();
  replica = await platform.startGateway({});
  assessor = await tokenFor('assessor');
  traffic = await tokenFor('department:traffic');
  await registerStations(
    platform,
    [S1, S2, S3].map((code) => registryStation(code, COUNTY)),
  );
  await write(
    `mutation($input: [AccidentInput!]!) { recordAccidents(input: $input) { inserted } }`,
    {
      input: [accident('A1', S1, '2019-05-01', 0, 1)],
    },
  );
});
afterAll(() => platform.stop());

describe("the gateway's exact response cache", () => {
  it('answers a repeated live read from memory, sending no SQL statement', async () => {
    const first = await read(replica);
    expect(sent(first)).toBeGreaterThan(0);
    const again = await read(replica);
    expect(again.cache).toBe('hit');
    expect(again.statements).toEqual(NONE);
    // The bytes its first client got, which are those of the query run afresh.
    expect(again.text).toBe(first.text);
    expect((await read(replica, { noCache: true })).text).toBe(first.text);
  });

  it.each([
    [
      'a record',
      `mutation($input: [AccidentInput!]!) { recordAccidents(input: $input) { inserted } }`,
      { input: [accident('A2', S2, '2019-06-03', 2, 0)] },
    ],
    [
      'a withdrawal',
      `mutation($ids: [ID!]!) { withdrawAccidents(externalIds: $ids, reason: "重复 (a duplicate)") { withdrawn } }`,
      { ids: ['A1'] },
    ],
  ])('shows %s written through one gateway at once through another', async (_what, query, vars) => {
    const before = await read(replica);
    expect((await read(replica)).cache).toBe('hit');
    await write(query, vars);
    const after = await read(replica);
    expect(after.cache).toBe('miss');
    expect(after.body).not.toEqual(before.body);
    // What it shows is what running the query afresh shows.
    expect((await read(platform.gateway, { noCache: true })).body).toEqual(after.body);
    expect((await read(replica)).cache).toBe('hit');
  });

  it("shows a station's new name at once: the registry's version is checked too", async () => {
    const station = { query: STATION, variables: { code: S3 } };
    await read(replica, station);
    expect((await read(replica, station)).cache).toBe('hit');
    const renamed = { ...registryStation(S3, COUNTY), name: '测试派出所改名' };
    await registerStations(platform, [renamed]);
    const after = await read(replica, station);
    expect(after.cache).toBe('miss');
    expect(after.body.data.station.name).toBe('测试派出所改名');
  });

  it('sees a write made in SQL behind the graph: every table is versioned', async () => {
    await read(replica);
    expect((await read(replica)).cache).toBe('hit');
    await platform.sql(
      'traffic',
      `UPDATE accident SET injuries = injuries + 1 WHERE external_id = 'A2'`,
    );
    expect((await read(replica)).cache).toBe('miss');
  });

  it("keys an answer by the viewer's roles: a station's read is not an assessor's", async () => {
    const mine = await tokenFor(`station:${S1}`);
    await read(replica);
    const theirs = await read(replica, { token: mine });
    expect(theirs.cache).toBe('miss');
    expect((await read(replica, { token: mine })).cache).toBe('hit');
  });

  it('runs the query afresh for Cache-Control: no-cache, leaving the cache as it was', async () => {
    await read(replica);
    const fresh = await read(replica, { noCache: true });
    expect(fresh.cache).toBe('bypass');
    expect(sent(fresh)).toBeGreaterThan(0);
    expect((await read(replica)).cache).toBe('hit');
  });

  it('advances a version once a writing transaction, and never on a read', async () => {
    const before = await versionOf('traffic');
    await read(replica, { noCache: true });
    expect(await versionOf('traffic')).toBe(before);
    await write(
      `mutation($input: [AccidentInput!]!) { recordAccidents(input: $input) { inserted } }`,
      {
        input: Array.from({ length: 50 }, (_, i) => accident(`B${i}`, S2, '2019-04-02', 0, 1)),
      },
    );
    expect(BigInt(await versionOf('traffic'))).toBe(BigInt(before) + 1n);
  });

  it('holds at most RESPONSE_CACHE_ENTRIES answers, and none with RESPONSE_CACHE_MB=0', async () => {
    const one = await platform.startGateway({ RESPONSE_CACHE_ENTRIES: '1' });
    const other = { variables: { ...board, period: '2019-Q1' } };
    await read(one);
    const kept = await read(one, other);
    expect((await read(one, other)).cache).toBe('hit');
    // What it holds is counted in the bytes sent: the bound on its memory.
    expect(await cacheMetric(one, 'gateway_response_cache_bytes')).toBe(
      Buffer.byteLength(kept.text),
    );
    expect((await read(one)).cache).toBe('miss');
    const off = await platform.startGateway({ RESPONSE_CACHE_MB: '0' });
    await read(off);
    const again = await read(off);
    expect(again.cache).toBeNull();
    expect(sent(again)).toBeGreaterThan(0);
  });
});
