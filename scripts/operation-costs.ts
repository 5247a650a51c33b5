import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { OperationManifest } from '../platform/operations';
import { costDirectives, estimateCost } from '../platform/cost';
import { DEFAULT_LIMITS } from '../platform/limits';
import { apiSchema } from './api-schema';

export interface OperationCost {
  name: string;
  /** The estimate with every variable at its worst: each list at its assumed size. */
  cost: number;
}

/** What the gateway estimates each listed operation to cost, at most (platform/cost.ts). */
export function listedOperationCosts(
  supergraphSdl: string,
  manifest: OperationManifest,
): OperationCost[] {
  const schema = apiSchema(supergraphSdl);
  const directives = costDirectives(parse(supergraphSdl));
  return manifest.operations.map(({ name, body }) => {
    const document = parse(body);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    );
    const cost = operation ? estimateCost({ schema, directives, document, operation }) : 0;
    return { name, cost };
  });
}

/**
 * A listed operation must leave room under the default cost limit: at most half of it, so a
 * screen that grows a little never meets the limit in production.
 */
export function costProblems(supergraphSdl: string, manifest: OperationManifest): string[] {
  const room = DEFAULT_LIMITS.cost / 2;
  return listedOperationCosts(supergraphSdl, manifest)
    .filter(({ cost }) => cost > room)
    .map(
      ({ name, cost }) =>
        `${name} is estimated to cost ${cost}, more than half the default MAX_COST (${DEFAULT_LIMITS.cost})`,
    );
}
