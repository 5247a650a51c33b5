import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { CASE_SOURCES } from '../../subgraphs/cases/stats';
import { SURVEY_SOURCES } from '../../subgraphs/surveys/stats';
import { TRAFFIC_SOURCES } from '../../subgraphs/traffic/stats';
import { type FiguresSource } from '../../subgraphs/kit/figures/figure-sources';
import { figuresQuery, recordFiguresQuery } from '../../subgraphs/kit/figures/figures-query';
import { parsePeriod, type DateRange } from '../../subgraphs/kit/figures/period';
import { rollupMigration, ROLLUP_TABLE, syncRollups } from '../../subgraphs/kit/figures/rollup';
import { CASE_INDICATORS } from '../../subgraphs/cases/indicators';
import { SURVEY_INDICATORS } from '../../subgraphs/surveys/indicators';
import { TRAFFIC_INDICATORS } from '../../subgraphs/traffic/indicators';
import { startPlatform, type Platform } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

// Today is mid-month: the current periods are partial (whole months from the rollup, the days
// of May from the records), and so are their baselines a year earlier.
const TODAY = '2019-05-17';
process.env.PLATFORM_TODAY = TODAY;

/** Two stations in 新昌县, one in 柯桥区 under 绍兴县's old prefix, one in 杭州市上城区. */
const A = '330624600001';
const B = '330624600002';
const C = '330621600003';
const D = '330102600004';
const STATION_CODES = [A, B, C, D];
const DIVISIONS: Record<string, string[]> = {
  '330000': [A, B, C, D],
  '330600': [A, B, C],
  '330624': [A, B],
};

const PERIODS = ['2019-05', '2019-04', '2019-Q2', '2019-H1', '2019', '2018-Q2', '2018'];

/** Days on both sides of month boundaries, in months a current period or a baseline reads. */
const DAYS = ['2018-03', '2018-04', '2018-05', '2018-06', '2019-03', '2019-04', '2019-05']
  .flatMap((month) => ['01', '02', '16', '17', '18', '28', '30'].map((d) => `${month}-${d}`))
  .filter((day) => day <= TODAY);

const day = fc.constantFrom(...DAYS);
/** Two days in order, the second null at times (a case not solved yet, a dispute pending). */
const laterDay = (first: string) => fc.constantFrom(...DAYS.filter((d) => d >= first));

interface Kind {
  department: 'cases' | 'traffic' | 'surveys';
  mutation: string;
  input: string;
  withdrawal: string;
  fields: fc.Arbitrary<Record<string, unknown>>;
}

const KINDS: Kind[] = [
  {
    department: 'cases',
    mutation: 'recordCases',
    input: 'CaseInput',
    withdrawal: 'withdrawCases',
    fields: day.chain((filedOn) =>
      fc.record({
        category: fc.constantFrom(
          'TELECOM_FRAUD',
          'HOMICIDE',
          'PROPERTY',
          'TWO_VEHICLE_THEFT',
          'OTHER',
        ),
        filedOn: fc.constant(filedOn),
        solvedOn: fc.option(laterDay(filedOn)),
      }),
    ),
  },
  {
    department: 'cases',
    mutation: 'recordDisputes',
    input: 'DisputeInput',
    withdrawal: 'withdrawDisputes',
    fields: day.chain((receivedOn) =>
      fc.oneof(
        fc.record({
          receivedOn: fc.constant(receivedOn),
          channel: fc.constantFrom('PEOPLE', 'JUDICIAL'),
          outcome: fc.constant('PENDING'),
          closedOn: fc.constant(null),
        }),
        fc.record({
          receivedOn: fc.constant(receivedOn),
          channel: fc.constantFrom('PEOPLE', 'ADMINISTRATIVE'),
          outcome: fc.constantFrom('MEDIATED', 'FAILED', 'REFERRED'),
          closedOn: laterDay(receivedOn),
        }),
      ),
    ),
  },
  {
    department: 'traffic',
    mutation: 'recordAccidents',
    input: 'AccidentInput',
    withdrawal: 'withdrawAccidents',
    fields: fc.record({
      occurredOn: day,
      deaths: fc.constantFrom(0, 1, 2, 3, 9, 10, 12),
      injuries: fc.integer({ min: 0, max: 5 }),
    }),
  },
  {
    department: 'surveys',
    mutation: 'recordSurveyResponses',
    input: 'SurveyResponseInput',
    withdrawal: 'withdrawSurveyResponses',
    fields: fc.record({
      surveyedOn: day,
      security: fc.integer({ min: 1, max: 5 }),
      satisfaction: fc.integer({ min: 1, max: 5 }),
    }),
  },
  {
    department: 'surveys',
    mutation: 'recordComplaints',
    input: 'ComplaintInput',
    withdrawal: 'withdrawComplaints',
    fields: fc.record({ receivedOn: day, valid: fc.boolean() }),
  },
];

