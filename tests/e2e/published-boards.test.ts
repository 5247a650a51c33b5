import { listedOperation } from '../../platform/operations';
import {
  postGraphQL,
  startPlatform,
  type GraphQLResponse,
  type Platform,
} from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { namedTokenFor, tokenFor } from '../support/tokens';
import { accident } from '../support/records';

// Every quarter up to 2019-Q2 has ended by this "today"; 2019-Q3 has not.
process.env.PLATFORM_TODAY = '2019-08-15';

/**
 * Four stations of 越城区 (330602) with nothing on record but a few road accidents, so the
 * boards can be computed by hand. A station with no records scores 62.67 (see
 * assessment-board.test.ts); an accident with 1 injury and no deaths, against none a year
 * before, costs its accidents and injuries points: 52.67; one with 3 deaths and no injuries
 * costs the accidents and deaths points and a 5-point deduction: 41.67.
 *   2019-Q1: S1 62.67 (1), S4 62.67 (1), S2 52.67 (3), S3 41.67 (4)
 *   2019-Q2: S2, S3, S4 62.67 (1), S1 52.67 (4)
 */
const S1 = '330602600001';
const S2 = '330602600002';
const S3 = '330602600003';
const S4 = '330602600004';
const COUNTY = '330602';

/** Answers are read as JSON; `any` keeps the assertions short (as in tests/support/platform.ts). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let platform: Platform;
let assessor: string;
let secondAssessor: string;

async function recordAccidents(input: ReturnType<typeof accident>[]): Promise<void> {
  const res = await platform.query(
    `mutation($input: [AccidentInput!]!) { recordAccidents(input: $input) { inserted } }`,
    { token: await tokenFor('department:traffic'), variables: { input } },
  );
  expect(res.errors).toBeUndefined();
}

const PUBLISH = listedOperation('PublishAssessmentBoard');
const EXPORT = listedOperation('PublishedBoardExport');
const RANKING = listedOperation('PublishedBoardRanking');
const PAGE = listedOperation('PublishedBoardPage');
const ROW = listedOperation('PublishedBoardRow');
const BOARDS = listedOperation('PublishedBoards');
const HISTORY = listedOperation('StationAssessmentHistory');
const LIVE = listedOperation('PublishedBoardSource');

function publish(variables: Record<string, unknown>, token = assessor): Promise<GraphQLResponse> {
  return platform.query(PUBLISH, { token, variables });
}

async function published(variables: Record<string, unknown>, operation = EXPORT): Promise<Json> {
  const res = await platform.query(operation, { token: assessor, variables });
  expect(res.errors).toBeUndefined();
  return res.data.publishedBoard;
}

async function live(scope: string, period: string): Promise<Json[]> {
  const res = await platform.query(LIVE, {
    token: assessor,
    variables: { scope, period, schemeId: 'fengqiao-2019@1' },
  });
  expect(res.errors).toBeUndefined();
  return res.data.assessmentBoard.rows;
}

const nodes = (board: Json) => (board.rows.edges as { node: Json }[]).map((e) => e.node);
const standing = (board: Json) =>
  nodes(board).map((r) => [r.station.code, r.rank, r.total, r.grade, r.previousRank, r.rankChange]);

/** What is stored, to show that a refusal wrote nothing. */
const stored = async () =>
  (await platform.fingerprint('assessment', 'published_board')) +
  (await platform.fingerprint('assessment', 'published_row'));

function codeOf(res: GraphQLResponse): string | undefined {
  return res.errors?.[0]?.extensions?.code;
}

beforeAll(async () => {
  platform = await startPlatform();
  assessor = await tokenFor('assessor');
  secondAssessor = await tokenFor('admin');
  await registerStations(
    platform,
    [S1, S2, S3, S4].map((code) => registryStation(code, COUNTY)),
  );
  await recordAccidents([
    accident('Q1-S2', S2, '2019-02-01', 0, 1),
    accident('Q1-S3', S3, '2019-02-01', 3, 0),
    accident('Q2-S1', S1, '2019-05-01', 0, 1),
  ]);
});
afterAll(() => platform.stop());

