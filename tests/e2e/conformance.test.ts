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

/**
 * The own-station grant reads `stationCode ?? code` from the representation while the
 * resolver reads `code`, so a station token with a forged `stationCode` reads another station
 * (hardening, second pass, item 1). The suite catches it; the fix lands with the gateway's
 * proof work, and this list empties then (a check that starts passing fails `test.failing`).
 */
const KNOWN_FAILING = new Set(['other station, forged']);

/** Stands aside until the platform's subgraphs check the gateway's proof (SUBGRAPH_SECRET). */
const MAY_SKIP = new Set(['proof']);

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
    if (KNOWN_FAILING.has(check)) {
      it.failing(`${check}: passes (known to fail until the grant is fixed)`, () => {
        expect(outcome()).toMatchObject({ outcome: 'passed' });
      });
    } else {
      it(`${check}: passes`, () => {
        const expected = MAY_SKIP.has(check) ? /^(passed|skipped)$/ : /^passed$/;
        // The whole result, so that a failure shows the suite's why.
        expect(outcome()).toMatchObject({ outcome: expect.stringMatching(expected) });
      });
    }
  }
});

describe('the suite fails what breaks the contract', () => {
  it('refuses a department that is not the one named: its own token is forbidden there', async () => {
    const results = await conformance('cases', platform.service('traffic').url);
    const failed = results.filter((r) => r.outcome === 'failed').map((r) => r.check);
    expect(failed).toEqual(expect.arrayContaining(['own station', 'board keys']));
  });

  it('refuses a subgraph that is no department (the registry): no statistics, no board field', async () => {
    const results = await conformance('stations');
    expect(results.find((r) => r.check === 'sdl')).toMatchObject({ outcome: 'failed' });
    expect(results.at(-1)?.check).not.toBe('errors coded');
  });
});
