import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { dataVersionReader } from '../../gateway/src/data-versions';
import { ServiceMetrics } from '../../platform/metrics';
import type { SubgraphProcess } from '../../scripts/processes';
import { percentile } from './load';

export interface VersionCheckFigures {
  subgraphs: number;
  checks: number;
  p50: number;
  p90: number;
  p99: number;
  /** Checks that failed (a subgraph past the reader's timeout): counted, not timed. */
  failed: number;
  /** The machine's 1-minute load average as the checks ended: other work skews them. */
  load: number;
}

/**
 * The live cache's version check alone (docs/live-cache.md: its budget is about a millisecond):
 * the gateway's own reader asking every subgraph's `/data-version` at once, one check after
 * another, measured once the scenarios are done and the bench's own load has stopped. A
 * repeated read costs this on top of answering from memory.
 */
export async function measureVersionCheck(
  subgraphs: readonly SubgraphProcess[],
  checks = 1000,
): Promise<VersionCheckFigures> {
  const urls = Object.fromEntries(subgraphs.map((s) => [s.name, s.url]));
  const read = dataVersionReader(() => urls, new ServiceMetrics('bench'));
  const names = Object.keys(urls);
  // A check that fails is what the gateway meets too (it then runs the request uncached): the
  // run counts it and goes on, rather than lose the figures of every scenario before it.
  let failed = 0;
  const check = () =>
    read(names).then(
      () => true,
      () => ((failed += 1), false),
    );
  // Warm: connections opened, the subgraphs' statement planned.
  for (let i = 0; i < 50; i++) await check();
  failed = 0;
  const times: number[] = [];
  for (let i = 0; i < checks; i++) {
    const start = performance.now();
    if (await check()) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const [p50, p90, p99] = [0.5, 0.9, 0.99].map((q) => percentile(times, q)) as [
    number,
    number,
    number,
  ];
  return { subgraphs: names.length, checks, p50, p90, p99, failed, load: loadavg()[0] ?? 0 };
}
