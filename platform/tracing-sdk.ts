import { startNodeSdk } from '@opentelemetry/sdk-node';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import type { IncomingMessage } from 'node:http';
import { requestId } from './request-scope';

export type NodeSdk = ReturnType<typeof startNodeSdk>;

/** Probes and scrapes, polled every few seconds: not worth a trace each. */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics']);

function path(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

/**
 * The OpenTelemetry Node SDK configured from the standard OTEL_* variables (exporter, protocol,
 * endpoint, headers, sampler, batch settings, resource attributes), traces only: metrics stay
 * with Prometheus (/metrics) and logs with pino. Spans come from
 * - @apollo/gateway itself (gateway.request, gateway.plan, gateway.fetch, … through
 *   @opentelemetry/api),
 * - the http instrumentation: each service's incoming request, carrying the platform's request
 *   id, and each outgoing one, which carries the W3C traceparent to the next service (the
 *   gateway's fetches go through `http`; a subgraph's questions to the graph through Node's
 *   own fetch, hence the undici instrumentation too),
 * - the pg instrumentation: every SQL statement, under the request that sent it (a statement
 *   outside any request, e.g. a migration at start, makes no trace).
 */
export function startSdk(service: string): NodeSdk {
  return startNodeSdk({
    resourceAttributes: { 'service.name': service },
    metricReaders: [],
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has(path(req)),
        // The same id the service logs and answers in x-request-id (gateway and subgraphs alike).
        startIncomingSpanHook: (req) => ({ 'request.id': requestId(req) }),
      }),
      new UndiciInstrumentation(),
      new PgInstrumentation({ requireParentSpan: true }),
    ],
  });
}