const SOURCES: Record<Kind['department'], FiguresSource<string>[]> = {
  cases: CASE_SOURCES,
  traffic: TRAFFIC_SOURCES,
  surveys: SURVEY_SOURCES,
};

/** The Stats field of each department and the figures it answers (rates, derived, left out). */
const STATS: Record<Kind['department'], [string, string[]]> = {
  cases: ['caseStats', CASE_SOURCES.flatMap((s) => Object.keys(s.figures))],
  traffic: ['trafficStats', TRAFFIC_SOURCES.flatMap((s) => Object.keys(s.figures))],
  surveys: ['surveyStats', ['responses', 'validComplaints', 'commendations', 'banners', 'letters']],
};

/**
 * A few ids per kind, so that writes hit the same records again: an update, a move to another
 * station or month, a restore of a withdrawn one.
 */
const EXTERNAL_IDS = ['r1', 'r2', 'r3', 'r4', 'r5'];

type Operation =
  | { op: 'write'; kind: number; records: Record<string, unknown>[] }
  | { op: 'withdraw'; kind: number; ids: string[] };

const write = fc.integer({ min: 0, max: KINDS.length - 1 }).chain((kind) =>
  fc.record({
    op: fc.constant('write' as const),
    kind: fc.constant(kind),
    records: fc.uniqueArray(
      fc.record({
        externalId: fc.constantFrom(...EXTERNAL_IDS),
        stationCode: fc.constantFrom(...STATION_CODES),
        fields: KINDS[kind].fields,
      }),
      { minLength: 1, maxLength: 4, selector: (r) => r.externalId },
    ),
  }),
);
const withdraw = fc.record({
  op: fc.constant('withdraw' as const),
  kind: fc.integer({ min: 0, max: KINDS.length - 1 }),
  ids: fc.uniqueArray(fc.constantFrom(...EXTERNAL_IDS), { minLength: 1, maxLength: 3 }),
});
const operations = fc.array(fc.oneof({ weight: 3, arbitrary: write }, withdraw), {
  minLength: 1,
  maxLength: 6,
});

/** How many random sequences of writes the property runs. */
const RUNS = 40;

let platform: Platform;
let admin: string;
/** The ids each kind has stored, so withdrawals name records that exist. */
const stored = KINDS.map(() => new Set<string>());

async function apply(operation: Operation): Promise<void> {
  const kind = KINDS[operation.kind];
  if (operation.op === 'write') {
    const input = operation.records.map((r) => ({
      externalId: r.externalId,
      stationCode: r.stationCode,
      ...(r.fields as Record<string, unknown>),
    }));
    const res = await platform.query(
      `mutation($input: [${kind.input}!]!) { ${kind.mutation}(input: $input) { inserted } }`,
      { token: admin, variables: { input } },
    );
    expect(res.errors).toBeUndefined();
    for (const r of input) stored[operation.kind]?.add(String(r.externalId));
    return;
  }
  const ids = operation.ids.filter((id) => stored[operation.kind]?.has(id));
  if (ids.length === 0) return;
  const res = await platform.query(
    `mutation($ids: [ID!]!) { ${kind.withdrawal}(externalIds: $ids, reason: "property") { withdrawn } }`,
    { token: admin, variables: { ids } },
  );
  expect(res.errors).toBeUndefined();
}

