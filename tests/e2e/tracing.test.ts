import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { listedOperation } from '../../platform/operations';
import { PROJECT_ROOT } from '../../platform/paths';
import { REQUEST_ID_ATTRIBUTE } from '../../platform/request-scope';
import { freePort } from '../../scripts/embedded-postgres';
import {
  GATEWAY_SCRIPT,
  ProcessGroup,
  startSubgraphs,
  subgraphUrlEnv,
  type SubgraphProcess,
} from '../../scripts/processes';
import { BOARD_DEPARTMENTS } from '../../subgraphs/departments';
import { SUBGRAPHS } from '../../subgraphs/list';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { OtlpReceiver, type ReceivedSpan } from '../support/otlp-receiver';
import { postGraphQL } from '../support/platform';
import { registerStations, registryStation } from '../support/stations';
import { tokenFor } from '../support/tokens';

/**
 * Every service as its own process, as `npm start` runs them, exporting spans to a small OTLP
 * receiver: one board request through the gateway must be one trace that holds the gateway's
 * request, plan and fetches, each subgraph's request under the fetch that sent it, and each
 * subgraph's SQL under its request.
 */
const receiver = new OtlpReceiver();
const group = new ProcessGroup((name, how) => {
  throw new Error(`${name} exited (${how})`);
});
let database: TestDatabase;
let gatewayUrl: string;
let subgraphs: SubgraphProcess[];

beforeAll(async () => {
  execFileSync('npm', ['run', '-s', 'build'], { cwd: PROJECT_ROOT });
  const endpoint = await receiver.start();
  database = await createTestDatabase();
  const env = {
    DATABASE_URL: database.url,
    SEED: 'none',
    APOLLO_TELEMETRY_DISABLED: '1',
    OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
    OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    // Export within 100 ms rather than the default 5 s.
    OTEL_BSP_SCHEDULE_DELAY: '100',
  };
  const ports = await Promise.all(SUBGRAPHS.map(() => freePort()));
  const port = await freePort();
  gatewayUrl = `http://localhost:${port}/graphql`;
  subgraphs = await startSubgraphs(group, {
    env: { ...env, GATEWAY_URL: gatewayUrl },
    portOf: (_name, index) => ports[index] ?? 0,
    output: () => ({ onLine: () => undefined }),
    timeoutMs: 60_000,
  });
  group.start({
    name: 'gateway',
    script: GATEWAY_SCRIPT,
    env: { ...env, ...subgraphUrlEnv(subgraphs), PORT: String(port) },
    output: { onLine: () => undefined },
  });
  await group.waitHealthy('gateway', gatewayUrl, 60_000);
  await registerStations({ query: (query, options) => postGraphQL(gatewayUrl, query, options) }, [
    registryStation('330602600001', '330602'),
    registryStation('330602600002', '330602'),
  ]);
}, 180_000);

afterAll(async () => {
  await group.stopAll();
  await receiver.stop();
  await database?.drop();
});

/** A SQL statement's span, by either generation of the database semantic conventions. */
const isSql = (span: ReceivedSpan) =>
  (span.attributes['db.system.name'] ?? span.attributes['db.system']) === 'postgresql';

/**
 * Waits until the receiver holds the whole trace `requestId` began: its root, the parent of
 * every span, a subgraph's request under each of the gateway's HTTP calls, and SQL from each
 * subgraph (the services export on their own schedules).
 */
