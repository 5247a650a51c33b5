import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../platform/paths';
import { reportTable } from '../../scripts/conformance/report';
import { runConformance } from '../../scripts/conformance/suite';
import { firstEntity, SubgraphClient } from '../../scripts/conformance/subgraph-client';
import { SUBGRAPHS } from '../../subgraphs/list';
import { BOARD_DEPARTMENTS } from '../../subgraphs/departments';
import { publishEveryKeyScheme } from '../support/every-figure';
import {
  startFireDepartment,
  TEST_SUBGRAPH_SECRET,
  type RunningFire,
} from '../support/fire-department';
import { fireRecord, FIRES, S1, S2 } from '../support/fire-board';
import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

// 2019-H1 has ended by this "today", for the platform and the fire department alike.
process.env.PLATFORM_TODAY = '2019-08-15';

let platform: Platform;
let fire: RunningFire;
let client: SubgraphClient;
let everyKey = '';
const token: Record<string, string> = {};

const RECORD = `mutation($input: [FireInput!]!, $dryRun: Boolean! = false) {
  recordFires(input: $input, dryRun: $dryRun) { inserted updated unchanged } }`;
const WITHDRAW = `mutation($ids: [ID!]!, $reason: String!) {
  withdrawFires(externalIds: $ids, reason: $reason) { withdrawn unchanged } }`;
const STATS = `query($r: [_Any!]!, $period: String!) { _entities(representations: $r) {
  ... on Station { code fireStats(period: $period) { from to fires deaths baseline { from to fires deaths } } } } }`;

const station = (code: string) => ({ __typename: 'Station', code });

async function statsOf(code: string) {
  const answer = await client.post(STATS, {
    token: token.assessor,
    variables: { r: [station(code)], period: '2019-H1' },
  });
  expect(answer.errors).toBeUndefined();
  return firstEntity<{ fireStats: Record<string, unknown> }>(answer)?.fireStats;
}

