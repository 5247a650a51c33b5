import type { SubgraphProcess } from '../../scripts/processes';
import { stagesOf, type SubgraphFetch } from './capture';
import { runLoad, type LoadResult, type Target } from './load';
import { replayStages, type CriticalPathFigures } from './replay';
import type { ProofSecret } from '../../platform/gateway-proof';
import { cpuSeconds, residentMegabytes } from './process-stats';
import type { Scenario } from './scenarios';
import { settled, statementTotals } from './statements';

export interface GatewayUnderTest {
  name: string;
  url: string;
  pid: number | undefined;
}

export interface GatewayFigures {
  gateway: string;
  c1: LoadResult;
  c16: LoadResult;
  /** Resident memory after the scenario's load. */
  rssMb: number | null;
  /** The gateway's CPU time per request at concurrency 16. */
  cpuMsPerRequest: number | null;
  /** The subgraphs' CPU time per request at concurrency 16, all together. */
  subgraphCpuMsPerRequest: number | null;
  /** The same by subgraph, to see which one a change made cheaper. */
  subgraphCpuMs: Map<string, number | null>;
  /** SQL statements per request by subgraph; null where the subgraph does not count them. */
  statements: Map<string, number | null>;
  /** The data of a checked answer, to compare the gateways' answers. */
  answer: string;
  /** What was wrong with a checked answer, or null. */
  problem: string | null;
}

const PROBES = 5;

/** The sum of `values`, or null when any is unknown. */
function sum(values: (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : values.reduce<number>((a, v) => a + (v ?? 0), 0);
}

export function requestBody(scenario: Scenario): () => string {
  return () => JSON.stringify({ query: scenario.operation, variables: scenario.variables() });
}

/** One request through `gateway`: its text, and what is wrong with it (null when nothing). */
async function sendOnce(
  gateway: GatewayUnderTest,
  scenario: Scenario,
  headers: Record<string, string>,
): Promise<{ data: string; problem: string | null }> {
  const response = await fetch(gateway.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: requestBody(scenario)(),
  });
  const text = await response.text();
  const body = JSON.parse(text) as { data?: Record<string, unknown> | null; errors?: unknown };
  const problem =
    body.errors !== undefined || !body.data ? text.slice(0, 500) : scenario.check(body.data);
  return { data: JSON.stringify(body.data ?? null), problem };
}

/** Sends a few requests one by one: their answers are checked and statements counted. */
async function probe(
  gateway: GatewayUnderTest,
  scenario: Scenario,
  headers: Record<string, string>,
  subgraphs: readonly SubgraphProcess[],
): Promise<Pick<GatewayFigures, 'statements' | 'answer' | 'problem'>> {
  const before = await statementTotals(subgraphs);
  let answer = '';
  let problem: string | null = null;
  for (let i = 0; i < PROBES; i += 1) {
    const sent = await sendOnce(gateway, scenario, headers);
    problem ??= sent.problem;
    answer = sent.data;
  }
  const after = await statementTotals(subgraphs);
  const statements = new Map(
    subgraphs.map(({ name }) => {
      const [a, b] = [after.get(name), before.get(name)];
      return [name, a != null && b != null ? (a - b) / PROBES : null] as const;
    }),
  );
  return { statements, answer, problem };
}

/** A captured fetch's body with the scenario's fresh variables (new records) in it. */
function refreshed(body: string, scenario: Scenario): string {
  const request = JSON.parse(body) as { variables?: Record<string, unknown> };
  const fresh = scenario.variables();
  const variables = Object.fromEntries(
    Object.entries(request.variables ?? {}).map(([k, v]) => [k, k in fresh ? fresh[k] : v]),
  );
  return JSON.stringify({ ...request, variables });
}

export interface ScenarioRun {
  gateways: readonly GatewayUnderTest[];
  scenario: Scenario;
  token: string;
  subgraphs: readonly SubgraphProcess[];
  /** Our gateway's fetches for one request of the scenario. */
  fetches: readonly SubgraphFetch[];
  /** SUBGRAPH_SECRET, to sign the replayed fetches as the gateway does. */
  subgraphSecret: ProofSecret;
  seconds: number;
  /** Brings the tables back to the profile before each measurement (for writes). */
  reset(): Promise<void>;
}

/**
 * One scenario on every gateway: checked answers and statements per request, a warm-up, then
 * `seconds` at concurrency 1 and at 16, with the fetches alone between. The gateways take
 * turns at each step, so load from elsewhere on the machine falls on both alike.
 */
export async function measureScenario(run: ScenarioRun): Promise<{
  figures: GatewayFigures[];
  criticalPath: CriticalPathFigures;
}> {
  const { scenario, seconds } = run;
  const headers = { authorization: `Bearer ${run.token}`, ...scenario.headers };
  const body = scenario.fresh ? requestBody(scenario) : requestBody(scenario)();
  const target = (gateway: GatewayUnderTest): Target => ({ url: gateway.url, headers, body });
  async function inTurn<T>(step: (gateway: GatewayUnderTest) => Promise<T>): Promise<T[]> {
    const results: T[] = [];
    for (const gateway of run.gateways) {
      await run.reset();
      results.push(await step(gateway));
    }
    return results;
  }
  /**
   * Load, then wait until the platform has worked off the requests the load generator left in
   * flight (one more request through the gateway, then quiet subgraphs), with the gateway's
   * and the subgraphs' CPU time until then spread over every request sent.
   */
  async function load(gateway: GatewayUnderTest, connections: number, duration: number) {
    const cpu = () => [gateway, ...run.subgraphs].map((p) => cpuSeconds(p.pid));
    const before = cpu();
    const result = await runLoad(target(gateway), connections, duration);
    await sendOnce(gateway, scenario, headers);
    await settled(run.subgraphs);
    const [gatewayMs = null, ...subgraphsMs] = cpu().map((after, i) => {
      const start = before[i];
      return after != null && start != null ? ((after - start) * 1000) / (result.sent + 1) : null;
    });
    return {
      result,
      cpuMsPerRequest: gatewayMs,
      subgraphCpuMsPerRequest: sum(subgraphsMs),
      subgraphCpuMs: new Map(run.subgraphs.map((s, i) => [s.name, subgraphsMs[i] ?? null])),
      rssMb: residentMegabytes(gateway.pid),
    };
  }
  await settled(run.subgraphs);
  const checked = await inTurn((g) => probe(g, scenario, headers, run.subgraphs));
  // JIT, plan caches and connection pools warm up before anything is measured.
  await inTurn((g) => load(g, 16, Math.min(3, seconds)));
  const c1 = await inTurn((g) => load(g, 1, seconds));
  await run.reset();
  const criticalPath = await replayStages(
    stagesOf(run.fetches),
    (fetch) => (scenario.fresh ? refreshed(fetch.body, scenario) : fetch.body),
    Math.min(5, seconds),
    run.subgraphSecret,
  );
  const c16 = await inTurn((g) => load(g, 16, seconds));
  const figures = run.gateways.map((gateway, i) => {
    const [probed, one, sixteen] = [checked[i], c1[i], c16[i]];
    if (!probed || !one || !sixteen) throw new Error(`no figures for ${gateway.name}`);
    const { result, ...figures } = sixteen;
    return { gateway: gateway.name, c1: one.result, c16: result, ...figures, ...probed };
  });
  return { figures, criticalPath };
}
