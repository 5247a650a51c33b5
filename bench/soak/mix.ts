import { listedOperation } from '../../platform/operations';
import { HOSTILE_SHAPES } from './hostile-shapes';
import { refused, type SoakContext, type SoakKind } from './soak-kind';

const PERIOD = '2019-Q2';
/** Soak stations live in 新昌县 under codes no demo station has. */
const SOAK_STATION_PREFIX = '3306249';
/** As many as 新昌县 holds with its own 13 under the registry's bound of 1,200 a county. */
export const SOAK_STATIONS = 1000;
/** Soak cases' externalIds: a pool that later loads update. */
const SOAK_CASE_PREFIX = 'SOAK-C-';
const SOAK_CASES = 5000;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

export function soakStation(n: number) {
  return {
    code: `${SOAK_STATION_PREFIX}${String(n).padStart(5, '0')}`,
    name: `压测派出所${n}`,
    divisionCode: '330624',
    address: '浙江省绍兴市新昌县压测路1号',
    brand: null,
    creationStatus: 'IN_PROGRESS',
    officers: Math.floor(Math.random() * 100),
    population: 10000 + Math.floor(Math.random() * 90000),
    socialOrganizations: Math.floor(Math.random() * 10),
  };
}

function soakCase(n: number, stationCode: string) {
  const day = 1 + (n % 28);
  return {
    externalId: `${SOAK_CASE_PREFIX}${n}`,
    stationCode,
    category: pick(['TELECOM_FRAUD', 'PROPERTY', 'TWO_VEHICLE_THEFT', 'OTHER']),
    filedOn: `2019-05-${String(day).padStart(2, '0')}`,
    solvedOn: Math.random() < 0.5 ? `2019-06-${String(day).padStart(2, '0')}` : null,
  };
}

/** An answer without errors whose data has `path`; else what went wrong. */
function answered(
  res: Awaited<ReturnType<SoakContext['post']>>,
  check: (data: Record<string, unknown>) => boolean = () => true,
): string | null {
  if (res.status !== 200 || res.codes.length > 0) return `HTTP ${res.status} ${res.codes.join()}`;
  return res.data && check(res.data) ? null : 'unexpected data';
}

const walk = (levels: number) => {
  let inner = 'code';
  for (let level = levels - 2; level >= 1; level -= 1) {
    inner = `${level % 2 === 1 ? 'children' : 'parent'} { code ${inner} }`;
  }
  return `division(code: "330000") { code ${inner} }`;
};

/** What users do: the registry, boards, department statistics and record loads. */
const WELL_BEHAVED: SoakKind[] = [
  {
    name: 'county stations',
    weight: 20,
    hostile: false,
    run: async (c) =>
      answered(await c.post(listedOperation('StationsInScope'), { scope: pick(c.counties) })),
  },
  {
    name: 'one station',
    weight: 10,
    hostile: false,
    run: async (c) =>
      answered(await c.post(listedOperation('Station'), { code: pick(c.stations) })),
  },
  {
    name: 'city divisions',
    weight: 5,
    hostile: false,
    run: async (c) => answered(await c.post(listedOperation('DivisionTree'), { code: '330600' })),
  },
  {
    name: 'city page',
    weight: 5,
    hostile: false,
    run: async (c) =>
      answered(await c.post(listedOperation('StationsPage'), { scope: '330600', first: 25 })),
  },
  {
    name: 'county board',
    weight: 10,
    hostile: false,
    run: async (c) =>
      answered(
        await c.post(listedOperation('AssessmentBoardScreen'), {
          scope: pick(c.counties),
          period: PERIOD,
        }),
      ),
  },
  {
    name: 'city board',
    weight: 3,
    hostile: false,
    run: async (c) =>
      answered(
        await c.post(listedOperation('AssessmentBoardScreen'), { scope: '330600', period: PERIOD }),
      ),
  },
  {
    name: 'board row',
    weight: 4,
    hostile: false,
    run: async (c) =>
      answered(
        await c.post(listedOperation('AssessmentBoardRow'), {
          scope: '330600',
          period: PERIOD,
          stationCode: pick(c.stations),
        }),
      ),
  },
  {
    name: 'station statistics',
    weight: 15,
    hostile: false,
    run: async (c) =>
      answered(
        await c.post(listedOperation('StationDrillDown'), {
          code: pick(c.stations),
          period: PERIOD,
        }),
      ),
  },
  {
    name: 'load 20 stations',
    weight: 4,
    hostile: false,
    run: async (c) => {
      const start = Math.floor(Math.random() * (SOAK_STATIONS - 20));
      const input = Array.from({ length: 20 }, (_, i) => soakStation(start + i));
      const problem = answered(await c.post(listedOperation('LoadStations'), { input }));
      if (!problem) for (const s of input) c.acknowledgedStations.add(s.code);
      return problem;
    },
  },
  {
    name: 'load 50 cases',
    weight: 4,
    hostile: false,
    run: async (c) => {
      const start = Math.floor(Math.random() * (SOAK_CASES - 50));
      const input = Array.from({ length: 50 }, (_, i) => soakCase(start + i, pick(c.stations)));
      const problem = answered(await c.post(listedOperation('LoadCases'), { input }));
      if (!problem) for (const r of input) c.acknowledgedCases.add(r.externalId);
      return problem;
    },
  },
];

