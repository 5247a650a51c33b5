import { listedOperation } from '../../platform/operations';
import { BOARD_DEPARTMENTS } from '../../subgraphs/departments';
import { DEPARTMENT_REGISTRY } from '../../subgraphs/kit/service/registry';
import { startPlatform, type Platform } from '../support/platform';
import {
  everyFigureLoads,
  loadRecords,
  publishEveryKeyScheme,
  recordsOf,
} from '../support/every-figure';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

// 2019-H1 has ended by this "today": the board and the listings cover whole halves.
process.env.PLATFORM_TODAY = '2019-08-15';

/** Two stations of 越城区; S1 holds records of every kind in 2019-H1 and in 2018-H1. */
const S1 = '330602600101';
const S2 = '330602600102';
const PERIOD = '2019-H1';

/** Every indicator of the catalog: the deduction and veto keys are among them. */
const INDICATORS = BOARD_DEPARTMENTS.flatMap((d) => d.indicators);

let platform: Platform;
/** Records of S1, as the tests below send them again. */
const { kase, accident } = recordsOf(S1);
const token: Record<string, string> = {};

/** A Department enum value, e.g. CASES. */
type Department = string;

const RECORDS_FIELD: Record<Department, string> = Object.fromEntries(
  DEPARTMENT_REGISTRY.map((d) => [d.enum, d.records.field]),
);

beforeAll(async () => {
  platform = await startPlatform();
  for (const role of ['admin', 'department:cases', 'department:traffic', 'department:surveys']) {
    token[role] = await tokenFor(role);
  }
  token.station = await tokenFor(`station:${S1}`);
  await registerStations(
    platform,
    [S1, S2].map((code) => registryStation(code, '330602')),
  );
  await loadRecords(platform, everyFigureLoads(S1, S2));
  everyKey = await publishEveryKeyScheme(platform, INDICATORS);
});
afterAll(() => platform.stop());

interface BoardValue {
  key: string;
  current: number | null;
  baseline: number | null;
  sample: number | null;
}

/** The board of S1 alone: every value each department publishes, and the scored row. */
/**
 * A board publishes the values of its scheme's keys only: the default scheme
 * (fengqiao-2019@1) has the deduction and the veto; a scheme scoring every key of the catalog,
 * published in beforeAll, shows every value.
 */
const DEFAULT_SCHEME = 'fengqiao-2019@1';
let everyKey = '';

async function boardOf(station = S1, schemeId = DEFAULT_SCHEME) {
  const values = 'stationCode values { key current baseline sample }';
  const res = await platform.query(
    `query($scope: ID!, $period: String!, $schemeId: ID) { assessmentBoard(scope: $scope, period: $period, schemeId: $schemeId) {
       caseIndicators { ${values} } trafficIndicators { ${values} } surveyIndicators { ${values} }
       rows { total vetoes deductions { key count points } } } }`,
    { token: token.station, variables: { scope: station, period: PERIOD, schemeId } },
  );
  expect(res.errors).toBeUndefined();
  const board = res.data.assessmentBoard;
  const all: BoardValue[] = ['caseIndicators', 'trafficIndicators', 'surveyIndicators'].flatMap(
    (field) => (board[field] as { values: BoardValue[] }[])[0]?.values ?? [],
  );
  return {
    value: (key: string) => all.find((v) => v.key === key) as BoardValue,
    row: board.rows[0] as {
      total: number;
      vetoes: string[];
      deductions: { key: string; count: number; points: number }[];
    },
  };
}

interface Listing {
  totalCount: number;
  indicatorTotal: number | null;
  edges: { counts: number | null; node: { externalId: string; withdrawnAt: string | null } }[];
}

async function records(
  department: Department,
  variables: Record<string, unknown>,
  who = token.station,
  station = S1,
): Promise<Listing> {
  const field = RECORDS_FIELD[department];
  const res = await platform.query(
    `query($code: ID!, $period: String!, $indicator: String, $baseline: Boolean,
           $includeWithdrawn: Boolean, $first: Int, $after: String) {
       station(code: $code) { ${field}(period: $period, indicator: $indicator, baseline: $baseline,
           includeWithdrawn: $includeWithdrawn, first: $first, after: $after) {
         totalCount indicatorTotal edges { counts node { externalId withdrawnAt } } } } }`,
    { token: who, variables: { code: station, period: PERIOD, first: 1000, ...variables } },
  );
  expect(res.errors).toBeUndefined();
  return res.data.station[field];
}

