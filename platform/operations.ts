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
  operations: { id: string; name: string; type: string; body: string }[];
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

export function operationId(body: string): string {
  return createHash('sha256').update(body).digest('hex');
}
