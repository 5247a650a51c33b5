/**
 * A subgraph's first import (serve.ts): tracing, when configured, must patch `http`, `pg`,
 * `graphql` and `dataloader` before anything else loads them. The service is named by
 * serve.ts's argument; a subgraph executes GraphQL, so its resolvers and loaders are traced too.
 */
import { startTracing } from '../platform/tracing';

startTracing(process.argv[2] ?? 'subgraph', { execution: true });
