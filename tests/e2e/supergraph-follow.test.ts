import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import type { RunningGateway } from '../../gateway/src/gateway';
import { supergraphHash } from '../../gateway/src/live-supergraph';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { metricValue } from '../support/metrics';
import { postGraphQL, startPlatform, type Platform } from '../support/platform';
import { tokenFor } from '../support/tokens';

/**
 * The gateway follows its supergraph file: a new supergraph is served without a restart,
 * requests in flight across the swap all answer, and a supergraph that does not build is
 * refused while the served one keeps answering.
 */
const CHECKED_IN = readFileSync(SUPERGRAPH_FILE, 'utf8');
const FENGQIAO = '330681500001';
const QUERY = `{ station(code: "${FENGQIAO}") { name caseStats(period: "2019-H1") { criminalSolved } } }`;

let platform: Platform;
let admin: string;
let dir: string;
let file: string;
let gateway: RunningGateway;

/** A supergraph the gateway has not served: the checked-in one with a comment of its own. */
const variant = (n: number) => `${CHECKED_IN}# variant ${n}\n`;

/** Replaces the file as a publication does: written beside it, then renamed over it. */
function publish(sdl: string): void {
  const next = `${file}.next`;
  writeFileSync(next, sdl);
  renameSync(next, file);
}

async function served(): Promise<{ hash: string; loadedAt: string }> {
  const response = await fetch(new URL('/ready', gateway.url));
  return ((await response.json()) as { supergraph: { hash: string; loadedAt: string } }).supergraph;
}

/** A swap builds a supergraph and a query planner: seconds on a machine as busy as CI's. */
async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

beforeAll(async () => {
  platform = await startPlatform({ seed: 'city' });
  admin = await tokenFor('admin');
  dir = mkdtempSync(join(tmpdir(), 'fengqiao-supergraph-'));
  file = join(dir, 'supergraph.graphql');
  writeFileSync(file, CHECKED_IN);
  gateway = await platform.startGateway(
    {},
    { supergraphFile: file, fileIntervalMs: 25, urlIntervalMs: 1000 },
  );
});
afterAll(async () => {
  await platform.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a gateway following its supergraph file', () => {
  it('reports the served supergraph on /ready', async () => {
    const { hash, loadedAt } = await served();
    expect(hash).toBe(supergraphHash(CHECKED_IN));
    expect(Date.parse(loadedAt)).toBeLessThanOrEqual(Date.now());
  });

  it('answers 300 requests in flight across 5 swaps without an error', async () => {
    const applied = async () =>
      metricValue(await gatewayMetrics(), 'gateway_supergraph_updates_total', {
        result: 'applied',
      });
    const before = await applied();
    // A client load of 300 requests, 20 at a time, while the file changes 5 times: after the
    // 50th, 100th, … 250th request has gone out, the next supergraph is published and awaited
    // on /ready, and the load runs at most 25 requests ahead of a swap not yet served, so every
    // swap happens with requests in flight.
    const results: Awaited<ReturnType<typeof postGraphQL>>[] = [];
    let sent = 0;
    let swapped = 0;
    let failed = false;
    const worker = async () => {
      while (sent < 300 && !failed) {
        if (swapped < 5 && sent >= 50 * (swapped + 1) + 25) {
          await new Promise((resolve) => setTimeout(resolve, 5));
          continue;
        }
        sent += 1;
        results.push(await postGraphQL(gateway.url, QUERY, { token: admin }));
      }
    };
    const swaps = async () => {
      for (let n = 1; n <= 5; n += 1) {
        await until(() => Promise.resolve(sent >= 50 * n));
        const sdl = variant(n);
        publish(sdl);
        await until(async () => (await served()).hash === supergraphHash(sdl));
        swapped = n;
      }
    };
    const swapping = swaps().catch((error: unknown) => {
      failed = true;
      throw error;
    });
    await Promise.all([swapping, ...Array.from({ length: 20 }, worker)]);
    expect(results).toHaveLength(300);
    expect(results.filter((r) => r.status !== 200 || r.errors)).toEqual([]);
    expect(new Set(results.map((r) => JSON.stringify(r.data))).size).toBe(1);
    expect(results[0].data.station.name).toBe('诸暨市公安局枫桥派出所');
    expect(await applied()).toBe(before + 5);
  });

  it('refuses a supergraph that does not build and keeps serving the one it has', async () => {
    const kept = await served();
    const refusedBefore = metricValue(await gatewayMetrics(), 'gateway_supergraph_updates_total', {
      result: 'refused',
    });
    publish('schema { query: Query } type Query { broken: Nope }');
    await until(
      async () =>
        metricValue(await gatewayMetrics(), 'gateway_supergraph_updates_total', {
          result: 'refused',
        }) ===
        refusedBefore + 1,
    );
    // A supergraph that parses but names no subgraph with its join directives is refused too.
    publish(CHECKED_IN.replace('@join__graph(name: "cases"', '@join__graph(nom: "cases"'));
    await until(
      async () =>
        metricValue(await gatewayMetrics(), 'gateway_supergraph_updates_total', {
          result: 'refused',
        }) ===
        refusedBefore + 2,
    );
    expect(await served()).toEqual(kept);
    const answer = await postGraphQL(gateway.url, QUERY, { token: admin });
    expect(answer.errors).toBeUndefined();
    expect(answer.data.station.name).toBe('诸暨市公安局枫桥派出所');
  });

  it('holds no more memory after 50 swaps than after the first few (figure printed)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const heap = () => {
      gc();
      gc();
      return process.memoryUsage().heapUsed;
    };
    const swap = async (n: number) => {
      expect(gateway.supergraph.offer(variant(100 + n), 'test')).toBe('applied');
      const answer = await postGraphQL(gateway.url, QUERY, { token: admin });
      expect(answer.errors).toBeUndefined();
    };
    const started = Date.now();
    for (let n = 0; n < 5; n += 1) await swap(n);
    // After the first few: the plan caches, the data sources and the metrics' series are made.
    const settled = heap();
    for (let n = 5; n < 50; n += 1) await swap(n);
    const after = heap();
    const perSwap = (Date.now() - started) / 50;
    const growth = (after - settled) / 1024 / 1024;
    console.log(
      `gateway heap after 5 swaps ${(settled / 1024 / 1024).toFixed(1)} MB, ` +
        `after 50 ${(after / 1024 / 1024).toFixed(1)} MB (+${growth.toFixed(1)} MB); ` +
        `${perSwap.toFixed(0)} ms a swap with its request`,
    );
    // One supergraph's schema, planner and derived state take some 10 MB: 45 more swaps
    // must not keep more than that.
    expect(growth).toBeLessThan(10);
  }, 300_000);
});

function gatewayMetrics(): Promise<string> {
  return fetch(new URL('/metrics', gateway.url)).then((r) => r.text());
}
