import { context, diag, DiagConsoleLogger, propagation, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import {
  CompositePropagator,
  diagLogLevelFromString,
  getNumberFromEnv,
  getStringFromEnv,
  getStringListFromEnv,
  W3CBaggagePropagator,
  W3CTraceContextPropagator,
} from '@opentelemetry/core';
import { OTLPTraceExporter as OtlpJsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as OtlpProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { registerInstrumentations, type Instrumentation } from '@opentelemetry/instrumentation';
import { DataloaderInstrumentation } from '@opentelemetry/instrumentation-dataloader';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import {
  detectResources,
  hostDetector,
  processDetector,
  resourceAttributesEnvDetector,
  resourceFromAttributes,
} from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  ConsoleSpanExporter,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  TracerProvider,
  type Sampler,
  type SpanExporter,
  type SpanProcessor,
} from '@opentelemetry/sdk-trace';
import type { IncomingMessage } from 'node:http';
import { DATA_VERSION_PATH } from './data-version';
import { REQUEST_ID_ATTRIBUTE, requestId } from './request-scope';
import { WithoutPerKeyLoads } from './tracing-loads';

/**
 * Probes and scrapes, polled every few seconds, and the response cache's version checks: not
 * worth a trace each (the gateway's own span of a check times it, under its request).
 */
const UNTRACED_PATHS = new Set(['/health', '/ready', '/metrics', DATA_VERSION_PATH]);

export interface TracingOptions {
  /**
   * Spans for GraphQL execution (parse, validate, execute, each resolver that is not a plain
   * property read) and for DataLoader loads and batches. The subgraphs execute GraphQL; the
   * gateway only plans and fetches, which its own `gateway.*` spans already show.
   */
  execution: boolean;
}

export interface TracingSdk {
  shutdown(): Promise<void>;
}

function path(req: IncomingMessage): string {
  return new URL(req.url ?? '/', 'http://localhost').pathname;
}

/** OTEL_TRACES_SAMPLER and its argument, as the specification names them. */
function samplerFromEnv(): Sampler | undefined {
  const name = getStringFromEnv('OTEL_TRACES_SAMPLER');
  const ratio = () => {
    const value = getNumberFromEnv('OTEL_TRACES_SAMPLER_ARG') ?? 1;
    if (value >= 0 && value <= 1) return value;
    diag.warn(`OTEL_TRACES_SAMPLER_ARG=${value} is outside [0, 1]: sampling every trace`);
    return 1;
  };
  switch (name) {
    case undefined:
      return undefined;
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratio());
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratio()) });
    default:
      diag.warn(`OTEL_TRACES_SAMPLER=${name} is not a sampler: using parentbased_always_on`);
      return undefined;
  }
}

/**
 * OTLP over HTTP, protobuf (the specification's default) or JSON. The exporter itself reads the
 * endpoint, headers, timeout and compression variables.
 */
function otlpExporter(): SpanExporter {
  const protocol =
    getStringFromEnv('OTEL_EXPORTER_OTLP_TRACES_PROTOCOL') ??
    getStringFromEnv('OTEL_EXPORTER_OTLP_PROTOCOL') ??
    'http/protobuf';
  if (protocol === 'http/json') return new OtlpJsonExporter();
  if (protocol !== 'http/protobuf') {
    diag.warn(`OTLP protocol ${protocol} is not supported: sending http/protobuf (port 4318)`);
  }
  return new OtlpProtobufExporter();
}

/** OTEL_TRACES_EXPORTER: `otlp` (the default), `console` or both; the OTEL_BSP_* batch settings. */
function spanProcessorsFromEnv(): SpanProcessor[] {
  const names = new Set(getStringListFromEnv('OTEL_TRACES_EXPORTER') ?? ['otlp']);
  const processors: SpanProcessor[] = [];
  for (const name of names) {
    if (name === 'otlp') {
      processors.push(
        new BatchSpanProcessor({
          exporter: otlpExporter(),
          maxQueueSize: getNumberFromEnv('OTEL_BSP_MAX_QUEUE_SIZE'),
          scheduledDelayMillis: getNumberFromEnv('OTEL_BSP_SCHEDULE_DELAY'),
          exportTimeoutMillis: getNumberFromEnv('OTEL_BSP_EXPORT_TIMEOUT'),
          maxExportBatchSize: getNumberFromEnv('OTEL_BSP_MAX_EXPORT_BATCH_SIZE'),
        }),
      );
    } else if (name === 'console') {
      processors.push(new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() }));
    } else {
      diag.warn(`OTEL_TRACES_EXPORTER=${name} is not supported here: use otlp or console`);
    }
  }
  return processors;
}

function instrumentations(options: TracingOptions): Instrumentation[] {
  const always: Instrumentation[] = [
    // Each service's incoming request, carrying the platform's request id, and each outgoing
    // one, which carries the W3C traceparent to the next service: the gateway's fetches go
    // through `http`, a subgraph's questions to the graph through Node's own fetch (undici).
    new HttpInstrumentation({
      ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.has(path(req)),
      // The same id the service logs and answers in x-request-id (gateway and subgraphs alike).
      startIncomingSpanHook: (req) => ({ [REQUEST_ID_ATTRIBUTE]: requestId(req) }),
    }),
    new UndiciInstrumentation(),
    // A statement outside any request (a migration at start) makes no trace.
    new PgInstrumentation({ requireParentSpan: true }),
  ];
  if (!options.execution) return always;
  return [
    ...always,
    new GraphQLInstrumentation({
      // A field read off its parent object is not worth a span; the resolvers that run code are.
      ignoreTrivialResolveSpans: true,
      // One span per field path (`rows.*.total`), not one per list item: a board of a thousand
      // stations stays a trace of a few hundred spans. The span times the first item's resolver.
      mergeItems: true,
    }),
    // Its batches, under the resolver that asked; its per-key loads are not exported
    // (tracing-loads.ts).
    new DataloaderInstrumentation({ requireParentSpan: true }),
  ];
}

/**
 * The OpenTelemetry trace SDK from its parts, configured from the standard OTEL_* variables
 * (docs/tracing.md lists those honoured), traces only: metrics stay with Prometheus
 * (/metrics) and logs with pino. Spans come from @apollo/gateway itself (gateway.request,
 * gateway.plan, gateway.fetch, … through @opentelemetry/api) and from the instrumentations above.
 */
export function startSdk(service: string, options: TracingOptions): TracingSdk {
  diag.setLogger(new DiagConsoleLogger(), {
    logLevel: diagLogLevelFromString(getStringFromEnv('OTEL_LOG_LEVEL') ?? 'info'),
  });
  registerInstrumentations({ instrumentations: instrumentations(options) });
  const detected = detectResources({
    detectors: [hostDetector, processDetector, resourceAttributesEnvDetector],
  });
  const provider = new TracerProvider({
    // Each service names itself, whatever OTEL_SERVICE_NAME says: `npm start` gives all one
    // environment.
    resource: detected.merge(resourceFromAttributes({ 'service.name': service })),
    sampler: samplerFromEnv(),
    spanProcessors: spanProcessorsFromEnv().map((processor) => new WithoutPerKeyLoads(processor)),
  });
  const contextManager = new AsyncLocalStorageContextManager().enable();
  context.setGlobalContextManager(contextManager);
  propagation.setGlobalPropagator(
    new CompositePropagator({
      propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()],
    }),
  );
  trace.setGlobalTracerProvider(provider);
  return { shutdown: () => provider.shutdown() };
}