async function traceOf(requestId: string): Promise<ReceivedSpan[]> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const tagged = receiver.spans.filter((s) => s.attributes[REQUEST_ID_ATTRIBUTE] === requestId);
    const traceIds = new Set(tagged.map((s) => s.traceId));
    const spans = receiver.spans.filter((s) => traceIds.has(s.traceId));
    const ids = new Set(spans.map((s) => s.spanId));
    const fetchIds = new Set(spans.filter((s) => s.name === 'gateway.fetch').map((s) => s.spanId));
    const calls = spans.filter((s) => fetchIds.has(s.parentSpanId));
    const called = new Set(spans.map((s) => s.parentSpanId));
    const complete =
      spans.some((s) => s.parentSpanId === '') &&
      spans.every((s) => s.parentSpanId === '' || ids.has(s.parentSpanId)) &&
      calls.every((c) => called.has(c.spanId)) &&
      SUBGRAPHS.every((g) => spans.some((s) => s.service === g.name && isSql(s)));
    if (complete || Date.now() > deadline) return spans;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('a board request traced end to end', () => {
  it('is one trace: gateway, every subgraph the plan reached and their SQL, parented correctly', async () => {
    const requestId = `trace-test-${Date.now()}`;
    const res = await postGraphQL(gatewayUrl, listedOperation('AssessmentBoardScreen'), {
      token: await tokenFor('assessor'),
      variables: { scope: '330602', period: '2019-H1' },
      headers: { 'x-request-id': requestId },
    });
    expect(res.errors).toBeUndefined();
    expect(res.data.assessmentBoard.rows).toHaveLength(2);

    const services = ['gateway', ...SUBGRAPHS.map((s) => s.name)];
    const spans = await traceOf(requestId);
    expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
    expect([...new Set(spans.map((s) => s.service))].sort()).toEqual([...services].sort());

    const byId = new Map(spans.map((s) => [s.spanId, s]));
    const parent = (span: ReceivedSpan) => byId.get(span.parentSpanId);
    const ancestors = (span: ReceivedSpan): ReceivedSpan[] => {
      const chain: ReceivedSpan[] = [];
      for (let p = parent(span); p; p = parent(p)) chain.push(p);
      return chain;
    };

    // One root: the gateway's HTTP request, with the request id; everything else hangs under it.
    const roots = spans.filter((s) => s.parentSpanId === '');
    expect(roots).toEqual([
      expect.objectContaining({
        service: 'gateway',
        attributes: expect.objectContaining({ [REQUEST_ID_ATTRIBUTE]: requestId }),
      }),
    ]);
    for (const span of spans) {
      if (span !== roots[0]) expect(ancestors(span).at(-1)).toBe(roots[0]);
    }

    const names = spans.filter((s) => s.service === 'gateway').map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan']));
    // The board's plan: its key, the registry, the three departments, the rows, then the rows'
    // names from the registry (each department's own questions to the graph, through the
    // gateway, are fetches deeper down).
    const fetched = spans
      .filter(
        (s) => s.name === 'gateway.fetch' && ancestors(s).every((a) => a.service === 'gateway'),
      )
      .map((s) => s.attributes.service);
    expect(fetched.sort()).toEqual(
      ['assessment', 'stations', 'cases', 'traffic', 'surveys', 'assessment', 'stations'].sort(),
    );
    // Those deeper requests are in this trace too (Node's fetch carries the traceparent).
    const nested = spans.filter(
      (s) => s.name === 'gateway.request' && ancestors(s).some((a) => a.service !== 'gateway'),
    );
    expect(nested.length).toBeGreaterThan(0);

    for (const name of SUBGRAPHS.map((s) => s.name)) {
      // Each subgraph's request, under a fetch of the gateway's to that subgraph, with the same id.
      const requests = spans.filter(
        (s) => s.service === name && s.parentSpanId !== '' && parent(s)?.service === 'gateway',
      );
      expect(requests.length).toBeGreaterThan(0);
      for (const request of requests) {
        expect(request.attributes[REQUEST_ID_ATTRIBUTE]).toBe(requestId);
        const fetch = ancestors(request).find((s) => s.name === 'gateway.fetch');
        expect(fetch?.attributes.service).toBe(name);
      }
      // Where its time went: the execution of the operation the gateway sent, under its
      // request; the resolvers under the execution; every SQL statement under the resolver (or
      // the DataLoader batch a resolver started) that sent it.
      const own = (span: ReceivedSpan) => ancestors(span).filter((a) => a.service === name);
      const executions = spans.filter(
        (s) => s.service === name && s.name.startsWith('query AssessmentBoardScreen__'),
      );
      expect(executions.length).toBeGreaterThan(0);
      for (const execution of executions) expect(requests).toContain(parent(execution));
      const resolvers = spans.filter(
        (s) => s.service === name && s.name.startsWith('graphql.resolve '),
      );
      expect(resolvers.length).toBeGreaterThan(0);
      for (const resolver of resolvers) {
        expect(own(resolver).some((a) => a.name.startsWith('query '))).toBe(true);
      }
      const statements = spans.filter((s) => s.service === name && isSql(s));
      expect(statements.length).toBeGreaterThan(0);
      for (const statement of statements) {
        expect(own(statement).some((a) => requests.includes(a))).toBe(true);
        expect(own(statement).some((a) => resolvers.includes(a))).toBe(true);
      }
    }

    // Each department reads its figures for every station of the board in one DataLoader batch,
    // right under the resolver that asked (the per-key loads are not exported), with one
    // statement under it, whatever the number of stations.
    expect(spans.filter((s) => s.name === 'dataloader.load')).toEqual([]);
    for (const { name, field } of BOARD_DEPARTMENTS) {
      const figures = spans.filter(
        (s) =>
          s.service === name &&
          s.name === 'dataloader.batch' &&
          parent(s)?.name === `graphql.resolve _entities.*.${field}`,
      );
      expect(figures).toHaveLength(1);
      const queries = spans.filter(
        (s) => s.name.startsWith('pg.query:') && ancestors(s).includes(figures[0]),
      );
      expect(queries).toHaveLength(1);
    }
  });
});

describe('tracing unset', () => {
  it('never loads the OpenTelemetry SDK', () => {
    const loaded = (env: NodeJS.ProcessEnv) =>
      execFileSync(
        process.execPath,
        [
          '-e',
          `require(${JSON.stringify(join(PROJECT_ROOT, 'dist', 'gateway', 'src', 'tracing.js'))});` +
            "console.log(Object.keys(require.cache).some((f) => f.includes('@opentelemetry/sdk-trace')))",
        ],
        { env: { PATH: process.env.PATH, ...env } },
      )
        .toString()
        .trim();
    expect(loaded({})).toBe('false');
    expect(loaded({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:9' })).toBe('true');
  });
});
