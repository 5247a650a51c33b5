import type { ProcessGroup, SubgraphProcess } from '../../scripts/processes';
import { FetchRecorder, type SubgraphFetch } from './capture';
import { requestBody } from './measure';
import { startOurGateway, type PlatformOptions } from './platform';
import { BENCH_PORTS } from './ports';
import type { Scenario } from './scenarios';

/**
 * Learns which subgraph requests our gateway makes for each scenario: a second instance of
 * it, pointed at recording proxies, answers each scenario's request once (after one unrecorded
 * request that plans it). The instance and proxies are gone before any load starts.
 */
export async function capture(
  group: ProcessGroup,
  options: PlatformOptions,
  subgraphs: readonly SubgraphProcess[],
  scenarios: readonly Scenario[],
  token: (role: string) => Promise<string>,
): Promise<Map<string, SubgraphFetch[]>> {
  // Nothing to learn (a run of the screen's renders alone): no second gateway started.
  if (scenarios.length === 0) return new Map();
  const recorder = await FetchRecorder.start(subgraphs);
  const captured = new Map<string, SubgraphFetch[]>();
  try {
    const gateway = await startOurGateway(group, {
      ...options,
      profile: false,
      name: 'capture-gateway',
      port: BENCH_PORTS.capture,
      subgraphs: recorder.proxies,
    });
    for (const scenario of scenarios) {
      const authorization = `Bearer ${await token(scenario.role)}`;
      for (const pass of ['plan', 'capture']) {
        const response = await fetch(gateway.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            authorization,
            'x-request-id': `bench-${pass}-${scenario.id}`,
            ...scenario.headers,
          },
          body: requestBody(scenario)(),
        });
        await response.text();
      }
      captured.set(scenario.id, recorder.fetchesOf(`bench-capture-${scenario.id}`));
    }
  } finally {
    await group.stop('capture-gateway');
    await recorder.stop();
  }
  return captured;
}
