import { listedOperation } from '../../platform/operations';
import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

process.env.PLATFORM_TODAY = '2019-08-15';

/** Two stations of 越城区: a correction may move an accident from one to the other. */
const S1 = '330602600201';
const S2 = '330602600202';

let platform: Platform;
let traffic: string;

const accident = (externalId: string, stationCode: string, deaths: number) => ({
  externalId,
  stationCode,
  occurredOn: '2019-03-03',
  deaths,
  injuries: 1,
});

/** The department systems' own operations, as the safelist holds them. */
const LOAD = listedOperation('LoadAccidents');
const WITHDRAW = listedOperation('WithdrawAccidents');

async function load(input: unknown[], extra: Record<string, unknown> = {}) {
  return platform.query(LOAD, { token: traffic, variables: { input, ...extra } });
}

interface Change {
  action: string;
  reason: string | null;
  changes: { field: string; before: string | null; after: string | null }[];
}

/** A record's history, read through the gateway by the station it now belongs to. */
async function historyOf(station: string, externalId: string): Promise<Change[]> {
  const res = await platform.query(
    `query($code: ID!) { station(code: $code) { trafficRecords(period: "2019-H1", includeWithdrawn: true) {
       edges { node { externalId history { action reason changes { field before after } } } } } } }`,
    { token: traffic, variables: { code: station } },
  );
  expect(res.errors).toBeUndefined();
  const edges = res.data.station.trafficRecords.edges as {
    node: { externalId: string; history: Change[] };
  }[];
  return edges.find((e) => e.node.externalId === externalId)?.node.history ?? [];
}

const tables = () =>
  Promise.all(['accident', 'change_log'].map((t) => platform.fingerprint('traffic', t)));

beforeAll(async () => {
  platform = await startPlatform();
  traffic = await tokenFor('department:traffic');
  await registerStations(
    platform,
    [S1, S2].map((code) => registryStation(code, '330602')),
  );
  const res = await load([accident('X1', S1, 0), accident('X2', S1, 0)]);
  expect(res.data.recordAccidents).toEqual({
    inserted: 2,
    updated: 0,
    unchanged: 0,
    dryRun: false,
  });
});
afterAll(() => platform.stop());

describe('a correction with a reason', () => {
  it('keeps the reason in the history of the record it changed, and only there', async () => {
    const reason = '申诉 17：该事故发生在邻所辖区';
    const res = await load([accident('X1', S2, 0), accident('X2', S1, 0)], { reason });
    expect(res.errors).toBeUndefined();
    expect(res.data.recordAccidents).toEqual({
      inserted: 0,
      updated: 1,
      unchanged: 1,
      dryRun: false,
    });
    expect(await historyOf(S2, 'X1')).toEqual([
      { action: 'INSERT', reason: null, changes: expect.any(Array) },
      { action: 'UPDATE', reason, changes: [{ field: 'stationCode', before: S1, after: S2 }] },
    ]);
    // X2 was sent unchanged: nothing written, nothing logged.
    expect((await historyOf(S1, 'X2')).map((h) => h.action)).toEqual(['INSERT']);
  });

  it('keeps no reason when none is given', async () => {
    const res = await load([accident('X2', S1, 1)]);
    expect(res.data.recordAccidents.updated).toBe(1);
    expect((await historyOf(S1, 'X2')).at(-1)).toMatchObject({ action: 'UPDATE', reason: null });
  });

  it('trims the reason, as a withdrawal does', async () => {
    const res = await load([accident('X2', S1, 2)], { reason: '  补录死亡人数  ' });
    expect(res.data.recordAccidents.updated).toBe(1);
    expect((await historyOf(S1, 'X2')).at(-1)?.reason).toBe('补录死亡人数');
  });

  it.each([
    ['a blank reason', '   ', 'reason "   " must not be blank'],
    ['a reason of 501 characters', '长'.repeat(501), 'must be at most 500 characters'],
    ['a reason with a control character', '补录\u0007', 'must not hold control characters'],
  ])('refuses %s as a withdrawal does, writing nothing', async (_case, reason, message) => {
    const before = await tables();
    const corrected = await load([accident('X2', S1, 3)], { reason });
    const withdrawn = await platform.query(WITHDRAW, {
      token: traffic,
      variables: { ids: ['X2'], reason },
    });
    for (const res of [corrected, withdrawn]) {
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toContain(message);
      expect(res.data ?? null).toBeNull();
    }
    expect(await tables()).toEqual(before);
  });
});

