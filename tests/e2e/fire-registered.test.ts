// The registry with fire (and a schema folder of its own) before any module of the platform loads.
import '../support/fire-registered';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SCHEMA_DIR, SCHEMA_DIR, SUPERGRAPH_FILE } from '../../platform/paths';
import { apiSchema } from '../../scripts/api-schema';
import { schemaChanges } from '../../scripts/schema-changes';
import { authConfigFromEnv } from '../../platform/auth';
import { runConformance } from '../../scripts/conformance/suite';
import { ProcessGroup, startOutside } from '../../scripts/processes';
import { OUTSIDE_DEPARTMENTS } from '../../subgraphs/departments';
import { SUBGRAPHS } from '../../subgraphs/list';
import { FIRE_FIGURES, FIRE_MAX, loadFireBoard, S1, S2 } from '../support/fire-board';
import { composeRegistrySchema, installFireDepartment } from '../support/fire-department';
import { gatewayOver, subgraphUrls } from '../support/in-process-platform';
import { postGraphQL, startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

// 2019-H1 has ended by this "today", for the platform and the fire department alike.
process.env.PLATFORM_TODAY = '2019-08-15';

/**
 * The platform started with examples/fire-department/departments.json as its registry: the
 * default departments and 消防, which the launcher starts as its own process from its entry's
 * command. Everything goes through the gateway, which serves the supergraph composed for that
 * registry at the start of the test.
 */
let platform: Platform;
let assessor = '';
let schemeId = '';

const BOARD = `query($schemeId: ID) {
  departments { department label }
  assessmentBoard(scope: "330602", period: "2019-H1", schemeId: $schemeId) {
    schemeId
    fireIndicators { stationCode values { key current baseline } }
    rows {
      station { code }
      total
      departments { department score max }
      indicators { key department current baseline points max }
    }
  }
}`;

interface BoardRow {
  station: { code: string };
  total: number;
  departments: { department: string; score: number; max: number }[];
  indicators: {
    key: string;
    department: string;
    current: number;
    baseline: number;
    points: number;
    max: number;
  }[];
}

beforeAll(async () => {
  installFireDepartment();
  await composeRegistrySchema();
  platform = await startPlatform();
  assessor = await tokenFor('assessor');
  schemeId = await loadFireBoard(platform);
}, 180_000);
afterAll(() => platform?.stop());

describe('the platform with the fire department registered', () => {
  it('starts fire from its entry as a process of its own, and routes the gateway to it', async () => {
    const started = platform.outside.byName.get('fire');
    expect(started?.pid).toEqual(expect.any(Number));
    expect(started?.url).toBe(`http://localhost:${started?.port}/graphql`);
    expect(await fetch(new URL('/health', started?.url)).then((r) => r.status)).toBe(200);
    // It listens where the launcher told it to (PORT), as its own log line says.
    const lines = platform.outside.output.get('fire') ?? [];
    expect(lines.map((l) => JSON.parse(l) as { msg: string; url?: string })).toContainEqual(
      expect.objectContaining({ msg: 'listening', url: started?.url }),
    );
  });

  it("serves a supergraph composed for this registry; without the entry, today's is unchanged", async () => {
    const composed = readFileSync(SUPERGRAPH_FILE, 'utf8');
    expect(SUPERGRAPH_FILE.startsWith(DEFAULT_SCHEMA_DIR)).toBe(false);
    expect(composed).toMatch(
      /fireIndicators: \[FireIndicators!\] .*@join__field\(graph: FIRE, requires: "stations \{ code \}"\)/,
    );
    const committed = readFileSync(join(DEFAULT_SCHEMA_DIR, 'supergraph.graphql'), 'utf8');
    expect(committed).not.toMatch(/fire/i);
    // What the entry adds to the API clients see: fire's own types and fields, nothing else.
    const changes = await schemaChanges(apiSchema(committed), apiSchema(composed));
    expect(changes.filter((c) => c.severity === 'breaking')).toEqual([]);
    expect(changes.filter((c) => !/fire/i.test(c.path ?? ''))).toEqual([]);
    // The other departments serve what they served: only the assessors' SDL names fire.
    for (const name of SUBGRAPHS.map((s) => s.name).filter((n) => n !== 'assessment')) {
      const sdl = (dir: string) => readFileSync(join(dir, `${name}.graphql`), 'utf8');
      expect(sdl(SCHEMA_DIR)).toBe(sdl(DEFAULT_SCHEMA_DIR));
    }
  });

  it('passes every check of the conformance suite as registered, on a scheme scoring fire.*', async () => {
    const results = await runConformance({
      name: 'fire',
      url: platform.outside.byName.get('fire')?.url ?? '',
      gateway: platform.gateway.url,
      scope: '330602',
      period: '2019-H1',
      scheme: schemeId,
      station: S1,
      otherStation: S2,
      jwtSecret: process.env.JWT_SECRET ?? '',
      subgraphSecret: process.env.SUBGRAPH_SECRET ?? '',
    });
    expect(results.filter((r) => r.outcome !== 'passed')).toEqual([]);
    expect(results.map((r) => r.check)).toContain('records add up');
  });

  it("publishes a board whose rows carry 消防's score, from the fire records", async () => {
    const res = await platform.query(BOARD, { token: assessor, variables: { schemeId } });
    expect(res.errors).toBeUndefined();
    expect(res.data.departments).toContainEqual({ department: 'FIRE', label: '消防' });
    const board = res.data.assessmentBoard as {
      fireIndicators: { stationCode: string; values: { key: string }[] }[];
      rows: BoardRow[];
    };
    const fireValues = Object.fromEntries(
      board.fireIndicators.map((f) => [f.stationCode, f.values]),
    );
    for (const [code, expected] of Object.entries(FIRE_FIGURES)) {
      expect(fireValues[code]).toEqual(
        Object.entries(expected).map(([key, [current, baseline]]) => ({ key, current, baseline })),
      );
      const row = board.rows.find((r) => r.station.code === code);
      const fireRows = row?.indicators.filter((i) => i.department === 'FIRE') ?? [];
      expect(fireRows.map((i) => [i.key, i.current, i.baseline])).toEqual(
        Object.entries(expected).map(([key, [current, baseline]]) => [key, current, baseline]),
      );
      const points = fireRows.reduce((sum, i) => sum + i.points, 0);
      expect(row?.departments).toContainEqual({
        department: 'FIRE',
        score: expect.closeTo(points, 2) as number,
        max: FIRE_MAX,
      });
      // The in-house key beside it, scored from the cases records.
      expect(row?.departments.map((d) => d.department)).toEqual(['CASES', 'FIRE']);
    }
    // S1's fires rose by half but its deaths fell; S2 went from none of either to some.
    const score = (code: string) =>
      board.rows
        .find((r) => r.station.code === code)
        ?.departments.find((d) => d.department === 'FIRE')?.score ?? -1;
    expect(score(S1)).toBeGreaterThan(score(S2));
  });

  it('routes a department run elsewhere (a url entry) without starting anything', async () => {
    const [registered] = OUTSIDE_DEPARTMENTS;
    if (!registered) throw new Error('the registry lists no outside department');
    const running = platform.outside.byName.get('fire')?.url ?? '';
    const group = new ProcessGroup(() => {});
    const elsewhere = startOutside(
      group,
      {
        ...registered,
        service: { url: running, sdl: 'examples/fire-department/src/schema.graphql' },
      },
      registered.port,
      {},
      { onLine: () => {} },
    );
    expect(elsewhere).toEqual({ name: 'fire', port: registered.port, url: running });
    const gateway = await gatewayOver(
      { ...subgraphUrls(platform.services, platform.outside), fire: elsewhere.url },
      authConfigFromEnv(),
    );
    try {
      const res = await postGraphQL(gateway.url, BOARD, {
        token: assessor,
        variables: { schemeId },
      });
      expect(res.errors).toBeUndefined();
      expect(res.data.assessmentBoard.fireIndicators).toHaveLength(2);
    } finally {
      await gateway.stop();
      await group.stopAll();
    }
  });
});
