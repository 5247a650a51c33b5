import { ApolloGateway } from '@apollo/gateway';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { readFileSync } from 'node:fs';
import { SUPERGRAPH_FILE } from '../../platform/paths';
import { apiSchema } from '../../scripts/api-schema';

const printed = (schema: GraphQLSchema) => printSchema(lexicographicSortSchema(schema));

describe('the API schema of the supergraph', () => {
  const supergraphSdl = readFileSync(SUPERGRAPH_FILE, 'utf8');

  it('is the schema @apollo/gateway serves from it', async () => {
    process.env.APOLLO_TELEMETRY_DISABLED = '1';
    const gateway = new ApolloGateway({ supergraphSdl });
    try {
      const { schema } = await gateway.load();
      expect(printed(apiSchema(supergraphSdl))).toBe(printed(schema));
    } finally {
      await gateway.stop();
    }
  });

  it('has none of the join and link machinery', () => {
    const sdl = printed(apiSchema(supergraphSdl));
    expect(sdl).not.toMatch(/join__|link__|@link/);
    expect(sdl).toContain('type AssessmentBoard');
  });

  it('leaves out what is @inaccessible', () => {
    const hidden = supergraphSdl.replace(/(\n\s+)(vetoed: Boolean!)/, '$1$2 @inaccessible');
    expect(hidden).not.toBe(supergraphSdl);
    const row = apiSchema(hidden).getType('AssessmentRow');
    expect(row && 'getFields' in row && Object.keys(row.getFields())).not.toContain('vetoed');
  });
});
