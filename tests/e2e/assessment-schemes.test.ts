import { startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';
import { yoyItem } from '../support/scheme-items';

let platform: Platform;
let assessor: string;

beforeAll(async () => {
  platform = await startPlatform();
  assessor = await tokenFor('assessor');
});
afterAll(() => platform.stop());

const SCHEME_FIELDS = `id name version title publishedAt publishedBy
  indicators { key label department weight method direction fullAt zeroAt minSample whenShort minBase }
  deductions { key label department pointsEach }
  vetoes { key label department }`;

const PUBLISH = `mutation($input: AssessmentSchemeInput!) {
  publishAssessmentScheme(input: $input) { ${SCHEME_FIELDS} }
}`;

const rate = (key: string, department: string, weight: number) => ({
  key,
  department,
  weight,
  method: 'RATE',
  direction: 'HIGHER',
  fullAt: 0.98,
  zeroAt: 0.9,
  minSample: 30,
  whenShort: 'ZERO',
});

/** A valid scheme: 40 + 35 + 25 = 100, one deduction, one veto. */
const VALID = {
  name: 'shaoxing-2020',
  title: '绍兴市平安考核（2020）',
  indicators: [
    yoyItem('cases.criminalSolved', 'CASES', 40),
    yoyItem('traffic.deaths', 'TRAFFIC', 35, 'LOWER'),
    rate('surveys.securityRate', 'SURVEYS', 25),
  ],
  deductions: [{ key: 'traffic.majorAccidents', department: 'TRAFFIC', pointsEach: 2.5 }],
  vetoes: [{ key: 'cases.homicides', department: 'CASES' }],
};

/** The rows of every scheme table: they only ever grow, so equal counts mean nothing was stored. */
async function stored(): Promise<Record<string, number>> {
  const [counts] = await platform.sql<Record<string, number>>(
    'assessment',
    `SELECT (SELECT count(*)::int FROM scheme) AS schemes,
            (SELECT count(*)::int FROM scheme_indicator) AS indicators,
            (SELECT count(*)::int FROM scheme_deduction) AS deductions,
            (SELECT count(*)::int FROM scheme_veto) AS vetoes`,
  );
  return counts ?? {};
}

describe('the default scheme', () => {
  it('is fengqiao-2019@1, loaded by the migration as the assessors defined it', async () => {
    const res = await platform.query(`{ assessmentSchemes { ${SCHEME_FIELDS} } }`, {
      token: await tokenFor('station:330681500001'),
    });
    expect(res.errors).toBeUndefined();
    // Newest first: version 2 (below) came with a later migration.
    const [, scheme] = res.data.assessmentSchemes;
    expect(res.data.assessmentSchemes.map((s: { id: string }) => s.id)).toEqual([
      'fengqiao-2019@2',
      'fengqiao-2019@1',
    ]);
    expect(scheme).toMatchObject({
      id: 'fengqiao-2019@1',
      name: 'fengqiao-2019',
      version: 1,
      title: '枫桥式派出所平安考核',
      publishedBy: 'migration',
    });
    const line = (
      w: number,
      method: string,
      direction: string,
      fullAt: number,
      zeroAt: number,
    ) => ({
      weight: w,
      method,
      direction,
      fullAt,
      zeroAt,
    });
    expect(
      scheme.indicators.map((i: Record<string, unknown>) => [
        i.key,
        i.label,
        i.department,
        line(
          i.weight as number,
          i.method as string,
          i.direction as string,
          i.fullAt as number,
          i.zeroAt as number,
        ),
        i.minSample,
        i.whenShort,
      ]),
    ).toEqual([
      [
        'cases.criminalSolved',
        '刑事案件破案数',
        'CASES',
        line(10, 'YOY', 'HIGHER', 0.1, -0.2),
        null,
        null,
      ],
      [
        'cases.telecomFraudSolved',
        '电信网络诈骗案件破案数',
        'CASES',
        line(8, 'YOY', 'HIGHER', 0.1, -0.2),
        null,
        null,
      ],
      ['cases.homicides', '命案发案数', 'CASES', line(6, 'YOY', 'LOWER', 0.1, -0.2), null, null],
      [
        'cases.propertyCrimes',
        '传统侵财案件发案数',
        'CASES',
        line(6, 'YOY', 'LOWER', 0.1, -0.2),
        null,
        null,
      ],
      [
        'cases.twoVehicleThefts',
        '盗窃两车案件发案数',
        'CASES',
        line(4, 'YOY', 'LOWER', 0.1, -0.2),
        null,
        null,
      ],
      [
        'cases.mediationRate',
        '矛盾纠纷调解成功率',
        'CASES',
        line(6, 'RATE', 'HIGHER', 0.98, 0.9),
        1,
        'FULL',
      ],
      [
        'traffic.deaths',
        '道路交通事故死亡人数',
        'TRAFFIC',
        line(10, 'YOY', 'LOWER', 0.1, -0.2),
        null,
        null,
      ],
      [
        'traffic.accidents',
        '道路交通事故起数',
        'TRAFFIC',
        line(6, 'YOY', 'LOWER', 0.1, -0.2),
        null,
        null,
      ],
      [
        'traffic.injuries',
        '道路交通事故受伤人数',
        'TRAFFIC',
        line(4, 'YOY', 'LOWER', 0.1, -0.2),
        null,
        null,
      ],
      [
        'surveys.securityRate',
        '群众安全感',
        'SURVEYS',
        line(15, 'RATE', 'HIGHER', 0.98, 0.9),
        30,
        'ZERO',
      ],
      [
        'surveys.satisfactionRate',
        '群众满意度',
        'SURVEYS',
        line(15, 'RATE', 'HIGHER', 0.98, 0.9),
        30,
        'ZERO',
      ],
      [
        'surveys.validComplaints',
        '12389有效投诉数',
        'SURVEYS',
        line(6, 'YOY', 'LOWER', 0.1, -0.2),
        null,
        null,
      ],
      [
        'surveys.commendations',
        '锦旗和表扬信数',
        'SURVEYS',
        line(4, 'YOY', 'HIGHER', 0.1, -0.2),
        null,
        null,
      ],
    ]);
    expect(scheme.deductions).toEqual([
      {
        key: 'traffic.majorAccidents',
        label: '较大道路交通事故数',
        department: 'TRAFFIC',
        pointsEach: 5,
      },
    ]);
    expect(scheme.vetoes).toEqual([
      { key: 'traffic.severeAccidents', label: '重大道路交通事故数', department: 'TRAFFIC' },
    ]);
  });

  it('is version 2 of fengqiao-2019: version 1 with minimum bases and filled samples', async () => {
    const res = await platform.query(
      `{ v1: assessmentScheme(id: "fengqiao-2019@1") { ${SCHEME_FIELDS} }
         v2: assessmentScheme(id: "fengqiao-2019@2") { ${SCHEME_FIELDS} } }`,
      { token: assessor },
    );
    expect(res.errors).toBeUndefined();
    const { v1, v2 } = res.data;
    expect(v2).toMatchObject({ name: 'fengqiao-2019', version: 2, publishedBy: 'migration' });
    expect(v2.title).toBe(v1.title);
    // The same indicators, labels, weights and directions, deductions and vetoes.
    const kept = (scheme: typeof v1) =>
      scheme.indicators.map((i: Record<string, unknown>) => [
        i.key,
        i.label,
        i.weight,
        i.direction,
      ]);
    expect(kept(v2)).toEqual(kept(v1));
    expect([v2.deductions, v2.vetoes]).toEqual([v1.deductions, v1.vetoes]);
    // What changed: the lines of the two counts where none is the aim, the bases, the samples.
    expect(
      v2.indicators.map((i: Record<string, unknown>) => [
        i.key,
        i.fullAt,
        i.zeroAt,
        i.minBase,
        i.minSample,
        i.whenShort,
      ]),
    ).toEqual([
      ['cases.criminalSolved', 0.1, -0.2, 8, null, null],
      ['cases.telecomFraudSolved', 0.1, -0.2, 8, null, null],
      ['cases.homicides', 0, -0.3, 8, null, null],
      ['cases.propertyCrimes', 0.1, -0.2, 8, null, null],
      ['cases.twoVehicleThefts', 0.1, -0.2, 8, null, null],
      ['cases.mediationRate', 0.98, 0.9, null, 25, 'FILL'],
      ['traffic.deaths', 0, -0.3, 16, null, null],
      ['traffic.accidents', 0.1, -0.2, 8, null, null],
      ['traffic.injuries', 0.1, -0.2, 24, null, null],
      ['surveys.securityRate', 0.98, 0.9, null, 30, 'FILL'],
      ['surveys.satisfactionRate', 0.98, 0.9, null, 30, 'FILL'],
      ['surveys.validComplaints', 0.1, -0.2, 8, null, null],
      ['surveys.commendations', 0.1, -0.2, 8, null, null],
    ]);
    // Version 1 has no minimum base anywhere.
    expect(v1.indicators.map((i: { minBase: number | null }) => i.minBase)).toEqual(
      Array(13).fill(null),
    );
  });

  it('is found by id; an unknown id is null and a malformed one is refused', async () => {
    const res = await platform.query(
      `{ known: assessmentScheme(id: "fengqiao-2019@1") { id } unknown: assessmentScheme(id: "fengqiao-2019@3") { id } }`,
      { token: assessor },
    );
    expect(res.data).toEqual({ known: { id: 'fengqiao-2019@1' }, unknown: null });
    const bad = await platform.query(`{ assessmentScheme(id: "fengqiao-2019") { id } }`, {
      token: assessor,
    });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toBe(
      'id "fengqiao-2019" is not a scheme id (<name>@<version>, e.g. fengqiao-2019@1)',
    );
  });
});

describe('publishing a scheme', () => {
  it('stores a valid scheme as version 1 of its name, then as version 2, newest first', async () => {
    const first = await platform.query(PUBLISH, { token: assessor, variables: { input: VALID } });
    expect(first.errors).toBeUndefined();
    expect(first.data.publishAssessmentScheme).toMatchObject({
      id: 'shaoxing-2020@1',
      name: 'shaoxing-2020',
      version: 1,
      title: '绍兴市平安考核（2020）',
      publishedBy: 'test-assessor',
      indicators: [
        {
          key: 'cases.criminalSolved',
          label: '刑事案件破案数',
          weight: 40,
          minSample: null,
          whenShort: null,
        },
        { key: 'traffic.deaths', direction: 'LOWER', weight: 35 },
        {
          key: 'surveys.securityRate',
          method: 'RATE',
          weight: 25,
          fullAt: 0.98,
          zeroAt: 0.9,
          minSample: 30,
          whenShort: 'ZERO',
        },
      ],
      deductions: [{ key: 'traffic.majorAccidents', pointsEach: 2.5 }],
      vetoes: [{ key: 'cases.homicides', label: '命案发案数', department: 'CASES' }],
    });
    expect(Date.parse(first.data.publishAssessmentScheme.publishedAt)).toBeGreaterThan(
      Date.now() - 60_000,
    );

    const second = await platform.query(PUBLISH, {
      token: await tokenFor('admin'),
      variables: { input: { ...VALID, deductions: [], vetoes: [] } },
    });
    expect(second.data.publishAssessmentScheme).toMatchObject({
      id: 'shaoxing-2020@2',
      version: 2,
      publishedBy: 'test-admin',
      deductions: [],
      vetoes: [],
    });
    const list = await platform.query(`{ assessmentSchemes { id } }`, { token: assessor });
    expect(list.data.assessmentSchemes).toEqual([
      { id: 'shaoxing-2020@2' },
      { id: 'shaoxing-2020@1' },
      { id: 'fengqiao-2019@2' },
      { id: 'fengqiao-2019@1' },
    ]);
    // Version 1 is as it was published
    const v1 = await platform.query(
      `{ assessmentScheme(id: "shaoxing-2020@1") { deductions { key } } }`,
      {
        token: assessor,
      },
    );
    expect(v1.data.assessmentScheme.deductions).toEqual([{ key: 'traffic.majorAccidents' }]);
  });

  const withIndicator = (index: number, change: Record<string, unknown>) => ({
    ...VALID,
    indicators: VALID.indicators.map((i, n) => (n === index ? { ...i, ...change } : i)),
  });

  it.each([
    [
      'weights that do not sum to 100',
      withIndicator(0, { weight: 39 }),
      'input.indicators[*].weight 99 is the sum of the weights; it must be 100',
    ],
    [
      'fullAt equal to zeroAt',
      withIndicator(0, { fullAt: -0.2 }),
      'input.indicators[0].fullAt -0.2 must differ from zeroAt',
    ],
    [
      'a key no department publishes',
      withIndicator(0, { key: 'cases.arson' }),
      'input.indicators[0].key "cases.arson" is not an indicator any department publishes',
    ],
    [
      'a key of another department',
      withIndicator(0, { department: 'TRAFFIC' }),
      'input.indicators[0].department "TRAFFIC" is not the department of cases.criminalSolved (CASES)',
    ],
    [
      'a key scored twice',
      {
        ...VALID,
        indicators: [...VALID.indicators.slice(0, 2), { ...VALID.indicators[0], weight: 25 }],
      },
      'input.indicators[2].key "cases.criminalSolved" repeats input.indicators[0]',
    ],
    [
      'RATE on a count',
      withIndicator(0, { ...rate('cases.criminalSolved', 'CASES', 40) }),
      'input.indicators[0].key "cases.criminalSolved" is a COUNT indicator; this needs a RATE one',
    ],
    [
      'YOY on a rate',
      withIndicator(2, { ...yoyItem('surveys.securityRate', 'SURVEYS', 25) }),
      'input.indicators[2].key "surveys.securityRate" is a RATE indicator; this needs a COUNT one',
    ],
    [
      'minSample on YOY',
      withIndicator(0, { minSample: 5 }),
      'input.indicators[0].minSample 5 is for RATE indicators only',
    ],
    [
      'whenShort on YOY',
      withIndicator(0, { whenShort: 'FULL' }),
      'input.indicators[0].whenShort "FULL" is for RATE indicators only',
    ],
    [
      'minBase on RATE',
      withIndicator(2, { minBase: 8 }),
      'input.indicators[2].minBase 8 is for YOY indicators only',
    ],
    [
      'a minimum base of 0',
      withIndicator(0, { minBase: 0 }),
      'input.indicators[0].minBase 0 must be between 1 and 100000',
    ],
    [
      'RATE without minSample',
      withIndicator(2, { minSample: null }),
      'input.indicators[2].minSample null is required for a RATE indicator',
    ],
    [
      'RATE without whenShort',
      withIndicator(2, { whenShort: null }),
      'input.indicators[2].whenShort null is required for a RATE indicator',
    ],
    [
      'a minSample of 0',
      withIndicator(2, { minSample: 0 }),
      'input.indicators[2].minSample 0 must be between 1 and 100000',
    ],
    [
      'a rate line in percent',
      withIndicator(2, { fullAt: 98, zeroAt: 90 }),
      'input.indicators[2].fullAt 98 must be between 0 and 1',
    ],
    [
      'a RATE direction against its line',
      withIndicator(2, { direction: 'LOWER' }),
      'input.indicators[2].direction "LOWER" must be HIGHER: fullAt 0.98 is above zeroAt 0.9',
    ],
    [
      'a weight of 0',
      withIndicator(0, { weight: 0 }),
      'input.indicators[0].weight 0 must be more than 0',
    ],
    [
      'a weight in fractions of a cent',
      withIndicator(0, { weight: 39.995 }),
      'input.indicators[0].weight 39.995 must have at most 2 decimals',
    ],
    [
      'a line with 5 decimals',
      withIndicator(0, { fullAt: 0.12345 }),
      'input.indicators[0].fullAt 0.12345 must have at most 4 decimals',
    ],
    [
      'a deduction on a rate',
      {
        ...VALID,
        deductions: [{ key: 'cases.mediationRate', department: 'CASES', pointsEach: 1 }],
      },
      'input.deductions[0].key "cases.mediationRate" is a RATE indicator; this needs a COUNT one',
    ],
    [
      'a deduction of 0 points',
      {
        ...VALID,
        deductions: [{ key: 'traffic.majorAccidents', department: 'TRAFFIC', pointsEach: 0 }],
      },
      'input.deductions[0].pointsEach 0 must be more than 0',
    ],
    [
      'a deduction listed twice',
      { ...VALID, deductions: [VALID.deductions[0], VALID.deductions[0]] },
      'input.deductions[1].key "traffic.majorAccidents" repeats input.deductions[0]',
    ],
    [
      'a veto on a rate',
      { ...VALID, vetoes: [{ key: 'surveys.securityRate', department: 'SURVEYS' }] },
      'input.vetoes[0].key "surveys.securityRate" is a RATE indicator; this needs a COUNT one',
    ],
    [
      'a veto of another department',
      { ...VALID, vetoes: [{ key: 'traffic.severeAccidents', department: 'CASES' }] },
      'input.vetoes[0].department "CASES" is not the department of traffic.severeAccidents (TRAFFIC)',
    ],
    [
      'no indicators',
      { ...VALID, indicators: [] },
      'input.indicators 0 is the number of indicators; it must be 1 to 22',
    ],
    [
      '23 indicators: more than a board row is priced for',
      { ...VALID, indicators: Array.from({ length: 23 }, () => VALID.indicators[0]) },
      'input.indicators 23 is the number of indicators; it must be 1 to 22',
    ],
    [
      '23 deductions',
      { ...VALID, deductions: Array.from({ length: 23 }, () => VALID.deductions[0]) },
      'input.deductions 23 is the number of deductions; it must be at most 22',
    ],
    [
      '23 vetoes',
      { ...VALID, vetoes: Array.from({ length: 23 }, () => VALID.vetoes[0]) },
      'input.vetoes 23 is the number of vetoes; it must be at most 22',
    ],
    [
      'a name with capitals and spaces',
      { ...VALID, name: 'Shaoxing 2020' },
      'input.name "Shaoxing 2020" must be 2 to 64 lower-case letters',
    ],
    ['a blank title', { ...VALID, title: '  ' }, 'input.title "  " must not be blank'],
  ])(
    'refuses %s with BAD_USER_INPUT naming field and value, storing nothing',
    async (_case, input, message) => {
      const before = await stored();
      const res = await platform.query(PUBLISH, { token: assessor, variables: { input } });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.message).toContain(message);
      expect(res.data ?? null).toBeNull();
      expect(await stored()).toEqual(before);
    },
  );

  it('lists every problem of a scheme at once', async () => {
    const res = await platform.query(PUBLISH, {
      token: assessor,
      variables: { input: { ...withIndicator(0, { key: 'cases.arson' }), title: '' } },
    });
    expect(res.errors?.[0]?.message).toBe('input.title "" must not be blank (and 1 more problems)');
    expect(res.errors?.[0]?.extensions?.problems).toEqual([
      { field: 'input.title', value: '', reason: 'must not be blank' },
      {
        field: 'input.indicators[0].key',
        value: 'cases.arson',
        reason: 'is not an indicator any department publishes',
      },
    ]);
  });

  it.each([['station:330681500001'], ['department:cases']])('is not open to %s', async (role) => {
    const before = await stored();
    const res = await platform.query(PUBLISH, {
      token: await tokenFor(role),
      variables: { input: VALID },
    });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await stored()).toEqual(before);
  });
});

