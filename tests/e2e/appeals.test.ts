import { listedOperation } from '../../platform/operations';
import { startPlatform, type GraphQLResponse, type Platform } from '../support/platform';
import { accident } from '../support/records';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

// 2019-Q2 has ended by this "today".
process.env.PLATFORM_TODAY = '2019-08-15';

/**
 * Appeals (申诉) through the gateway: a station files against its row of a published board, the
 * traffic department withdraws the record and accepts, the assessors publish revision 2 naming
 * the appeal; and every refusal, with nothing stored.
 *
 * Three stations of 越城区 (330602). S1 has two accidents in 2019-Q2 (one injury each), as many
 * as a year before; one of them belongs to the neighbouring station's roads, and withdrawing it
 * halves S1's accidents year on year, which raises its total.
 */
const S1 = '330602600011';
const S2 = '330602600012';
const S3 = '330602600013';
const COUNTY = '330602';
const PERIOD = '2019-Q2';
const BOARD = { scope: COUNTY, period: PERIOD };

/** Answers are read as JSON; `any` keeps the assertions short (as in tests/support/platform.ts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

const FILE = listedOperation('FileAppeal');
const ANSWER = listedOperation('AnswerAppeal');
const WITHDRAW = listedOperation('WithdrawAppeal');
const LIST = listedOperation('Appeals');
const BOARD_APPEALS = listedOperation('BoardAppeals');
const PUBLISH = listedOperation('PublishAssessmentBoard');
const HISTORY = listedOperation('StationAssessmentHistory');

let platform: Platform;
const token: Record<string, string> = {};

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

function ask(who: string, query: string, variables: Record<string, unknown>) {
  return platform.query(query, { token: token[who], variables });
}

async function ok(who: string, query: string, variables: Record<string, unknown>): Promise<Json> {
  const res = await ask(who, query, variables);
  expect(res.errors).toBeUndefined();
  return res.data;
}

const filing = (over: Record<string, unknown> = {}) => ({
  input: {
    ...BOARD,
    stationCode: S1,
    item: 'traffic.accidents',
    claim: '事故 ACC-S1-2 发生在府山所辖区，应计入邻所',
    records: [{ department: 'TRAFFIC', externalId: 'ACC-S1-2' }],
    ...over,
  },
});

/** What the appeals' tables hold: equal before and after a refusal means nothing was stored. */
const stored = async () =>
  (await platform.fingerprint('assessment', 'appeal')) +
  (await platform.fingerprint('assessment', 'appeal_event')) +
  (await platform.fingerprint('assessment', 'published_board'));

/** Runs a request that must be refused with `code`, and checks nothing was stored. */
async function refused(
  code: string,
  who: string,
  query: string,
  variables: Record<string, unknown>,
) {
  const before = await stored();
  const res = await ask(who, query, variables);
  expect({
    code: codeOf(res),
    data: res.data?.[Object.keys(res.data ?? {})[0] ?? ''] ?? null,
  }).toEqual({
    code,
    data: null,
  });
  expect(await stored()).toBe(before);
  return res;
}

beforeAll(async () => {
  platform = await startPlatform();
  for (const [who, role] of Object.entries({
    s1: `station:${S1}`,
    s2: `station:${S2}`,
    s3: `station:${S3}`,
    traffic: 'department:traffic',
    cases: 'department:cases',
    assessor: 'assessor',
    admin: 'admin',
  })) {
    token[who] = await tokenFor(role);
  }
  await registerStations(
    platform,
    [S1, S2, S3].map((code) => registryStation(code, COUNTY)),
  );
  await ok(
    'traffic',
    'mutation($input: [AccidentInput!]!) { recordAccidents(input: $input) { inserted } }',
    {
      input: [
        accident('ACC-S1-2018-1', S1, '2018-05-01', 0, 1),
        accident('ACC-S1-2018-2', S1, '2018-06-01', 0, 1),
        accident('ACC-S1-1', S1, '2019-05-01', 0, 1),
        accident('ACC-S1-2', S1, '2019-05-20', 0, 1),
      ],
    },
  );
  await ok('assessor', PUBLISH, BOARD);
});
afterAll(() => platform.stop());