describe('publishing a board', () => {
  let before: Json[];
  let board: Json;

  beforeAll(async () => {
    before = await live(COUNTY, '2019-Q1');
    const res = await publish({ scope: COUNTY, period: '2019-Q1' });
    expect(res.errors).toBeUndefined();
    board = await published({ scope: COUNTY, period: '2019-Q1' });
  });

  it('stores revision 1 with who published it and when the figures were read', () => {
    expect(board).toMatchObject({
      id: `${COUNTY}/2019-Q1/fengqiao-2019@1/1`,
      scope: COUNTY,
      period: '2019-Q1',
      schemeId: 'fengqiao-2019@1',
      scheme: { id: 'fengqiao-2019@1', title: '枫桥式派出所平安考核' },
      revision: 1,
      reason: null,
      publishedBy: 'test-assessor',
      // A token without a name claim: shown by its subject.
      publisherName: 'test-assessor',
      totalCount: 4,
    });
    expect(board.revisions).toEqual([
      {
        revision: 1,
        publishedAt: board.publishedAt,
        publishedBy: 'test-assessor',
        publisherName: 'test-assessor',
        reason: null,
        dataCutoff: board.dataCutoff,
      },
    ]);
    expect(Date.parse(board.dataCutoff)).toBeLessThanOrEqual(Date.parse(board.publishedAt));
  });

  it('is the live board read just before, field by field, to the cent', () => {
    const rows = nodes(board);
    expect(rows).toHaveLength(before.length);
    rows.forEach((row, i) => {
      const was = before[i];
      expect({
        rank: row.rank,
        total: row.total,
        grade: row.grade,
        vetoed: row.vetoed,
        vetoes: row.vetoes,
        station: { code: row.station.code, name: row.stationName, divisionCode: row.divisionCode },
        departments: row.departments,
        indicators: row.indicators,
        deductions: row.deductions,
        vetoCounts: row.vetoCounts,
      }).toEqual(was);
    });
  });

  it('ranks the hand-computed board', () => {
    expect(standing(board)).toEqual([
      [S1, 1, 62.67, 'PASS', null, null],
      [S4, 1, 62.67, 'PASS', null, null],
      [S2, 3, 52.67, 'FAIL', null, null],
      [S3, 4, 41.67, 'FAIL', null, null],
    ]);
  });

  it('summarizes it', async () => {
    const page = await published({ scope: COUNTY, period: '2019-Q1', first: 2 }, PAGE);
    expect(page.summary).toEqual({
      stations: 4,
      vetoed: 0,
      meanTotal: 54.92, // (62.67 × 2 + 52.67 + 41.67) / 4 = 54.92
      medianTotal: 57.67, // (52.67 + 62.67) / 2
      byGrade: [
        { grade: 'EXCELLENT', count: 0 },
        { grade: 'GOOD', count: 0 },
        { grade: 'PASS', count: 2 },
        { grade: 'FAIL', count: 2 },
      ],
      departments: [
        { department: 'CASES', mean: 34, max: 40 },
        { department: 'TRAFFIC', mean: 13.5, max: 20 }, // (20 + 20 + 10 + 4) / 4
        { department: 'SURVEYS', mean: 8.67, max: 40 },
      ],
      divisions: [
        {
          divisionCode: COUNTY,
          stations: 4,
          meanTotal: 54.92,
          byGrade: [
            { grade: 'EXCELLENT', count: 0 },
            { grade: 'GOOD', count: 0 },
            { grade: 'PASS', count: 2 },
            { grade: 'FAIL', count: 2 },
          ],
        },
      ],
    });
  });

  it('pages through the rows in rank order, and filters them by grade', async () => {
    const first = await published({ scope: COUNTY, period: '2019-Q1', first: 3 }, RANKING);
    expect(nodes(first).map((r) => r.station.code)).toEqual([S1, S4, S2]);
    expect(first.rows).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: true } });
    const rest = await published(
      { scope: COUNTY, period: '2019-Q1', first: 3, after: first.rows.pageInfo.endCursor },
      RANKING,
    );
    expect(nodes(rest).map((r) => r.station.code)).toEqual([S3]);
    expect(rest.rows.pageInfo.hasNextPage).toBe(false);
    const failing = await published({ scope: COUNTY, period: '2019-Q1', grade: 'FAIL' }, RANKING);
    expect(nodes(failing).map((r) => r.station.code)).toEqual([S2, S3]);
    expect(failing.rows.totalCount).toBe(2);
  });

  it("reads one station's row", async () => {
    const one = await published({ scope: COUNTY, period: '2019-Q1', stationCode: S2 }, ROW);
    expect(one.row).toEqual(nodes(board)[2]);
    const none = await published(
      { scope: COUNTY, period: '2019-Q1', stationCode: '330602600099' },
      ROW,
    );
    expect(none.row).toBeNull();
  });

  it('is null for a board never published', async () => {
    expect(await published({ scope: COUNTY, period: '2018-Q4' })).toBeNull();
  });
});