/** What a listing says an indicator is: a count (or sum), or a rate of its sample. */
function figureOf(listing: Listing, kind: 'COUNT' | 'RATE') {
  const summed = listing.edges.reduce((sum, e) => sum + (e.counts ?? 0), 0);
  expect(listing.indicatorTotal).toBe(summed);
  return kind === 'COUNT'
    ? { value: summed, sample: null }
    : {
        value: listing.totalCount > 0 ? summed / listing.totalCount : null,
        sample: listing.totalCount,
      };
}

describe('the records behind every figure', () => {
  it.each(INDICATORS.map((i) => [i.key, i] as const))(
    '%s: the records listed add up to the board, now and a year before',
    async (key, indicator) => {
      const { value } = await boardOf(S1, everyKey);
      const shown = value(key);
      const current = await records(indicator.department, { indicator: key });
      const baseline = await records(indicator.department, { indicator: key, baseline: true });
      expect(figureOf(current, indicator.kind)).toEqual({
        value: shown.current,
        sample: shown.sample,
      });
      expect(figureOf(baseline, indicator.kind).value).toBe(shown.baseline);
      // A count of records lists exactly the records counted; a sum, those that add to it.
      if (indicator.kind === 'COUNT') {
        for (const e of current.edges) expect(e.counts).toBeGreaterThan(0);
      }
      // The data make every figure something to check, not a zero that any filter would match.
      expect(current.totalCount).toBeGreaterThan(0);
      expect(baseline.totalCount).toBeGreaterThan(0);
    },
  );

  it('lists the deductions and vetoes of the scored row from the same records', async () => {
    const { row } = await boardOf();
    expect(row.vetoes).toEqual(['traffic.severeAccidents']);
    const vetoed = await records('TRAFFIC', { indicator: 'traffic.severeAccidents' });
    expect(vetoed.edges.map((e) => e.node.externalId)).toEqual(['A4']);
    for (const deduction of row.deductions) {
      const listed = await records('TRAFFIC', { indicator: deduction.key });
      expect(listed.totalCount).toBe(deduction.count);
    }
    expect(row.deductions.map((d) => [d.key, d.count])).toEqual([['traffic.majorAccidents', 1]]);
  });

  it("reaches a board row's indicator records with the listed operations, one request each", async () => {
    const board = await platform.query(listedOperation('AssessmentBoardRow'), {
      token: token.station,
      variables: { scope: '330602', period: PERIOD, stationCode: S1 },
    });
    expect(board.errors).toBeUndefined();
    const { indicators } = board.data.assessmentBoard.row as {
      indicators: { key: string; department: Department; current: number | null }[];
    };
    const operation: Record<Department, string> = {
      CASES: 'CaseIndicatorRecords',
      TRAFFIC: 'TrafficIndicatorRecords',
      SURVEYS: 'SurveyIndicatorRecords',
    };
    expect(indicators.length).toBeGreaterThan(0);
    for (const { key, department, current } of indicators) {
      const res = await platform.query(listedOperation(operation[department]), {
        token: token.station,
        variables: { code: S1, period: PERIOD, indicator: key },
      });
      expect(res.errors).toBeUndefined();
      const page = res.data.station[RECORDS_FIELD[department]];
      const rate = INDICATORS.find((i) => i.key === key)?.kind === 'RATE';
      expect(rate ? page.indicatorTotal / page.totalCount : page.indicatorTotal).toBe(current);
      expect(page.edges[0].node.history[0]).toMatchObject({
        action: 'INSERT',
        role: expect.any(String),
      });
    }
  });

  it('lists every record of a period without an indicator, page by page', async () => {
    const whole = await records('CASES', {});
    // Cases by filing date in 2019-H1 (C1-C5), then disputes by receiving date (D1-D4).
    const ids = whole.edges.map((e) => e.node.externalId);
    expect(ids).toEqual(['C1', 'C2', 'C3', 'C4', 'C5', 'D1', 'D2', 'D3', 'D4']);
    expect(whole.totalCount).toBe(9);
    expect(whole.indicatorTotal).toBeNull();
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page += 1) {
      const res = await platform.query(
        `query($after: String) { station(code: "${S1}") { caseRecords(period: "${PERIOD}", first: 4, after: $after) {
           totalCount pageInfo { hasNextPage endCursor } edges { node { externalId } } } } }`,
        { token: token.station, variables: { after } },
      );
      const conn = res.data.station.caseRecords;
      expect(conn.totalCount).toBe(9);
      seen.push(...conn.edges.map((e: { node: { externalId: string } }) => e.node.externalId));
      if (!conn.pageInfo.hasNextPage) break;
      after = conn.pageInfo.endCursor;
    }
    expect(seen).toEqual(ids);
  });

  it('lists a page with every history in two statements, whatever its size', async () => {
    const page = (first: number) =>
      platform.countStatements(() =>
        platform.query(
          `{ station(code: "${S1}") { surveyRecords(period: "${PERIOD}", first: ${first}) {
             edges { node { externalId history { action sub } } } } } }`,
          { token: token.station },
        ),
      );
    const one = await page(1);
    const all = await page(1000);
    expect(one.result.data.station.surveyRecords.edges).toHaveLength(1);
    expect(all.result.data.station.surveyRecords.edges).toHaveLength(10);
    for (const { statements } of [one, all]) expect(statements.surveys).toBe(2);
  });

  it('shows what the department sent, by kind', async () => {
    const res = await platform.query(
      `{ station(code: "${S1}") { caseRecords(period: "${PERIOD}", indicator: "cases.homicides") {
         edges { node { __typename externalId stationCode createdAt
           ... on CriminalCase { category filedOn solvedOn } } } }
         surveyRecords(period: "${PERIOD}", indicator: "surveys.validComplaints") {
         edges { node { __typename ... on Complaint { receivedOn valid } } } } } }`,
      { token: token.station },
    );
    expect(res.errors).toBeUndefined();
    const [homicide] = res.data.station.caseRecords.edges;
    expect(homicide.node).toMatchObject({
      __typename: 'CriminalCase',
      externalId: 'C3',
      stationCode: S1,
      category: 'HOMICIDE',
      filedOn: '2019-03-03',
      solvedOn: null,
    });
    expect(res.data.station.surveyRecords.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { __typename: 'Complaint', receivedOn: '2019-02-01', valid: true },
      { __typename: 'Complaint', receivedOn: '2019-05-01', valid: true },
    ]);
  });

  it.each([
    [
      'an indicator of another department',
      { indicator: 'traffic.deaths' },
      'indicator "traffic.deaths" is not one of',
    ],
    ['an unknown indicator', { indicator: 'cases.unknown' }, 'indicator "cases.unknown"'],
    ['a page of 0', { first: 0 }, 'first 0 must be between 1 and 1000'],
    ['a page of 1001', { first: 1001 }, 'first 1001 must be between 1 and 1000'],
    ['a cursor it did not issue', { after: 'bm9wZQ' }, 'is not a cursor this API issued'],
    ['a malformed period', { period: '2019-H3' }, 'period "2019-H3"'],
  ])('refuses %s with BAD_USER_INPUT', async (_case, variables, message) => {
    const res = await platform.query(
      `query($period: String!, $indicator: String, $first: Int, $after: String) {
         station(code: "${S1}") { caseRecords(period: $period, indicator: $indicator, first: $first, after: $after) { totalCount } } }`,
      { token: token.station, variables: { period: PERIOD, ...variables } },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(message);
  });
});

