import { scenarios, DRILL_DOWN_STATION, type ProfileStation } from '../../scripts/bench/scenarios';
import { gatewaySchema } from '../../scripts/import/kinds';
import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

/**
 * `npm run bench` measures its own operations (scripts/bench/scenarios.ts); this keeps their
 * SQL cost per subgraph independent of how many stations there are, with those very
 * operations. Scenarios the supergraph cannot run yet (the board before the assessment
 * subgraph) are skipped here as they are in the bench.
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

/** The statements each subgraph sends for one request of the bench's scenario `id`. */
async function statementsOf(id: string, profile: ProfileStation[]) {
  const scenario = scenarios(gatewaySchema(), profile, 'test').find((s) => s.id === id);
  if (!scenario) throw new Error(`no scenario ${id}`);
  const { result, statements } = await platform.countStatements(async () =>
    platform.query(scenario.operation, {
      token: await tokenFor(scenario.role),
      variables: scenario.variables(),
    }),
  );
  expect(result.errors).toBeUndefined();
  expect(scenario.check(result.data)).toBeNull();
  return statements;
}

beforeAll(async () => {
  platform = await startPlatform();
});

afterAll(() => platform?.stop());

const runnable = new Set(
  scenarios(gatewaySchema(), [], 'test')
    .filter((s) => !s.skipped)
    .map((s) => s.id),
);

describe.each(['drill-down', 'board-city', 'board-province'])('the bench’s %s', (id) => {
  const test = runnable.has(id) ? it : it.skip;
  test('costs each subgraph the same statements with 5 stations as with 200, at most 2', async () => {
    const few = await statementsOf(id, await register(5));
    const many = await statementsOf(id, await register(200));
    expect(many).toEqual(few);
    for (const count of Object.values(few)) expect(count).toBeLessThanOrEqual(2);
  });
});