/** The fire department's log line of the request it answered last. */
async function lastRequestLog(after: number) {
  for (let waited = 0; waited < 5000; waited += 50) {
    const line = fire.logs.slice(after).find((entry) => entry.msg === 'request');
    if (line) return line;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the fire department logged no request');
}

beforeAll(async () => {
  platform = await startPlatform();
  await registerStations(
    platform,
    [S1, S2].map((code) => registryStation(code, '330602')),
  );
  everyKey = await publishEveryKeyScheme(
    platform,
    BOARD_DEPARTMENTS.flatMap((d) => d.indicators),
  );
  fire = await startFireDepartment({
    databaseUrl: platform.database.url,
    gatewayUrl: platform.gateway.url,
  });
  client = new SubgraphClient(fire.url, 'fire', TEST_SUBGRAPH_SECRET);
  for (const role of ['department:fire', 'assessor', 'admin']) token[role] = await tokenFor(role);
  const loaded = await client.post(RECORD, {
    token: token['department:fire'],
    variables: { input: FIRES },
  });
  expect(loaded.data).toEqual({ recordFires: { inserted: 8, updated: 0, unchanged: 0 } });
  const withdrawn = await client.post(WITHDRAW, {
    token: token['department:fire'],
    variables: { ids: ['F5'], reason: '误报 A false alarm' },
  });
  expect(withdrawn.data).toEqual({ withdrawFires: { withdrawn: 1, unchanged: 0 } });
}, 120_000);
afterAll(async () => {
  await fire?.stop();
  await platform?.stop();
});

describe('the fire department, built outside the platform', () => {
  it('passes every check of the conformance suite, the proof and its catalog included', async () => {
    const results = await runConformance({
      name: 'fire',
      url: fire.url,
      gateway: platform.gateway.url,
      scope: '330602',
      period: '2019-H1',
      scheme: everyKey,
      jwtSecret: process.env.JWT_SECRET ?? '',
      subgraphSecret: TEST_SUBGRAPH_SECRET,
    });
    if (process.env.CONFORMANCE_TABLES) {
      console.log(reportTable('fire', fire.url, results));
    }
    expect(results.filter((r) => r.outcome !== 'passed')).toEqual([]);
    expect(results.map((r) => r.check)).toContain('records add up');
  });

  it('counts its figures from its records, with the same days a year earlier', async () => {
    expect(await statsOf(S1)).toEqual({
      from: '2019-01-01',
      to: '2019-06-30',
      fires: 3,
      deaths: 3,
      baseline: { from: '2018-01-01', to: '2018-06-30', fires: 2, deaths: 4 },
    });
    expect(await statsOf('330602600199')).toMatchObject({ fires: 0, deaths: 0 });
  });

  it('counts a withdrawn fire again once it is sent again, logged in its trail', async () => {
    const again = await client.post(RECORD, {
      token: token['department:fire'],
      variables: { input: [FIRES[4], FIRES[0]] },
    });
    expect(again.data).toEqual({ recordFires: { inserted: 0, updated: 1, unchanged: 1 } });
    expect(await statsOf(S1)).toMatchObject({ fires: 4, deaths: 4 });
    const trail = await platform.sql<{ action: string; role: string; reason: string | null }>(
      'cases',
      `SELECT action, role, reason FROM fire.changes WHERE external_id = 'F5' ORDER BY id`,
    );
    expect(trail).toEqual([
      { action: 'INSERT', role: 'department:fire', reason: null },
      { action: 'WITHDRAW', role: 'department:fire', reason: '误报 A false alarm' },
      { action: 'RESTORE', role: 'department:fire', reason: null },
    ]);
    await client.post(WITHDRAW, {
      token: token['department:fire'],
      variables: { ids: ['F5'], reason: '误报 A false alarm' },
    });
    expect(await statsOf(S1)).toMatchObject({ fires: 3, deaths: 3 });
  });

  it('refuses a batch with one invalid fire whole, and a dry run, writing nothing', async () => {
    const before = await platform.fingerprint('cases', 'fire.fires');
    const refused = await client.post(RECORD, {
      token: token['department:fire'],
      variables: {
        input: [fireRecord('X1', S1, '2019-05-05', 1), fireRecord('X2', S1, '2019-09-01', 0)],
      },
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(refused.errors?.[0]?.message).toContain('occurredOn');
    const dry = await client.post(RECORD, {
      token: token['department:fire'],
      variables: { input: [fireRecord('X1', S1, '2019-05-05', 1)], dryRun: true },
    });
    expect(dry.data).toEqual({ recordFires: { inserted: 1, updated: 0, unchanged: 0 } });
    const foreign = await client.post(RECORD, {
      token: await tokenFor('department:traffic'),
      variables: { input: [fireRecord('X1', S1, '2019-05-05', 1)] },
    });
    expect(foreign.errors?.[0]?.extensions).toMatchObject({ code: 'FORBIDDEN' });
    expect(await platform.fingerprint('cases', 'fire.fires')).toBe(before);
  });

  it("reads 60 stations' figures, and a division's, in one statement each", async () => {
    const codes = Array.from({ length: 60 }, (_, i) => `330602600${String(100 + i)}`);
    let seen = fire.logs.length;
    const answer = await client.post(STATS, {
      token: token.assessor,
      variables: { r: codes.map(station), period: '2019-H1' },
    });
    expect(answer.errors).toBeUndefined();
    expect(await lastRequestLog(seen)).toMatchObject({ statements: 1 });

    seen = fire.logs.length;
    const division = await client.post(
      `query($r: [_Any!]!) { _entities(representations: $r) {
         ... on Division { fireStats(period: "2019-H1") { fires deaths } } } }`,
      {
        token: token.assessor,
        variables: {
          r: [
            { __typename: 'Division', code: '330602', stations: codes.map((code) => ({ code })) },
          ],
        },
      },
    );
    expect(firstEntity(division)).toEqual({ fireStats: { fires: 4, deaths: 8 } });
    expect(await lastRequestLog(seen)).toMatchObject({ statements: 1 });
  });

  it("composes with the platform's subgraphs: its board field beside the others", async () => {
    const sdl = await client.post('{ _service { sdl } }', { token: token.admin });
    const services = [
      ...SUBGRAPHS.map(({ name }) => ({
        name,
        url: `http://${name}`,
        typeDefs: parse(readFileSync(join(PROJECT_ROOT, 'schema', `${name}.graphql`), 'utf8')),
      })),
      {
        name: 'fire',
        url: fire.url,
        typeDefs: parse((sdl.data?._service as { sdl: string }).sdl),
      },
    ];
    const composed = composeServices(services);
    expect(composed.errors?.map((e) => e.message)).toBeUndefined();
    expect(composed.supergraphSdl).toMatch(
      /fireIndicators: \[FireIndicators!\] @join__field\(graph: FIRE, requires: "stations \{ code \}"\)/,
    );
  });
});
