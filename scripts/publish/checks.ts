import { Kind, parse, validate, type GraphQLSchema, type OperationDefinitionNode } from 'graphql';
import type { ListedOperation } from '../../platform/operations';
import { costDirectives, estimateCost } from '../../platform/cost';
import { apiSchema } from '../api-schema';
import { schemaChanges, type SchemaChange } from '../schema-changes';

/** A listed operation the candidate would fail or price out, and why. */
export interface OperationProblem {
  name: string;
  /** The client that published it, when one did (operations:publish); else the repository's. */
  client?: string;
  problems: string[];
}

export interface CandidateReport {
  /** Every change to the API schema, the most severe first. */
  changes: SchemaChange[];
  /** Listed operations the candidate's API schema does not validate. */
  broken: OperationProblem[];
  /** Listed operations estimated to cost more than `maxCost` on the candidate. */
  tooCostly: OperationProblem[];
  /**
   * `refuse`: an operation breaks or costs too much; `warn`: a breaking change no listed
   * operation meets; `pass`: nothing a client would notice.
   */
  verdict: 'pass' | 'warn' | 'refuse';
}

function operationOf(body: string): OperationDefinitionNode | undefined {
  return parse(body).definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
}

/** Each listed operation validated against `api`: those that fail, with the messages. */
function brokenOperations(
  api: GraphQLSchema,
  operations: readonly ListedOperation[],
): OperationProblem[] {
  return operations.flatMap(({ name, client, body }) => {
    const problems = validate(api, parse(body)).map((e) => e.message);
    return problems.length > 0 ? [{ name, ...(client ? { client } : {}), problems }] : [];
  });
}

/** Each valid listed operation costed on `supergraphSdl`: those over `maxCost`. */
function costlyOperations(
  supergraphSdl: string,
  api: GraphQLSchema,
  operations: readonly ListedOperation[],
  maxCost: number,
): OperationProblem[] {
  const directives = costDirectives(parse(supergraphSdl));
  return operations.flatMap(({ name, client, body }) => {
    const document = parse(body);
    const operation = operationOf(body);
    if (!operation || validate(api, document).length > 0) return [];
    const cost = estimateCost({ schema: api, directives, document, operation });
    if (cost <= maxCost) return [];
    const problem = `estimated to cost ${cost}, more than MAX_COST (${maxCost})`;
    return [{ name, ...(client ? { client } : {}), problems: [problem] }];
  });
}

/**
 * The checks a candidate supergraph passes before it is served: its API schema's changes
 * against the served one's, classified; every listed client operation validated against it
 * and costed. A breaking change is refused only where it breaks a listed operation: the list
 * is what the clients are known to send.
 */
export async function checkCandidate(
  currentSdl: string | null,
  candidateSdl: string,
  operations: readonly ListedOperation[],
  maxCost: number,
): Promise<CandidateReport> {
  const api = apiSchema(candidateSdl);
  const changes = currentSdl ? await schemaChanges(apiSchema(currentSdl), api) : [];
  const broken = brokenOperations(api, operations);
  const tooCostly = costlyOperations(candidateSdl, api, operations, maxCost);
  const verdict =
    broken.length > 0 || tooCostly.length > 0
      ? 'refuse'
      : changes.some((c) => c.severity === 'breaking')
        ? 'warn'
        : 'pass';
  return { changes, broken, tooCostly, verdict };
}
