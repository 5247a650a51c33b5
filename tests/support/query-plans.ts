import type { PlanNode } from '@apollo/query-planner';
import { readFileSync } from 'node:fs';
import { startGateway, type QueryPlan } from '../../gateway/src/gateway';
import { authConfigFromEnv } from '../../platform/auth';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { postGraphQL, type GraphQLResponse, type Platform, type RequestOptions } from './platform';

/** The services a plan node fetches from, in plan order, one entry per fetch. */
export function fetchedServices(node: PlanNode): string[] {
  switch (node.kind) {
    case 'Fetch':
      return [node.serviceName];
    case 'Flatten':
      return fetchedServices(node.node);
    case 'Sequence':
    case 'Parallel':
      return node.nodes.flatMap(fetchedServices);
    default:
      throw new Error(`unexpected ${node.kind} node in a plan`);
  }
}

/**
 * Sends `query` through a gateway of its own over the platform's subgraphs, serving the
 * checked-in supergraph, and returns the answer with the one plan the gateway made for it.
 */
export async function withPlan(
  platform: Platform,
  query: string,
  options: RequestOptions,
): Promise<{ res: GraphQLResponse; plan: QueryPlan }> {
  const plans: QueryPlan[] = [];
  const gateway = await startGateway({
    supergraphSdl: readFileSync(SUPERGRAPH_FILE, 'utf8'),
    port: 0,
    auth: authConfigFromEnv(),
    subgraphUrls: platform.gateway.subgraphUrls,
    onQueryPlan: (plan) => plans.push(plan),
  });
  try {
    const res = await postGraphQL(gateway.url, query, options);
    const [plan] = plans;
    if (!plan || plans.length !== 1)
      throw new Error(`the gateway made ${plans.length} plans, not 1`);
    return { res, plan };
  } finally {
    await gateway.stop();
  }
}