type Figures = Record<string, number>;

/** Each station's figures over each range, counted from the records alone. */
async function fromRecords(
  db: DataSource,
  sources: FiguresSource<string>[],
  ranges: DateRange[],
): Promise<(station: string, range: DateRange) => Figures> {
  const rows = await recordFiguresQuery<Figures>(db, sources)(STATION_CODES, ranges);
  return figuresOf(rows, sources);
}

function figuresOf(
  rows: { stationCode: string; range: DateRange; figures: Figures }[],
  sources: FiguresSource<string>[],
) {
  const names = sources.flatMap((s) => Object.keys(s.figures));
  const found = new Map(
    rows.map(({ stationCode, range, figures }) => [
      `${stationCode}|${range.from}|${range.to}`,
      figures,
    ]),
  );
  return (station: string, range: DateRange): Figures => {
    const figures = found.get(`${station}|${range.from}|${range.to}`);
    return Object.fromEntries(names.map((n) => [n, Number(figures?.[n] ?? 0)]));
  };
}

const pick = (figures: Figures, names: string[]) =>
  Object.fromEntries(names.map((n) => [n, figures[n] ?? 0]));

const sum = (each: Figures[], names: string[]) =>
  Object.fromEntries(names.map((n) => [n, each.reduce((total, f) => total + (f[n] ?? 0), 0)]));

/** Every period's statistics of every station and division, through the gateway. */
async function throughTheGateway(period: string) {
  const stats = Object.values(STATS)
    .map(
      ([field, names]) =>
        `${field}(period: $p) { ${names.join(' ')} baseline { ${names.join(' ')} } }`,
    )
    .join(' ');
  const units = [
    ...Object.keys(DIVISIONS).map((code) => `d${code}: division(code: "${code}") { ${stats} }`),
    ...STATION_CODES.map((code) => `s${code}: station(code: "${code}") { ${stats} }`),
  ];
  const res = await platform.query(`query($p: String!) { ${units.join(' ')} }`, {
    token: admin,
    variables: { p: period },
  });
  expect(res.errors).toBeUndefined();
  return res.data as Record<string, Record<string, Figures & { baseline: Figures }>>;
}

const LISTINGS: [string, string[]][] = [
  ['caseRecords', Object.keys(CASE_INDICATORS).map((key) => `cases.${key}`)],
  ['trafficRecords', Object.keys(TRAFFIC_INDICATORS).map((key) => `traffic.${key}`)],
  ['surveyRecords', Object.keys(SURVEY_INDICATORS).map((key) => `surveys.${key}`)],
];

interface Listing {
  totalCount: number;
  indicatorTotal: number | null;
  edges: { counts: number | null }[];
}

/**
 * A station's listings for a period, behind every indicator and without one, on one page each:
 * their totals (read from the rollup where they are figures) must be what the page lists.
 */
async function expectListingsExact(station: string, period: string): Promise<void> {
  const listings = LISTINGS.flatMap(([field, indicators]) => [
    `${field}: ${field}(period: $p, first: 1000) { totalCount indicatorTotal edges { counts } }`,
    ...indicators.map(
      (key, i) =>
        `${field}${i}: ${field}(period: $p, indicator: "${key}", first: 1000) ` +
        '{ totalCount indicatorTotal edges { counts } }',
    ),
  ]);
  const res = await platform.query(
    `query($p: String!) { station(code: "${station}") { ${listings.join(' ')} } }`,
    { token: admin, variables: { p: period } },
  );
  expect(res.errors).toBeUndefined();
  for (const [alias, listing] of Object.entries(res.data.station as Record<string, Listing>)) {
    const listed = {
      totalCount: listing.edges.length,
      indicatorTotal:
        listing.indicatorTotal === null
          ? null
          : listing.edges.reduce((n, e) => n + (e.counts ?? 0), 0),
    };
    expect({
      alias,
      totalCount: listing.totalCount,
      indicatorTotal: listing.indicatorTotal,
    }).toEqual({
      alias,
      ...listed,
    });
  }
}