describe('the scheme tables', () => {
  it.each([
    [
      'an update',
      `UPDATE scheme_indicator SET weight = 11 WHERE scheme_id = 'fengqiao-2019@1' AND position = 0`,
    ],
    ['a delete', `DELETE FROM scheme_veto WHERE scheme_id = 'fengqiao-2019@1'`],
    ['a truncate', `TRUNCATE scheme_deduction`],
    ['a renamed scheme', `UPDATE scheme SET title = '改' WHERE id = 'fengqiao-2019@1'`],
  ])('refuse %s of a published scheme', async (_case, sql) => {
    await expect(platform.sql('assessment', sql)).rejects.toThrow(
      /a published scheme is never changed/,
    );
  });

  it('refuse a rule added to a scheme after its publication', async () => {
    await expect(
      platform.sql(
        'assessment',
        `INSERT INTO scheme_veto (scheme_id, position, key, department)
         VALUES ('fengqiao-2019@1', 1, 'cases.homicides', 'CASES')`,
      ),
    ).rejects.toThrow(/rules are given to a scheme only as it is published/);
  });

  it('refuse a scheme whose weights do not sum to 100, at commit', async () => {
    const before = await stored();
    await expect(
      platform.service('assessment').db.transaction(async (tx) => {
        await tx.query(`INSERT INTO scheme (id, name, version, title, published_by)
                        VALUES ('direct@1', 'direct', 1, '绕过接口', 'sql')`);
        await tx.query(`INSERT INTO scheme_indicator (scheme_id, position, key, label, department,
                          weight, method, direction, full_at, zero_at)
                        VALUES ('direct@1', 0, 'cases.homicides', '命案发案数', 'CASES', 99, 'YOY',
                          'LOWER', 0.1, -0.2)`);
      }),
    ).rejects.toThrow(/scheme direct@1: its weights sum to 99, not 100/);
    expect(await stored()).toEqual(before);
  });

  it('refuse a key of another department and a RATE line outside [0, 1]', async () => {
    const insert = (values: string) =>
      platform.service('assessment').db.transaction(async (tx) => {
        await tx.query(`INSERT INTO scheme (id, name, version, title, published_by)
                        VALUES ('direct@1', 'direct', 1, '绕过接口', 'sql')`);
        await tx.query(`INSERT INTO scheme_indicator (scheme_id, position, key, label, department,
                          weight, method, direction, full_at, zero_at, min_sample, when_short)
                        VALUES ${values}`);
      });
    await expect(
      insert(
        `('direct@1', 0, 'cases.homicides', '命案发案数', 'TRAFFIC', 100, 'YOY', 'LOWER', 0.1, -0.2,
          NULL, NULL)`,
      ),
    ).rejects.toThrow(/check constraint/);
    await expect(
      insert(
        `('direct@1', 0, 'cases.mediationRate', '矛盾纠纷调解成功率', 'CASES', 100, 'RATE', 'HIGHER',
          98, 90, 1, 'FULL')`,
      ),
    ).rejects.toThrow(/check constraint/);
  });

  it('take a department by the shape of an enum value, so a new one needs no migration', async () => {
    const insert = (key: string, department: string) =>
      platform.service('assessment').db.transaction(async (tx) => {
        await tx.query(`INSERT INTO scheme (id, name, version, title, published_by)
                        VALUES ('direct@1', 'direct', 1, '绕过接口', 'sql')`);
        await tx.query(
          `INSERT INTO scheme_indicator (scheme_id, position, key, label, department, weight,
             method, direction, full_at, zero_at) VALUES ('direct@1', 0, $1, $1, $2, 100, 'YOY',
             'LOWER', 0.1, -0.2)`,
          [key, department],
        );
        // Accepted so far: undone, so the tables keep their schemes.
        throw new Error('stored');
      });
    await expect(insert('fire.blazes', 'FIRE')).rejects.toThrow(/^stored$/);
    for (const department of ['', 'fire', 'FIRE-']) {
      await expect(insert(`${department.toLowerCase()}.blazes`, department)).rejects.toThrow(
        /scheme_indicator_department_check/,
      );
    }
  });
});
