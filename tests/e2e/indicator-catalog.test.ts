import { listedOperation } from '../../platform/operations';
import { BOARD_DEPARTMENTS } from '../../subgraphs/departments';
import { DEPARTMENT_REGISTRY } from '../../subgraphs/kit/service/registry';
import { startPlatform, type GraphQLResponse, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * The indicator catalogs through the graph: each department serves its own, the assessors learn
 * them through the gateway (never from a department's code), check schemes against them and keep
 * each item's label; a department that cannot answer makes publication refuse, writing nothing.
 */
let platform: Platform;
let assessor: string;

const CATALOG = listedOperation('IndicatorCatalog');
const PUBLISH = listedOperation('PublishAssessmentScheme');

interface Listed {
  department: string;
  label: string;
  version: string;
  indicators: { key: string; label: string; kind: string; reads: string[] }[];
}

/** A scheme of one indicator of each of two departments, a deduction and a veto. */
const scheme = (name: string, key = 'cases.criminalSolved') => ({
  name,
  title: '目录测试方案',
  indicators: [
    {
      key,
      department: 'CASES',
      weight: 60,
      method: 'YOY',
      direction: 'HIGHER',
      fullAt: 0.5,
      zeroAt: 0,
    },
    {
      key: 'surveys.securityRate',
      department: 'SURVEYS',
      weight: 40,
      method: 'RATE',
      direction: 'HIGHER',
      fullAt: 1,
      zeroAt: 0.9,
      minSample: 10,
      whenShort: 'FULL',
    },
  ],
  deductions: [{ key: 'traffic.majorAccidents', department: 'TRAFFIC', pointsEach: 5 }],
  vetoes: [{ key: 'cases.homicides', department: 'CASES' }],
});

const publish = (input: ReturnType<typeof scheme>) =>
  platform.query(PUBLISH, { token: assessor, variables: { input } });

const codeOf = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;

/** The scheme tables' rows, as a digest: equal before and after means nothing was written. */
const schemeTables = () =>
  Promise.all(
    ['scheme', 'scheme_indicator', 'scheme_deduction', 'scheme_veto'].map((table) =>
      platform.fingerprint('assessment', table),
    ),
  );

beforeAll(async () => {
  platform = await startPlatform({ seed: null });
  assessor = await tokenFor('assessor');
});
afterAll(() => platform.stop());

describe('the indicator catalog', () => {
  it('lists every department of the registry, in its order, with its label, in one query', async () => {
    const res = await platform.query(CATALOG, { token: await tokenFor('station:330602500001') });
    expect(res.errors).toBeUndefined();
    const listed = res.data.indicatorCatalog as Listed[];
    expect(listed.map((d) => [d.department, d.label])).toEqual(
      DEPARTMENT_REGISTRY.map((d) => [d.enum, d.label]),
    );
    // What each department declares in its folder, and nothing else.
    for (const department of BOARD_DEPARTMENTS) {
      const served = listed.find((d) => d.department === department.key);
      expect(served?.indicators.map(({ key, label, kind }) => ({ key, label, kind }))).toEqual(
        department.indicators.map(({ key, label, kind }) => ({ key, label, kind })),
      );
      expect(served?.version).toMatch(/^[0-9a-f]{16}$/);
    }
  });

  it('is what each department serves as its own catalog field, version included', async () => {
    const token = await tokenFor('assessor');
    const all = await platform.query(CATALOG, { token });
    for (const entry of DEPARTMENT_REGISTRY) {
      const own = await platform.querySubgraph(
        entry.name,
        `{ ${entry.catalog.field} { department version indicators { key label kind reads } } }`,
        { token },
      );
      expect(own.errors).toBeUndefined();
      const catalog = own.data[entry.catalog.field];
      expect(catalog.department).toBe(entry.name);
      const learnt = (all.data.indicatorCatalog as Listed[]).find(
        (d) => d.department === entry.enum,
      );
      expect(learnt?.version).toBe(catalog.version);
      expect(learnt?.indicators.map((i) => i.key)).toEqual(
        catalog.indicators.map((i: { key: string }) => i.key),
      );
      for (const indicator of catalog.indicators as { kind: string; reads: string[] }[]) {
        expect(indicator.reads).toHaveLength(indicator.kind === 'RATE' ? 2 : 1);
      }
    }
  });

  it('refuses a key no catalog lists, writing nothing', async () => {
    const before = await schemeTables();
    const res = await publish(scheme('catalog-unknown', 'cases.noSuchIndicator'));
    expect(codeOf(res)).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.problems).toEqual([
      {
        field: 'input.indicators[0].key',
        value: 'cases.noSuchIndicator',
        reason: 'is not an indicator any department publishes',
      },
    ]);
    expect(await schemeTables()).toEqual(before);
  });

  it("keeps each item's label as the catalog gave it", async () => {
    const res = await publish(scheme('catalog-labels'));
    expect(res.errors).toBeUndefined();
    const published = res.data.publishAssessmentScheme;
    const labels = new Map(
      BOARD_DEPARTMENTS.flatMap((d) => d.indicators).map((i) => [i.key, i.label]),
    );
    for (const item of [...published.indicators, ...published.deductions, ...published.vetoes]) {
      expect([item.key, item.label]).toEqual([item.key, labels.get(item.key)]);
    }
  });
});

describe('a department down', () => {
  it('refuses publication with DEPARTMENT_UNAVAILABLE, writing nothing, and the catalog too', async () => {
    await platform.stopSubgraph('traffic');
    const before = await schemeTables();
    const refused = await publish(scheme('catalog-down'));
    expect(codeOf(refused)).toBe('DEPARTMENT_UNAVAILABLE');
    expect(refused.data).toBeNull();
    expect(await schemeTables()).toEqual(before);
    const catalog = await platform.query(CATALOG, { token: assessor });
    expect(codeOf(catalog)).toBe('DEPARTMENT_UNAVAILABLE');
    // It names the department that did not answer, and no SQL.
    const messages = [...(refused.errors ?? []), ...(catalog.errors ?? [])].map((e) => e.message);
    for (const message of messages) {
      expect(message).toMatch(/traffic/);
      expect(message).not.toMatch(/SELECT|INSERT|scheme_/);
    }
  });

  it('publishes again once it is back', async () => {
    await platform.restartSubgraph('traffic');
    const res = await publish(scheme('catalog-down'));
    expect(res.errors).toBeUndefined();
    expect(res.data.publishAssessmentScheme.id).toBe('catalog-down@1');
  });
});