describe('the whole path: filed, corrected and accepted, resolved by revision 2', () => {
  let appeal: Json;
  let revision2: Json;

  beforeAll(async () => {
    appeal = (await ok('s1', FILE, filing())).fileAppeal;
  });

  it('files an OPEN appeal against the newest revision, logged with who, role and request', () => {
    expect(appeal).toMatchObject({
      ...BOARD,
      schemeId: 'fengqiao-2019@2', // the default scheme the board was published with
      revision: 1,
      stationCode: S1,
      item: 'traffic.accidents',
      department: 'TRAFFIC',
      records: [{ department: 'TRAFFIC', externalId: 'ACC-S1-2' }],
      status: 'OPEN',
      filedBy: `test-station:${S1}`,
      answer: null,
      resolvedInRevision: null,
    });
  });

  it('is listed to the traffic department, and to no other department', async () => {
    const mine = (await ok('traffic', LIST, { status: 'OPEN' })).appeals;
    expect(mine.edges.map((e: Json) => e.node.id)).toEqual([appeal.id]);
    expect((await ok('cases', LIST, {})).appeals.totalCount).toBe(0);
  });

  it('the department withdraws the record, citing the appeal, and accepts', async () => {
    await ok(
      'traffic',
      'mutation($ids: [ID!]!, $reason: String!) { withdrawAccidents(externalIds: $ids, reason: $reason) { withdrawn } }',
      { ids: ['ACC-S1-2'], reason: `申诉 ${appeal.id}：该事故发生在府山所辖区` },
    );
    const answered = (
      await ok('traffic', ANSWER, {
        id: appeal.id,
        accepted: true,
        reason: '已撤回 ACC-S1-2（邻所辖区）',
      })
    ).answerAppeal;
    expect(answered).toMatchObject({
      status: 'ACCEPTED',
      answer: '已撤回 ACC-S1-2（邻所辖区）',
      answeredBy: 'test-department:traffic',
    });
  });

  it('revision 2 names it: the changes show the appeal behind the station’s move', async () => {
    revision2 = (
      await ok('assessor', PUBLISH, {
        ...BOARD,
        reason: `申诉 ${appeal.id} 采纳：撤回一起邻所事故`,
        resolves: [appeal.id],
      })
    ).publishAssessmentBoard;
    expect(revision2.revision).toBe(2);
    expect(revision2.resolvedAppeals).toEqual([{ id: appeal.id }]);
    const moved = revision2.changes.find((c: Json) => c.station.code === S1);
    expect(moved.appeals).toEqual([
      { id: appeal.id, item: 'traffic.accidents', status: 'ACCEPTED' },
    ]);
    expect(moved.after.total).toBeGreaterThan(moved.before.total);
  });

  it('the appeal says which revision resolved it, and its log holds every step', async () => {
    const board = (await ok('s1', BOARD_APPEALS, BOARD)).publishedBoard;
    const [mine] = board.appeals;
    expect(mine).toMatchObject({ id: appeal.id, status: 'ACCEPTED', resolvedInRevision: 2 });
    expect(mine.history.map((e: Json) => [e.action, e.role, e.reason, e.revision])).toEqual([
      ['FILE', `station:${S1}`, appeal.claim, null],
      ['ACCEPT', 'department:traffic', '已撤回 ACC-S1-2（邻所辖区）', null],
      ['RESOLVE', 'assessor', null, 2],
    ]);
    for (const event of mine.history) expect(event.requestId).toMatch(/\S/);
  });

  it("the station's history marks the revision that followed its appeal", async () => {
    const history = (await ok('s1', HISTORY, { code: S1, scope: COUNTY })).station
      .assessmentHistory;
    expect(history[0]).toMatchObject({ period: PERIOD, revision: 2, resolvedAppeals: [appeal.id] });
    const other = (await ok('s1', HISTORY, { code: S2, scope: COUNTY })).station.assessmentHistory;
    expect(other[0]).toMatchObject({ revision: 2, resolvedAppeals: [] });
  });

  it('the log is append-only: rewriting or deleting it is refused by the database', async () => {
    await expect(
      platform.sql('assessment', `UPDATE appeal_event SET reason = 'x'`),
    ).rejects.toThrow(/append-only/);
    await expect(platform.sql('assessment', 'DELETE FROM appeal_event')).rejects.toThrow(
      /append-only/,
    );
    await expect(platform.sql('assessment', 'DELETE FROM appeal')).rejects.toThrow(/append-only/);
    await expect(platform.sql('assessment', `UPDATE appeal SET status = 'OPEN'`)).rejects.toThrow(
      /cannot become/,
    );
  });
});