describe('a dry run', () => {
  it('says it is one, counts what would change, and writes nothing', async () => {
    const before = await tables();
    const loaded = await load([accident('X3', S1, 0), accident('X2', S1, 9)], {
      dryRun: true,
      reason: '试运行',
    });
    expect(loaded.data.recordAccidents).toEqual({
      inserted: 1,
      updated: 1,
      unchanged: 0,
      dryRun: true,
    });
    const withdrawn = await platform.query(WITHDRAW, {
      token: traffic,
      variables: { ids: ['X1', 'X2'], reason: '试运行', dryRun: true },
    });
    expect(withdrawn.data.withdrawAccidents).toEqual({ withdrawn: 2, unchanged: 0, dryRun: true });
    expect(await tables()).toEqual(before);
  });

  it('answers as the real write then does, which says it is not one', async () => {
    const variables = { ids: ['X1'], reason: '申诉 17：邻所已录入同一事故' };
    const dry = await platform.query(WITHDRAW, {
      token: traffic,
      variables: { ...variables, dryRun: true },
    });
    const real = await platform.query(WITHDRAW, { token: traffic, variables });
    expect(dry.data.withdrawAccidents).toEqual({ withdrawn: 1, unchanged: 0, dryRun: true });
    expect(real.data.withdrawAccidents).toEqual({ withdrawn: 1, unchanged: 0, dryRun: false });
    expect((await historyOf(S2, 'X1')).at(-1)).toMatchObject({
      action: 'WITHDRAW',
      reason: '申诉 17：邻所已录入同一事故',
    });
  });
});

describe('a batch with many mistakes', () => {
  it("names every problem at once, the registry's among them, and writes nothing", async () => {
    const before = await tables();
    const res = await load([
      { ...accident('Y1', S1, -1), occurredOn: '2019-09-01' },
      accident('Y2', S1, 0),
      accident('Y3', '330602999999', 0),
      accident('Y1', '3306', 0),
    ]);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toBe(
      'input[0] (externalId "Y1"): occurredOn "2019-09-01" is after today (2019-08-15) (and 4 more problems)',
    );
    expect(res.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ index: 0, field: 'occurredOn' }),
      expect.objectContaining({ index: 0, field: 'deaths' }),
      expect.objectContaining({
        index: 2,
        field: 'stationCode',
        reason: 'is not a station in the registry',
      }),
      expect.objectContaining({ index: 3, field: 'stationCode' }),
      expect.objectContaining({ index: 3, field: 'externalId', reason: 'repeats input[0]' }),
    ]);
    expect(await tables()).toEqual(before);
  });

  it('withdraws nothing when any id is wrong, naming each, and the reason too', async () => {
    const before = await tables();
    const res = await platform.query(WITHDRAW, {
      token: traffic,
      variables: { ids: ['X2', ' X9', ''], reason: ' ' },
    });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      problemCount: 3,
      problems: [
        expect.objectContaining({ index: 1, field: 'externalIds' }),
        expect.objectContaining({ index: 2, field: 'externalIds' }),
        expect.objectContaining({ field: 'reason' }),
      ],
    });
    const unknown = await platform.query(WITHDRAW, {
      token: traffic,
      variables: { ids: ['X2', 'NOPE1', 'NOPE2'], reason: '误录' },
    });
    expect(unknown.errors?.[0]?.extensions?.problems).toEqual([
      expect.objectContaining({ index: 1, value: 'NOPE1', reason: 'is not a record of accident' }),
      expect.objectContaining({ index: 2, value: 'NOPE2', reason: 'is not a record of accident' }),
    ]);
    expect(await tables()).toEqual(before);
  });
});
