import { buildSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { parse, type GraphQLSchema } from 'graphql';
import { buildSchemaSync, createResolversMap } from 'type-graphql';
import { authChecker } from '../../platform/access';
import type { SubgraphDefinition } from './definition';

/** A schema module as buildSubgraphSchema takes it, and its resolvers (typed by its signature). */
type SchemaModule = Extract<Parameters<typeof buildSubgraphSchema>[0], readonly unknown[]>[number];
type ResolverMap = NonNullable<Extract<SchemaModule, { typeDefs: unknown }>['resolvers']>;

const FEDERATION_LINK = `extend schema @link(
  url: "https://specs.apollo.dev/federation/v2.12"
  import: ["@key", "@requires", "@provides", "@external", "@shareable", "@cost", "@listSize"]
)`;

/**
 * Builds a subgraph's executable schema from its type-graphql classes: type-graphql prints the
 * types with their descriptions and federation directives, @apollo/subgraph adds `_entities`
 * and `_service`, and the entities' reference resolvers join the generated resolver map.
 */
export function buildFederatedSchema(definition: SubgraphDefinition): GraphQLSchema {
  const schema = buildSchemaSync({
    resolvers: definition.resolvers,
    orphanedTypes: definition.orphanedTypes ?? [],
    authChecker,
    // Inputs are checked by the subgraphs' batch checks, which name record, field and value.
    validate: false,
    skipCheck: true,
  });
  const resolvers = createResolversMap(schema) as ResolverMap;
  for (const [typeName, reference] of Object.entries(definition.referenceResolvers ?? {})) {
    resolvers[typeName] = {
      ...resolvers[typeName],
      ...reference,
    } as ResolverMap[string];
  }
  const typeDefs = parse(`${FEDERATION_LINK}\n${printSchemaWithDirectives(schema)}`);
  return buildSubgraphSchema([{ typeDefs, resolvers }]);
}
