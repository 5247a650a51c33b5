import { scenarios, DRILL_DOWN_STATION, type ProfileStation } from '../../bench/gateways/scenarios';
import { gatewaySchema } from '../../scripts/import/kinds';
import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

/**
 * `npm run bench` measures the screens' listed operations (bench/gateways/scenarios.ts); this
 * keeps their SQL cost per subgraph independent of how many stations there are, with those
 * very requests: the drill-down, the station's board row, the records behind one of its
 * figures, the 绍兴 and the province boards and reports.
 */
const COUNTY = '330681';
let platform: Platform;

/** The drill-down's station and `count - 1` others in its county, as the bench sees them. */
async function register(count: number): Promise<ProfileStation[]> {
  const codes = [
    DRILL_DOWN_STATION,
    ...Array.from({ length: count - 1 }, (_, i) => `${COUNTY}${600000 + i}`),
  ];
  await registerStations(
    platform,
    codes.map((code) => registryStation(code, COUNTY)),
  );
  return codes.map((code) => ({ code, divisionCode: COUNTY }));
}

/** The bench's read scenarios that run on this supergraph (the writes cost what they write). */
const READS = [
  'drill-down',
  'board-row',
  'indicator-records',
  'board-city',
  'board-province',
  'report-city',
  'report-province',
];

/** The statements each subgraph sends for one request of each read scenario, by scenario. */
async function statementsOf(profile: ProfileStation[]) {
  const counts: Record<string, Record<string, number>> = {};
  for (const scenario of scenarios(gatewaySchema(), profile, 'test')) {
    if (!READS.includes(scenario.id) || scenario.skipped) continue;
    const { result, statements } = await platform.countStatements(async () =>
      platform.query(scenario.operation, {
        token: await tokenFor(scenario.role),
        variables: scenario.variables(),
        headers: scenario.headers,
      }),
    );
    expect(result.errors).toBeUndefined();
    expect(scenario.check(result.data)).toBeNull();
    counts[scenario.id] = statements;
  }
  return counts;
}

beforeAll(async () => {
  platform = await startPlatform();
  // A department asks the graph for a scheme's keys once per process (kit/contract/scheme-keys.ts):
  // asked here, so that the counts below are those of every later board.
  const warm = await platform.query(
    '{ assessmentBoard(scope: "330000", period: "2019") { caseIndicators { stationCode } trafficIndicators { stationCode } surveyIndicators { stationCode } } }',
    { token: await tokenFor('admin') },
  );
  expect(warm.errors).toBeUndefined();
});

afterAll(() => platform?.stop());

it('costs each subgraph the same statements with 5 stations as with 200, at most 2', async () => {
  const few = await statementsOf(await register(5));
  const many = await statementsOf(await register(200));
  expect(Object.keys(few)).toEqual(
    scenarios(gatewaySchema(), [], 'test')
      .filter((s) => READS.includes(s.id) && !s.skipped)
      .map((s) => s.id),
  );
  expect(many).toEqual(few);
  for (const counts of Object.values(few)) {
    for (const count of Object.values(counts)) expect(count).toBeLessThanOrEqual(2);
  }
});

it('runs the published-board scenarios: their boards published first, each read in two statements', async () => {
  const profile = Array.from({ length: 200 }, (_, i) => ({
    code: i === 0 ? DRILL_DOWN_STATION : `${COUNTY}${600000 + i - 1}`,
    divisionCode: COUNTY,
  }));
  const published = scenarios(gatewaySchema(), profile, 'test').filter(
    (s) => s.id.startsWith('published') || s.id === 'publish-province',
  );
  expect(published.map((s) => [s.id, s.skipped])).toEqual(
    [
      'published-city',
      'published-city-export',
      'published-province-page',
      'published-province',
      'published-cached',
      'publish-province',
    ].map((id) => [id, undefined]),
  );
  for (const step of published.flatMap((s) => s.prepare ?? [])) {
    const res = await platform.query(step.operation, {
      token: await tokenFor(step.role),
      variables: step.variables,
    });
    expect(res.errors).toBeUndefined();
  }
  for (const scenario of published) {
    const { result, statements } = await platform.countStatements(async () =>
      platform.query(scenario.operation, {
        token: await tokenFor(scenario.role),
        variables: scenario.variables(),
        headers: scenario.headers,
      }),
    );
    expect(result.errors).toBeUndefined();
    expect(scenario.check(result.data)).toBeNull();
    if (scenario.id !== 'publish-province') {
      expect(statements.assessment).toBeLessThanOrEqual(2);
    }
  }
});