describe('the next period, a late record and a revision', () => {
  let first: Json;

  beforeAll(async () => {
    const res = await publish({ scope: COUNTY, period: '2019-Q2' });
    expect(res.errors).toBeUndefined();
    first = await published({ scope: COUNTY, period: '2019-Q2' });
  });

  it("compares every station with its rank on the previous period's board", () => {
    expect(standing(first)).toEqual([
      [S2, 1, 62.67, 'PASS', 3, 2],
      [S3, 1, 62.67, 'PASS', 4, 3],
      [S4, 1, 62.67, 'PASS', 1, 0],
      [S1, 4, 52.67, 'FAIL', 1, -3],
    ]);
  });

  it('moves the live board on a late record, never the published one', async () => {
    await recordAccidents([accident('Q2-S4-late', S4, '2019-06-20', 0, 1)]);
    const rows = await live(COUNTY, '2019-Q2');
    expect(rows.map((r) => [r.station.code, r.rank, r.total])).toEqual([
      [S2, 1, 62.67],
      [S3, 1, 62.67],
      [S1, 3, 52.67],
      [S4, 3, 52.67],
    ]);
    expect(await published({ scope: COUNTY, period: '2019-Q2' })).toEqual(first);
  });

  it('refuses a second revision without a reason, and stores nothing', async () => {
    const before = await stored();
    const res = await publish({ scope: COUNTY, period: '2019-Q2' });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe('reason');
    expect(await stored()).toBe(before);
  });

  it.each([
    ['a bell', 'late \u0007 record'],
    ['an escape sequence', '\u001b[31mred'],
    ['a lone surrogate', 'broken \ud800 text'],
    ['only a zero-width space', '\u200b'],
    ['501 characters', '理'.repeat(501)],
  ])(
    'refuses a reason holding %s, as a withdrawal does, and stores nothing',
    async (_c, reason) => {
      const before = await stored();
      const res = await publish({ scope: COUNTY, period: '2019-Q2', reason });
      expect([codeOf(res), res.errors?.[0]?.extensions?.field]).toEqual([
        'BAD_USER_INPUT',
        'reason',
      ]);
      expect(await stored()).toBe(before);
    },
  );

  it.each(['1800', '1948-H2'])('refuses to publish period %s, before 1949', async (period) => {
    const before = await stored();
    const res = await publish({ scope: COUNTY, period });
    expect([codeOf(res), res.errors?.[0]?.message]).toEqual([
      'BAD_USER_INPUT',
      expect.stringContaining('before 1949'),
    ]);
    expect(await stored()).toBe(before);
  });

  it('publishes revision 2 with a reason; both revisions stay readable; changes lists the moved stations', async () => {
    const res = await publish(
      { scope: COUNTY, period: '2019-Q2', reason: '交警补录事故 (a late accident record)' },
      await namedTokenFor('王建国', 'assessor'),
    );
    expect(res.errors).toBeUndefined();
    expect(res.data.publishAssessmentBoard).toMatchObject({
      revision: 2,
      reason: '交警补录事故 (a late accident record)',
      publishedBy: 'test-assessor',
      // The token's name claim, kept for good beside its subject.
      publisherName: '王建国',
    });
    expect(res.data.publishAssessmentBoard.changes).toEqual([
      {
        station: { code: S1 },
        stationName: '测试派出所001',
        before: { rank: 4, total: 52.67, grade: 'FAIL', vetoed: false },
        after: { rank: 3, total: 52.67, grade: 'FAIL', vetoed: false },
        appeals: [],
      },
      {
        station: { code: S4 },
        stationName: '测试派出所004',
        before: { rank: 1, total: 62.67, grade: 'PASS', vetoed: false },
        after: { rank: 3, total: 52.67, grade: 'FAIL', vetoed: false },
        appeals: [],
      },
    ]);
    const newest = await published({ scope: COUNTY, period: '2019-Q2' });
    expect(newest.revision).toBe(2);
    expect(newest.revisions.map((r: Json) => [r.revision, r.publishedBy, r.publisherName])).toEqual(
      [
        [2, 'test-assessor', '王建国'],
        [1, 'test-assessor', 'test-assessor'],
      ],
    );
    expect(standing(newest)).toEqual([
      [S2, 1, 62.67, 'PASS', 3, 2],
      [S3, 1, 62.67, 'PASS', 4, 3],
      [S1, 3, 52.67, 'FAIL', 1, -2],
      [S4, 3, 52.67, 'FAIL', 1, -2],
    ]);
    const old = await published({ scope: COUNTY, period: '2019-Q2', revision: 1 });
    expect({ ...old, revisions: null }).toEqual({ ...first, revisions: null });
    expect(old.revisions).toEqual(newest.revisions);
  });

  it('lists published boards at their newest revision, the last published first', async () => {
    const res = await platform.query(BOARDS, { token: assessor, variables: { scope: COUNTY } });
    expect(res.errors).toBeUndefined();
    const list = res.data.publishedBoards;
    expect(list.totalCount).toBe(2);
    expect(list.edges.map((e: Json) => [e.node.period, e.node.revision])).toEqual([
      ['2019-Q2', 2],
      ['2019-Q1', 1],
    ]);
    const page = await platform.query(BOARDS, {
      token: assessor,
      variables: { scope: COUNTY, first: 1 },
    });
    expect(page.data.publishedBoards.pageInfo.hasNextPage).toBe(true);
    const next = await platform.query(BOARDS, {
      token: assessor,
      variables: { scope: COUNTY, first: 1, after: page.data.publishedBoards.pageInfo.endCursor },
    });
    expect(next.data.publishedBoards.edges.map((e: Json) => e.node.period)).toEqual(['2019-Q1']);
    expect(next.data.publishedBoards.pageInfo.hasNextPage).toBe(false);
  });
});

