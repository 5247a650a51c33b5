import { reportTable, type CheckResult } from '../../scripts/conformance/report';
import { runConformance, type SuiteOptions } from '../../scripts/conformance/suite';
import { BOARD_DEPARTMENTS } from '../../subgraphs/departments';
import { everyFigureLoads, loadRecords, publishEveryKeyScheme } from '../support/every-figure';
import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';

// 2019-H1 has ended by this "today": the board and the listings cover whole halves.
process.env.PLATFORM_TODAY = '2019-08-15';

/** Two stations of 越城区, the only ones registered; the first holds records of every kind. */
const S1 = '330602600101';
const S2 = '330602600102';

let platform: Platform;
let everyKey = '';

beforeAll(async () => {
  platform = await startPlatform();
  await registerStations(
    platform,
    [S1, S2].map((code) => registryStation(code, '330602')),
  );
  await loadRecords(platform, everyFigureLoads(S1, S2));
  everyKey = await publishEveryKeyScheme(
    platform,
    BOARD_DEPARTMENTS.flatMap((d) => d.indicators),
  );
});
afterAll(() => platform.stop());

/** The suite as `npm run conformance -- --name <name> --url <its url>` runs it here. */
function conformance(name: string, url = platform.service(name).url): Promise<CheckResult[]> {
  const options: SuiteOptions = {
    name,
    url,
    gateway: platform.gateway.url,
    scope: '330602',
    period: '2019-H1',
    scheme: everyKey,
    jwtSecret: process.env.JWT_SECRET ?? '',
    ...(process.env.SUBGRAPH_SECRET ? { subgraphSecret: process.env.SUBGRAPH_SECRET } : {}),
  };
  return runConformance(options);
}

/** Every check the suite runs on a department, in its order. */
const CHECKS = [
  'health',
  'sdl',
  'proof',
  'catalog',
  'graph',
  'entities',
  'incomplete representation',
  'no token',
  'own station',
  'other station',
  'other station, forged',
  'other department',
  'board keys',
  'records add up',
  'errors coded',
];

describe.each(BOARD_DEPARTMENTS.map((d) => d.name))('the %s department', (name) => {
  let results: CheckResult[];
  beforeAll(async () => {
    results = await conformance(name);
    if (process.env.CONFORMANCE_TABLES) console.log(reportTable(name, 'in-process', results));
  });

  it('runs every check, in order', () => {
    expect(results.map((r) => r.check)).toEqual(CHECKS);
  });

  for (const check of CHECKS) {
    const outcome = () => {
      const result = results.find((r) => r.check === check);
      return { check, outcome: result?.outcome, why: result?.why };
    };
    it(`${check}: passes`, () => {
      // The whole result, so that a failure shows the suite's why.
      expect(outcome()).toMatchObject({ outcome: 'passed' });
    });
  }
});

describe('the suite fails what breaks the contract', () => {
  it('fails a department that is not the one named: its proofs are for another subgraph', async () => {
    const results = await conformance('cases', platform.service('traffic').url);
    expect(results.find((r) => r.check === 'sdl')).toMatchObject({
      outcome: 'failed',
      why: expect.stringContaining('gateway proof'),
    });
  });

  it('refuses a subgraph that is no department (the registry): no statistics, no board field', async () => {
    const results = await conformance('stations');
    expect(results.find((r) => r.check === 'sdl')).toMatchObject({ outcome: 'failed' });
    expect(results.at(-1)?.check).not.toBe('errors coded');
  });
});
