import { listedOperation } from '../../platform/operations';
import { publishDemoBoards } from '../../scripts/demo-boards';
import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

let platform: Platform;
let assessor: string;
let published: string[];

// The demo as `npm start` leaves it: 绍兴's records, and its boards published by the demo's
// assessor through the gateway, as start.ts publishes them.
beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  assessor = await tokenFor('assessor');
  published = await publishDemoBoards(platform.gateway.url, assessor);
}, 300_000);
afterAll(() => platform.stop());

interface RankedRow {
  rank: number;
  previousRank: number | null;
  rankChange: number | null;
  station: { code: string };
  total: number;
}

async function ranking(period: string): Promise<RankedRow[]> {
  const res = await platform.query(listedOperation('PublishedBoardRanking'), {
    token: assessor,
    variables: { scope: '330600', period, first: 100 },
  });
  expect(res.errors).toBeUndefined();
  return (res.data.publishedBoard.rows.edges as { node: RankedRow }[]).map((e) => e.node);
}

describe("the demo's published boards", () => {
  it('are every month, quarter, half and year of 2018 and 2019, each once it has ended', () => {
    const of2018 = published.filter((period) => period.startsWith('2018'));
    expect(of2018).toEqual([
      '2018-01', '2018-02', '2018-03', '2018-Q1',
      '2018-04', '2018-05', '2018-06', '2018-Q2', '2018-H1',
      '2018-07', '2018-08', '2018-09', '2018-Q3',
      '2018-10', '2018-11', '2018-12', '2018-Q4', '2018-H2', '2018',
    ]); // prettier-ignore
    expect(published.slice(of2018.length)).toEqual(of2018.map((p) => p.replace('2018', '2019')));
  });

  it("give 2019-H1, the screen's first view, every station's rank on 2018-H2 and its move", async () => {
    const rows = await ranking('2019-H1');
    expect(rows).toHaveLength(92);
    expect(rows.filter((r) => r.previousRank === null)).toEqual([]);
    expect(rows.filter((r) => r.rankChange !== 0).length).toBeGreaterThan(10);
  });
});
