import { Kind, print, type DefinitionNode } from 'graphql';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { OPERATIONS_FILE } from './paths';

/**
 * schema/operations.json, in Apollo's persisted query manifest format so Apollo's client tools
 * (e.g. @apollo/persisted-query-lists) can read it. `id` is the SHA-256 of `body`, the same hash
 * an automatic persisted query (APQ) carries, and `body` is `print()`ed as Apollo Client sends it.
 * The gateway's safelist runs these operations only; the subgraphs send them as listed when they
 * ask the graph, so both read them here.
 */
export interface OperationManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: ListedOperation[];
}

/**
 * One listed operation. `client` names the team that published it with `npm run
 * operations:publish`; the repository's own operations (schema/operations/) have none.
 */
export interface ListedOperation {
  id: string;
  name: string;
  type: string;
  body: string;
  client?: string;
}

/** The listed operations, as schema/operations.json (or `file`) holds them. */
export function readManifest(file = OPERATIONS_FILE): OperationManifest {
  return JSON.parse(readFileSync(file, 'utf8')) as OperationManifest;
}

/** The exact text of a listed operation, as a client must send it. */
export function listedOperation(name: string, file = OPERATIONS_FILE): string {
  const manifest = readManifest(file);
  const operation = manifest.operations.find((o) => o.name === name);
  if (!operation) throw new Error(`${file} lists no operation ${name}`);
  return operation.body;
}

/**
 * A document's listed text: `print()`ed (no comments, graphql-js's spacing), its operations
 * first in their order, then its fragments by name. What a client writes in its own layout and
 * order has one such text, and its SHA-256 is the operation's id in the safelist.
 */
export function canonicalText(definitions: readonly DefinitionNode[]): string {
  const fragments = definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION);
  return print({
    kind: Kind.DOCUMENT,
    definitions: [
      ...definitions.filter((d) => d.kind !== Kind.FRAGMENT_DEFINITION),
      ...fragments.sort((a, b) => a.name.value.localeCompare(b.name.value)),
    ],
  });
}

export function operationId(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}
