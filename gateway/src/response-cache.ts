import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { OperationTypeNode, type DocumentNode, type FormattedExecutionResult } from 'graphql';
import { createHash } from 'node:crypto';
import { Counter, Gauge } from 'prom-client';
import type { Viewer } from '../../platform/auth';
import { intEnv } from '../../platform/config';
import type { ServiceMetrics } from '../../platform/metrics';
import { keepBytes, sendBytes } from '../../platform/serialized-answer';
import type { Versions } from './data-versions';
import type { LiveSupergraph } from './live-supergraph';

interface ResponseCacheOptions {
  /** The most the cached answers may take, in bytes as sent. */
  maxBytes: number;
  /** The most answers kept. */
  maxEntries: number;
}

/** RESPONSE_CACHE_MB (64 by default, 0 turns the cache off) and RESPONSE_CACHE_ENTRIES (10,000). */
export function responseCacheOptionsFromEnv(): ResponseCacheOptions {
  return {
    maxBytes: intEnv('RESPONSE_CACHE_MB', 64) * 1024 * 1024,
    maxEntries: intEnv('RESPONSE_CACHE_ENTRIES', 10_000),
  };
}

interface Entry {
  /** The answer as its first client received it, sent again as it is. */
  body: Buffer;
  /** The versions of every subgraph the plan touches, read before the answer was computed. */
  versions: Versions;
}

/**
 * What Apollo Server carries through the rest of a hit's request in place of the answer, whose
 * kept bytes the HTTP layer sends: no errors (a kept answer has none), so the plugins that count
 * them count none.
 */
const STAND_IN: FormattedExecutionResult = Object.freeze({});

interface ViewerContext {
  viewer: Viewer | null;
}

/** Whether an entry's versions are those read now, for every subgraph the plan touches. */
function current(entry: Entry, now: Versions): boolean {
  for (const [name, version] of now) if (entry.versions.get(name) !== version) return false;
  return true;
}

/**
 * The subgraphs a query plan fetches from: every `serviceName` of its fetch nodes, whichever
 * branch (a condition's, a deferred part's) they sit in.
 */
function servicesOf(plan: unknown, into = new Set<string>()): Set<string> {
  if (Array.isArray(plan)) {
    for (const node of plan) servicesOf(node, into);
  } else if (plan && typeof plan === 'object') {
    const node = plan as Record<string, unknown>;
    if (node.kind === 'Fetch' && typeof node.serviceName === 'string') into.add(node.serviceName);
    // A fetch's own selections and operation hold no further fetches.
    else for (const value of Object.values(node)) servicesOf(value, into);
  }
  return into;
}

interface ResponseCache {
  plugin: ApolloServerPlugin<ViewerContext>;
  /** Learns which subgraphs an operation's plan fetches from (the gateway's plan callback). */
  notePlan(document: DocumentNode, plan: unknown): void;
}

/**
 * The gateway's exact response cache (docs/live-cache.md). Every query of a signed-in viewer is
 * a candidate; before it runs, the data versions of every subgraph its plan touches are read
 * (`readVersions`, one GET each, at once), and an answer kept under the same key with the same
 * versions is served from memory. Otherwise the query runs and its answer is kept with the
 * versions read before it ran: a write that commits meanwhile makes the next read run again, so
 * no answer is ever served that a write committed before the request could have changed.
 *
 * The key is the operation's name and text, its variables and the viewer's roles (a station's
 * code is one): what a live answer differs by. Answers with errors are not kept. A request
 * with `Cache-Control: no-cache` runs without the cache, which it leaves as it was.
 *
 * An answer is kept as the bytes its client received and sent again as they are
 * (platform/serialized-answer.ts): a hit costs the version check, the key's hash and a write, and
 * the bytes counted are the memory taken. The memory is a least-recently-used map bounded by
 * entries and by those bytes; an answer over a quarter of them is not kept. A new supergraph
 * empties it.
 */