describe("the gateway's response cache", () => {
  const variables = { scope: COUNTY, period: '2019-Q1' };
  const read = (token: string | undefined = assessor, operation = RANKING, vars = variables) =>
    platform.countStatements(() => platform.query(operation, { token, variables: vars }));
  const NONE = { stations: 0, cases: 0, traffic: 0, surveys: 0, assessment: 0 };

  it('answers a repeated read of a published board without a subgraph fetch', async () => {
    const first = await read();
    const again = await read();
    expect(again.result).toEqual(first.result);
    expect(again.statements).toEqual(NONE);
    expect(await platform.metrics()).toMatch(
      /gateway_response_cache_lookups_total\{result="hit",service="gateway"\} [1-9]/,
    );
    // Other variables are another answer.
    const older = await read(assessor, RANKING, { ...variables, revision: 1, first: 1 } as never);
    expect(older.statements.assessment).toBe(2);
    expect(nodes(older.result.data.publishedBoard)).toHaveLength(1);
  });

  it('still verifies the token', async () => {
    await read();
    expect(codeOf((await read('')).result)).toBe('UNAUTHENTICATED');
    expect(codeOf((await read('not-a-token')).result)).toBe('UNAUTHENTICATED');
  });

  it("shows the registry's current entries: a renamed station at once", async () => {
    const live = `query($scope: ID!, $period: String!) {
      publishedBoard(scope: $scope, period: $period) {
        rows { edges { node { station { code name } } } } } }`;
    await read(assessor, live);
    expect((await read(assessor, live)).statements).toEqual(NONE);
    await registerStations(platform, [{ ...registryStation(S2, COUNTY), name: '改名派出所' }]);
    const renamed = await read(assessor, live);
    expect(renamed.statements.stations).toBeGreaterThan(0);
    const names = nodes(renamed.result.data.publishedBoard).map((r: Json) => r.station.name);
    expect(names).toContain('改名派出所');
    await registerStations(platform, [registryStation(S2, COUNTY)]);
  });

  it('keeps nothing with RESPONSE_CACHE_MB=0', async () => {
    const off = await platform.startGateway({ RESPONSE_CACHE_MB: '0' });
    const viaOff = () =>
      platform.countStatements(() => postGraphQL(off.url, RANKING, { token: assessor, variables }));
    await viaOff();
    const again = await viaOff();
    expect(again.result.errors).toBeUndefined();
    expect(again.statements.assessment).toBe(2);
  });

  it('shows a new revision at once, through this gateway and through another', async () => {
    const replica = await platform.startGateway({});
    const viaReplica = () =>
      platform.countStatements(() =>
        postGraphQL(replica.url, RANKING, { token: assessor, variables }),
      );
    await read();
    await viaReplica();
    const before = await read();
    expect(before.statements).toEqual(NONE);
    expect((await viaReplica()).statements).toEqual(NONE);
    const res = await publish({ ...variables, reason: '复核 (a check)' });
    expect(res.errors).toBeUndefined();
    const revision = before.result.data.publishedBoard.revision + 1;
    expect((await read()).result.data.publishedBoard.revision).toBe(revision);
    expect((await viaReplica()).result.data.publishedBoard.revision).toBe(revision);
  });
});

