import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import type { Route } from './http';

/** Seconds: from a quick cached read to the gateway's default subgraph deadline. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Operation names are chosen by clients. Past this many distinct names a service counts new
 * ones as `other`, so no client can grow the metrics without bound.
 */
const MAX_OPERATION_NAMES = 100;

/**
 * One service's Prometheus metrics, served at GET /metrics. Each service has its own registry
 * (the tests run the gateway and every subgraph in one process); every series carries
 * `service`. Besides the GraphQL metrics below: Node's defaults (memory, CPU, event loop, GC),
 * the gateway's subgraph fetches (gateway/src/subgraph-fetch.ts) and a subgraph's database
 * (database-metrics.ts).
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly operations = new Set<string>();
  private readonly requests: Counter<'operation'>;
  private readonly errors: Counter<'operation' | 'code'>;
  private readonly duration: Histogram<'operation'>;

  constructor(service: string) {
    this.registry.setDefaultLabels({ service });
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.requests = new Counter({
      name: 'graphql_requests_total',
      help: 'GraphQL requests answered, by operation name (anonymous when unnamed)',
      labelNames: ['operation'],
      registers,
    });
    this.errors = new Counter({
      name: 'graphql_errors_total',
      help: 'GraphQL errors answered, by operation name and extensions.code',
      labelNames: ['operation', 'code'],
      registers,
    });
    this.duration = new Histogram({
      name: 'graphql_request_duration_seconds',
      help: 'Time from a request arriving to its answer, by operation name',
      labelNames: ['operation'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
  }

  /** Records one answered request and the codes of the errors it carried. */
  recordRequest(operationName: string | undefined, seconds: number, codes: string[]): void {
    const operation = this.operationLabel(operationName);
    this.requests.inc({ operation });
    this.duration.observe({ operation }, seconds);
    for (const code of codes) this.errors.inc({ operation, code });
  }

  private operationLabel(name: string | undefined): string {
    if (!name) return 'anonymous';
    if (this.operations.has(name)) return name;
    if (this.operations.size >= MAX_OPERATION_NAMES) return 'other';
    this.operations.add(name);
    return name;
  }

  /** GET /metrics in Prometheus' text format. */
  readonly serve: Route = async (_req, res) => {
    const text = await this.registry.metrics();
    res.writeHead(200, { 'content-type': this.registry.contentType });
    res.end(text);
  };
}