describe('who reads which appeals of a board', () => {
  let s2Appeal: Json;

  beforeAll(async () => {
    s2Appeal = (
      await ok('s2', FILE, filing({ stationCode: S2, item: 'cases.homicides', records: [] }))
    ).fileAppeal;
  });

  it('a station sees its own only; a department those on its items; assessors every one', async () => {
    const ids = async (who: string) =>
      (await ok(who, BOARD_APPEALS, BOARD)).publishedBoard.appeals.map((a: Json) => a.stationCode);
    expect(await ids('s1')).toEqual([S1]);
    expect(await ids('s2')).toEqual([S2]);
    expect(await ids('traffic')).toEqual([S1]);
    expect(await ids('cases')).toEqual([S2]);
    expect(await ids('assessor')).toEqual([S1, S2]);
  });

  it('a row shows its station’s appeals to that station, and none to another', async () => {
    const rowAppeals = async (who: string) =>
      (
        await ok(
          who,
          `query($scope: ID!, $period: String!, $code: ID!) { publishedBoard(scope: $scope, period: $period) {
             row(stationCode: $code) { appeals { id status } } } }`,
          { ...BOARD, code: S2 },
        )
      ).publishedBoard.row.appeals;
    expect(await rowAppeals('s2')).toEqual([{ id: s2Appeal.id, status: 'OPEN' }]);
    expect(await rowAppeals('s1')).toEqual([]);
  });

  it('reads every row’s appeals and their logs in as many statements as one row’s', async () => {
    const appeals = 'appeals { id history { action } }';
    const read = (selection: string) =>
      platform.countStatements(() =>
        ok(
          'assessor',
          `query($scope: ID!, $period: String!) { publishedBoard(scope: $scope, period: $period) { ${selection} } }`,
          BOARD,
        ),
      );
    const all = await read(`rows { edges { node { station { code } ${appeals} } } }`);
    const one = await read(`row(stationCode: "${S1}") { ${appeals} }`);
    const nodes = all.result.publishedBoard.rows.edges.map((e: Json) => e.node);
    expect(nodes.filter((n: Json) => n.appeals.length > 0)).toHaveLength(2);
    expect(all.statements.assessment).toBe(one.statements.assessment);
  });

  it('the station withdraws its own; the log keeps the reason', async () => {
    const withdrawn = (await ok('s2', WITHDRAW, { id: s2Appeal.id, reason: '已核实无误' }))
      .withdrawAppeal;
    expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', answer: null });
    expect(withdrawn.history.at(-1)).toMatchObject({
      action: 'WITHDRAW',
      role: `station:${S2}`,
      reason: '已核实无误',
    });
  });
});