describe('refusals, none of which stores anything', () => {
  it('refuses a period that has not ended', async () => {
    const before = await stored();
    const res = await publish({ scope: COUNTY, period: '2019-Q3' });
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.field).toBe('period');
    expect(await stored()).toBe(before);
  });

  it.each([['department:cases'], [`station:${S1}`], ['department:stations']])(
    'refuses a %s token (FORBIDDEN)',
    async (role) => {
      const before = await stored();
      const res = await publish({ scope: COUNTY, period: '2019-H1' }, await tokenFor(role));
      expect(codeOf(res)).toBe('FORBIDDEN');
      expect(await stored()).toBe(before);
    },
  );

  it('refuses a board with a department unavailable (DEPARTMENT_UNAVAILABLE)', async () => {
    const before = await stored();
    await platform.stopSubgraph('surveys');
    try {
      const res = await publish({ scope: COUNTY, period: '2019-H1' });
      expect(codeOf(res)).toBe('DEPARTMENT_UNAVAILABLE');
      expect(res.errors?.[0]?.message).toContain('surveys');
    } finally {
      await platform.restartSubgraph('surveys');
    }
    expect(await stored()).toBe(before);
  });

  it('refuses reads out of bounds (BAD_USER_INPUT naming the argument)', async () => {
    const read = async (operation: string, variables: Json) =>
      (await platform.query(operation, { token: assessor, variables })).errors?.[0]?.extensions;
    const board = { scope: COUNTY, period: '2019-Q1' };
    expect(await read(RANKING, { ...board, first: 0 })).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
    expect(await read(RANKING, { ...board, first: 5001 })).toMatchObject({ field: 'first' });
    expect(await read(RANKING, { ...board, after: 'bm90LWEtY3Vyc29y' })).toMatchObject({
      field: 'after',
    });
    expect(await read(RANKING, { ...board, revision: 0 })).toMatchObject({ field: 'revision' });
    expect(await read(RANKING, { ...board, division: '33060' })).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await read(HISTORY, { code: S1, scope: COUNTY, last: 121 })).toMatchObject({
      field: 'last',
    });
    expect(await read(HISTORY, { code: S1, scope: COUNTY, schemeName: 'Bad Name' })).toMatchObject({
      field: 'schemeName',
    });
  });

  it('refuses to change or remove what was published', async () => {
    for (const sql of [
      'UPDATE published_board SET reason = $1',
      'DELETE FROM published_row WHERE $1::text IS NOT NULL',
      'TRUNCATE published_row',
    ]) {
      await expect(
        platform.sql('assessment', sql, sql.includes('$1') ? ['x'] : []),
      ).rejects.toThrow(/never changed/);
    }
  });
});

