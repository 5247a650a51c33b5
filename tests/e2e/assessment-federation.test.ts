import { prettyFormatQueryPlan } from '@apollo/query-planner';
import { DEPARTMENTS } from '../../subgraphs/departments';
import { startPlatform, type Platform } from '../support/platform';
import { fetchedServices, withPlan } from '../support/query-plans';
import { crowdOfStations, registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

/** Every department of the registry, as a plan's Parallel node lists them. */
const EVERY_DEPARTMENT = DEPARTMENTS.map((d) => d.name).sort();

process.env.PLATFORM_TODAY = '2019-08-15';

/** The board screen: every station's rank, name, total, grade and indicator points. */
const SCREEN = `query Screen($scope: ID!) {
  assessmentBoard(scope: $scope, period: "2019-H1") {
    partial
    rows {
      rank total grade vetoed
      station { code name }
      departments { department score }
      indicators { key points note }
      deductions { key count points }
    }
  }
}`;

/** 越城区 (330602): five stations of its own; the crowd adds 200 elsewhere in the city. */
const FIVE = Array.from({ length: 5 }, (_, i) => registryStation(`33060260000${i + 1}`, '330602'));

let platform: Platform;
let token: string;

beforeAll(async () => {
  platform = await startPlatform();
  token = await tokenFor(`station:${FIVE[0]?.code}`);
  await registerStations(platform, [...FIVE, ...crowdOfStations()]);
});
afterAll(() => platform.stop());

/**
 * Runs `query` through a gateway of its own over the platform's subgraphs, which reports the
 * plan it makes: the answer, the plan printed, and the services of each stage of its sequence
 * (those of a Parallel node sorted).
 */
async function planned(query: string, scope: string, as = token) {
  const { res, plan } = await withPlan(platform, query, { token: as, variables: { scope } });
  expect(res.errors).toBeUndefined();
  const root = plan.node;
  if (root?.kind !== 'Sequence') throw new Error(`the plan is not a sequence: ${root?.kind}`);
  const stages = root.nodes.map((node) =>
    node.kind === 'Parallel' ? { parallel: fetchedServices(node).sort() } : fetchedServices(node),
  );
  return { data: res.data, stages, printed: prettyFormatQueryPlan(plan) };
}

describe("the gateway's query plan for the board", () => {
  it('fetches the registry, then every department in one Parallel node, then the rows, then their names', async () => {
    const { data, stages, printed } = await planned(SCREEN, '330602');
    expect(data.assessmentBoard.rows).toHaveLength(5);
    expect(data.assessmentBoard.rows.map((r: { station: unknown }) => r.station)).toEqual(
      expect.arrayContaining(FIVE.map(({ code, name }) => ({ code, name }))),
    );
    // The printed plan is in the comparison so that a failure shows it.
    expect({ stages, printed }).toEqual({
      stages: [
        ['assessment'], // assessmentBoard: the board's key, partial
        ['stations'], // the registry's stations of the scope
        { parallel: EVERY_DEPARTMENT }, // each department's indicators, at once
        ['assessment'], // rows, @requires all of the above
        ['stations'], // the rows' station names, by key
      ],
      printed: expect.stringContaining('Parallel {'),
    });
  });

  it("fetches the rows' Station fields from the subgraphs that resolve them", async () => {
    const { data, stages, printed } = await planned(
      `query Stations($scope: ID!) {
        assessmentBoard(scope: $scope, period: "2019-H1") {
          rows { station { code name division { name } caseStats(period: "2019-H1") { homicides } } }
        }
      }`,
      '330602',
      // A station's own token reads no other station's statistics
      await tokenFor('assessor'),
    );
    expect({ stages, printed }).toEqual({
      stages: [
        ['assessment'],
        ['stations'],
        { parallel: EVERY_DEPARTMENT },
        ['assessment'],
        { parallel: ['cases', 'stations'] }, // the division and the case statistics, by key
      ],
      printed: expect.stringContaining('Parallel {'),
    });
    const [first] = FIVE;
    expect(data.assessmentBoard.rows).toContainEqual({
      station: {
        code: first?.code,
        name: first?.name,
        division: { name: '越城区' },
        caseStats: { homicides: 0 },
      },
    });
  });
});

describe('SQL statements per board request', () => {
  it('stay the same for a board of 5 stations, of 205 (the city) and of 1,200 (the province at its bound)', async () => {
    // 995 more in 上城区: the province at the registry's bound, whose rows request carries ~1.8 KB
    // a station
    await registerStations(
      platform,
      Array.from({ length: 995 }, (_, i) => registryStation(`330102${800000 + i}`, '330102')),
    );
    const screen = (scope: string) => platform.query(SCREEN, { token, variables: { scope } });
    const boards = [];
    for (const [scope, size] of [
      ['330602', 5],
      ['330600', 205],
      ['330000', 1200],
    ] as const) {
      const { result, statements } = await platform.countStatements(() => screen(scope));
      expect(result.errors).toBeUndefined();
      expect(result.data.assessmentBoard.rows).toHaveLength(size);
      boards.push(statements);
    }
    const expected = {
      stations: 2, // the stations of the scope (checked only when none), then the rows' names
      // each department: every station, period and baseline in one statement
      ...Object.fromEntries(DEPARTMENTS.map((d) => [d.name, 1])),
      assessment: 2, // the newest scheme (board key), then the scheme again for the rows' fetch
    };
    expect(boards).toEqual([expected, expected, expected]);
  });
});
