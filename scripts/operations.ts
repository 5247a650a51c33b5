import {
  Kind,
  parse,
  print,
  specifiedRules,
  validate,
  visit,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { DEFAULT_LIMITS, shapeLimitRule } from '../platform/limits';
import { operationId, type OperationManifest } from '../platform/operations';

export interface Manifest {
  /** schema/operations.json as it should read. */
  text: string;
  /** What keeps an operation off the list: syntax, names, the schema, the gateway's limits. */
  errors: string[];
}

interface Named<T> {
  file: string;
  node: T;
}

/** The fragments an operation spreads, directly or through other fragments, by name. */
function fragmentsUsed(
  node: OperationDefinitionNode | FragmentDefinitionNode,
  fragments: ReadonlyMap<string, Named<FragmentDefinitionNode>>,
  used = new Map<string, FragmentDefinitionNode>(),
): Map<string, FragmentDefinitionNode> {
  visit(node, {
    FragmentSpread({ name: { value } }) {
      const fragment = fragments.get(value);
      if (!fragment || used.has(value)) return;
      used.set(value, fragment.node);
      fragmentsUsed(fragment.node, fragments, used);
    },
  });
  return used;
}

function readDefinitions(dir: string, generated: ReadonlyMap<string, string>, errors: string[]) {
  const operations = new Map<string, Named<OperationDefinitionNode>>();
  const fragments = new Map<string, Named<FragmentDefinitionNode>>();
  // Subfolders too: GraphiQL's examples (examples/) are listed like any other operation.
  const onDisk = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  const names = [...new Set([...onDisk, ...generated.keys()])].filter((name) =>
    name.endsWith('.graphql'),
  );
  for (const file of names.sort().map((name) => `${basename(dir)}/${name}`)) {
    let document: DocumentNode;
    try {
      const name = file.slice(basename(dir).length + 1);
      document = parse(generated.get(name) ?? readFileSync(join(dir, name), 'utf8'));
    } catch (error) {
      errors.push(`${file}: ${(error as Error).message}`);
      continue;
    }
    for (const node of document.definitions) {
      if (node.kind === Kind.OPERATION_DEFINITION && !node.name) {
        errors.push(`${file}: every operation needs a name, the one clients and logs know it by`);
      } else if (
        node.kind === Kind.OPERATION_DEFINITION ||
        node.kind === Kind.FRAGMENT_DEFINITION
      ) {
        const name = node.name?.value ?? '';
        const named: Map<string, Named<typeof node>> = node.kind === Kind.OPERATION_DEFINITION
          ? operations
          : fragments;
        const other = named.get(name);
        if (other) errors.push(`${file}: ${name} is defined again (first in ${other.file})`);
        else named.set(name, { file, node });
      } else {
        errors.push(`${file}: holds a ${node.kind}; only operations and fragments belong here`);
      }
    }
  }
  return { operations, fragments };
}

/**
 * The safelist manifest from every schema/operations/*.graphql file: each named operation with the
 * fragments it uses, printed the way a client must send it, and checked against the API schema
 * and the gateway's default limits so the list never holds an operation the gateway refuses.
 * `generated` holds the files `npm run schema` writes itself (by name in `dir`), read from there
 * instead of the disk, which may hold an older version.
 */
export function operationManifest(
  dir: string,
  api: GraphQLSchema,
  generated: ReadonlyMap<string, string> = new Map(),
): Manifest {
  const errors: string[] = [];
  const { operations, fragments } = readDefinitions(dir, generated, errors);
  const everyUsed = new Set<string>();
  const listed = [...operations.values()]
    .sort((a, b) => (a.node.name?.value ?? '').localeCompare(b.node.name?.value ?? ''))
    .map(({ file, node }) => {
      const name = node.name?.value ?? '';
      const used = [...fragmentsUsed(node, fragments)].sort(([a], [b]) => a.localeCompare(b));
      used.forEach(([fragment]) => everyUsed.add(fragment));
      const body = print({ kind: Kind.DOCUMENT, definitions: [node, ...used.map(([, f]) => f)] });
      try {
        const problems = validate(api, parse(body, { maxTokens: DEFAULT_LIMITS.tokens }), [
          ...specifiedRules,
          shapeLimitRule(DEFAULT_LIMITS),
        ]);
        errors.push(...problems.map((problem) => `${file}: ${name}: ${problem.message}`));
      } catch (error) {
        errors.push(`${file}: ${name}: ${(error as Error).message}`);
      }
      return { id: operationId(body), name, type: node.operation, body };
    });
  for (const [name, { file }] of fragments) {
    if (!everyUsed.has(name)) errors.push(`${file}: fragment ${name} is used by no operation`);
  }
  const manifest: OperationManifest = {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: listed,
  };
  return { text: JSON.stringify(manifest, null, 2) + '\n', errors };
}