interface Change {
  action: string;
  sub: string;
  role: string;
  requestId: string | null;
  reason: string | null;
  changes: { field: string; before: string | null; after: string | null }[];
}

async function historyOf(department: Department, externalId: string, indicator?: string) {
  const field = RECORDS_FIELD[department];
  const res = await platform.query(
    `query($indicator: String) { station(code: "${S1}") { ${field}(period: "${PERIOD}", indicator: $indicator, includeWithdrawn: true) {
       edges { node { externalId withdrawnAt withdrawalReason
         history { action sub role requestId reason changes { field before after } } } } } } }`,
    { token: token.admin, variables: { indicator } },
  );
  expect(res.errors).toBeUndefined();
  const edge = res.data.station[field].edges.find(
    (e: { node: { externalId: string } }) => e.node.externalId === externalId,
  );
  return edge?.node as
    { withdrawnAt: string | null; withdrawalReason: string | null; history: Change[] } | undefined;
}

const WITHDRAW_ACCIDENTS = `mutation($ids: [ID!]!, $reason: String!, $dryRun: Boolean) {
  withdrawAccidents(externalIds: $ids, reason: $reason, dryRun: $dryRun) { withdrawn unchanged } }`;
const RECORD_ACCIDENTS = `mutation($input: [AccidentInput!]!, $dryRun: Boolean) {
  recordAccidents(input: $input, dryRun: $dryRun) { inserted updated unchanged } }`;

