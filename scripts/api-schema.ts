import { transformSupergraphToPublicSchema } from '@theguild/federation-composition';
import { buildASTSchema, parse, type GraphQLSchema } from 'graphql';

/**
 * The schema clients see, from a supergraph's SDL: The Guild's composition library strips the
 * join, link and cost machinery and every element marked @inaccessible. @apollo/gateway serves
 * the same schema (tests/unit/api-schema.test.ts checks it); this one is synchronous and needs
 * no gateway. `npm run import` reads it in the production image, hence a production dependency.
 */
export function apiSchema(supergraphSdl: string): GraphQLSchema {
  return buildASTSchema(transformSupergraphToPublicSchema(parse(supergraphSdl)));
}