export function responseCache(
  supergraph: LiveSupergraph,
  options: ResponseCacheOptions,
  metrics: ServiceMetrics,
  subgraphs: () => Iterable<string>,
  readVersions: (names: Iterable<string>) => Promise<Versions>,
): ResponseCache {
  const registers = [metrics.registry];
  const lookups = new Counter({
    name: 'gateway_response_cache_lookups_total',
    help: 'Queries the response cache saw, by result: hit, miss, bypass (no-cache) or unchecked (a version could not be read)',
    labelNames: ['result'],
    registers,
  });
  new Gauge({
    name: 'gateway_response_cache_bytes',
    help: 'The bytes of the answers the response cache holds',
    registers,
    collect() {
      this.set(bytes);
    },
  });
  new Gauge({
    name: 'gateway_response_cache_entries',
    help: 'The answers the response cache holds',
    registers,
    collect() {
      this.set(entries.size);
    },
  });
  let planned = new WeakMap<DocumentNode, ReadonlySet<string>>();
  const entries = new Map<string, Entry>();
  let bytes = 0;

  const drop = (key: string) => {
    const entry = entries.get(key);
    if (!entry) return;
    entries.delete(key);
    bytes -= entry.body.length;
  };
  supergraph.follow(() => () => {
    planned = new WeakMap();
    entries.clear();
    bytes = 0;
  });
  const keep = (key: string, body: Buffer, versions: Versions) => {
    drop(key);
    if (body.length > options.maxBytes / 4) return;
    entries.set(key, { body, versions });
    bytes += body.length;
    for (const oldest of entries.keys()) {
      if (bytes <= options.maxBytes && entries.size <= options.maxEntries) break;
      drop(oldest);
    }
  };

  const plugin: ApolloServerPlugin<ViewerContext> = {
    requestDidStart() {
      let pending: { key: string; versions: Versions } | null = null;
      let hit: Buffer | null = null;
      let outcome: string | null = null;
      return Promise.resolve({
        async responseForOperation({ document, operation, request, contextValue }) {
          const viewer = contextValue.viewer;
          if (!viewer || operation.operation !== OperationTypeNode.QUERY) return null;
          // A client that asks for a fresh answer (`Cache-Control: no-cache`) gets one, and
          // the cache is left as it was: nothing read, nothing kept, no version asked.
          if (request.http?.headers.get('cache-control')?.includes('no-cache')) {
            outcome = 'bypass';
            lookups.inc({ result: outcome });
            return null;
          }
          // Until its plan is known, every subgraph's version is read: a superset of it.
          const touched = planned.get(document) ?? new Set(subgraphs());
          let versions: Versions;
          try {
            versions = await readVersions(touched);
          } catch {
            outcome = 'unchecked';
            lookups.inc({ result: outcome });
            return null;
          }
          const key = createHash('sha256')
            .update(`${request.operationName ?? ''}\n${request.query ?? ''}\n`)
            .update(`${JSON.stringify(request.variables ?? {})}\n`)
            .update([...viewer.roles].sort().join('\n'))
            .digest('base64url');
          const entry = entries.get(key);
          if (!entry || !current(entry, versions)) {
            outcome = 'miss';
            lookups.inc({ result: outcome });
            pending = { key, versions };
            return null;
          }
          outcome = 'hit';
          lookups.inc({ result: outcome });
          // Least recently used first: re-inserted at the end.
          entries.delete(key);
          entries.set(key, entry);
          hit = entry.body;
          return {
            http: { headers: new HeaderMap() },
            body: { kind: 'single', singleResult: STAND_IN },
          };
        },
        willSendResponse({ response }) {
          // Tells the client (and the bench) whether the answer came from memory.
          if (outcome) response.http.headers.set('x-response-cache', outcome);
          const { body } = response;
          if (body.kind !== 'single') return Promise.resolve();
          if (hit && body.singleResult === STAND_IN) {
            sendBytes(hit);
          } else if (pending && !body.singleResult.errors && body.singleResult.data) {
            const { key, versions } = pending;
            keepBytes((sent) => keep(key, sent, versions));
          }
          return Promise.resolve();
        },
      });
    },
  };
  return {
    plugin,
    notePlan(document, plan) {
      if (!planned.has(document)) planned.set(document, servicesOf(plan));
    },
  };
}