describe('withdrawing a record, and restoring it', () => {
  /** The station's and its county's (越城区) statistics, as the traffic police read them. */
  const statistics = async () => {
    const stats = 'trafficStats(period: "2019-H1") { accidents deaths majorAccidents }';
    const res = await platform.query(
      `{ station(code: "${S1}") { ${stats} } division(code: "330602") { ${stats} } }`,
      { token: token['department:traffic'] },
    );
    expect(res.errors).toBeUndefined();
    return { station: res.data.station.trafficStats, division: res.data.division.trafficStats };
  };

  it('stops it counting on the live board, keeps it listed, and logs who and why', async () => {
    const before = await boardOf();
    expect(before.value('traffic.majorAccidents').current).toBe(1);
    const figuresBefore = await statistics();
    const res = await platform.query(WITHDRAW_ACCIDENTS, {
      token: token['department:traffic'],
      variables: { ids: ['A3'], reason: '重复录入：与兰亭派出所 A-17 为同一事故' },
      headers: { 'x-request-id': 'withdraw-a3' },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.withdrawAccidents).toEqual({ withdrawn: 1, unchanged: 0 });

    const after = await boardOf();
    expect(after.value('traffic.majorAccidents').current).toBe(0);
    // The statistics of the station and of its county leave it too.
    const less = (f: { accidents: number; deaths: number; majorAccidents: number }) => ({
      accidents: f.accidents - 1,
      deaths: f.deaths - 3,
      majorAccidents: f.majorAccidents - 1,
    });
    expect(await statistics()).toEqual({
      station: less(figuresBefore.station),
      division: less(figuresBefore.division),
    });
    expect(after.value('traffic.accidents').current).toBe(3);
    expect(after.value('traffic.deaths').current).toBe(11);
    expect(after.row.deductions).toEqual([{ key: 'traffic.majorAccidents', count: 0, points: 0 }]);
    expect(after.row.total).toBeGreaterThan(before.row.total);

    const listed = await records('TRAFFIC', { indicator: 'traffic.majorAccidents' });
    expect(listed.totalCount).toBe(0);
    const kept = await records('TRAFFIC', {
      indicator: 'traffic.majorAccidents',
      includeWithdrawn: true,
    });
    expect(kept.edges).toEqual([
      { counts: 0, node: { externalId: 'A3', withdrawnAt: expect.any(String) } },
    ]);
    expect(kept.indicatorTotal).toBe(0);

    const a3 = await historyOf('TRAFFIC', 'A3');
    expect(a3?.withdrawalReason).toBe('重复录入：与兰亭派出所 A-17 为同一事故');
    expect(a3?.history.map((h) => h.action)).toEqual(['INSERT', 'WITHDRAW']);
    expect(a3?.history[0]?.changes).toEqual([
      { field: 'stationCode', before: null, after: S1 },
      { field: 'occurredOn', before: null, after: '2019-03-03' },
      { field: 'deaths', before: null, after: '3' },
      { field: 'injuries', before: null, after: '4' },
    ]);
    expect(a3?.history[1]).toEqual({
      action: 'WITHDRAW',
      sub: 'test-department:traffic',
      role: 'department:traffic',
      requestId: 'withdraw-a3',
      reason: '重复录入：与兰亭派出所 A-17 为同一事故',
      changes: [],
    });

    // Withdrawing it again changes nothing and logs nothing: its first reason stands.
    const again = await platform.query(WITHDRAW_ACCIDENTS, {
      token: token.admin,
      variables: { ids: ['A3'], reason: '再次撤回' },
    });
    expect(again.data.withdrawAccidents).toEqual({ withdrawn: 0, unchanged: 1 });
    expect((await historyOf('TRAFFIC', 'A3'))?.history).toHaveLength(2);
  });

  it('restores it when it is sent again, counted as updated', async () => {
    const res = await platform.query(RECORD_ACCIDENTS, {
      token: token['department:traffic'],
      variables: {
        input: [accident('A3', '2019-03-03', 3, 4), accident('A1', '2019-01-01', 0, 2)],
      },
    });
    expect(res.data.recordAccidents).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    const board = await boardOf();
    expect(board.value('traffic.majorAccidents').current).toBe(1);
    expect(board.row.deductions.map((d) => d.key)).toEqual(['traffic.majorAccidents']);
    const a3 = await historyOf('TRAFFIC', 'A3');
    expect(a3?.withdrawnAt).toBeNull();
    expect(a3?.history.map((h) => [h.action, h.changes])).toEqual([
      ['INSERT', expect.any(Array)],
      ['WITHDRAW', []],
      ['RESTORE', []],
    ]);
  });

  it('logs an update with only the fields that changed, before and after', async () => {
    const res = await platform.query(RECORD_ACCIDENTS, {
      token: token.admin,
      variables: { input: [accident('A2', '2019-02-02', 2, 0)] },
    });
    expect(res.data.recordAccidents).toEqual({ inserted: 0, updated: 1, unchanged: 0 });
    const a2 = await historyOf('TRAFFIC', 'A2');
    expect(a2?.history.at(-1)).toMatchObject({
      action: 'UPDATE',
      sub: 'test-admin',
      role: 'admin',
      changes: [
        { field: 'deaths', before: '1', after: '2' },
        { field: 'injuries', before: '1', after: '0' },
      ],
    });
  });

  it('moves a record to another station by an update of its station code', async () => {
    const s2Before = await boardOf(S2);
    const res = await platform.query(
      `mutation($input: [CaseInput!]!) { recordCases(input: $input) { updated } }`,
      {
        token: token['department:cases'],
        variables: { input: [{ ...kase('C3', 'HOMICIDE', '2019-03-03'), stationCode: S2 }] },
      },
    );
    expect(res.data.recordCases.updated).toBe(1);
    expect((await boardOf()).value('cases.homicides').current).toBe(0);
    expect((await boardOf(S2)).value('cases.homicides').current).toBe(
      (s2Before.value('cases.homicides').current ?? 0) + 1,
    );
    const moved = await records('CASES', { indicator: 'cases.homicides' }, token.admin, S2);
    expect(moved.edges.map((e) => e.node.externalId)).toEqual(['C3']);
    // S1's own token no longer sees it; S2's history of it shows the move.
    const res2 = await platform.query(
      `{ station(code: "${S2}") { caseRecords(period: "${PERIOD}", indicator: "cases.homicides") {
         edges { node { history { action changes { field before after } } } } } } }`,
      { token: await tokenFor(`station:${S2}`) },
    );
    expect(res2.data.station.caseRecords.edges[0].node.history.at(-1)).toEqual({
      action: 'UPDATE',
      changes: [{ field: 'stationCode', before: S1, after: S2 }],
    });
  });

  it('writes no log on a dry run', async () => {
    const log = await platform.fingerprint('traffic', 'change_log');
    const table = await platform.fingerprint('traffic', 'accident');
    const dry = await platform.query(RECORD_ACCIDENTS, {
      token: token['department:traffic'],
      variables: {
        input: [accident('A9', '2019-05-05', 0, 1), accident('A1', '2019-01-01', 1, 2)],
        dryRun: true,
      },
    });
    expect(dry.data.recordAccidents).toEqual({ inserted: 1, updated: 1, unchanged: 0 });
    const withdrawal = await platform.query(WITHDRAW_ACCIDENTS, {
      token: token['department:traffic'],
      variables: { ids: ['A1'], reason: '试运行', dryRun: true },
    });
    expect(withdrawal.data.withdrawAccidents).toEqual({ withdrawn: 1, unchanged: 0 });
    expect(await platform.fingerprint('traffic', 'change_log')).toBe(log);
    expect(await platform.fingerprint('traffic', 'accident')).toBe(table);
  });

  const tooMany = Array.from({ length: 5001 }, (_, i) => `A${i}`);
  it.each([
    [
      'an unknown externalId among known ones',
      { ids: ['A1', 'NOPE'], reason: '错误' },
      'externalIds: 1 unknown, first "NOPE"',
    ],
    ['an empty reason', { ids: ['A1'], reason: '' }, 'reason "" must not be blank'],
    ['a blank reason', { ids: ['A1'], reason: '   ' }, 'must not be blank'],
    [
      'a reason of 501 characters',
      { ids: ['A1'], reason: '长'.repeat(501) },
      'at most 500 characters',
    ],
    ['no ids', { ids: [], reason: '错误' }, 'externalIds has 0 ids; one call takes 1 to 5,000'],
    ['5,001 ids', { ids: tooMany, reason: '错误' }, 'externalIds has 5001 ids'],
    ['a blank id', { ids: [''], reason: '错误' }, 'externalIds "" must not be empty'],
  ])('refuses %s with BAD_USER_INPUT and changes nothing', async (_case, variables, message) => {
    const before = await Promise.all(
      ['accident', 'change_log'].map((t) => platform.fingerprint('traffic', t)),
    );
    const res = await platform.query(WITHDRAW_ACCIDENTS, {
      token: token['department:traffic'],
      variables,
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.message).toContain(message);
    expect(res.data ?? null).toBeNull();
    const after = await Promise.all(
      ['accident', 'change_log'].map((t) => platform.fingerprint('traffic', t)),
    );
    expect(after).toEqual(before);
  });
});

describe('the change log', () => {
  it.each([
    ['UPDATE', `UPDATE change_log SET reason = 'rewritten'`],
    ['DELETE', 'DELETE FROM change_log'],
    ['TRUNCATE', 'TRUNCATE change_log'],
  ])('refuses %s, even to the service itself', async (op, sql) => {
    const before = await platform.fingerprint('traffic', 'change_log');
    await expect(platform.sql('traffic', sql)).rejects.toThrow(
      `change_log is append-only: ${op} refused`,
    );
    expect(await platform.fingerprint('traffic', 'change_log')).toBe(before);
  });

  it('has one entry per record written, in the statement that wrote it', async () => {
    const [{ logged }] = await platform.sql<{ logged: number }>(
      'cases',
      `SELECT count(*)::int AS logged FROM change_log WHERE record_table = 'dispute' AND action = 'INSERT'`,
    );
    expect(logged).toBe(6);
  });
});

describe("a record's history", () => {
  it('answers its newest 10 writes and counts them all, however often it is re-sent', async () => {
    const send = (solvedOn: string | null) =>
      platform.query(`mutation($input: [CaseInput!]!) { recordCases(input: $input) { updated } }`, {
        token: token['department:cases'],
        variables: { input: [kase('HISTORY-CAP', 'PROPERTY', '2019-02-01', solvedOn)] },
      });
    // An insert, then 14 updates: solved on the 1st to the 14th of March in turn.
    expect((await send(null)).errors).toBeUndefined();
    for (let day = 1; day <= 14; day += 1) {
      expect((await send(`2019-03-${String(day).padStart(2, '0')}`)).errors).toBeUndefined();
    }
    const res = await platform.query(
      `{ station(code: "${S1}") { caseRecords(period: "${PERIOD}", first: 1000) {
         edges { node { externalId historyCount history { action changes { field after } } } } } } }`,
      { token: token.admin },
    );
    expect(res.errors).toBeUndefined();
    const record = res.data.station.caseRecords.edges.find(
      (e: { node: { externalId: string } }) => e.node.externalId === 'HISTORY-CAP',
    ).node;
    expect(record.historyCount).toBe(15);
    expect(record.history).toHaveLength(10);
    // The newest ten, oldest first: the updates that solved it on the 5th to the 14th.
    expect(
      record.history.map(
        (h: { changes: { field: string; after: string }[] }) =>
          h.changes.find((c) => c.field === 'solvedOn')?.after,
      ),
    ).toEqual(Array.from({ length: 10 }, (_, i) => `2019-03-${String(i + 5).padStart(2, '0')}`));
  });
});