/** What the gateway must answer, from the records alone. */
async function expected(period: string) {
  const { range, baseline } = parsePeriod(period, TODAY);
  const answer: Record<string, Record<string, Figures & { baseline: Figures }>> = {};
  const units: [string, string[]][] = [
    ...Object.entries(DIVISIONS).map(([code, codes]): [string, string[]] => [`d${code}`, codes]),
    ...STATION_CODES.map((code): [string, string[]] => [`s${code}`, [code]]),
  ];
  for (const [department, [field, names]] of Object.entries(STATS)) {
    const sources = SOURCES[department as Kind['department']];
    const figures = await fromRecords(platform.service(department).db, sources, [
      range,
      baseline.range,
    ]);
    for (const [unit, codes] of units) {
      answer[unit] ??= {};
      (answer[unit] as Record<string, unknown>)[field] = {
        ...sum(
          codes.map((c) => pick(figures(c, range), names)),
          names,
        ),
        baseline: sum(
          codes.map((c) => pick(figures(c, baseline.range), names)),
          names,
        ),
      };
    }
  }
  return answer;
}

/**
 * Ranges of every shape the rollup splits: whole months, a partial month at either end or at
 * both, a range inside one month, one across a year's end.
 */
const RANGES: DateRange[] = [
  { from: '2018-03-01', to: '2019-05-17' },
  { from: '2018-03-02', to: '2018-06-30' },
  { from: '2018-04-17', to: '2018-05-16' },
  { from: '2018-05-02', to: '2018-05-28' },
  { from: '2018-06-01', to: '2019-03-31' },
  { from: '2018-12-31', to: '2019-01-01' },
  { from: '2019-05-01', to: '2019-05-17' },
];

/** Every declared figure, its hidden numerators included, over ranges of every shape. */
async function expectRollupsExact(): Promise<void> {
  for (const department of Object.keys(SOURCES) as Kind['department'][]) {
    const sources = SOURCES[department];
    const db = platform.service(department).db;
    const rolled = figuresOf(
      await figuresQuery<Figures>(db, sources)(STATION_CODES, RANGES),
      sources,
    );
    const counted = await fromRecords(db, sources, RANGES);
    for (const station of STATION_CODES) {
      for (const range of RANGES) {
        expect({ department, station, range, figures: rolled(station, range) }).toEqual({
          department,
          station,
          range,
          figures: counted(station, range),
        });
      }
    }
  }
}

beforeAll(async () => {
  platform = await startPlatform();
  admin = await tokenFor('admin');
  await registerStations(platform, [
    registryStation(A, '330624'),
    registryStation(B, '330624'),
    registryStation(C, '330603'),
    registryStation(D, '330102'),
  ]);
});
afterAll(() => platform.stop());

