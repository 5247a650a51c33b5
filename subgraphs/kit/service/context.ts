import type { DataSource } from 'typeorm';
import type { Viewer } from '../../../platform/auth';
import type { GatewayClient } from './gateway-client';

/** What every resolver of a subgraph receives: one per request. */
export interface Context<Loaders extends object = object> {
  /** Correlates the gateway's log line with every subgraph's (header x-request-id). */
  requestId: string;
  viewer: Viewer | null;
  /** Today's business date, fixed for the whole request. */
  today: string;
  db: DataSource;
  /** The federated graph, asked as this request's caller (what other subgraphs own). */
  graph: GatewayClient;
  /** This request's DataLoaders: one batch per kind of lookup, never shared across requests. */
  loaders: Loaders;
}
