import type { TracingOptions, TracingSdk } from './tracing-sdk';

/**
 * OpenTelemetry traces, off unless an OTLP endpoint is configured. Set
 * OTEL_EXPORTER_OTLP_ENDPOINT (or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, or OTEL_TRACES_EXPORTER)
 * and every service exports its spans, with the other standard OTEL_* variables honoured
 * (docs/tracing.md). Unset, the SDK is never even loaded: no exporter, no patched modules, no
 * cost.
 */
const SWITCHES = [
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  'OTEL_TRACES_EXPORTER',
];

let sdk: TracingSdk | undefined;

function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (name: string) => (env[name] ?? '').trim().toLowerCase();
  if (value('OTEL_SDK_DISABLED') === 'true' || value('OTEL_TRACES_EXPORTER') === 'none') {
    return false;
  }
  return SWITCHES.some((name) => value(name) !== '');
}

/**
 * Starts tracing for `service` (its service.name) when configured. It must run before any
 * other module loads, since the instrumentations patch `http`, `pg`, `graphql` and `dataloader`
 * as they are required: each entry point imports its tracing module first
 * (gateway/src/tracing.ts, subgraphs/tracing.ts).
 */
export function startTracing(service: string, options: TracingOptions): void {
  if (sdk || !tracingConfigured()) return;
  // Required here, not imported above, so that a service without tracing never loads the SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSdk } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  sdk = startSdk(service, options);
}

/**
 * Whether this process traces: its GraphQL execution is observed by patching graphql-js, so
 * whatever would execute otherwise must use graphql-js meanwhile.
 */
export const tracing = (): boolean => sdk !== undefined;

/** Exports the spans still buffered and stops the exporter: the last step of a clean stop. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}
