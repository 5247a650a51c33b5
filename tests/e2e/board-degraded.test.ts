import { listedOperation } from '../../platform/operations';
import { startPlatform, type GraphQLResponse, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * Department systems fail; the assessment screen must not. With one department down the board
 * still ranks every station on what the others publish, says which department is missing, and
 * is whole again within 5 s of its return. The registry or the assessors' own subgraph down is
 * a clear error, at once.
 */
let platform: Platform;
let assessor: string;
let whole: GraphQLResponse;
const BOARD = listedOperation('AssessmentBoardScreen');
const variables = { scope: '330600', period: '2019-H1' };

interface Indicator {
  key: string;
  department: string;
  current: number | null;
  points: number;
  note: string | null;
}
interface Row {
  station: { code: string };
  indicators: Indicator[];
  deductions: { key: string; count: number; points: number; note: string | null }[];
  departments: { department: string; score: number }[];
}

const board = () => platform.query(BOARD, { token: assessor, variables });
const rowsOf = (res: GraphQLResponse): Row[] => res.data?.assessmentBoard?.rows ?? [];

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  assessor = await tokenFor('assessor');
  whole = await board();
  expect(whole.errors).toBeUndefined();
  expect(rowsOf(whole)).toHaveLength(92);
});
afterAll(() => platform.stop());

describe('a department down', () => {
  it('scores every station on the others, marks its indicators unavailable and names it', async () => {
    await platform.stopSubgraph('traffic');
    const degraded = await board();
    expect(degraded.errors).toEqual([
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'traffic' }),
      }),
    ]);
    const rows = rowsOf(degraded);
    expect(rows).toHaveLength(92);
    const before = new Map(rowsOf(whole).map((row) => [row.station.code, row]));
    for (const row of rows) {
      const traffic = row.indicators.filter((i) => i.department === 'TRAFFIC');
      expect(traffic.length).toBeGreaterThan(0);
      expect(traffic).toEqual(
        traffic.map((i) => ({ ...i, current: null, points: 0, note: 'DEPARTMENT_UNAVAILABLE' })),
      );
      expect(
        row.deductions.every((d) => d.count === 0 && d.note === 'DEPARTMENT_UNAVAILABLE'),
      ).toBe(true);
      expect(row.departments.find((d) => d.department === 'TRAFFIC')?.score).toBe(0);
      // The departments that answered score exactly as on the whole board.
      const others = (r: Row) => r.indicators.filter((i) => i.department !== 'TRAFFIC');
      expect(others(row)).toEqual(others(before.get(row.station.code) as Row));
    }
  });

  it('is whole again within 5 s of its return', async () => {
    await platform.restartSubgraph('traffic');
    const returned = Date.now();
    let again = await board();
    while (again.errors && Date.now() - returned < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = await board();
    }
    expect(again.errors).toBeUndefined();
    expect(again.data).toEqual(whole.data);
    expect(Date.now() - returned).toBeLessThan(5000);
  });
});

describe.each(['stations', 'assessment'])('the %s subgraph down', (name) => {
  it('answers at once with an error naming it, and recovers', async () => {
    await platform.stopSubgraph(name);
    const started = Date.now();
    const res = await board();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.data?.assessmentBoard ?? null).toBeNull();
    expect(res.errors).toContainEqual(
      expect.objectContaining({
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: name }),
      }),
    );
    await platform.restartSubgraph(name);
    let again = await board();
    for (const deadline = Date.now() + 5000; again.errors && Date.now() < deadline;) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      again = await board();
    }
    expect(again.data).toEqual(whole.data);
  });
});
