import { composeServices } from '@apollo/composition';
import { composeServices as composeWithGuild } from '@theguild/federation-composition';
import { parse, type GraphQLError } from 'graphql';

/** One subgraph as composition takes it: its name, its SDL and where the gateway reaches it. */
export interface SubgraphSdl {
  name: string;
  sdl: string;
  url: string;
}

export type Composition = { supergraphSdl: string; errors: [] } | { errors: string[] };

/**
 * A composition error as a reviewer needs it: the composer, Apollo's code, the message (which
 * names the subgraph in brackets, `[cases]`) and the element it concerns with its line, so the
 * owning team finds it in its own SDL.
 */
function describe(composer: string, error: GraphQLError): string {
  const code = error.extensions.code;
  const where = (error.nodes ?? [])
    .map((node) => {
      const name = 'name' in node && node.name && 'value' in node.name ? node.name.value : '';
      const subgraph = (node.loc?.source.name ?? '').replace(/^GraphQL request$/, '');
      const line = node.loc ? `:${node.loc.startToken.line}` : '';
      return `${subgraph ? `${subgraph} ` : ''}${name}${line}`.trim();
    })
    .filter((where) => where !== '');
  const at = where.length > 0 ? ` (at ${where.join(', ')})` : '';
  return `${composer}${typeof code === 'string' ? ` ${code}` : ''}: ${error.message}${at}`;
}

/**
 * Composes the subgraphs twice: with @apollo/composition, whose supergraph the gateway serves,
 * and with The Guild's @theguild/federation-composition (what Hive's gateway and router build
 * with), so the subgraphs stay portable to another router: either failing fails composition.
 */
export function compose(subgraphs: readonly SubgraphSdl[]): Composition {
  const errors: string[] = [];
  const services = subgraphs.map(({ name, sdl, url }) => {
    try {
      return { name, url, typeDefs: parse(sdl) };
    } catch (error) {
      errors.push(`${name}: ${(error as Error).message}`);
      return null;
    }
  });
  const parsed = services.filter((s) => s !== null);
  if (errors.length > 0) return { errors };
  const apollo = composeServices(parsed);
  const guild = composeWithGuild(parsed);
  errors.push(
    ...(apollo.errors ?? []).map((e) => describe('@apollo/composition', e)),
    ...(guild.errors ?? []).map((e) => describe('@theguild/federation-composition', e)),
  );
  if (errors.length > 0 || apollo.errors) return { errors };
  return { supergraphSdl: apollo.supergraphSdl + '\n', errors: [] };
}
