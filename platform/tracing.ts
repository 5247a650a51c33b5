import type { NodeSdk } from './tracing-sdk';

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

let sdk: NodeSdk | undefined;

export function tracingConfigured(env: NodeJS.ProcessEnv = process.env): boolean {
  return SWITCHES.some((name) => (env[name] ?? '').trim() !== '');
}

/**
 * Starts tracing for `service` (its service.name) when configured. It must run before any
 * other module loads, since the instrumentations patch `http` and `pg` as they are required:
 * each entry point imports its tracing module first (gateway/src/tracing.ts,
 * subgraphs/tracing.ts).
 */
export function startTracing(service: string): void {
  if (sdk || !tracingConfigured()) return;
  // Required here, not imported above, so that a service without tracing never loads the SDK.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { startSdk } = require('./tracing-sdk') as typeof import('./tracing-sdk');
  sdk = startSdk(service);
}

/** Exports the spans still buffered and stops the exporter: the last step of a clean stop. */
export async function stopTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}
