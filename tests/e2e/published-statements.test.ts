import { listedOperation } from '../../platform/operations';
import { postGraphQL, startPlatform, type Platform } from '../support/platform';
import { registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

// The safelist is on, as in production: publishing reads the live board through the gateway
// with a listed operation, so it must work with only listed operations running.
process.env.SAFELIST = 'on';
process.env.PLATFORM_TODAY = '2019-08-15';
// The province's live board, read to publish it, takes seconds on a test machine shared by
// several runs: the gateway's deadline for a subgraph (and so for publishing) is raised.
process.env.SUBGRAPH_TIMEOUT_MS = '120000';

/**
 * Reading a published board costs the assessors' subgraph the same two statements whatever
 * the board's size and the page: a county of 5 stations and Zhejiang's 1,178.
 */
const COUNTY = '330602';
const PROVINCE = '330000';
const PERIOD = '2019-Q2';
const FIVE = Array.from({ length: 5 }, (_, i) => registryStation(`33060260000${i + 1}`, COUNTY));
const OTHERS = Array.from({ length: 1173 }, (_, i) =>
  registryStation(`${i < 1000 ? '330624' : '330683'}${700000 + i}`, i < 1000 ? '330624' : '330683'),
);

let platform: Platform;
let assessor: string;

async function load(stations: ReturnType<typeof registryStation>[]): Promise<void> {
  const res = await platform.query(listedOperation('LoadStations'), {
    token: await tokenFor('department:stations'),
    variables: { input: stations },
  });
  expect(res.errors).toBeUndefined();
}

async function publish(scope: string): Promise<void> {
  const res = await platform.query(listedOperation('PublishAssessmentBoard'), {
    token: assessor,
    variables: { scope, period: PERIOD },
  });
  expect(res.errors).toBeUndefined();
  expect(res.data.publishAssessmentBoard.totalCount).toBe(scope === PROVINCE ? 1178 : 5);
}

beforeAll(async () => {
  platform = await startPlatform();
  assessor = await tokenFor('assessor');
  await load(FIVE);
  await load(OTHERS.slice(0, 1000));
  await load(OTHERS.slice(1000));
  await publish(COUNTY);
  await publish(PROVINCE);
}, 300_000);
afterAll(() => platform.stop());

it('publishes through a gateway that runs only listed operations', async () => {
  const res = await platform.query(listedOperation('PublishedBoards'), {
    token: assessor,
    variables: { period: PERIOD },
  });
  expect(res.errors).toBeUndefined();
  expect(
    res.data.publishedBoards.edges.map((e: { node: { scope: string; totalCount: number } }) => [
      e.node.scope,
      e.node.totalCount,
    ]),
  ).toEqual([
    [PROVINCE, 1178],
    [COUNTY, 5],
  ]);
});

describe.each([
  ['PublishedBoardRanking', {}],
  ['PublishedBoardPage', { first: 50 }],
  ['PublishedBoardExport', {}],
  ['PublishedBoardRow', { stationCode: FIVE[2]?.code }],
])('%s', (operation, extra) => {
  it('costs two statements for 5 stations and for 1,178', async () => {
    const read = (scope: string) =>
      platform.countStatements(() =>
        platform.query(listedOperation(operation), {
          token: assessor,
          variables: { scope, period: PERIOD, ...extra },
        }),
      );
    const small = await read(COUNTY);
    const large = await read(PROVINCE);
    for (const [{ result }, stations] of [
      [small, 5],
      [large, 1178],
    ] as const) {
      expect(result.errors).toBeUndefined();
      expect(result.data.publishedBoard.totalCount).toBe(stations);
    }
    if (operation === 'PublishedBoardRanking' || operation === 'PublishedBoardExport') {
      expect(large.result.data.publishedBoard.rows.edges).toHaveLength(1178);
    }
    expect(small.statements).toEqual({
      stations: 0,
      cases: 0,
      traffic: 0,
      surveys: 0,
      assessment: 2,
    });
    expect(large.statements).toEqual(small.statements);
  });
});

describe('requests that are not listed, to a gateway of the same subgraphs without the safelist', () => {
  let open: { url: string };
  beforeAll(async () => {
    open = await platform.startGateway({ SAFELIST: 'off' });
  });

  it('reads every board, rows and row of a request in two statements', async () => {
    const { result, statements } = await platform.countStatements(() =>
      postGraphQL(
        open.url,
        `query($period: String!, $code: ID!) {
           province: publishedBoard(scope: "${PROVINCE}", period: $period) {
             totalCount
             page: rows(first: 50) { edges { node { rank } } }
             failing: rows(grade: FAIL) { totalCount }
             row(stationCode: $code) { rank indicators { key } }
           }
           county: publishedBoard(scope: "${COUNTY}", period: $period) {
             rows { edges { node { rank } } }
             row(stationCode: $code) { rank }
           }
         }`,
        { token: assessor, variables: { period: PERIOD, code: FIVE[0]?.code } },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.province.page.edges).toHaveLength(50);
    expect(result.data.province.row.indicators).toHaveLength(13);
    expect(result.data.county.rows.edges).toHaveLength(5);
    // One statement for both boards, one for all their rows.
    expect(statements.assessment).toBe(2);
  });

  it('lists boards and their rows in two statements', async () => {
    const { result, statements } = await platform.countStatements(() =>
      postGraphQL(
        open.url,
        `{ publishedBoards { edges { node { scope rows(first: 3) { edges { node { rank } } } } } } }`,
        { token: assessor },
      ),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data.publishedBoards.edges).toHaveLength(2);
    expect(statements.assessment).toBe(2);
  });

  it("reads every station's history in one statement", async () => {
    const history = (scope: string) =>
      platform.countStatements(() =>
        postGraphQL(
          open.url,
          `query($scope: ID!) { stations(scope: $scope, first: 1000) { edges { node {
           code assessmentHistory(scope: $scope) { period rank of total } } } } }`,
          { token: assessor, variables: { scope } },
        ),
      );
    const small = await history(COUNTY);
    const large = await history('330624');
    expect(small.result.errors).toBeUndefined();
    expect(large.result.errors).toBeUndefined();
    expect(small.result.data.stations.edges).toHaveLength(5);
    expect(large.result.data.stations.edges).toHaveLength(1000);
    expect(small.result.data.stations.edges[0].node.assessmentHistory).toEqual([
      { period: PERIOD, rank: 1, of: 5, total: 84.01 },
    ]);
    // 330624 has no board of its own: its stations are on the province's, not on a county's.
    expect(large.result.data.stations.edges[0].node.assessmentHistory).toEqual([]);
    expect(small.statements.assessment).toBe(1);
    expect(large.statements.assessment).toBe(1);
  });
});