describe('refusals, with nothing stored', () => {
  let open: Json;

  beforeAll(async () => {
    // A record of the baseline (the same quarter a year before) is behind the figure too.
    open = (
      await ok(
        's1',
        FILE,
        filing({
          item: 'traffic.injuries',
          records: [{ department: 'TRAFFIC', externalId: 'ACC-S1-2018-1' }],
        }),
      )
    ).fileAppeal;
  });

  it('outside the appeal window (APPEAL_WINDOW_DAYS)', async () => {
    process.env.APPEAL_WINDOW_DAYS = '0';
    try {
      const res = await refused('BAD_USER_INPUT', 's1', FILE, filing({ item: 'traffic.deaths' }));
      expect(res.errors?.[0]?.message).toMatch(/appeal window/);
    } finally {
      delete process.env.APPEAL_WINDOW_DAYS;
    }
  });

  it("another station's row", async () => {
    await refused('FORBIDDEN', 's2', FILE, filing({ item: 'traffic.deaths' }));
  });

  it('an item the board’s scheme does not score, or a record of another department', async () => {
    for (const item of ['traffic.unknown', 'deduction:traffic.accidents', 'cases.criminalFiled']) {
      await refused('BAD_USER_INPUT', 's1', FILE, filing({ item, records: [] }));
    }
    await refused(
      'BAD_USER_INPUT',
      's1',
      FILE,
      filing({ item: 'traffic.deaths', records: [{ department: 'CASES', externalId: 'C-1' }] }),
    );
  });

  it('a record its department does not list behind the contested figure', async () => {
    const named = (externalId: string) =>
      filing({ item: 'traffic.deaths', records: [{ department: 'TRAFFIC', externalId }] });
    // Unknown; and an accident of S1 that traffic.deaths does not count (it killed no one).
    for (const externalId of ['NO-SUCH-ACCIDENT', 'ACC-S1-1']) {
      const res = await refused('BAD_USER_INPUT', 's1', FILE, named(externalId));
      expect(res.errors?.[0]?.extensions).toMatchObject({ field: 'records', value: externalId });
    }
  });

  it('an empty, blank or oversized claim', async () => {
    for (const claim of ['', '   ', '\u200b', 'x'.repeat(501), 'bad\u0000claim']) {
      await refused('BAD_USER_INPUT', 's1', FILE, filing({ item: 'traffic.deaths', claim }));
    }
  });

  it('a second OPEN appeal on the same item', async () => {
    const res = await refused('BAD_USER_INPUT', 's1', FILE, filing({ item: 'traffic.injuries' }));
    expect(res.errors?.[0]?.extensions?.openAppeal).toBe(open.id);
  });

  it('a filing past the appeals one station may file on a board, withdrawn ones counted', async () => {
    // S3 files and withdraws on one item until it has filed one per item of the scheme.
    const file = () =>
      ask('s3', FILE, filing({ stationCode: S3, item: 'traffic.deaths', records: [] }));
    let filed = 0;
    // Tries past the bound, so that a missing bound fails here rather than looping.
    for (let attempt = 0; attempt < 30; attempt += 1) {
      const res = await file();
      if (res.errors) {
        expect(res.errors[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', max: filed });
        break;
      }
      filed += 1;
      await ok('s3', WITHDRAW, { id: res.data.fileAppeal.id, reason: '再核' });
    }
    expect(filed).toBe(22);
    await refused(
      'BAD_USER_INPUT',
      's3',
      FILE,
      filing({ stationCode: S3, item: 'traffic.deaths', records: [] }),
    );
  });

  it('a board never published', async () => {
    await refused(
      'BAD_USER_INPUT',
      's1',
      FILE,
      filing({ period: '2019-Q1', item: 'traffic.deaths' }),
    );
  });

  it("a department answering another department's appeal, or a station answering", async () => {
    await refused('FORBIDDEN', 'cases', ANSWER, {
      id: open.id,
      accepted: false,
      reason: '不属本部门',
    });
    await refused('FORBIDDEN', 's1', ANSWER, { id: open.id, accepted: true, reason: '自行采纳' });
    await refused('BAD_USER_INPUT', 'traffic', ANSWER, {
      id: open.id,
      accepted: false,
      reason: '',
    });
  });

  it('another station withdrawing it, or a department listing another’s appeals', async () => {
    await refused('FORBIDDEN', 's2', WITHDRAW, { id: open.id });
    await refused('FORBIDDEN', 'cases', LIST, { department: 'TRAFFIC' });
  });

  it('answering an appeal that is no longer OPEN, and resolving one that is', async () => {
    await refused('BAD_USER_INPUT', 'assessor', PUBLISH, {
      ...BOARD,
      reason: '尚未答复的申诉',
      resolves: [open.id],
    });
    await ok('traffic', ANSWER, { id: open.id, accepted: false, reason: '受伤人数核实无误' });
    await refused('BAD_USER_INPUT', 'traffic', ANSWER, {
      id: open.id,
      accepted: true,
      reason: '改判',
    });
    await refused('BAD_USER_INPUT', 's1', WITHDRAW, { id: open.id });
    await refused('BAD_USER_INPUT', 'traffic', ANSWER, {
      id: '999999',
      accepted: true,
      reason: '无',
    });
  });

  it('resolving an appeal twice, or one of another board', async () => {
    const [resolvedBefore] = await platform.sql<{ id: string }>(
      'assessment',
      `SELECT id::text AS id FROM appeal WHERE resolved_revision IS NOT NULL`,
    );
    await refused('BAD_USER_INPUT', 'assessor', PUBLISH, {
      ...BOARD,
      reason: '再次解决',
      resolves: [resolvedBefore?.id],
    });
    await refused('BAD_USER_INPUT', 'assessor', PUBLISH, {
      scope: S1,
      period: PERIOD,
      resolves: [open.id],
    });
  });
});