/** A share of what an attacker with a token sends: each must be refused, coded, at once. */
const HOSTILE: SoakKind[] = [
  {
    name: 'cost attack',
    weight: 3,
    hostile: true,
    run: async (c) =>
      refused(
        await c.post(`{ ${Array.from({ length: 20 }, (_, i) => `d${i}: ${walk(12)}`).join(' ')} }`),
        'COST_ESTIMATED_TOO_EXPENSIVE',
      ),
  },
  {
    name: 'too deep',
    weight: 1,
    hostile: true,
    run: async (c) =>
      refused(
        await c.post(
          `{ division(code: "330681") { ${'parent { '.repeat(12)}code${' }'.repeat(12)} } }`,
        ),
        'GRAPHQL_VALIDATION_FAILED',
      ),
  },
  {
    name: '900 KB argument',
    weight: 1,
    hostile: true,
    run: async (c) =>
      refused(
        await c.post('query ($code: ID!) { station(code: $code) { name } }', {
          code: 'x'.repeat(900_000),
        }),
        'BAD_USER_INPUT',
      ),
  },
  {
    name: 'unnamed operations',
    weight: 1,
    hostile: true,
    run: async (c) =>
      refused(
        await c.post('query A { __typename } query B { __typename }'),
        'OPERATION_RESOLUTION_FAILURE',
      ),
  },
  {
    name: 'bad batch',
    weight: 1,
    hostile: true,
    run: async (c) =>
      refused(
        await c.post(listedOperation('LoadCases'), {
          input: [{ ...soakCase(c.next(), pick(c.stations)), filedOn: '2999-01-01' }],
        }),
        'BAD_USER_INPUT',
      ),
  },
  {
    name: 'no token',
    weight: 1,
    hostile: true,
    run: async (c) =>
      refused(
        await c.post(listedOperation('Station'), { code: pick(c.stations) }, { token: null }),
        'UNAUTHENTICATED',
      ),
  },
  {
    name: 'hang up on a board',
    weight: 2,
    hostile: true,
    run: async (c) => {
      try {
        await c.post(
          listedOperation('AssessmentBoardScreen'),
          { scope: '330600', period: PERIOD },
          { signal: AbortSignal.timeout(20) },
        );
      } catch {
        // Hung up, as intended: the services must carry on regardless.
      }
      return null;
    },
  },
];

export const SOAK_MIX: readonly SoakKind[] = [...WELL_BEHAVED, ...HOSTILE, ...HOSTILE_SHAPES];
