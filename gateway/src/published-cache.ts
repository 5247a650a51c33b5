import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { Supergraph } from '@apollo/federation-internals';
import {
  getNamedType,
  Kind,
  OperationTypeNode,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type FormattedExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { createHash } from 'node:crypto';
import { Counter, Gauge } from 'prom-client';
import type { Viewer } from '../../platform/auth';
import { intEnv } from '../../platform/config';
import type { ServiceMetrics } from '../../platform/metrics';
import type { LiveSupergraph } from './live-supergraph';

/**
 * The root fields whose whole answer is published data: a published revision never changes,
 * so the answer changes only when a board is published (PUBLISHING below clears the cache).
 */
const CACHEABLE_ROOTS = new Set(['publishedBoard', 'publishedBoards']);
/** The mutations that change what those fields answer. */
const PUBLISHING = new Set(['publishAssessmentBoard']);
/** The subgraph that holds published boards. */
const PUBLISHER = 'assessment';
/**
 * Types on a published board that are neither fixed at publication nor the same for every
 * viewer: appeals change as they are answered, and each reader sees only some. A query that
 * reads one is never cached.
 */
const LIVE_TYPES = new Set(['Appeal']);

export interface PublishedCacheOptions {
  /** The most the cached answers may take, in bytes of their JSON. */
  maxBytes: number;
  /**
   * How long an answer is served. One gateway clears its cache when a board is published
   * through it; another replica of the gateway learns of it only when its entries expire.
   */
  ttlMs: number;
}

/** PUBLISHED_CACHE_MB (64 by default, 0 turns the cache off) and PUBLISHED_CACHE_TTL_MS (60 s). */
export function publishedCacheOptionsFromEnv(): PublishedCacheOptions {
  return {
    maxBytes: intEnv('PUBLISHED_CACHE_MB', 64) * 1024 * 1024,
    ttlMs: intEnv('PUBLISHED_CACHE_TTL_MS', 60_000),
  };
}

interface Entry {
  result: FormattedExecutionResult;
  bytes: number;
  expires: number;
}

interface ViewerContext {
  viewer: Viewer | null;
}

/**
 * Whether every field of a query can be answered by the assessment subgraph alone, from what
 * it stores: a published board's station names and counties are, a station's current
 * registry entry (`station { name }`) is not, and makes the answer uncacheable; nor are a
 * board's appeals (LIVE_TYPES).
 */
function servedByPublisher(supergraph: Supergraph): (document: DocumentNode) => boolean {
  const api: GraphQLSchema = supergraph.apiSchema().toGraphQLJSSchema();
  const own = supergraph.subgraphs().get(PUBLISHER)?.schema;
  const owned = (typeName: string, fieldName: string) => {
    const field = own?.type(typeName);
    if (!field || !('field' in field)) return false;
    const definition = field.field(fieldName);
    return (
      definition !== undefined && !definition.appliedDirectives.some((d) => d.name === 'external')
    );
  };
  return (document) => {
    const info = new TypeInfo(api);
    let served = true;
    visit(
      document,
      visitWithTypeInfo(info, {
        Field(node) {
          const parent = info.getParentType();
          if (node.name.value === '__typename' || !parent) return;
          if (!owned(getNamedType(parent).name, node.name.value)) served = false;
          const type = info.getType();
          if (type && LIVE_TYPES.has(getNamedType(type).name)) served = false;
        },
      }),
    );
    return served;
  };
}

function rootFields(operation: OperationDefinitionNode): string[] | null {
  const names: string[] = [];
  for (const selection of operation.selectionSet.selections) {
    if (selection.kind !== Kind.FIELD) return null;
    names.push(selection.name.value);
  }
  return names;
}

/**
 * A response cache for published boards, in the gateway: a repeated read of a published
 * revision is answered from memory without a subgraph fetch. Only queries whose root fields
 * are all CACHEABLE_ROOTS and whose every field the assessment subgraph serves from its own
 * tables are cached. The key is the operation's text, name and variables: every field a
 * published board has is open to every signed-in viewer, so no more of the viewer changes the
 * answer (its appeals, which do depend on the viewer, are never cached); the token is verified as for any request, and an anonymous one is refused before.
 * Publishing through this gateway empties the cache at once; answers with errors are not kept.
 * The cache is a least-recently-used map bounded by the bytes of its answers. A new supergraph
 * empties it too, and what is cacheable is decided again on the new one.
 */
export function publishedCachePlugin(
  supergraph: LiveSupergraph,
  options: PublishedCacheOptions,
  metrics: ServiceMetrics,
): ApolloServerPlugin<ViewerContext> {
  const registers = [metrics.registry];
  const lookups = new Counter({
    name: 'gateway_published_cache_lookups_total',
    help: 'Cacheable reads of published boards, by result: hit, miss or bypass (no-cache)',
    labelNames: ['result'],
    registers,
  });
  new Gauge({
    name: 'gateway_published_cache_bytes',
    help: "The bytes of JSON the published boards' response cache holds",
    registers,
    collect() {
      this.set(bytes);
    },
  });
  let served = servedByPublisher(Supergraph.build(supergraph.current.sdl));
  let decided = new WeakMap<DocumentNode, boolean>();
  const entries = new Map<string, Entry>();
  let bytes = 0;
  /** Bumped by every publication, so an answer read before it is not kept after it. */
  let generation = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.bytes;
  };
  const clear = () => {
    generation += 1;
    entries.clear();
    bytes = 0;
  };
  supergraph.follow((_sdl, built) => {
    const next = servedByPublisher(built);
    return () => {
      served = next;
      decided = new WeakMap();
      clear();
    };
  });
  const cacheable = (document: DocumentNode, operation: OperationDefinitionNode) => {
    let known = decided.get(document);
    if (known === undefined) {
      const roots = rootFields(operation);
      known =
        operation.operation === OperationTypeNode.QUERY &&
        roots !== null &&
        roots.length > 0 &&
        roots.every((name) => CACHEABLE_ROOTS.has(name)) &&
        served(document);
      decided.set(document, known);
    }
    return known;
  };

  return {
    requestDidStart() {
      let key: string | null = null;
      let startedIn = generation;
      return Promise.resolve({
        responseForOperation({ document, operation, request, contextValue }) {
          if (!contextValue.viewer || !cacheable(document, operation)) return Promise.resolve(null);
          key = createHash('sha256')
            .update(`${request.operationName ?? ''}\n${request.query ?? ''}\n`)
            .update(JSON.stringify(request.variables ?? {}))
            .digest('base64url');
          startedIn = generation;
          // A client that asks for a fresh answer (`Cache-Control: no-cache`) gets one, kept.
          if (request.http?.headers.get('cache-control')?.includes('no-cache')) {
            lookups.inc({ result: 'bypass' });
            return Promise.resolve(null);
          }
          const entry = entries.get(key);
          if (entry && entry.expires <= Date.now()) drop(key);
          if (!entry || !entries.has(key)) {
            lookups.inc({ result: 'miss' });
            return Promise.resolve(null);
          }
          lookups.inc({ result: 'hit' });
          // Least recently used last: re-inserted at the end.
          entries.delete(key);
          entries.set(key, entry);
          return Promise.resolve({
            http: { headers: new HeaderMap() },
            body: { kind: 'single', singleResult: entry.result },
          });
        },
        willSendResponse({ operation, response }) {
          if (operation?.operation === OperationTypeNode.MUTATION) {
            if (rootFields(operation)?.some((name) => PUBLISHING.has(name))) clear();
            return Promise.resolve();
          }
          if (key === null || entries.has(key) || startedIn !== generation) {
            return Promise.resolve();
          }
          const { body } = response;
          if (body.kind !== 'single' || body.singleResult.errors || !body.singleResult.data) {
            return Promise.resolve();
          }
          const size = JSON.stringify(body.singleResult).length;
          if (size > options.maxBytes / 4) return Promise.resolve();
          entries.set(key, {
            result: body.singleResult,
            bytes: size,
            expires: Date.now() + options.ttlMs,
          });
          bytes += size;
          for (const oldest of entries.keys()) {
            if (bytes <= options.maxBytes) break;
            drop(oldest);
          }
          return Promise.resolve();
        },
      });
    },
  };
}
