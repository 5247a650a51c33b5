/**
 * A subgraph's first import (serve.ts): tracing, when configured, must patch `http` and `pg`
 * before anything else loads them. The service is named by serve.ts's argument.
 */
import { startTracing } from '../platform/tracing';

startTracing(process.argv[2] ?? 'subgraph');
