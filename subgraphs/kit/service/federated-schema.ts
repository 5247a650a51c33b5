import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLResolveInfo, type GraphQLSchema } from 'graphql';
import { buildSchemaSync, createResolversMap, getMetadataStorage } from 'type-graphql';
import { authChecker } from '../../../platform/access';
import type { SubgraphDefinition } from './definition';
import { checkRepresentation, stringKeyFields } from './representation-keys';

/** A schema module as buildSubgraphSchema takes it, and its resolvers (typed by its signature). */
type SchemaModule = Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number];
type ResolverMap = NonNullable<Extract<SchemaModule, { typeDefs: unknown }>['resolvers']>;

/**
 * The federation directives the subgraphs use, each with the minor version of federation 2
 * that brought it. The subgraphs link the lowest version that has all of them, so the
 * supergraph composes with any router's composition that knows that version (The Guild's
 * knows up to v2.9, Apollo's up to v2.14): adding a directive here raises it if need be.
 */
const FEDERATION_DIRECTIVES: Record<string, number> = {
  '@key': 0,
  '@requires': 0,
  '@external': 0,
  '@shareable': 0,
  '@provides': 0,
  '@inaccessible': 0,
  '@cost': 9,
  '@listSize': 9,
};

const FEDERATION_VERSION = `v2.${Math.max(...Object.values(FEDERATION_DIRECTIVES))}`;

const FEDERATION_LINK = `extend schema @link(
  url: "https://specs.apollo.dev/federation/${FEDERATION_VERSION}"
  import: ${JSON.stringify(Object.keys(FEDERATION_DIRECTIVES))}
)`;

/**
 * Builds a subgraph's executable schema from its type-graphql classes: type-graphql prints the
 * types with their descriptions and federation directives, @apollo/subgraph adds `_entities`
 * and `_service`, and the entities' reference resolvers join the generated resolver map.
 */
export function buildFederatedSchema(definition: SubgraphDefinition): GraphQLSchema {
  // Parameter decorators run from a method's last parameter to its first, and type-graphql
  // lists a field's arguments in the order they ran: sorted, they read as declared (in the
  // SDL and GraphiQL's docs pane). The sort is stable, so each method's stay together.
  getMetadataStorage().params.sort((a, b) => a.index - b.index);
  const schema = buildSchemaSync({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes ?? [],
    authChecker,
    // Inputs are checked by the subgraphs' batch checks, which name record, field and value.
    validate: false,
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as ResolverMap;
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  // Every entity's representation is checked before it is resolved: its string keys strings.
  const keys = stringKeyFields(typeDefs, schema);
  const references = definition.referenceResolvers ?? {};
  for (const typeName of new Set([...keys.keys(), ...Object.keys(references)])) {
    const fields = keys.get(typeName) ?? [];
    const reference = references[typeName];
    resolvers[typeName] = {
      ...resolvers[typeName],
      __resolveReference(
        representation: Record<string, unknown>,
        context: Parameters<NonNullable<typeof reference>['__resolveReference']>[1],
        info: GraphQLResolveInfo,
      ) {
        checkRepresentation(typeName, fields, representation);
        return reference
          ? reference.__resolveReference(representation, context, info)
          : representation;
      },
    } as ResolverMap[string];
  }
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}
