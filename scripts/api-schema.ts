import { buildASTSchema, Kind, parse, visit, type ASTNode, type GraphQLSchema } from 'graphql';

/**
 * The supergraph's own machinery: the join and link specs' directives and types, and the cost
 * spec's (@cost, @listSize), which only the gateway's cost estimate reads.
 */
const MACHINERY = /^(join__|link__|link$|cost$|listSize$)/;

const named = (node: ASTNode): string | undefined =>
  'name' in node && node.name && node.name.kind === Kind.NAME ? node.name.value : undefined;

const DEFINITIONS: ReadonlySet<Kind> = new Set([
  Kind.DIRECTIVE_DEFINITION,
  Kind.SCALAR_TYPE_DEFINITION,
  Kind.OBJECT_TYPE_DEFINITION,
  Kind.INTERFACE_TYPE_DEFINITION,
  Kind.UNION_TYPE_DEFINITION,
  Kind.ENUM_TYPE_DEFINITION,
  Kind.INPUT_OBJECT_TYPE_DEFINITION,
]);

/**
 * The schema clients see, from a supergraph's SDL: the supergraph without the join, link and
 * cost machinery (their directives, definitions and applications) and without any element marked
 * @inaccessible. @apollo/gateway serves the same schema (tests/unit/api-schema.test.ts checks
 * it); this one is synchronous and needs no gateway.
 */
export function apiSchema(supergraphSdl: string): GraphQLSchema {
  const document = visit(parse(supergraphSdl), {
    enter(node) {
      const name = named(node);
      if (node.kind === Kind.DIRECTIVE) return MACHINERY.test(name ?? '') ? null : undefined;
      if (DEFINITIONS.has(node.kind) && name && (MACHINERY.test(name) || name === 'inaccessible'))
        return null;
      if ('directives' in node && node.directives?.some((d) => d.name.value === 'inaccessible'))
        return null;
      return undefined;
    },
  });
  return buildASTSchema(document);
}