describe('two assessors publishing the same board at once', () => {
  it('get two consecutive revisions', async () => {
    const variables = { scope: COUNTY, period: '2019-H1', reason: '申诉复核 (an appeal)' };
    const [a, b] = await Promise.all([
      publish(variables, assessor),
      publish(variables, secondAssessor),
    ]);
    expect(a.errors).toBeUndefined();
    expect(b.errors).toBeUndefined();
    const revisions = [a, b].map((r) => r.data.publishAssessmentBoard.revision).sort();
    expect(revisions).toEqual([1, 2]);
  });
});

describe("a station's history", () => {
  it('lists its rows on the newest revisions, the newest period first', async () => {
    const res = await platform.query(HISTORY, {
      token: await tokenFor(`station:${S4}`),
      variables: { code: S4, scope: COUNTY },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.station.assessmentHistory).toEqual([
      // 2019-Q2 and 2019-H1 end the same day; the quarter started later, so it comes first.
      {
        period: '2019-Q2',
        schemeId: 'fengqiao-2019@1',
        revision: 2,
        rank: 3,
        of: 4,
        total: 52.67,
        grade: 'FAIL',
        vetoed: false,
        resolvedAppeals: [],
      },
      {
        period: '2019-H1',
        schemeId: 'fengqiao-2019@1',
        revision: 2,
        rank: 1,
        of: 4,
        total: 52.67,
        grade: 'FAIL',
        vetoed: false,
        resolvedAppeals: [],
      },
      {
        period: '2019-Q1',
        schemeId: 'fengqiao-2019@1',
        revision: 2, // published again by the cache's test
        rank: 1,
        of: 4,
        total: 62.67,
        grade: 'PASS',
        vetoed: false,
        resolvedAppeals: [],
      },
    ]);
    const last = await platform.query(HISTORY, {
      token: assessor,
      variables: { code: S4, scope: COUNTY, schemeName: 'fengqiao-2019', last: 1 },
    });
    expect(last.data.station.assessmentHistory.map((p: { period: string }) => p.period)).toEqual([
      '2019-Q2',
    ]);
    const elsewhere = await platform.query(HISTORY, {
      token: assessor,
      variables: { code: S4, scope: '330600' },
    });
    expect(elsewhere.data.station.assessmentHistory).toEqual([]);
  });
});

describe('the previous period is looked up by scheme name, whatever the version', () => {
  const schemeInput = async (id: string, name: string) => {
    const res = await platform.query(listedOperation('AssessmentScheme'), {
      token: assessor,
      variables: { id },
    });
    const { title, indicators, deductions, vetoes } = res.data.assessmentScheme;
    return {
      name,
      title,
      indicators: indicators.map(({ label: _label, ...rule }: Json) => rule),
      deductions: deductions.map(({ label: _label, ...rule }: Json) => rule),
      vetoes: vetoes.map(({ label: _label, ...rule }: Json) => rule),
    };
  };
  const publishScheme = async (input: Json) => {
    const res = await platform.query(listedOperation('PublishAssessmentScheme'), {
      token: assessor,
      variables: { input },
    });
    expect(res.errors).toBeUndefined();
    return res.data.publishAssessmentScheme.id as string;
  };

  it('compares 2019-06 under fengqiao-2019@1 with 2019-05 under fengqiao-2019@2, not another name', async () => {
    // Version 2 of the same name, with the same rules.
    const v2 = await publishScheme(await schemeInput('fengqiao-2019@1', 'fengqiao-2019'));
    expect(v2).toBe('fengqiao-2019@2');
    // Another name, on the surveys alone: nobody has survey records, so all four tie.
    const other = await publishScheme({
      name: 'surveys-only',
      title: '群众评价考核',
      indicators: [
        {
          key: 'surveys.validComplaints',
          department: 'SURVEYS',
          weight: 50,
          method: 'YOY',
          direction: 'LOWER',
          fullAt: 0.1,
          zeroAt: -0.2,
        },
        {
          key: 'surveys.commendations',
          department: 'SURVEYS',
          weight: 50,
          method: 'YOY',
          direction: 'HIGHER',
          fullAt: 0.1,
          zeroAt: -0.2,
        },
      ],
    });
    // 2019-05: S1's accident puts it 4th under fengqiao-2019; under surveys-only all are 1st.
    for (const schemeId of [v2, other]) {
      const res = await publish({ scope: COUNTY, period: '2019-05', schemeId });
      expect(res.errors).toBeUndefined();
    }
    // 2019-06: S4's late accident puts it 4th.
    const res = await publish({ scope: COUNTY, period: '2019-06', schemeId: 'fengqiao-2019@1' });
    expect(res.errors).toBeUndefined();
    const june = await published({ scope: COUNTY, period: '2019-06' });
    expect(june.schemeId).toBe('fengqiao-2019@1');
    expect(standing(june)).toEqual([
      [S1, 1, 62.67, 'PASS', 4, 3],
      [S2, 1, 62.67, 'PASS', 1, 0],
      [S3, 1, 62.67, 'PASS', 1, 0],
      [S4, 4, 52.67, 'FAIL', 1, -3],
    ]);
    // Without a scheme, a period's board is the one published last for it.
    expect((await published({ scope: COUNTY, period: '2019-05' })).schemeId).toBe(other);
    const may = await published({ scope: COUNTY, period: '2019-05', schemeId: v2 });
    expect(standing(may).map(([code, rank]) => [code, rank])).toEqual([
      [S2, 1],
      [S3, 1],
      [S4, 1],
      [S1, 4],
    ]);
  });
});

describe('a board published again and again', () => {
  it('lists its newest 10 revisions, and reads an older one by its number', async () => {
    for (let n = 1; n <= 12; n += 1) {
      const res = await publish({
        scope: COUNTY,
        period: '2018-Q1',
        ...(n > 1 ? { reason: `第${n}次更正 (correction ${n})` } : {}),
      });
      expect(res.errors).toBeUndefined();
    }
    const newest = await published({ scope: COUNTY, period: '2018-Q1' });
    expect(newest.revision).toBe(12);
    expect(newest.revisions.map((r: { revision: number }) => r.revision)).toEqual([
      12, 11, 10, 9, 8, 7, 6, 5, 4, 3,
    ]);
    const first = await published({ scope: COUNTY, period: '2018-Q1', revision: 1 });
    expect(first.revision).toBe(1);
  });
});
