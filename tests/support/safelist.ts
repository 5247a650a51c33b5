import { readFileSync } from 'node:fs';
import type { OperationManifest } from '../../gateway/src/safelist';
import { OPERATIONS_FILE } from '../../subgraphs/kit/paths';

/** The exact text of an operation in schema/operations.json, as a client must send it. */
export function listedOperation(name: string): string {
  const manifest = JSON.parse(readFileSync(OPERATIONS_FILE, 'utf8')) as OperationManifest;
  const operation = manifest.operations.find((o) => o.name === name);
  if (!operation) throw new Error(`schema/operations.json lists no ${name}`);
  return operation.body;
}