describe('the rollups of the declared figures', () => {
  it(`equal the records' own aggregation after any writes, moves, withdrawals and restores (${RUNS} runs)`, async () => {
    let cases = 0;
    await fc.assert(
      fc.asyncProperty(operations, async (sequence) => {
        cases += 1;
        for (const operation of sequence) await apply(operation);
        await expectRollupsExact();
        const period = PERIODS[cases % PERIODS.length];
        expect(await throughTheGateway(period)).toEqual(await expected(period));
        await expectListingsExact(STATION_CODES[cases % STATION_CODES.length], period);
      }),
      // No shrinking: the database keeps what every run wrote, so a shorter sequence would not
      // replay the state that failed; the counterexample and its seed are printed as they are.
      { numRuns: RUNS, endOnFailure: true },
    );
    expect(cases).toBe(RUNS);
    // Every period, once more, over all that the runs left behind.
    for (const period of PERIODS) {
      expect(await throughTheGateway(period)).toEqual(await expected(period));
    }
  }, 300_000);

  it('are built from the records already stored by the migration, and rebuilt when the declaration changes', async () => {
    const db = platform.service('cases').db;
    const rollup = () =>
      db.query<Record<string, string>[]>(
        `SELECT * FROM ${ROLLUP_TABLE} ORDER BY station_code, month`,
      );
    const kept = await rollup();
    expect(kept.length).toBeGreaterThan(0);
    const migration = new (rollupMigration('Rollups1', CASE_SOURCES))();
    const runner = db.createQueryRunner();
    try {
      await migration.down(runner);
      await migration.up(runner);
    } finally {
      await runner.release();
    }
    const nonZero = (rows: Record<string, string>[]) =>
      rows.filter((r) =>
        Object.entries(r).some(
          ([k, v]) => k !== 'month' && k !== 'station_code' && Number(v) !== 0,
        ),
      );
    expect(await rollup()).toEqual(nonZero(kept));
    // A rollup built from another declaration is found out and rebuilt at start-up.
    await db.query(`COMMENT ON TABLE ${ROLLUP_TABLE} IS 'another declaration'`);
    await db.query(`UPDATE ${ROLLUP_TABLE} SET "criminalFiled" = "criminalFiled" + 1`);
    await syncRollups(db, CASE_SOURCES);
    expect(await rollup()).toEqual(nonZero(kept));
    await expectRollupsExact();
  });

  it('count a write from a session whose search_path is another schema', async () => {
    const db = platform.service('cases').db;
    await db.transaction(async (manager) => {
      await manager.query('SET LOCAL search_path TO public');
      await manager.query(
        `UPDATE cases.criminal_case SET filed_on = filed_on - 1 WHERE filed_on > '2018-03-01'`,
      );
    });
    await expectRollupsExact();
  });

  it('keep the figures of a truncated record table at 0', async () => {
    const db = platform.service('traffic').db;
    await db.query('TRUNCATE accident');
    const [left] = await db.query<[{ n: string }]>(
      `SELECT count(*) AS n FROM ${ROLLUP_TABLE} WHERE accidents <> 0 OR deaths <> 0 OR injuries <> 0`,
    );
    expect(Number(left.n)).toBe(0);
    await expectRollupsExact();
  });
});

describe('a figure past what can be answered exactly', () => {
  // The API bounds the summed columns (an accident's deaths at most MAX_CASUALTIES), so no
  // writes through it reach these sums: they are set in the rollup itself.
  const deathsIn2019 = async (months: Record<string, string>) => {
    const db = platform.service('traffic').db;
    await db.query(`DELETE FROM ${ROLLUP_TABLE} WHERE station_code = $1`, [A]);
    for (const [month, deaths] of Object.entries(months)) {
      await db.query(
        `INSERT INTO ${ROLLUP_TABLE} (station_code, month, deaths) VALUES ($1, $2, $3)`,
        [A, month, deaths],
      );
    }
    return platform.query(`{ station(code: "${A}") { trafficStats(period: "2019") { deaths } } }`, {
      token: admin,
    });
  };

  it('is refused when the months sum past a bigint, where a wrapping sum would answer -2', async () => {
    const max = '9223372036854775807';
    const res = await deathsIn2019({ '2019-01-01': max, '2019-02-01': max });
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['FIGURE_OUT_OF_RANGE']);
    expect(JSON.stringify(res.errors)).not.toMatch(/bigint|figure_rollup|SELECT|22003/);
  });

  it('is refused when it passes 2^53, which JSON numbers cannot hold exactly', async () => {
    const res = await deathsIn2019({ '2019-01-01': String(2n ** 62n) });
    expect(res.errors?.[0]?.extensions).toMatchObject({
      code: 'FIGURE_OUT_OF_RANGE',
      figure: 'deaths',
    });
  });

  it('is answered exactly up to 2^53', async () => {
    const half = String(2n ** 52n - 1n);
    const res = await deathsIn2019({ '2019-01-01': half, '2019-02-01': '1' });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ station: { trafficStats: { deaths: 2 ** 52 } } });
  });
});
