import {
  Kind,
  parse,
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
import {
  canonicalText,
  operationId,
  type ListedOperation,
  type OperationManifest,
} from '../platform/operations';

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

/** An operations file: where it is (as errors name it) and its text. */
export interface OperationSource {
  file: string;
  text: string;
}

/** The `.graphql` files under `dir`, subfolders too, with `generated` read instead of the disk. */
function sourcesIn(dir: string, generated: ReadonlyMap<string, string>): OperationSource[] {
  // Subfolders too: GraphiQL's examples (examples/) are listed like any other operation.
  const onDisk = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  return [...new Set([...onDisk, ...generated.keys()])]
    .filter((name) => name.endsWith('.graphql'))
    .sort()
    .map((name) => ({
      file: `${basename(dir)}/${name}`,
      text: generated.get(name) ?? readFileSync(join(dir, name), 'utf8'),
    }));
}

function readDefinitions(sources: readonly OperationSource[], errors: string[]) {
  const operations = new Map<string, Named<OperationDefinitionNode>>();
  const fragments = new Map<string, Named<FragmentDefinitionNode>>();
  for (const { file, text } of sources) {
    let document: DocumentNode;
    try {
      document = parse(text);
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

/** The messages of what keeps `body` off the list: the API schema and the gateway's shape limits. */
function validationProblems(api: GraphQLSchema, body: string): string[] {
  try {
    return validate(api, parse(body, { maxTokens: DEFAULT_LIMITS.tokens }), [
      ...specifiedRules,
      shapeLimitRule(DEFAULT_LIMITS),
    ]).map((problem) => problem.message);
  } catch (error) {
    return [(error as Error).message];
  }
}

/**
 * Each named operation of `sources` with the fragments it uses, in its listed text
 * (platform/operations.ts), checked against the API schema and the gateway's default limits so
 * the list never holds an operation the gateway refuses; sorted by name. What keeps one off the
 * list goes to `errors`, with its file and name.
 */
export function listedOperations(
  sources: readonly OperationSource[],
  api: GraphQLSchema,
  errors: string[],
): ListedOperation[] {
  const { operations, fragments } = readDefinitions(sources, errors);
  const everyUsed = new Set<string>();
  const listed = [...operations.values()]
    .sort((a, b) => (a.node.name?.value ?? '').localeCompare(b.node.name?.value ?? ''))
    .map(({ file, node }) => {
      const name = node.name?.value ?? '';
      const used = [...fragmentsUsed(node, fragments).entries()];
      used.forEach(([fragment]) => everyUsed.add(fragment));
      const body = canonicalText([node, ...used.map(([, f]) => f)]);
      errors.push(...validationProblems(api, body).map((p) => `${file}: ${name}: ${p}`));
      return { id: operationId(body), name, type: node.operation, body };
    });
  for (const [name, { file }] of fragments) {
    if (!everyUsed.has(name)) errors.push(`${file}: fragment ${name} is used by no operation`);
  }
  return listed;
}

/**
 * What keeps `candidates` (one client's, or the repository's when `client` is undefined) off a
 * list that holds `listed`: a name another client (or the repository) lists already. Two teams
 * must never answer to one name in the logs; and since an id is the hash of a text that holds
 * the operation's name, unique names make unique ids.
 */
export function clashes(
  listed: readonly ListedOperation[],
  candidates: readonly ListedOperation[],
  client: string | undefined,
): string[] {
  return candidates.flatMap(({ name }) => {
    const other = listed.find((o) => o.client !== client && o.name === name);
    if (!other) return [];
    return [`${name}: the name is ${other.client ? `client ${other.client}` : 'the repository'}'s`];
  });
}

/** The manifest's order: the repository's operations by name, then each client's by name. */
export function manifestText(operations: readonly ListedOperation[]): string {
  const manifest: OperationManifest = {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: [...operations].sort(
      (a, b) => (a.client ?? '').localeCompare(b.client ?? '') || a.name.localeCompare(b.name),
    ),
  };
  return JSON.stringify(manifest, null, 2) + '\n';
}

/**
 * The safelist manifest: every schema/operations/*.graphql file's operations (listedOperations),
 * then the operations clients published (`published`, the current manifest's entries with a
 * `client`), each checked again against the API schema, since the schema may have changed
 * under them. `generated` holds the files `npm run schema` writes itself (by name in `dir`),
 * read from there instead of the disk, which may hold an older version.
 */
export function operationManifest(
  dir: string,
  api: GraphQLSchema,
  generated: ReadonlyMap<string, string> = new Map(),
  published: readonly ListedOperation[] = [],
): Manifest {
  const errors: string[] = [];
  const own = listedOperations(sourcesIn(dir, generated), api, errors);
  for (const { client, name, body } of published) {
    errors.push(...validationProblems(api, body).map((p) => `client ${client}: ${name}: ${p}`));
  }
  errors.push(...clashes(published, own, undefined));
  return { text: manifestText([...own, ...published]), errors };
}
